"""Gates of the care-plan app: plans, their rows (needs, goals, services, weekly entries) and
meetings, for views and API alike. care.view to see; `for_edit=True` asks for care.edit (403)."""

from __future__ import annotations

from typing import cast

from django.db import models

from carebridge.core.access import access_office_record
from carebridge.core.models import User

from .models import CareConference, CarePlan, ConferenceInquiry, Goal, Need, PlannedService, WeeklyScheduleEntry
from .selectors import plans_for_pdf

Row = Need | Goal | PlannedService | WeeklyScheduleEntry


def _edit(for_edit: bool) -> str | None:
    return "care.edit" if for_edit else None


def access_plan(actor: User, plan_id: object, *, for_edit: bool = False) -> CarePlan:
    return access_office_record(
        actor,
        CarePlan.objects.select_related("client", "certification", "author", "office"),
        plan_id,
        "care.view",
        edit_permission=_edit(for_edit),
    )


def access_plan_for_pdf(actor: User, plan_id: object) -> CarePlan:
    """The plan with everything its PDF draws (careplans.selectors.plans_for_pdf)."""
    return access_office_record(actor, plans_for_pdf(), plan_id, "care.view")


# Where each kind of plan row hangs: the path from the row to its plan.
ROW_PLAN_PATHS: dict[type[models.Model], str] = {
    Need: "plan",
    Goal: "need__plan",
    PlannedService: "goal__need__plan",
    WeeklyScheduleEntry: "plan",
}


def access_row(
    actor: User,
    model: type[Need] | type[Goal] | type[PlannedService] | type[WeeklyScheduleEntry],
    row_id: object,
    *,
    plan: CarePlan,
    for_edit: bool = False,
) -> Row:
    """A row of `plan` (404 for a row of another plan or office)."""
    rows = cast("models.QuerySet[Row]", model._default_manager.filter(**{ROW_PLAN_PATHS[model]: plan}))
    return access_office_record(actor, rows, row_id, "care.view", edit_permission=_edit(for_edit))


def access_need(actor: User, need_id: object, *, plan: CarePlan, for_edit: bool = False) -> Need:
    return access_office_record(
        actor, Need.objects.filter(plan=plan), need_id, "care.view", edit_permission=_edit(for_edit)
    )


def access_goal(actor: User, goal_id: object, *, plan: CarePlan, for_edit: bool = False) -> Goal:
    rows = Goal.objects.filter(need__plan=plan).select_related("need__plan")
    return access_office_record(actor, rows, goal_id, "care.view", edit_permission=_edit(for_edit))


def access_conference(actor: User, conference_id: object) -> CareConference:
    return access_office_record(
        actor,
        CareConference.objects.select_related("plan__client", "plan__office", "author"),
        conference_id,
        "care.view",
    )


def access_inquiry(actor: User, inquiry_id: object, *, for_edit: bool = False) -> ConferenceInquiry:
    """A 照会 of a meeting (its plan and client joined)."""
    return access_office_record(
        actor,
        ConferenceInquiry.objects.select_related("conference__plan__client"),
        inquiry_id,
        "care.view",
        edit_permission=_edit(for_edit),
    )
