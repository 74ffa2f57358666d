"""Reads of 介護予防 plans: a client's versions, one plan with its rows (two queries however many
rows), the certification in effect on a day, and the monitoring facts of many clients in a fixed
number of queries (careplans/prevention_rules.py judges them)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Max, Prefetch, QuerySet

from carebridge.clients.models import Certification, CertificationStatus, Client

from . import prevention_rules as rules
from .prevention_models import PreventionPlan, PreventionStatus, PreventionSupportRow


def certification_in_effect(*, client: Client, on: dt.date) -> Certification | None:
    """The certified 認定 whose period holds `on` (never merely the newest row)."""
    return (
        Certification.objects.filter(
            client=client, status=CertificationStatus.CERTIFIED, valid_from__lte=on, valid_to__gte=on
        )
        .order_by("-valid_from", "-id")
        .first()
    )


def plan_kind_on(*, client: Client, on: dt.date) -> tuple[rules.PlanKind | None, Certification | None]:
    """Which plan the client gets on `on`, decided by the certification in effect then."""
    cert = certification_in_effect(client=client, on=on)
    return rules.plan_kind_for(cert.care_level if cert else None), cert


def prevention_plan_list(*, client: Client) -> QuerySet[PreventionPlan]:
    return PreventionPlan.objects.filter(client=client).order_by("-version")


def prevention_plans_with_rows() -> QuerySet[PreventionPlan]:
    """Everything the plan page and its PDF show, fetched up front (the drawing runs no query)."""
    rows = Prefetch("support_rows", queryset=PreventionSupportRow.objects.select_related("provider"))
    return PreventionPlan.objects.select_related(
        "client", "office", "certification", "author", "replaces"
    ).prefetch_related(rows)


def newer_prevention_version(plan: PreventionPlan) -> PreventionPlan | None:
    return PreventionPlan.objects.filter(replaces=plan).first()


def prevention_monitoring_facts(
    client_ids: Iterable[int],
) -> dict[int, list[rules.PreventionPlanFacts]]:
    """Each client's delivered versions that started, with the end of their evaluation period (the
    latest support row end) and the day a newer started version ended them: one query."""
    rows = (
        PreventionPlan.objects.filter(
            client_id__in=list(client_ids),
            status__in=[PreventionStatus.DELIVERED, PreventionStatus.SUPERSEDED],
            service_start_on__isnull=False,
        )
        .annotate(evaluation_end_on=Max("support_rows__period_end"))
        .values_list("client_id", "pk", "service_start_on", "evaluation_end_on")
        .order_by("client_id", "service_start_on", "version")
    )
    by_client: dict[int, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)
    for cid, pk, start, evaluation_end in rows:
        if start is not None:  # filtered above; keeps the type checker honest
            by_client[cid].append((pk, start, evaluation_end))
    out: dict[int, list[rules.PreventionPlanFacts]] = {}
    for cid, versions in by_client.items():
        facts = []
        for i, (pk, start, evaluation_end) in enumerate(versions):
            following = versions[i + 1][1] if i + 1 < len(versions) else None
            ended = following - dt.timedelta(days=1) if following is not None else None
            facts.append(rules.PreventionPlanFacts(pk, start, evaluation_end, ended))
        out[cid] = facts
    return out


def client_prevention(*, client: Client, today: dt.date) -> dict[str, object]:
    """What the client page shows of 介護予防 plans (two queries): the versions, and whether the
    certification in effect today makes the client one who gets them."""
    kind, _cert = plan_kind_on(client=client, on=today)
    return {
        "prevention_plans": list(prevention_plan_list(client=client)),
        "prevention_client": kind == rules.PlanKind.PREVENTION,
    }
