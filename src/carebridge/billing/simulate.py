"""The benefit simulation (issue 10 item 4): one client's month of service lines → limit
management and who pays what, as JSON. One function, `simulate(payload) -> dict`, drives
`carebridge billing simulate --input FILE|-`, `POST /api/v1/billing/simulate` and the what-if
panel of 第6表; the arithmetic is billing/rules.py's `calculate`, the figures come from the
service master (billing/master_lookup.py) of the month.

Input::

    {"month": "2026-10", "care_level": "care_2", "copay_rate": 10, "region_grade": "6",
     "lines": [{"provider": "1312345678", "service_type": "11", "service_code": "111211",
                "units": 387, "count": 12, "over_limit_units": null, "limit_managed": true}],
     "kind_limits": {"15": 8000}}

`units` may be left out when the code is in the master (a rate-based addition takes the master's
rate and ignores `units`), `limit_managed` too (the master's flag; true for a code not in it),
`over_limit_units` names the line's share of the excess (else the last lines carry it);
`kind_limits` (optional) are an insurer's 種類支給限度基準額 per service type. Care levels as in
GLOSSARY (support_1, support_2, care_1 … care_5); `region_grade` "1".."7" or "other";
`copay_rate` 10, 20 or 30.

Output: `limit_units`, `total_units`, `in_limit_units`, `over_limit_units`; `lines` (the input
resolved, with `service_units`, `in_limit_units`, `over_limit_units`); `groups` per provider and
service type (`units`, `in_limit_units`, `over_limit_units`, `unit_price` as a string "10.42",
`total_cost`, `insurance_claim`, `copay`, `full_pay`); `totals` (`total_cost`,
`insurance_claim`, `copay`, `full_pay`, `client_pays`); `notes` (what the calculator adjusted).

Bad input raises `SimulationInputError` whose `field` names the item (`lines[0].count`) and whose
`message` says in Japanese what is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from carebridge.clients.rules import CareLevel, benefit_limit_units
from carebridge.core.messages import Message

from . import master_messages as msg
from .master_lookup import MonthMaster, month_master
from .rules import COPAY_RATES, ClientMonthInput, ClientMonthResult, LineInput, calculate

TOP_FIELDS = ("month", "care_level", "copay_rate", "region_grade", "lines", "kind_limits")
LINE_FIELDS = ("provider", "service_type", "service_code", "units", "count", "over_limit_units", "limit_managed")
CARE_LEVELS = tuple(level.value for level in CareLevel if level != CareLevel.JIGYO_TAISHO)
REGION_GRADES = ("1", "2", "3", "4", "5", "6", "7", "other")
MAX_UNITS = 999_999
MAX_COUNT = 999
MAX_LINES = 500
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_PROVIDER = re.compile(r"^[0-9A-Z]{10}$")
_TYPE = re.compile(r"^[0-9A-Z]{2}$")
_CODE = re.compile(r"^[0-9A-Z]{6}$")


class SimulationInputError(ValueError):
    """Bad input: `field` names it (dotted path), `message` is Japanese (a Message with a code)."""

    def __init__(self, field: str, message: Message) -> None:
        super().__init__(str(message))
        self.field = field
        self.message = message


def _fail(field: str, template: Message, **params: object) -> SimulationInputError:
    return SimulationInputError(field, template.format(field=field, **params))


@dataclass(frozen=True)
class LineRequest:
    provider: str
    service_type: str
    service_code: str
    units: int | None
    count: int
    over_limit_units: int | None
    limit_managed: bool | None


@dataclass(frozen=True)
class SimulationRequest:
    month: dt.date  # the first day
    care_level: str
    copay_rate: int
    region_grade: str
    lines: tuple[LineRequest, ...]
    kind_limits: dict[str, int]


# -- parsing (plain Python) ------------------------------------------------------------------------


def _object(value: object, field: str, allowed: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(field, msg.SIM_NOT_OBJECT)
    for key in value:
        if key not in allowed:
            raise _fail(f"{field}.{key}" if field != "入力" else str(key), msg.SIM_UNKNOWN_FIELD)
    return value


def _required(data: Mapping[str, Any], key: str, field: str) -> Any:
    if data.get(key) is None:
        raise _fail(field, msg.SIM_REQUIRED)
    return data[key]


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise _fail(field, msg.SIM_TEXT)
    return value.strip().upper()


def _integer(value: object, field: str, minimum: int, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise _fail(field, msg.SIM_INTEGER, minimum=minimum, maximum=maximum, value=_shown(value))
    return value


def _optional_integer(value: object, field: str, maximum: int) -> int | None:
    return None if value is None else _integer(value, field, 0, maximum)


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 20 else text[:20] + "…"


def _choice(value: object, field: str, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise _fail(field, msg.SIM_CHOICE, allowed="、".join(allowed), value=_shown(value))
    return value


def _month(value: object) -> dt.date:
    match = _MONTH.match(value) if isinstance(value, str) else None
    if match is None or not 1 <= int(match[2]) <= 12 or int(match[1]) < 2000:
        raise _fail("month", msg.SIM_MONTH, value=_shown(value))
    return dt.date(int(match[1]), int(match[2]), 1)


def _line(value: object, field: str) -> LineRequest:
    data = _object(value, field, LINE_FIELDS)
    provider = _text(_required(data, "provider", f"{field}.provider"), f"{field}.provider")
    if not _PROVIDER.match(provider):
        raise _fail(f"{field}.provider", msg.SIM_PROVIDER, value=_shown(provider))
    service_type = _text(_required(data, "service_type", f"{field}.service_type"), f"{field}.service_type")
    if not _TYPE.match(service_type):
        raise _fail(f"{field}.service_type", msg.SIM_TYPE_FORMAT, value=_shown(service_type))
    code = _text(_required(data, "service_code", f"{field}.service_code"), f"{field}.service_code")
    if not _CODE.match(code):
        raise _fail(f"{field}.service_code", msg.SIM_SERVICE_CODE, value=_shown(code))
    if code[:2] != service_type:
        raise _fail(f"{field}.service_code", msg.SIM_CODE_TYPE, code=code, service_type=service_type)
    limit_managed = data.get("limit_managed")
    if limit_managed is not None and not isinstance(limit_managed, bool):
        raise _fail(f"{field}.limit_managed", msg.SIM_BOOL)
    return LineRequest(
        provider=provider,
        service_type=service_type,
        service_code=code,
        units=_optional_integer(data.get("units"), f"{field}.units", MAX_UNITS),
        count=_integer(_required(data, "count", f"{field}.count"), f"{field}.count", 0, MAX_COUNT),
        over_limit_units=_optional_integer(
            data.get("over_limit_units"), f"{field}.over_limit_units", MAX_UNITS * MAX_COUNT
        ),
        limit_managed=limit_managed,
    )


def parse(payload: object) -> SimulationRequest:
    """Check the shape of the input (no database); raise SimulationInputError on the first fault."""
    data = _object(payload, "入力", TOP_FIELDS)
    month = _month(_required(data, "month", "month"))
    care_level = _choice(_required(data, "care_level", "care_level"), "care_level", CARE_LEVELS)
    copay_rate = _required(data, "copay_rate", "copay_rate")
    if isinstance(copay_rate, bool) or copay_rate not in COPAY_RATES:
        raise _fail("copay_rate", msg.SIM_CHOICE, allowed="、".join(map(str, COPAY_RATES)), value=_shown(copay_rate))
    region_grade = _choice(_required(data, "region_grade", "region_grade"), "region_grade", REGION_GRADES)
    raw_lines = _required(data, "lines", "lines")
    if not isinstance(raw_lines, list):
        raise _fail("lines", msg.SIM_NOT_LIST)
    if len(raw_lines) > MAX_LINES:
        raise _fail("lines", msg.SIM_INTEGER, minimum=0, maximum=MAX_LINES, value=len(raw_lines))
    lines = tuple(_line(item, f"lines[{i}]") for i, item in enumerate(raw_lines))
    kind_limits: dict[str, int] = {}
    raw_kinds = data.get("kind_limits")
    if raw_kinds is not None:
        if not isinstance(raw_kinds, Mapping):
            raise _fail("kind_limits", msg.SIM_NOT_OBJECT)
        for key, value in raw_kinds.items():
            field = f"kind_limits.{key}"
            if not isinstance(key, str) or not _TYPE.match(key.upper()):
                raise _fail(field, msg.SIM_TYPE_FORMAT, value=_shown(key))
            kind_limits[key.upper()] = _integer(value, field, 0, MAX_UNITS)
    return SimulationRequest(month, care_level, int(copay_rate), region_grade, lines, kind_limits)


# -- the month's input from the master -------------------------------------------------------------


def month_input(request: SimulationRequest, master: MonthMaster) -> ClientMonthInput:
    """The calculator's input: units, flags and unit prices from the master where not given."""
    month_label = request.month.strftime("%Y-%m")
    limit = benefit_limit_units(request.care_level, request.month)
    if limit is None:  # a level without a 区分支給限度 on that date
        raise _fail("care_level", msg.SIM_CHOICE, allowed="、".join(CARE_LEVELS), value=request.care_level)
    for kind in request.kind_limits:
        if kind not in master.labor_ratio_class:
            raise _fail(f"kind_limits.{kind}", msg.SIM_UNKNOWN_TYPE, value=kind, month=month_label)
    lines = []
    for i, line in enumerate(request.lines):
        field = f"lines[{i}]"
        if line.service_type not in master.labor_ratio_class:
            raise _fail(f"{field}.service_type", msg.SIM_UNKNOWN_TYPE, value=line.service_type, month=month_label)
        facts = master.codes.get(line.service_code)
        rate = facts.rate_permille if facts is not None else None
        units = line.units if line.units is not None else (facts.units if facts is not None else None)
        if units is None and rate is None:
            raise _fail(f"{field}.units", msg.SIM_UNITS_NEEDED, code=line.service_code, month=month_label)
        limit_managed = line.limit_managed
        if limit_managed is None:
            limit_managed = facts.limit_managed if facts is not None else True
        price = master.unit_price(request.region_grade, line.service_type)
        if price is None:
            raise _fail(
                "region_grade",
                msg.SIM_NO_PRICE,
                month=month_label,
                grade=request.region_grade,
                labor_ratio_class=master.labor_ratio_class[line.service_type],
            )
        lines.append(
            LineInput(
                provider=line.provider,
                service_type=line.service_type,
                service_code=line.service_code,
                units=units or 0,
                count=line.count,
                unit_price=price,
                limit_managed=limit_managed and rate is None,
                over_limit_units=line.over_limit_units,
                rate_permille=rate,
            )
        )
    return ClientMonthInput(
        limit_units=limit, copay_rate=request.copay_rate, lines=lines, kind_limits=request.kind_limits or None
    )


