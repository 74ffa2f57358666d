"""Reads for casework: notes, monitoring, tasks, and the facts the 運営基準 checks need.

`compliance_cases` builds rules.ClientCase for many clients in a fixed number of queries: one
each for clients, certifications, renewal applications, plans (with annotated meeting, consent
and delivery dates), goal periods, planned short stays and visits — however long the history.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from django.db.models import Count, Max, Min, Q, QuerySet, Sum

from carebridge.careplans.models import CarePlan, Goal, PlannedService, PlanStatus
from carebridge.clients.models import (
    ApplicationKind,
    ApplicationStatus,
    Certification,
    CertificationApplication,
    Client,
    ClientStatus,
)
from carebridge.core.access import office_scope
from carebridge.core.models import User

from . import rules
from .models import MonitoringVisit, ProgressNote, Task

SHORT_STAY_TYPES = ("21", "22")


def progress_note_list(*, client: Client, query: str = "", category: str = "") -> QuerySet[ProgressNote]:
    qs = ProgressNote.objects.filter(client=client).select_related("author")
    if query:
        qs = qs.filter(content__icontains=query)
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("-noted_on", "-id")


def open_tasks(*, actor: User) -> QuerySet[Task]:
    return (
        office_scope(actor, Task.objects.select_related("client"), "client.view")
        .filter(done_on__isnull=True, assignee=actor)
        .order_by("due_on", "id")
    )


def compliance_cases(
    *,
    actor: User,
    month: dt.date,
    today: dt.date,
    care_manager_id: int | None = None,
    client_ids: Iterable[int] | None = None,
) -> list[rules.ClientCase]:
    month = rules.month_start(month)
    clients = office_scope(actor, Client.objects.all(), "care.view").filter(status=ClientStatus.ACTIVE)
    if care_manager_id is not None:
        clients = clients.filter(care_manager_id=care_manager_id)
    if client_ids is not None:
        clients = clients.filter(pk__in=list(client_ids))
    client_ids = list(clients.values_list("pk", flat=True))
    return _cases(client_ids, month)


def _cases(client_ids: list[int], month: dt.date) -> list[rules.ClientCase]:
    certs = _current_certifications(client_ids, rules.month_end(month))
    plans = _plans(client_ids)
    visits: dict[int, list[rules.VisitFacts]] = defaultdict(list)
    for v in MonitoringVisit.objects.filter(
        client_id__in=client_ids, month__in=[month, rules.previous_month(month)]
    ).values("client_id", "month", "visited_on", "method", "video_consent_on", "team_agreed_on"):
        cid = v.pop("client_id")
        visits[cid].append(rules.VisitFacts(**v))
    return [
        rules.ClientCase(
            client_id=cid, plans=tuple(plans.get(cid, ())), certification=certs.get(cid), visits=tuple(visits[cid])
        )
        for cid in client_ids
    ]


def _current_certifications(client_ids: Iterable[int], on: dt.date) -> dict[int, rules.CertificationFacts]:
    """The latest certification of each client that started by `on`, and whether a renewal was filed."""
    latest: dict[int, Certification] = {}
    for cert in Certification.objects.filter(client_id__in=client_ids, valid_from__lte=on).order_by(
        "client_id", "-valid_from", "-id"
    ):
        latest.setdefault(cert.client_id, cert)
    later = set(
        Certification.objects.filter(client_id__in=client_ids, valid_from__gt=on).values_list("client_id", flat=True)
    )
    filed: dict[int, list[dt.date]] = defaultdict(list)
    for cid, filed_on in CertificationApplication.objects.filter(
        client_id__in=client_ids,
        kind=ApplicationKind.RENEWAL,
        status__in=[ApplicationStatus.FILED, ApplicationStatus.DECIDED],
        filed_on__isnull=False,
    ).values_list("client_id", "filed_on"):
        filed[cid].append(filed_on)
    return {
        cid: rules.CertificationFacts(
            valid_from=c.valid_from,
            valid_to=c.valid_to,
            renewal_filed=cid in later or any(d >= c.valid_from for d in filed[cid]),
        )
        for cid, c in latest.items()
    }


def _plans(client_ids: Iterable[int]) -> dict[int, list[rules.PlanFacts]]:
    rows = (
        CarePlan.objects.filter(client_id__in=client_ids)
        .exclude(status=PlanStatus.DRAFT, conferences__isnull=True, consent__isnull=True)
        .annotate(
            meeting_on=Min("conferences__held_on"),
            delivered_client_on=Max("deliveries__delivered_on", filter=Q(deliveries__provider__isnull=True)),
            delivered_providers_on=Max("deliveries__delivered_on", filter=Q(deliveries__provider__isnull=False)),
            delivered_provider_count=Count("deliveries__provider", distinct=True),
        )
        .values(
            "pk",
            "client_id",
            "version",
            "reason",
            "drafted_on",
            "service_start_on",
            "meeting_on",
            "delivered_client_on",
            "delivered_providers_on",
            "delivered_provider_count",
            "assessment__assessed_on",
            "consent__consented_on",
            "certification__valid_from",
            "certification__valid_to",
        )
        .order_by("client_id", "version")
    )
    plan_rows = list(rows)
    plan_ids = [r["pk"] for r in plan_rows]
    goals: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for pid, start, end in Goal.objects.filter(need__plan_id__in=plan_ids).values_list(
        "need__plan_id", "period_start", "period_end"
    ):
        goals[pid].append((start, end))
    services = PlannedService.objects.filter(goal__need__plan_id__in=plan_ids)
    provider_counts = dict(
        services.filter(provider__isnull=False)
        .values("goal__need__plan_id")
        .annotate(n=Count("provider", distinct=True))
        .values_list("goal__need__plan_id", "n")
    )
    short_stays = dict(
        services.filter(service_type_code__in=SHORT_STAY_TYPES)
        .values("goal__need__plan_id")
        .annotate(days=Sum("short_stay_days"))
        .values_list("goal__need__plan_id", "days")
    )
    out: dict[int, list[rules.PlanFacts]] = defaultdict(list)
    for r in plan_rows:
        out[r["client_id"]].append(
            rules.PlanFacts(
                plan_id=r["pk"],
                version=r["version"],
                reason=r["reason"],
                drafted_on=r["drafted_on"],
                assessed_on=r["assessment__assessed_on"],
                meeting_on=r["meeting_on"],
                consented_on=r["consent__consented_on"],
                delivered_client_on=r["delivered_client_on"],
                delivered_providers_on=r["delivered_providers_on"],
                providers_without_delivery=max(0, provider_counts.get(r["pk"], 0) - r["delivered_provider_count"]),
                service_start_on=r["service_start_on"],
                goal_periods=tuple(goals[r["pk"]]),
                short_stay_days=short_stays.get(r["pk"]) or 0,
                certification=(
                    rules.CertificationFacts(r["certification__valid_from"], r["certification__valid_to"])
                    if r["certification__valid_from"]
                    else None
                ),
            )
        )
    # A version ends the day before the next version that actually started (a version that was
    # agreed but never started does not end the one before it).
    for versions in out.values():
        for i, plan in enumerate(versions[:-1]):
            nxt = next((v.service_start_on for v in versions[i + 1 :] if v.service_start_on), None)
            if nxt is not None:
                versions[i] = replace(plan, ended_on=nxt - dt.timedelta(days=1))
    return out


def compliance_findings(
    *,
    actor: User,
    month: dt.date,
    today: dt.date,
    care_manager_id: int | None = None,
    client_ids: Iterable[int] | None = None,
) -> list[rules.Finding]:
    """All findings of the actor's office (or one care manager's, or some clients) for a month."""
    findings: list[rules.Finding] = []
    cases = compliance_cases(
        actor=actor, month=month, today=today, care_manager_id=care_manager_id, client_ids=client_ids
    )
    for case in cases:
        findings.extend(rules.findings_for_month(case, month, today))
    return findings


def client_findings(*, client: Client, month: dt.date, today: dt.date) -> list[rules.Finding]:
    """The findings of one client (who came through the gate) for a month."""
    (case,) = _cases([client.pk], rules.month_start(month))
    return rules.findings_for_month(case, month, today)


def client_care_records(*, client: Client) -> dict[str, object]:
    """What the client page shows of the care record: a fixed number of queries."""
    from carebridge.assessments.models import Assessment

    return {
        "assessments": list(Assessment.objects.filter(client=client).order_by("-version")[:5]),
        "plans": list(CarePlan.objects.filter(client=client).order_by("-version")),
        "visits": list(MonitoringVisit.objects.filter(client=client).order_by("-month")[:6]),
        "recent_notes": list(ProgressNote.objects.filter(client=client).order_by("-noted_on", "-id")[:5]),
    }
