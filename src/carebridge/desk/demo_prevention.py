"""Demo 介護予防 records: every 要支援1・2 or 事業対象者 client gets a 介護予防サービス・支援計画書, never
第1〜3表 (demo_care.py skips them). Idempotent: a client that already has one is left alone.

Stages by position: delivered with monitoring every month from the month after the start (a home
visit in the first and last month of each three-month window and in the month the evaluation
period ends, a video monitoring in the middle month; 介護予防支援基準 第30条第16号); a draft;
delivered again.
Plans are made on the commission of the demo's 地域包括支援センター unless the office is designated.
"""

from __future__ import annotations

import datetime as dt

from carebridge.careplans import prevention_services as services
from carebridge.careplans.prevention_inputs import PreventionPlanInput, SupportRowInput
from carebridge.careplans.prevention_models import PreventionPlan
from carebridge.careplans.prevention_rules import PREVENTION_LEVELS, months_between, needs_commission
from carebridge.casework import services as case_services
from carebridge.casework.inputs import MonitoringInput
from carebridge.clients.models import Certification, Client
from carebridge.core.dates import month_start, next_month
from carebridge.core.models import Office
from carebridge.directory.models import Provider

STAGES = ("active", "draft", "active")


def prevention_client_ids(office: Office) -> set[int]:
    """The office's clients whose newest certification is 要支援1・2 or 事業対象者."""
    newest: dict[int, str] = {}
    rows = Certification.objects.filter(office=office).order_by("client_id", "-valid_from", "-id")
    for client_id, level in rows.values_list("client_id", "care_level"):
        newest.setdefault(client_id, level)
    return {cid for cid, level in newest.items() if level in PREVENTION_LEVELS}


def load_prevention(*, office: Office, today: dt.date) -> int:
    ids = prevention_client_ids(office)
    done = set(PreventionPlan.objects.filter(client_id__in=ids).values_list("client_id", flat=True))
    center = Provider.objects.filter(office=office, kind="community_center").order_by("id").first()
    # The demo's 通所介護 provider also runs the 通所型サービス of the 総合事業.
    day_service = next(
        (p for p in Provider.objects.filter(office=office).order_by("id") if "15" in p.service_type_codes), None
    )
    clients = Client.objects.filter(pk__in=ids - done, care_manager__isnull=False).select_related("care_manager")
    created = 0
    for index, client in enumerate(clients.order_by("id")):
        cert = Certification.objects.filter(client=client).order_by("-valid_from", "-id").first()
        if cert is None or client.care_manager is None:
            continue
        commission = needs_commission(
            designated=office.prevention_designated, designated_on=office.prevention_designated_on, on=today
        )
        _load_client(
            client,
            cert,
            center.name if center is not None and commission else "",
            day_service,
            STAGES[index % len(STAGES)],
            today,
        )
        created += 1
    return created


def _load_client(
    client: Client, cert: Certification, center: str, day_service: Provider | None, stage: str, today: dt.date
) -> None:
    actor = client.care_manager
    if actor is None:
        return
    if cert.valid_from > today:  # not yet in effect: only a draft for now
        stage = "draft"
    start = max(
        cert.valid_from + dt.timedelta(days=5), month_start(today - dt.timedelta(days=100)) + dt.timedelta(days=14)
    )
    if stage == "draft" or start > today:
        stage, start = "draft", today + dt.timedelta(days=10)
    drafted = min(today, max(cert.valid_from, start - dt.timedelta(days=8)))
    end = min(cert.valid_to, start + dt.timedelta(days=180))
    plan = services.preventionplan_create(
        actor=actor,
        client=client,
        data=PreventionPlanInput(
            drafted_on=drafted,
            commissioning_center=center,
            mobility_status="屋内は伝い歩き。屋外は杖で15分ほど歩ける。",
            mobility_intention="本人: 近所のスーパーまで一人で行きたい。",
            mobility_issue="下肢筋力の低下と転倒への不安",
            daily_life_status="掃除と買い物は長女が手伝っている。調理は自分でできる。",
            daily_life_intention="本人: 家事はできるだけ自分で続けたい。",
            social_status="外出の機会が減り、友人と会うことが少なくなった。",
            social_intention="本人: 以前通っていた体操教室にまた行きたい。",
            social_issue="閉じこもりがち",
            health_status="高血圧で服薬中。血圧は安定している。",
            overall_issues="下肢筋力の低下から外出が減り、生活が不活発になりつつある。",
            proposal="通所で運動を続け、地域の体操教室への参加を目指す。",
            proposal_intention="本人: やってみたい。家族: 送り出しは協力する。",
            goal_day="朝の体操と午後の散歩を日課にする。",
            goal_year="近所のスーパーまで一人で歩いて買い物に行ける。",
            policy="運動の習慣を保ち、転倒を防いで外出の機会を増やす。",
        ),
    )
    services.prevention_row_add(
        actor=actor,
        plan=plan,
        data=SupportRowInput(
            goal="杖を使ってスーパーまで歩いて往復できる",
            support_point="運動器の機能向上と、歩く自信をつける",
            self_care="毎朝の体操（本人）、週末の散歩に付き添う（長女）",
            insured_service="通所型サービス（運動器機能向上）",
            service_kind="通所型サービス",
            provider=day_service,
            provider_name="" if day_service is not None else "デイサービス",
            period_start=start,
            period_end=end,
        ),
    )
    if stage == "draft":
        return
    consented = min(today, drafted + dt.timedelta(days=3))
    services.preventionplan_consent(actor=actor, plan=plan, consented_on=consented, signer_name=client.name)
    services.preventionplan_deliver(actor=actor, plan=plan, delivered_on=consented, service_start_on=start)
    month = next_month(month_start(start))
    this_month = month_start(today)
    while month <= this_month:
        # A video monitoring only in the month after a home visit (casework checks the 居宅 rule on
        # every record), so the middle month of each three-month window is the video one.
        at_home = months_between(start, month) % 3 != 2 or month == month_start(end)
        day = month.replace(day=min(10, today.day) if month == this_month else 10)
        case_services.monitoring_record(
            actor=actor,
            client=client,
            month=month,
            data=MonitoringInput(
                visited_on=day,
                method="home" if at_home else "video",
                video_consent_on=None if at_home else consented,
                team_agreed_on=None if at_home else consented,
                service_status="通所型サービスに週1回通っている。",
                client_view="体操が楽しみ。",
            ),
        )
        month = next_month(month)
