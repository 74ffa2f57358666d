"""Demo care records: clients in every stage of the cycle, so the 今日 page and the 運営基準
report have something to show. Idempotent: a client that already has a plan is left alone.

Stages by the client's position (kana order): draft plan; presented at a meeting and awaiting
consent; active with this month's monitoring done; active with monitoring overdue (last month and
this month missing). Certifications ending within 60 days come from demo.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from carebridge.assessments import services as assessment_services
from carebridge.assessments.inputs import AssessmentInput
from carebridge.careplans import services as plan_services
from carebridge.careplans.inputs import (
    AttendeeInput,
    ConferenceInput,
    PlanConsentInput,
    PlanInput,
    ServiceInput,
    WeeklyEntryInput,
)
from carebridge.careplans.models import CarePlan
from carebridge.careplans.prevention_rules import PREVENTION_LEVELS
from carebridge.casework import services as case_services
from carebridge.casework.inputs import MonitoringInput, NoteInput
from carebridge.clients.models import Certification, Client
from carebridge.core.dates import month_start, next_month, previous_month
from carebridge.core.models import Office
from carebridge.directory.models import Provider

STAGES = ("active", "draft", "awaiting_consent", "overdue", "active", "active")

NEEDS = (
    (
        "一人で安全に入浴したい",
        "週2回、安心して入浴できる",
        "介助を受けて安全に入浴する",
        ("15", "入浴介助・機能訓練", "通所介護", "週2回"),
    ),
    (
        "転ばずに家の中を歩きたい",
        "屋内を一人で歩ける",
        "手すりを使って歩く",
        ("17", "手すり・歩行器の貸与", "福祉用具貸与", "毎日"),
    ),
)
EXTRA = ("13", "服薬管理・健康状態の観察", "訪問看護", "週1回")


def _progress(items: list[Client], quiet: bool) -> Iterable[Client]:
    if quiet:
        return items
    from tqdm import tqdm

    return tqdm(items, desc="ケア記録", unit="名")


def load_care(*, office: Office, today: dt.date, quiet: bool = False) -> int:
    providers = {code: p for p in Provider.objects.filter(office=office) for code in p.service_type_codes}
    clients = list(
        Client.objects.filter(office=office, care_manager__isnull=False).select_related("care_manager").order_by("id")
    )
    done = set(CarePlan.objects.filter(client__office=office).values_list("client_id", flat=True))
    created = 0
    for index, client in enumerate(_progress(clients, quiet)):
        if client.pk in done:
            continue
        cert = Certification.objects.filter(client=client).order_by("-valid_from").first()
        if cert is None or cert.care_level in PREVENTION_LEVELS:
            continue  # 要支援・事業対象者: a 介護予防サービス・支援計画書 instead (demo_prevention.py)
        _load_client(client, cert, providers, STAGES[index % len(STAGES)], today, index)
        created += 1
    return created


def _load_client(
    client: Client, cert: Certification, providers: dict[str, Provider], stage: str, today: dt.date, index: int
) -> None:
    actor = client.care_manager
    if actor is None:  # filtered out by the caller; keeps the type checker honest
        return
    this_month = month_start(today)
    if stage in ("draft", "awaiting_consent"):
        start = max(cert.valid_from, today - dt.timedelta(days=3)) + dt.timedelta(days=10)
    else:
        start = max(
            cert.valid_from + dt.timedelta(days=5),
            month_start(today - dt.timedelta(days=80)) + dt.timedelta(days=14),
        )
    end = min(cert.valid_to, start + dt.timedelta(days=180))
    drafted = min(start - dt.timedelta(days=8), today)
    assessed = drafted - dt.timedelta(days=2)
    assessment_services.assessment_create(
        actor=actor,
        client=client,
        data=AssessmentInput(
            assessed_on=assessed,
            reason="initial",
            place="自宅",
            items={
                "07": {"client": "住み慣れた家で暮らし続けたい", "family": "転倒と入浴が心配"},
                "11": {
                    "walking": "見守り",
                    "bathing": "一部介助",
                    "text": "屋内は伝い歩き。浴槽のまたぎに介助が必要。",
                },
                "21": {"main_carer": "長女", "burden": "中程度", "carer_working": "あり"},
            },
        ),
    )
    plan = plan_services.careplan_create(
        actor=actor,
        client=client,
        data=PlanInput(
            drafted_on=drafted,
            reason="new",
            plan_origin="initial",
            intentions="本人: 自宅で暮らし続けたい。家族: 入浴中の転倒が心配。",
            policy="入浴と歩行を支え、転倒を防ぐ。家族の介護負担を減らす。",
            daily_activities="7:00 起床\n12:00 昼食\n21:00 就寝",
        ),
    )
    used: list[Provider] = []
    needs = NEEDS if index % 2 else (NEEDS[0], (*NEEDS[1][:3], EXTRA))
    for text, long_text, short_text, (code, content, kind, frequency) in needs:
        need = plan_services.need_add(actor=actor, plan=plan, text=text)
        long = plan_services.goal_add(
            actor=actor, need=need, term="long", text=long_text, period_start=start, period_end=end
        )
        short = plan_services.goal_add(
            actor=actor,
            need=need,
            term="short",
            parent=long,
            text=short_text,
            period_start=start,
            period_end=min(end, start + dt.timedelta(days=90)),
        )
        provider = providers.get(code)
        if provider is None:
            continue
        used.append(provider)
        plan_services.service_add(
            actor=actor,
            goal=short,
            data=ServiceInput(
                content=content,
                service_kind=kind,
                provider=provider,
                frequency=frequency,
                period_start=start,
                period_end=short.period_end,
            ),
        )
    for weekday in (1, 4):
        plan_services.weekly_entry_add(
            actor=actor,
            plan=plan,
            data=WeeklyEntryInput(
                weekday=weekday, start_time=dt.time(9, 30), end_time=dt.time(16, 0), label="通所介護"
            ),
        )
    if stage == "draft":
        return
    meeting = min(drafted + dt.timedelta(days=3), today)
    plan_services.conference_create(
        actor=actor,
        plan=plan,
        data=ConferenceInput(
            held_on=meeting,
            place="利用者宅",
            items_discussed="居宅サービス計画原案について",
            discussion="入浴と歩行の支援について、各事業所の役割を確認した。",
            conclusion="原案のとおり実施する。",
            remaining_issues="3か月後に歩行状態を評価する。",
            attendees=(
                AttendeeInput(kind="client", name=client.name),
                AttendeeInput(kind="care_manager", name=str(actor), affiliation="介護支援専門員"),
            ),
        ),
    )
    if stage == "awaiting_consent":
        return
    plan_services.plan_consent_record(
        actor=actor, plan=plan, data=PlanConsentInput(consented_on=meeting, signer_name=client.name)
    )
    plan_services.plan_delivery_record(actor=actor, plan=plan, provider=None, delivered_on=meeting, method="hand")
    for provider in dict.fromkeys(used):
        plan_services.plan_delivery_record(
            actor=actor, plan=plan, provider=provider, delivered_on=meeting, method="fax"
        )
    plan_services.careplan_activate(actor=actor, plan=plan, service_start_on=start)
    # Monthly monitoring from the month after services start; an "overdue" client misses the last two.
    skipped = {this_month, previous_month(this_month)} if stage == "overdue" else set()
    month = next_month(month_start(start))
    while month <= this_month:
        if month not in skipped:
            visit_day = month.replace(day=min(10, today.day) if month == this_month else 10)
            case_services.monitoring_record(
                actor=actor,
                client=client,
                month=month,
                data=MonitoringInput(
                    visited_on=visit_day,
                    service_status="予定どおり利用している。",
                    client_view="デイサービスが楽しみ。",
                ),
            )
            case_services.progress_note_create(
                actor=actor,
                client=client,
                data=NoteInput(
                    noted_on=visit_day,
                    category="visit",
                    content="モニタリング訪問。サービスは予定どおり。体調に変化なし。",
                ),
            )
        month = next_month(month)
