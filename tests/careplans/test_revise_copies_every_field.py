"""変更 (careplan_revise) carries every field of the plan and of its rows into the new version,
but those it declares reset (careplans.services.REVISE_RESETS). The fields are read from the
models here too, so a field added to a model is covered without touching this test."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import models

from carebridge.assessments import services as assessment_services
from carebridge.assessments.inputs import AssessmentInput
from carebridge.careplans import services
from carebridge.careplans.models import CarePlan, Goal, Need, PlannedService, WeeklyScheduleEntry

from ..careplan_helpers import D, agree_and_start, draft_plan
from ..factories import CertificationFactory, ProviderFactory

pytestmark = pytest.mark.django_db

OWNERSHIP = {"office", "client", "plan", "need", "goal", "parent", "replaces", "author"}
STRUCTURE = {"term"}  # long/short shapes the tree; it is compared, not varied


def _other_value(row: models.Model, field: models.Field, spares: dict[str, Any]) -> Any:  # type: ignore[type-arg]
    """A valid value for `field` that differs from the row's (order constraints kept: dates and
    times all move by the same amount)."""
    value = getattr(row, field.attname)
    if field.name in spares:
        return spares[field.name].pk
    if field.choices:
        options = [key for key, _label in field.flatchoices if key != value and key != ""]
        return options[-1]
    if isinstance(field, models.BooleanField):
        return not value
    if isinstance(field, models.DateField):
        return (value or D(2026, 4, 15)) + dt.timedelta(days=1)
    if isinstance(field, models.TimeField):
        return value.replace(hour=value.hour + 1)
    if isinstance(field, models.IntegerField):
        return (value or 0) + 1
    if isinstance(field, models.CharField | models.TextField):
        return ("複写確認" + (value or ""))[: field.max_length or 200]
    raise AssertionError(f"add a value for {type(field).__name__} ({field.model.__name__}.{field.name})")


def _fill_every_field(row: models.Model, spares: dict[str, Any]) -> None:
    resets = services.REVISE_RESETS[type(row)]
    values = {
        f.attname: _other_value(row, f, spares)
        for f in row._meta.concrete_fields
        if f.name not in resets and f.name not in OWNERSHIP | STRUCTURE and not f.primary_key
    }
    type(row)._default_manager.filter(pk=row.pk).update(**values)


def _copied_values(row: models.Model) -> dict[str, Any]:
    resets = services.REVISE_RESETS[type(row)]
    return {
        f.name: getattr(row, f.attname)
        for f in row._meta.concrete_fields
        if f.name not in resets and f.name not in {"id", "plan", "need", "goal", "parent"}
    }


def test_every_field_of_the_plan_and_its_rows_survives_revise(world, client_a):
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    CertificationFactory(client=client_a)
    plan = draft_plan(world.cm_a, client_a, providers)
    spares = {
        # another certification whose period still holds the goals (else consent needs a confirmation)
        "certification": CertificationFactory(client=client_a, valid_from=D(2026, 4, 1), valid_to=D(2027, 9, 30)),
        "assessment": assessment_services.assessment_create(
            actor=world.cm_a, client=client_a, data=AssessmentInput(assessed_on=D(2026, 4, 1), reason="initial")
        ),
        "provider": providers[0],
    }
    rows: list[models.Model] = [
        plan,
        *plan.needs.all(),
        *Goal.objects.filter(need__plan=plan),
        *PlannedService.objects.filter(goal__need__plan=plan),
        *plan.weekly_entries.all(),
    ]
    assert {type(r) for r in rows} == {CarePlan, Need, Goal, PlannedService, WeeklyScheduleEntry}
    for row in rows:
        _fill_every_field(row, spares)
    plan.refresh_from_db()
    agree_and_start(world.cm_a, plan, [spares["provider"]])  # every service now names that provider
    plan.refresh_from_db()

    new = services.careplan_revise(actor=world.cm_a, plan=plan, drafted_on=D(2026, 8, 1))

    assert _copied_values(new) == _copied_values(plan)
    assert (new.replaces_id, new.status, new.drafted_on) == (plan.pk, "draft", D(2026, 8, 1))
    old_needs, new_needs = list(plan.needs.order_by("order", "id")), list(new.needs.order_by("order", "id"))
    assert [_copied_values(n) for n in new_needs] == [_copied_values(n) for n in old_needs]
    for old_need, new_need in zip(old_needs, new_needs, strict=True):
        old_goals = list(old_need.goals.order_by("term", "order", "id"))
        new_goals = list(new_need.goals.order_by("term", "order", "id"))
        assert [_copied_values(g) for g in new_goals] == [_copied_values(g) for g in old_goals]
        for old_goal, new_goal in zip(old_goals, new_goals, strict=True):
            assert (old_goal.parent is None) == (new_goal.parent is None)
            if old_goal.parent is not None:
                assert new_goal.parent.need_id == new_need.pk and new_goal.parent.text == old_goal.parent.text
            old_services = [_copied_values(s) for s in old_goal.services.order_by("order", "id")]
            assert [_copied_values(s) for s in new_goal.services.order_by("order", "id")] == old_services
    old_weekly = [_copied_values(e) for e in plan.weekly_entries.all()]
    assert [_copied_values(e) for e in new.weekly_entries.all()] == old_weekly
