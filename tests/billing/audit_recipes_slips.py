"""Audit recipes of the 利用票 services (tests/test_audit_every_service.py). Records a recipe needs
are made in the outer function, so the call itself writes only what the service writes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from carebridge.billing import slip_services as slips
from carebridge.billing.slip_inputs import UsageLineInput
from carebridge.billing.slip_rules import no_master

from ..audit_recipe import Recipe

MAY = dt.date(2026, 5, 1)
JUNE = dt.date(2026, 6, 1)
HELPER = UsageLineInput(service_name="訪問介護", provider_name="X", service_type="11", service_code="111111", units=250)


def _draft(o: Any, month: dt.date = MAY) -> Any:
    """A draft with a blank line (a lookup that knows no code), so confirming it is refused."""
    return slips.slip_generate(actor=o.world.cm_a, client=o.active_plan.client, month=month, code_for=no_master)


def _ready(o: Any, month: dt.date = JUNE) -> Any:
    slip = _draft(o, month)
    line = slip.lines.get()
    data = UsageLineInput(
        provider_id=line.provider_id,
        service_type="15",
        service_code="151111",
        service_name="通所介護",
        units=658,
        planned_days=line.planned_days,
    )
    slips.slip_line_update(actor=o.world.cm_a, line=line, data=data)
    return slip


def _confirmed(o: Any) -> Any:
    return slips.slip_confirm(actor=o.world.cm_a, slip=_ready(o))


def _superseded(o: Any) -> Any:
    old = _confirmed(o)
    slips.slip_revise(actor=o.world.cm_a, slip=old)
    old.refresh_from_db()
    return old


def _line_of(slip: Any) -> Any:
    return slip.lines.order_by("position", "id").first()


def _move(o: Any, confirmed: bool) -> Any:
    slip = _confirmed(o) if confirmed else _draft(o)
    line = _line_of(slip) if confirmed else slips.slip_line_add(actor=o.world.cm_a, slip=slip, data=HELPER)
    return lambda: slips.slip_line_move(actor=o.world.cm_a, line=line, up=True)


def _day(o: Any, day: int) -> Any:
    line = _line_of(_ready(o))  # June: no 31st
    return lambda: slips.slip_line_day_set(actor=o.world.cm_a, line=line, actual=False, day=day, value=1)


def _delivery(o: Any, known: bool) -> Any:
    slip = _draft(o)
    line = _line_of(slip)
    provider_id = line.provider_id if known else None
    return lambda: slips.slip_delivery_record(
        actor=o.world.cm_a,
        slip=slip,
        provider_id=provider_id,
        provider_name="" if known else "知らない事業所",
        delivered_on=dt.date(2026, 4, 28),
        method="fax",
    )


def _consent(o: Any, slip: Any) -> Any:
    return lambda: slips.slip_consent_record(
        actor=o.world.cm_a, slip=slip, consented_on=dt.date(2026, 4, 28), method="visit", consented_by="本人"
    )


def _line_call(o: Any, slip: Any, what: str) -> Any:
    line = _line_of(slip)
    if what == "update":
        return lambda: slips.slip_line_update(actor=o.world.cm_a, line=line, data=HELPER)
    if what == "delete":
        return lambda: slips.slip_line_delete(actor=o.world.cm_a, line=line)
    return lambda: slips.slip_line_actuals_set(actor=o.world.cm_a, line=line, actual_days="1" + "0" * 30)


def _add(o: Any, data: UsageLineInput) -> Any:
    slip = _draft(o)
    return lambda: slips.slip_line_add(actor=o.world.cm_a, slip=slip, data=data)


def _lifecycle(o: Any, slip: Any, step: str) -> Any:
    """confirm (refused for a draft with a blank code) or revise (refused for a draft)."""
    if step == "confirm":
        return lambda: slips.slip_confirm(actor=o.world.cm_a, slip=slip)
    return lambda: slips.slip_revise(actor=o.world.cm_a, slip=slip)


RECIPES: dict[str, Recipe] = {
    "slip_generate": Recipe(
        lambda o: lambda: slips.slip_generate(actor=o.world.cm_a, client=o.active_plan.client, month=MAY),
        lambda o: lambda: slips.slip_generate(actor=o.world.cm_a, client=o.client, month=MAY),  # no plan
    ),
    "slip_month_generate": Recipe(
        lambda o: (o.active_plan, lambda: slips.slip_month_generate(actor=o.world.cm_a, month=MAY))[1],
        None,
        "a client whose slip cannot be made is reported in the result (its slip_generate refusal), never raised",
    ),
    "slip_line_add": Recipe(
        lambda o: _add(o, HELPER),
        lambda o: _add(
            o, UsageLineInput(service_name="手すり", service_type="17", service_code="171111")
        ),  # no product code
    ),
    "slip_line_update": Recipe(
        lambda o: _line_call(o, _draft(o), "update"), lambda o: _line_call(o, _confirmed(o), "update")
    ),
    "slip_line_delete": Recipe(
        lambda o: _line_call(o, _draft(o), "delete"), lambda o: _line_call(o, _confirmed(o), "delete")
    ),
    "slip_line_actuals_set": Recipe(
        lambda o: _line_call(o, _confirmed(o), "actuals"), lambda o: _line_call(o, _superseded(o), "actuals")
    ),
    "slip_line_move": Recipe(lambda o: _move(o, False), lambda o: _move(o, True)),
    "slip_line_day_set": Recipe(lambda o: _day(o, 3), lambda o: _day(o, 31)),
    "slip_confirm": Recipe(
        lambda o: _lifecycle(o, _ready(o), "confirm"), lambda o: _lifecycle(o, _draft(o), "confirm")
    ),
    "slip_revise": Recipe(
        lambda o: _lifecycle(o, _confirmed(o), "revise"), lambda o: _lifecycle(o, _draft(o), "revise")
    ),
    "slip_consent_record": Recipe(lambda o: _consent(o, _draft(o)), lambda o: _consent(o, _superseded(o))),
    "slip_delivery_record": Recipe(lambda o: _delivery(o, True), lambda o: _delivery(o, False)),
}
