"""The work list (今日): per care manager, what to do by when — reads, scoped to the actor's office.

It is built from the same findings as the month's 運営基準 report (selectors.compliance_cases and
rules.findings_for_month), so every finding of the report is an item here for the client's care
manager, and the reverse (a test compares them on the demo office). Beside the findings it lists
the steps still ahead of plans not yet started, goals ending within 30 days, open tasks and
unanswered 照会. The cost is a fixed number of queries whatever the number of clients.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from django.urls import reverse

from carebridge.careplans.models import CarePlan, ConferenceInquiry, Goal, GoalTerm, PlanStatus
from carebridge.careplans.rules import PlanFacts
from carebridge.casework.models import Task
from carebridge.clients.models import Client
from carebridge.core.access import office_id_of, office_scope
from carebridge.core.dates import month_end, month_start
from carebridge.core.japanese import wareki_short
from carebridge.core.models import User

from . import finding_sources, rules
from .deadlines import Action, WorkItem, finding_items, ordered, upcoming_plan_items
from .selectors import compliance_cases

GOAL_HORIZON_DAYS = 30  # goals ending within 30 days are evaluated (issue 9 item 20)
PLAN_IN_FORCE = (PlanStatus.CONSENTED, PlanStatus.DELIVERED, PlanStatus.ACTIVE)


@dataclass(frozen=True)
class WorkGroup:
    """One care manager's items (care_manager None: clients or tasks without one)."""

    care_manager: User | None
    items: list[WorkItem]

    @property
    def penalty_count(self) -> int:
        return sum(1 for i in self.items if i.penalty_risk)


@dataclass(frozen=True)
class WorkList:
    items: list[WorkItem]
    clients: dict[int, Client]
    people: dict[int, User]  # the care managers and task assignees the items name

    def groups(self) -> list[WorkGroup]:
        """Items by care manager (by name; items without one last), each ordered by deadline."""
        by_cm: dict[int | None, list[WorkItem]] = defaultdict(list)
        for item in self.items:
            by_cm[item.care_manager_id].append(item)
        groups = [WorkGroup(self.people.get(cm) if cm is not None else None, items) for cm, items in by_cm.items()]
        return sorted(groups, key=lambda g: (g.care_manager is None, str(g.care_manager or ""), _pk(g.care_manager)))


def _pk(user: User | None) -> int:
    return user.pk if user is not None else 0


def work_list(*, actor: User, today: dt.date, care_manager_id: int | None = None) -> WorkList:
    """This month's work of the office (or of one care manager), soonest deadline first."""
    month = month_start(today)
    cases = compliance_cases(actor=actor, month=month, today=today, care_manager_id=care_manager_id)
    items: list[WorkItem] = []
    for case in cases:
        items += finding_items(case, rules.findings_for_month(case, month, today), month)
        items += upcoming_plan_items(case, month)
    ids = [case.client_id for case in cases]
    items += _draft_items(ids, month)
    items += _goal_items(ids, today)
    items += _inquiry_items(actor, ids, month)
    items += sourced_items(actor, ids, month, today)
    tasks = office_scope(actor, Task.objects.all(), "care.view").filter(done_on__isnull=True)
    if care_manager_id is not None:
        tasks = tasks.filter(assignee_id=care_manager_id)
    task_rows = list(tasks.values_list("pk", "client_id", "assignee_id", "title", "due_on"))
    clients = office_scope(actor, Client.objects.all(), "care.view").in_bulk(
        set(ids) | {cid for _, cid, _, _, _ in task_rows if cid is not None}
    )
    out = [replace(item, care_manager_id=clients[item.client_id].care_manager_id) for item in items]
    out += [
        WorkItem(
            action=Action.TASK,
            deadline=due_on or month_end(month),
            client_id=cid,
            text=title,
            object_id=pk,
            care_manager_id=assignee_id,
        )
        for pk, cid, assignee_id, title, due_on in task_rows
    ]
    named = {i.care_manager_id for i in out if i.care_manager_id is not None}
    people = User.objects.filter(office_id=office_id_of(actor)).in_bulk(named) if named else {}
    return WorkList(items=ordered(out), clients=clients, people=people)


def sourced_items(actor: User, client_ids: list[int], month: dt.date, today: dt.date) -> list[WorkItem]:
    """The findings of the apps above (finding_sources.py) for this month and the next (a next
    month's 利用票 is due before it starts)."""
    following = month_start(month_end(month) + dt.timedelta(days=1))
    return [
        WorkItem(
            action=Action.REVIEW,
            deadline=f.deadline,
            client_id=f.client_id,
            text=f.text,
            basis=f.basis,
            action_label=f.action_label,
            url=f.url,
        )
        for m in (month, following)
        for f in finding_sources.sourced_findings(
            office_id=office_id_of(actor), client_ids=client_ids, month=m, today=today
        )
    ]


