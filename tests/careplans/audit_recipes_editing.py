"""Audit recipes of editing a draft, answering a 照会, rewording a 第5表 entry and correcting a
monitoring record (issue 9 items 18, 19; tests/test_audit_every_service.py). Records a recipe
needs are made in the outer function, so the call itself writes only what the service writes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from carebridge.careplans import services as careplans
from carebridge.careplans.inputs import ConferenceInput, GoalInput, InquiryInput, ServiceInput
from carebridge.casework import services as casework
from carebridge.casework.inputs import MonitoringInput, NoteInput
from carebridge.core.dates import month_start

from ..audit_recipe import Recipe

D = dt.date
MEAL = ServiceInput(
    content="配食", service_kind="配食", insured=False, provider_name="配食A", frequency="毎日",
    period_start=D(2026, 4, 15), period_end=D(2026, 6, 30),
)  # fmt: skip


def _inquiry(o: Any) -> Any:
    data = ConferenceInput(
        held_on=o.plan.drafted_on,
        place="自宅",
        items_discussed="x",
        discussion="x",
        conclusion="x",
        inquiries=(InquiryInput(recipient="主治医 田中", sent_on=o.plan.drafted_on, question="入浴の可否"),),
    )
    return careplans.conference_create(actor=o.world.cm_a, plan=o.plan, data=data).inquiries.get()


def _note(o: Any) -> Any:
    data = NoteInput(noted_on=D(2026, 4, 3), category="phone", content="長女から電話")
    return casework.progress_note_create(actor=o.world.cm_a, client=o.client, data=data)


def _visit(o: Any, month: dt.date) -> Any:
    day = timezone.localdate() if month == month_start(timezone.localdate()) else month.replace(day=10)
    return casework.monitoring_record(
        actor=o.world.cm_a, client=o.client, month=month, data=MonitoringInput(visited_on=day)
    )


def _need_update(o: Any, plan_key: str) -> Any:
    need = o[plan_key].needs.order_by("order").first()
    return lambda: careplans.need_update(actor=o.world.cm_a, need=need, text="一人で安全に入浴し続けたい")


def _service_update(o: Any, insured: bool) -> Any:
    service = o.short.services.first()
    data = ServiceInput(**{**vars(MEAL), "insured": insured})
    return lambda: careplans.service_update(actor=o.world.cm_a, service=service, data=data)


def _move(o: Any, direction: str) -> Any:
    return lambda: careplans.plan_row_move(actor=o.world.cm_a, plan=o.plan, row=o.need, direction=direction)


def _answer(o: Any, answer: str) -> Any:
    inquiry = _inquiry(o)
    return lambda: careplans.inquiry_answer(
        actor=o.world.cm_a, inquiry=inquiry, answer=answer, answered_on=inquiry.sent_on
    )


def _note_update(o: Any, category: str) -> Any:
    note = _note(o)
    data = NoteInput(noted_on=note.noted_on, category=category, content="長女から電話。来週訪問の予定")
    return lambda: casework.progress_note_update(actor=o.world.cm_a, note=note, data=data)


def _correct(o: Any, month: dt.date) -> Any:
    visit = _visit(o, month)
    data = MonitoringInput(visited_on=visit.visited_on, service_status="予定どおり（訂正）")
    return lambda: casework.monitoring_correct(actor=o.world.cm_a, visit=visit, data=data, reason="記入漏れ")


RECIPES: dict[str, Recipe] = {
    "need_update": Recipe(lambda o: _need_update(o, "plan"), lambda o: _need_update(o, "active_plan")),
    "goal_update": Recipe(
        lambda o: (
            lambda: careplans.goal_update(
                actor=o.world.cm_a,
                goal=o.short,
                data=GoalInput(text="介助で週2回入浴する", period_start=D(2026, 4, 15), period_end=D(2026, 6, 30)),
            )
        ),
        lambda o: (
            lambda: careplans.goal_update(
                actor=o.world.cm_a,
                goal=o.short,
                data=GoalInput(text="介助で入浴する", period_start=D(2026, 6, 30), period_end=D(2026, 4, 15)),
            )
        ),
    ),
    "service_update": Recipe(lambda o: _service_update(o, False), lambda o: _service_update(o, True)),
    "plan_row_move": Recipe(lambda o: _move(o, "down"), lambda o: _move(o, "up")),
    "inquiry_answer": Recipe(lambda o: _answer(o, "入浴は可"), lambda o: _answer(o, "  ")),
    "progress_note_update": Recipe(lambda o: _note_update(o, "visit"), lambda o: _note_update(o, "bogus")),
    "monitoring_correct": Recipe(
        lambda o: _correct(o, month_start(timezone.localdate())), lambda o: _correct(o, D(2026, 5, 1))
    ),
}
