"""Gates of the 介護予防 plans and their 支援計画 rows, for views and API alike: care.view to see,
`for_edit=True` asks for care.edit (403); another office's record is "not found"."""

from __future__ import annotations

from carebridge.core.access import access_office_record
from carebridge.core.models import User

from .prevention_models import PreventionPlan, PreventionSupportRow
from .prevention_selectors import prevention_plans_with_rows


def _edit(for_edit: bool) -> str | None:
    return "care.edit" if for_edit else None


def access_prevention_plan(actor: User, plan_id: object, *, for_edit: bool = False) -> PreventionPlan:
    """The plan with its rows, client, certification and office (what its page and PDF show)."""
    return access_office_record(
        actor, prevention_plans_with_rows(), plan_id, "care.view", edit_permission=_edit(for_edit)
    )


def access_prevention_row(
    actor: User, row_id: object, *, plan: PreventionPlan, for_edit: bool = False
) -> PreventionSupportRow:
    """A row of `plan` (404 for a row of another plan or office)."""
    rows = PreventionSupportRow.objects.filter(plan=plan)
    return access_office_record(actor, rows, row_id, "care.view", edit_permission=_edit(for_edit))