def _draft_items(client_ids: list[int], month: dt.date) -> list[WorkItem]:
    """Drafts nobody has met about or consented to yet (the engine leaves them out, rules.py):
    the meeting to hold and the consent to get before they can start."""
    rows = CarePlan.objects.filter(
        client_id__in=client_ids, status=PlanStatus.DRAFT, conferences__isnull=True, consent__isnull=True
    ).values_list("pk", "client_id", "version", "reason", "drafted_on", "service_start_on")
    drafts: dict[int, list[PlanFacts]] = defaultdict(list)
    for pk, cid, version, reason, drafted_on, start in rows:
        drafts[cid].append(PlanFacts(pk, version, reason, drafted_on, service_start_on=start))
    return [
        item
        for cid, plans in drafts.items()
        for item in upcoming_plan_items(rules.ClientCase(client_id=cid, plans=tuple(plans)), month)
    ]


def _goal_items(client_ids: list[int], today: dt.date) -> list[WorkItem]:
    """Goals of plans in force that end within 30 days: one item per plan and end date."""
    rows = Goal.objects.filter(
        need__plan__client_id__in=client_ids,
        need__plan__status__in=PLAN_IN_FORCE,
        period_end__gte=today,
        period_end__lte=today + dt.timedelta(days=GOAL_HORIZON_DAYS),
    ).values_list("need__plan_id", "need__plan__client_id", "need__plan__version", "term", "period_end")
    counts: dict[tuple[int, int, int, dt.date], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for plan_id, cid, version, term, end in rows:
        counts[(plan_id, cid, version, end)][term] += 1
    items = []
    for (plan_id, cid, version, end), terms in counts.items():
        what = "・".join(
            f"{name}目標{terms[term]}件"
            for term, name in ((GoalTerm.LONG, "長期"), (GoalTerm.SHORT, "短期"))
            if terms[term]
        )
        text = f"第{version}版の計画: {what}の期間が{wareki_short(end)}に終わります。"
        items.append(WorkItem(action=Action.GOAL, deadline=end, client_id=cid, text=text, plan_id=plan_id))
    return items


def _inquiry_items(actor: User, client_ids: list[int], month: dt.date) -> list[WorkItem]:
    rows = (
        office_scope(actor, ConferenceInquiry.objects.all(), "care.view")
        .filter(conference__plan__client_id__in=client_ids, answered_on__isnull=True, answer="")
        .values_list(
            "pk",
            "conference__plan_id",
            "conference__plan__client_id",
            "conference__plan__service_start_on",
            "recipient",
        )
    )
    return [
        WorkItem(
            action=Action.INQUIRY,
            deadline=start or month_end(month),
            client_id=cid,
            text=f"{recipient}への照会に回答がありません。",
            plan_id=plan_id,
            object_id=pk,
        )
        for pk, plan_id, cid, start, recipient in rows
    ]


def action_url(item: WorkItem) -> str:
    """The page that does the item's action (one click from the list)."""
    if item.url:  # a finding of another app names its own page (finding_sources.py)
        return item.url
    plan, client = item.plan_id, item.client_id
    if item.action is Action.INQUIRY and item.object_id is not None:
        return reverse("careplans:inquiry_answer", args=[item.object_id])  # the 照会's answer page
    if item.action is Action.CONTRACT and client is not None:
        return reverse("casework:contract_create", args=[client])  # 運営基準第4条第2項
    if plan is not None:
        by_plan = {
            Action.MEETING: "careplans:conference_create",
            Action.CONSENT: "careplans:consent_create",
            Action.DELIVERY: "careplans:delivery_create",
        }
        return reverse(by_plan.get(item.action, "careplans:detail"), args=[plan])
    if client is None:
        return reverse("today")
    if item.action is Action.MONITORING:
        return reverse("casework:monitoring_create", args=[client])
    if item.action is Action.ASSESSMENT:
        return reverse("assessments:create", args=[client])
    if item.action is Action.CERTIFICATION:
        return reverse("clients:certification_create", args=[client])
    if item.action is Action.RENEWAL:
        return reverse("clients:application_create", args=[client]) + "?kind=renewal"
    return reverse("client_page", args=[client])
