"""Demo care records: clients in every stage of the cycle, so the 今日 page and the 運営基準
report have something to show. Idempotent: a client that already has a plan is left alone.

Stages by the client's position (kana order): draft plan; presented at a meeting and awaiting
consent; active with this month's monitoring done; active with monitoring overdue (last month and
this month missing). Certifications ending within 60 days come from demo.py.

Every client with a plan has a contract with 第4条第2項's explanation and an assessment at the home
(client and family interviewed, 第13条第7号); monitoring starts in the month services start, on or
after the start day (第13条第14号). A few active clients show what the 運営基準 report catches
(VARIANTS): a month in hospital recorded as 特段の事情, a 区分変更 certification without a meeting
after it (第13条第15号), an assessment made at the hospital, and services that started this month
with the month's visit still to do.
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
    InquiryInput,
    PlanConsentInput,
    PlanInput,
    ServiceInput,
    WeeklyEntryInput,
)
from carebridge.careplans.models import CarePlan
from carebridge.careplans.prevention_rules import PREVENTION_LEVELS
from carebridge.casework import services as case_services
from carebridge.casework.inputs import ContractInput, MonitoringInput, SpecialCircumstanceInput
from carebridge.clients import services as client_services
from carebridge.clients.inputs import CertificationInput
from carebridge.clients.models import Certification, Client
from carebridge.clients.selectors import certification_in_effect
from carebridge.core.dates import month_start, next_month, previous_month
from carebridge.core.models import Office
from carebridge.directory.models import Provider

STAGES = ("active", "draft", "awaiting_consent", "overdue", "active", "active")
# Active clients (by position) whose records hold what the 運営基準 report should catch.
VARIANTS = {5: "hospital_month", 11: "level_change", 17: "assessed_at_hospital", 23: "started_this_month"}
NEXT_LEVEL = {"care_1": "care_2", "care_2": "care_3", "care_3": "care_4", "care_4": "care_5", "care_5": "care_5"}

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
PROVIDER_STAFF = ("佐藤 美香", "高橋 健一", "伊藤 由美")  # who the providers send to the meetings


def _progress(items: list[Client], quiet: bool) -> Iterable[Client]:
    if quiet:
        return items
    from tqdm import tqdm

    return tqdm(items, desc="ケア記録", unit="名")


def load_care(*, office: Office, today: dt.date, quiet: bool = False) -> int:
    providers = {code: p for p in Provider.objects.filter(office=office) for code in p.service_type_codes}
    # Clients who came through an intake (the さくら製作所 hand-over) have their own story: no plan yet.
    clients = list(
        Client.objects.filter(office=office, care_manager__isnull=False, intakes__isnull=True)
        .select_related("care_manager")
        .order_by("id")
    )
    done = set(CarePlan.objects.filter(client__office=office).values_list("client_id", flat=True))
    created = 0
    for index, client in enumerate(_progress(clients, quiet)):
        if client.pk in done:
            continue
        cert = certification_in_effect(client=client, on=today)  # the one in effect (issue 9 item 13)
        if cert is None or cert.care_level in PREVENTION_LEVELS:
            continue  # 要支援・事業対象者: a 介護予防サービス・支援計画書 instead (demo_prevention.py)
        stage = STAGES[index % len(STAGES)]
        variant = VARIANTS.get(index, "") if stage == "active" else ""
        _load_client(client, cert, providers, stage, today, index, variant)
        created += 1
    return created


def _load_client(
    client: Client,
    cert: Certification,
    providers: dict[str, Provider],
    stage: str,
    today: dt.date,
    index: int,
    variant: str = "",
) -> None:
    actor = client.care_manager
    if actor is None:  # filtered out by the caller; keeps the type checker honest
        return
    this_month = month_start(today)
    if stage in ("draft", "awaiting_consent"):
        start = max(cert.valid_from, today - dt.timedelta(days=3)) + dt.timedelta(days=10)
    elif variant == "started_this_month":
        start = max(cert.valid_from, today)  # services start today: this month's visit is still to do
    else:
        start = max(
            cert.valid_from + dt.timedelta(days=5),
            month_start(today - dt.timedelta(days=80)) + dt.timedelta(days=14),
        )
    end = min(cert.valid_to, start + dt.timedelta(days=180))
    drafted = min(start - dt.timedelta(days=8), today)
    assessed = drafted - dt.timedelta(days=2)
    # 第4条第2項: the contract (with the explanation about choosing providers) comes first.
    case_services.contract_create(
        actor=actor,
        client=client,
        data=ContractInput(
            contracted_on=assessed - dt.timedelta(days=3),
            multiple_providers_explained=True,
            explanation_note="重要事項説明書により、複数事業所の紹介を求められること等を説明した。",
        ),
    )
    at_hospital = variant == "assessed_at_hospital"
    assessment_services.assessment_create(
        actor=actor,
        client=client,
        data=AssessmentInput(
            assessed_on=assessed,
            reason="initial",
            place="入院先の病院（退院前）" if at_hospital else "自宅",
            at_home=not at_hospital,
            client_interviewed=True,
            family_interviewed=True,
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
            # 第3表 (issue 9 item 10): a rental used every day is written outside the week.
            non_weekly_services="福祉用具貸与（手すり・歩行器）" if index % 2 else "",
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
    week = [(1, dt.time(9, 30), dt.time(16, 0), "通所介護"), (4, dt.time(9, 30), dt.time(16, 0), "通所介護")]
    if not index % 2 and providers.get(EXTRA[0]) is not None:
        week.append((2, dt.time(14, 0), dt.time(15, 0), "訪問看護"))  # 第2表's 週1回 on 第3表 too
    for weekday, begins, ends, label in week:
        plan_services.weekly_entry_add(
            actor=actor,
            plan=plan,
            data=WeeklyEntryInput(weekday=weekday, start_time=begins, end_time=ends, label=label),
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
                # The plan's providers: present, but the last could not come (第4表: 欠席理由, 照会).
                *(
                    AttendeeInput(kind="provider", affiliation=p.name, name=PROVIDER_STAFF[i % len(PROVIDER_STAFF)])
                    if p != used[-1]
                    else AttendeeInput(
                        kind="provider",
                        affiliation=p.name,
                        attended=False,
                        absence_reason="他の利用者の訪問と重なったため",
                    )
                    for i, p in enumerate(dict.fromkeys(used))
                ),
            ),
            inquiries=(
                InquiryInput(
                    recipient=used[-1].name,
                    sent_on=meeting - dt.timedelta(days=1),
                    question="原案の援助内容と頻度について",
                    answer="原案のとおりで差し支えありません。",
                    answered_on=meeting,
                ),
            )
            if used
            else (),
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
    # Monthly monitoring from the month services start (on or after the start day, 第13条第14号);
    # an "overdue" client misses the last two months, one was in hospital last month (特段の事情).
    skipped = {this_month, previous_month(this_month)} if stage == "overdue" else set()
    if variant == "hospital_month" and month_start(start) < previous_month(this_month):
        skipped = {previous_month(this_month)}
        case_services.special_circumstance_record(
            actor=actor,
            client=client,
            month=previous_month(this_month),
            data=SpecialCircumstanceInput(
                reason="hospital",
                evidence="肺炎のため入院（長女より連絡）。退院まで居宅訪問できず、病院で本人の様子を確認した。",
            ),
        )
    if variant == "started_this_month":
        skipped = {this_month}
    month = month_start(start)
    while month <= this_month:
        visit_day = max(month.replace(day=min(10, today.day) if month == this_month else 10), start)
        if month not in skipped and visit_day <= today:  # the start month counts from the start day
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
            # 第5表: monitoring_record wrote the visit's entry itself (issue 9 item 19).
        month = next_month(month)
    if variant == "level_change":
        _level_change(client, cert, start, today)


def _level_change(client: Client, cert: Certification, start: dt.date, today: dt.date) -> None:
    """A 区分変更 certification decided after services started, with no サービス担当者会議 after it
    (運営基準第13条第15号: the report flags it from the month it is effective and decided)."""
    actor = client.care_manager
    valid_from = max(
        start + dt.timedelta(days=7), month_start(previous_month(month_start(today))) + dt.timedelta(days=14)
    )
    certified_on = min(valid_from + dt.timedelta(days=25), today - dt.timedelta(days=1))
    if actor is None or certified_on < valid_from or valid_from <= cert.valid_from:
        return
    client_services.certification_create(
        actor=actor,
        client=client,
        data=CertificationInput(
            care_level=NEXT_LEVEL.get(cert.care_level, cert.care_level),
            applied_on=valid_from,
            certified_on=certified_on,
            valid_from=valid_from,
            valid_to=cert.valid_to,
            copay_rate=cert.copay_rate,
        ),
    )
