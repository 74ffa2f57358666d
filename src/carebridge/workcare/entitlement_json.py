"""The entitlement calculator's JSON (issue 8 item 7), shared by `carebridge workcare entitlements`,
`POST /api/v1/workcare/entitlements` and every area that checks a measure (plans). Pure Python.

`evaluate(data) -> dict` takes the parsed JSON and returns the answer; bad input raises
`EntitlementInputError` whose `field` names the item (e.g. `employee.daily_hours`,
`history[1].end`) and whose `message` says in Japanese what is wrong.

Input::

    {"as_of": "2026-11-22",
     "employee": {"weekly_days": 5, "daily_hours": "7.5", "hired_on": "2019-04-01", "fixed_term_end": null},
     "company": {"fiscal_year_start": "04-01", "labor_agreement_excludes": ["under_1_year"],
                 # optional, the company's own figures (more generous than the law wins):
                 "care_leave_days": 93, "care_leave_periods": 3, "care_days_off_one": 5,
                 "care_days_off_two": 10, "reduced_hours_uses": 2, "reduced_hours_years": 3},
     "family": [{"id": "mother", "relation": "parent"}],
     "history": [{"kind": "care_leave", "family_id": "mother", "start": "2026-01-05", "end": "2026-02-03"},
                 {"kind": "care_days_off", "family_id": "mother", "date": "2026-05-11", "hours": 3}],
     "request": {"kind": "care_leave", "family_id": "mother", "start": "2026-12-01", "end": "2027-01-31"}}

`family` lists the members who need care; `labor_agreement_excludes` takes `under_1_year`,
`leaving_within_93_days`, `weekly_2_days_or_less`; `history` and `request` are optional. Kinds:
`care_leave` (start, end), `care_days_off` (date, hours — omit hours or null for a whole day),
and the extensions `overtime_exemption`, `overtime_limit`, `night_work_limit`,
`reduced_hours_measure` (start, end, optional requested_on — `as_of` when absent; family_id
optional for the three work limits) and, in a request only, `telework` (never refused).

Output::

    {"care_leave": [{"family_id": "mother", "days_used": 30, "days_left": 63,
                     "periods_used": 1, "periods_left": 2}],
     "care_days_off": {"fiscal_year_start": "2026-04-01", "entitled_days": 5, "used_hours": 3,
                       "left_days": 4, "left_hours": 5},
     "request": {"allowed": true, "reasons": []}}

`request` is null when the input has none; each reason is `{code, article, message}`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from carebridge.core.limits import MAX_DATE, MIN_DATE
from carebridge.core.messages import Message

from . import messages, rules

# choices.Relation values (tests/workcare/test_entitlements_cli_api.py keeps them equal).
RELATIONS = ("spouse", "parent", "child", "parent_in_law", "grandparent", "sibling", "grandchild", "other")
POLICY_FIGURES = (
    "care_leave_days",
    "care_leave_periods",
    "care_days_off_one",
    "care_days_off_two",
    "reduced_hours_uses",
    "reduced_hours_years",
)
FAMILY_OPTIONAL = (rules.OVERTIME_EXEMPTION, rules.OVERTIME_LIMIT, rules.NIGHT_WORK_LIMIT, rules.TELEWORK)
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class EntitlementInputError(ValueError):
    """Bad input: `field` names it (dotted path), `message` is Japanese (a Message with a code)."""

    def __init__(self, field: str, message: Message) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _fail(field: str, template: Message, **params: object) -> EntitlementInputError:
    return EntitlementInputError(field, template.format(field=field, **params))


def _object(value: object, field: str, allowed: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _fail(field, messages.ENTITLEMENT_OBJECT)
    for key in value:
        if key not in allowed:
            name = f"{field}.{key}" if field else str(key)
            raise _fail(name, messages.ENTITLEMENT_UNKNOWN_KEY, allowed=", ".join(allowed))
    return value


def _path(parent: str, key: str) -> str:
    return f"{parent}.{key}" if parent else key


def _required(obj: Mapping[str, Any], key: str, parent: str) -> object:
    if obj.get(key) is None:
        raise _fail(_path(parent, key), messages.ENTITLEMENT_REQUIRED)
    return obj[key]


def _date(obj: Mapping[str, Any], key: str, parent: str, *, optional: bool = False) -> dt.date | None:
    field = _path(parent, key)
    value = obj.get(key)
    if value is None:
        if optional:
            return None
        raise _fail(field, messages.ENTITLEMENT_REQUIRED)
    if not isinstance(value, str) or not _DATE.match(value):
        raise _fail(field, messages.ENTITLEMENT_DATE)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(field, messages.ENTITLEMENT_DATE) from None
    if not MIN_DATE <= day <= MAX_DATE:
        raise _fail(field, messages.ENTITLEMENT_DATE_RANGE)
    return day


def _req_date(obj: Mapping[str, Any], key: str, parent: str) -> dt.date:
    value = _date(obj, key, parent)
    assert value is not None  # noqa: S101 - _date raised otherwise
    return value


def _int(
    obj: Mapping[str, Any], key: str, parent: str, minimum: int, maximum: int, *, optional: bool = False
) -> int | None:
    field = _path(parent, key)
    value = obj.get(key)
    if value is None:
        if optional:
            return None
        raise _fail(field, messages.ENTITLEMENT_REQUIRED)
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise _fail(field, messages.ENTITLEMENT_INTEGER, minimum=minimum, maximum=maximum)
    return value


def _hours(obj: Mapping[str, Any], key: str, parent: str) -> Decimal:
    field = _path(parent, key)
    value = _required(obj, key, parent)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _fail(field, messages.ENTITLEMENT_HOURS)
    try:
        hours = Decimal(str(value).strip())
    except InvalidOperation:
        raise _fail(field, messages.ENTITLEMENT_HOURS) from None
    if not hours.is_finite() or not Decimal(0) < hours <= Decimal(24):
        raise _fail(field, messages.ENTITLEMENT_HOURS)
    return hours


def _text(obj: Mapping[str, Any], key: str, parent: str) -> str:
    field = _path(parent, key)
    value = _required(obj, key, parent)
    if not isinstance(value, str) or not 1 <= len(value.strip()) <= 50:
        raise _fail(field, messages.ENTITLEMENT_TEXT)
    return value.strip()


def _choice(value: object, field: str, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise _fail(field, messages.ENTITLEMENT_CHOICE, choices=", ".join(choices))
    return value


def _list(obj: Mapping[str, Any], key: str, parent: str, *, optional: bool) -> list[Any]:
    value = obj.get(key)
    if value is None:
        if optional:
            return []
        raise _fail(_path(parent, key), messages.ENTITLEMENT_REQUIRED)
    if not isinstance(value, list):
        raise _fail(_path(parent, key), messages.ENTITLEMENT_LIST)
    return value


def parse_employee(value: object) -> rules.EmployeeFacts:
    obj = _object(value, "employee", ("weekly_days", "daily_hours", "hired_on", "fixed_term_end"))
    weekly = _int(obj, "weekly_days", "employee", 1, 7)
    assert weekly is not None  # noqa: S101
    return rules.EmployeeFacts(
        weekly_days=weekly,
        daily_hours=_hours(obj, "daily_hours", "employee"),
        hired_on=_req_date(obj, "hired_on", "employee"),
        fixed_term_end=_date(obj, "fixed_term_end", "employee", optional=True),
    )


def parse_company(value: object) -> rules.Policy:
    obj = _object(value, "company", ("fiscal_year_start", "labor_agreement_excludes", *POLICY_FIGURES))
    start = _required(obj, "fiscal_year_start", "company")
    match = _MONTH_DAY.match(start) if isinstance(start, str) else None
    month, day = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    if (
        not match
        or not 1 <= month <= 12
        or not 1 <= day <= (28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    ):
        raise _fail("company.fiscal_year_start", messages.ENTITLEMENT_MONTH_DAY)
    excludes = _list(obj, "labor_agreement_excludes", "company", optional=True)
    chosen = frozenset(
        _choice(item, f"company.labor_agreement_excludes[{i}]", rules.EXCLUSIONS) for i, item in enumerate(excludes)
    )
    figures = {key: _int(obj, key, "company", 0, 3660, optional=True) for key in POLICY_FIGURES}
    return rules.Policy(
        fiscal_year_start=(month, day),
        labor_agreement_excludes=chosen,
        care_leave_days=figures["care_leave_days"],
        care_leave_periods=figures["care_leave_periods"],
        care_days_off_one=figures["care_days_off_one"],
        care_days_off_two=figures["care_days_off_two"],
        reduced_hours_uses=figures["reduced_hours_uses"],
        reduced_hours_years=figures["reduced_hours_years"],
    )


def parse_family(value: object) -> list[str]:
    if not isinstance(value, list):
        raise _fail("family", messages.ENTITLEMENT_LIST if value is not None else messages.ENTITLEMENT_REQUIRED)
    ids: list[str] = []
    for i, item in enumerate(value):
        where = f"family[{i}]"
        obj = _object(item, where, ("id", "relation"))
        family_id = _text(obj, "id", where)
        if obj.get("relation") is not None:
            _choice(obj["relation"], f"{where}.relation", RELATIONS)
        if family_id in ids:
            raise _fail(f"{where}.id", messages.ENTITLEMENT_DUPLICATE_FAMILY, value=family_id)
        ids.append(family_id)
    return ids


def parse_use(value: object, where: str, family_ids: list[str], kinds: tuple[str, ...]) -> rules.Use:
    if not isinstance(value, dict):
        raise _fail(where, messages.ENTITLEMENT_OBJECT)
    kind = _choice(value.get("kind"), f"{where}.kind", kinds)
    if kind == rules.CARE_DAYS_OFF:
        obj = _object(value, where, ("kind", "family_id", "date", "hours"))
    else:
        obj = _object(value, where, ("kind", "family_id", "start", "end", "requested_on"))
    family_id = ""
    if kind not in FAMILY_OPTIONAL or obj.get("family_id") is not None:
        family_id = _text(obj, "family_id", where)
        if family_id not in family_ids:
            raise _fail(f"{where}.family_id", messages.ENTITLEMENT_UNKNOWN_FAMILY, value=family_id)
    if kind == rules.CARE_DAYS_OFF:
        day = _req_date(obj, "date", where)
        hours = _int(obj, "hours", where, 1, 24, optional=True)
        return rules.Use(kind=kind, family_id=family_id, start=day, end=day, hours=hours)
    start = _req_date(obj, "start", where)
    end = _req_date(obj, "end", where)
    if end < start:
        raise _fail(f"{where}.end", messages.ENTITLEMENT_PERIOD_ORDER)
    requested_on = _date(obj, "requested_on", where, optional=True)
    return rules.Use(kind=kind, family_id=family_id, start=start, end=end, requested_on=requested_on)


TOP_KEYS = ("as_of", "employee", "company", "family", "history", "request")


def parse(
    data: object,
) -> tuple[dt.date, rules.EmployeeFacts, rules.Policy, list[str], list[rules.Use], rules.Use | None]:
    """The facts of the input, or EntitlementInputError naming the first bad field."""
    if not isinstance(data, dict):
        raise _fail("(本文)", messages.ENTITLEMENT_OBJECT)
    obj = _object(data, "", TOP_KEYS)
    as_of = _req_date(obj, "as_of", "")
    employee = parse_employee(_required(obj, "employee", ""))
    policy = parse_company(_required(obj, "company", ""))
    family_ids = parse_family(obj.get("family"))
    history = [
        parse_use(item, f"history[{i}]", family_ids, rules.KINDS)
        for i, item in enumerate(_list(obj, "history", "", optional=True))
    ]
    raw_request = obj.get("request")
    request = None if raw_request is None else parse_use(raw_request, "request", family_ids, rules.REQUEST_KINDS)
    return as_of, employee, policy, family_ids, history, request


def answer(evaluation: rules.Evaluation) -> dict[str, Any]:
    """The output JSON of an evaluation."""
    request: dict[str, Any] | None = None
    if evaluation.allowed is not None:
        request = {"allowed": evaluation.allowed, "reasons": [r.as_dict() for r in evaluation.reasons]}
    return {
        "care_leave": [b.as_dict() for b in evaluation.ledger.care_leave],
        "care_days_off": evaluation.ledger.care_days_off.as_dict(),
        "request": request,
    }


def evaluate(data: object) -> dict[str, Any]:
    """The calculator: the input JSON (already parsed) in, the output JSON (a dict) out.
    Raises EntitlementInputError (with `.field`, `.message`) on bad input."""
    as_of, employee, policy, family_ids, history, request = parse(data)
    evaluation = rules.evaluate_facts(
        as_of=as_of, family_ids=family_ids, history=history, employee=employee, policy=policy, request=request
    )
    return answer(evaluation)
