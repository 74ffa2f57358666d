"""Reads of casework: notes, monitoring visits, tasks (the client came through its gate, or the
reads are scoped to the actor's office)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet

from carebridge.clients.models import Client
from carebridge.core.access import office_scope
from carebridge.core.models import User

from . import rules
from .models import CareManagementContract, Intake, MonitoringVisit, ProgressNote, SpecialCircumstance, Task


def progress_note_list(*, client: Client, query: str = "", category: str = "") -> QuerySet[ProgressNote]:
    qs = ProgressNote.objects.filter(client=client).select_related("author")
    if query:
        qs = qs.filter(content__icontains=query)
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("-noted_on", "-id")


def intake_list(*, actor: User) -> QuerySet[Intake]:
    return office_scope(actor, Intake.objects.select_related("client", "received_by"), "care.view").order_by(
        "-received_on", "-id"
    )


def open_tasks(*, actor: User) -> QuerySet[Task]:
    return (
        office_scope(actor, Task.objects.select_related("client"), "client.view")
        .filter(done_on__isnull=True, assignee=actor)
        .order_by("due_on", "id")
    )


def visit_facts(*, client_ids: Iterable[int], months: Iterable[dt.date]) -> dict[int, list[rules.VisitFacts]]:
    """The visits of the given months (one query, plain values)."""
    out: dict[int, list[rules.VisitFacts]] = defaultdict(list)
    rows = MonitoringVisit.objects.filter(client_id__in=list(client_ids), month__in=list(months))
    fields = ("client_id", "month", "visited_on", "method", "video_consent_on", "team_agreed_on")
    for cid, month, visited_on, method, consent_on, agreed_on in rows.values_list(*fields):
        out[cid].append(rules.VisitFacts(month, visited_on, method, consent_on, agreed_on))
    return out


def special_circumstance_facts(
    *, client_ids: Iterable[int], months: Iterable[dt.date]
) -> dict[int, list[rules.SpecialCircumstanceFacts]]:
    """The months recorded as 特段の事情 among the given ones (one query, plain values)."""
    out: dict[int, list[rules.SpecialCircumstanceFacts]] = defaultdict(list)
    rows = SpecialCircumstance.objects.filter(client_id__in=list(client_ids), month__in=list(months))
    for cid, month, reason in rows.values_list("client_id", "month", "reason"):
        out[cid].append(rules.SpecialCircumstanceFacts(month, reason))
    return out


def contract_rows(*, client_ids: Iterable[int]) -> dict[int, list[tuple[dt.date, dt.date | None, bool]]]:
    """Each client's contracts as (contracted_on, ended_on, multiple_providers_explained): one query."""
    out: dict[int, list[tuple[dt.date, dt.date | None, bool]]] = defaultdict(list)
    rows = CareManagementContract.objects.filter(client_id__in=list(client_ids))
    for cid, contracted_on, ended_on, explained in rows.values_list(
        "client_id", "contracted_on", "ended_on", "multiple_providers_explained"
    ):
        out[cid].append((contracted_on, ended_on, explained))
    return out


def contract_list(*, client: Client) -> QuerySet[CareManagementContract]:
    """The client's 居宅介護支援契約, newest first."""
    return CareManagementContract.objects.filter(client=client).order_by("-contracted_on", "-id")


def special_circumstance_list(*, client: Client) -> QuerySet[SpecialCircumstance]:
    return SpecialCircumstance.objects.filter(client=client).select_related("author").order_by("-month")


def client_casework(*, client: Client) -> dict[str, object]:
    """What the client page shows of casework: contracts, recent visits, 特段の事情 months and notes
    (four queries)."""
    return {
        "contracts": list(contract_list(client=client)[:3]),
        "visits": list(MonitoringVisit.objects.filter(client=client).order_by("-month")[:6]),
        "special_circumstances": list(SpecialCircumstance.objects.filter(client=client).order_by("-month")[:6]),
        "recent_notes": list(ProgressNote.objects.filter(client=client).order_by("-noted_on", "-id")[:5]),
    }