def price_text(price_x100: int) -> str:
    """1042 -> "10.42" (the unit price as the 第7表 prints it)."""
    return f"{price_x100 // 100}.{price_x100 % 100:02d}"


def render(request: SimulationRequest, month: ClientMonthInput, result: ClientMonthResult) -> dict[str, Any]:
    return {
        "month": request.month.strftime("%Y-%m"),
        "care_level": request.care_level,
        "copay_rate": request.copay_rate,
        "region_grade": request.region_grade,
        "limit_units": result.limit_units,
        "total_units": result.total_units,
        "in_limit_units": result.in_limit_units,
        "over_limit_units": result.over_limit_units,
        "lines": [
            {
                "provider": line.provider,
                "service_type": line.service_type,
                "service_code": line.service_code,
                "units": line.units if line.rate_permille is None else None,
                "rate_permille": line.rate_permille,
                "count": line.count,
                "limit_managed": line.limit_managed,
                "service_units": outcome.units,
                "in_limit_units": outcome.in_limit_units,
                "over_limit_units": outcome.over_limit_units,
            }
            for line, outcome in zip(month.lines, result.lines, strict=True)
        ],
        "groups": [
            {
                "provider": g.provider,
                "service_type": g.service_type,
                "units": g.units,
                "in_limit_units": g.in_limit_units,
                "over_limit_units": g.over_limit_units,
                "unit_price": price_text(g.unit_price),
                "total_cost": g.total_cost,
                "insurance_claim": g.insurance_claim,
                "copay": g.copay,
                "full_pay": g.full_pay,
            }
            for g in result.groups
        ],
        "totals": {
            "total_cost": result.totals.total_cost,
            "insurance_claim": result.totals.insurance_claim,
            "copay": result.totals.copay,
            "full_pay": result.totals.full_pay,
            "client_pays": result.totals.client_pays,
        },
        "notes": list(result.notes),
    }


def simulate(payload: object, *, master: MonthMaster | None = None) -> dict[str, Any]:
    """The simulation's JSON answer for the parsed JSON input (see the module's docstring)."""
    request = parse(payload)
    month = month_input(request, master if master is not None else month_master(request.month))
    return render(request, month, calculate(month))
