"""Pure rules of the 両立プラン (no Django): the date order of its timeline and of a meeting, the
result of checking one company measure, and the difference between a version and the one it
replaces.

The entitlement itself (how many days of 介護休業 are left, whether a request is allowed) is
decided by the entitlement rules (workcare/rules.py through entitlement_json.evaluate); here
only the shape of its answer is kept, so the plan page and the PDF can show it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# The company measures of a plan (PlanItemKind values; checked against the law and the policy).
CARE_LEAVE = "care_leave"
CARE_DAYS_OFF = "care_days_off"
OVERTIME_EXEMPTION = "overtime_exemption"
OVERTIME_LIMIT = "overtime_limit"
NIGHT_WORK_LIMIT = "night_work_limit"
REDUCED_HOURS_MEASURE = "reduced_hours_measure"
TELEWORK = "telework"
MEASURES = frozenset(
    {CARE_LEAVE, CARE_DAYS_OFF, OVERTIME_EXEMPTION, OVERTIME_LIMIT, NIGHT_WORK_LIMIT, REDUCED_HOURS_MEASURE, TELEWORK}
)
# Measures that run over a period (an end date is needed); 介護休暇 is taken on one day.
PERIOD_MEASURES = MEASURES - {CARE_DAYS_OFF}

# Codes of the date-order problems (the services map them to Japanese messages).
END_BEFORE_START = "end_before_start"
END_REQUIRED = "end_required"
HOURS_REQUIRED = "hours_required"
HOURS_ONE_DAY = "hours_one_day"
HOURS_ONLY_DAYS_OFF = "hours_only_days_off"
HOURS_TOO_MANY = "hours_too_many"
NEXT_BEFORE_HELD = "next_before_held"


@dataclass(frozen=True)
class ItemFacts:
    """One step of a plan's timeline, as plain values."""

    kind: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    hours: int | None = None
    detail: str = ""
    order: int = 0

    @property
    def is_measure(self) -> bool:
        return self.kind in MEASURES

    def key(self) -> tuple[str, dt.date, dt.date | None, int | None, str]:
        """What makes two steps the same step (the order number is bookkeeping only)."""
        return (self.kind, self.starts_on, self.ends_on, self.hours, self.detail)


def item_problems(item: ItemFacts, *, daily_hours: int | None = None) -> dict[str, str]:
    """The date-order problems of one step, field -> code.

    介護休暇 by the hour is one day's hours (whole hours, fewer than the daily scheduled hours
    rounded up — a whole day is entered without hours); every other measure runs over a period
    with an end date on or after its start; a care step may have no end date.
    """
    problems: dict[str, str] = {}
    if item.ends_on is not None and item.ends_on < item.starts_on:
        problems["ends_on"] = END_BEFORE_START
    elif item.ends_on is None and item.kind in PERIOD_MEASURES:
        problems["ends_on"] = END_REQUIRED
    if item.hours is not None:
        if item.kind != CARE_DAYS_OFF:
            problems["hours"] = HOURS_ONLY_DAYS_OFF
        elif item.ends_on is not None and item.ends_on != item.starts_on and "ends_on" not in problems:
            problems["ends_on"] = HOURS_ONE_DAY
        elif item.hours < 1:
            problems["hours"] = HOURS_REQUIRED
        elif daily_hours is not None and item.hours >= daily_hours:
            problems["hours"] = HOURS_TOO_MANY
    return problems


def meeting_problems(held_on: dt.date, next_meeting_on: dt.date | None) -> dict[str, str]:
    """The next meeting comes after this one."""
    if next_meeting_on is not None and next_meeting_on <= held_on:
        return {"next_meeting_on": NEXT_BEFORE_HELD}
    return {}


def timeline(items: Iterable[ItemFacts]) -> list[ItemFacts]:
    """The steps in date order (a step without end date after those that end the same day)."""
    return sorted(items, key=lambda i: (i.starts_on, i.order, i.ends_on or dt.date.max, i.kind))


def calendar_days(start: dt.date, end: dt.date | None) -> int:
    """Days of a period counted inclusively (介護休業 counts calendar days)."""
    return ((end or start) - start).days + 1


# -- the result of checking one measure --------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    code: str
    article: str
    message: str


@dataclass(frozen=True)
class MeasureCheck:
    """allowed: True / False; None when the measure could not be checked (no rule answered)."""

    allowed: bool | None
    reasons: tuple[Reason, ...] = ()

    @property
    def refused(self) -> bool:
        return self.allowed is False


def reasons_from(raw: object) -> tuple[Reason, ...]:
    """The reasons of an entitlement answer ({"code", "article", "message"} each), kept as they
    are; anything malformed is skipped rather than trusted."""
    if not isinstance(raw, list):
        return ()
    found: list[Reason] = []
    for entry in raw:
        if isinstance(entry, dict):
            found.append(
                Reason(
                    code=str(entry.get("code", "")),
                    article=str(entry.get("article", "")),
                    message=str(entry.get("message", "")),
                )
            )
    return tuple(found)


def check_from(answer: object) -> MeasureCheck:
    """The `request` part of an entitlement answer as a MeasureCheck."""
    if not isinstance(answer, dict):
        return MeasureCheck(None)
    request = answer.get("request")
    if not isinstance(request, dict) or not isinstance(request.get("allowed"), bool):
        return MeasureCheck(None)
    return MeasureCheck(bool(request["allowed"]), reasons_from(request.get("reasons")))


def combine(*checks: MeasureCheck) -> MeasureCheck:
    """Refused when any check refuses; unknown when none refuses and one could not check."""
    reasons = tuple(r for c in checks for r in c.reasons)
    if any(c.allowed is False for c in checks):
        return MeasureCheck(False, reasons)
    if any(c.allowed is None for c in checks):
        return MeasureCheck(None, reasons)
    return MeasureCheck(True, reasons)


# -- the difference between two versions -------------------------------------------------------------


@dataclass(frozen=True)
class PlanFacts:
    goals: str
    work_wishes: str
    items: tuple[ItemFacts, ...]


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: str
    new: str


@dataclass(frozen=True)
class PlanDiff:
    fields: tuple[FieldChange, ...] = ()
    added: tuple[ItemFacts, ...] = ()
    removed: tuple[ItemFacts, ...] = ()
    changed: tuple[tuple[ItemFacts, ItemFacts], ...] = ()  # (old, new): same kind and start
    unchanged: tuple[ItemFacts, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not (self.fields or self.added or self.removed or self.changed)


def diff(old: PlanFacts, new: PlanFacts) -> PlanDiff:
    """What changed from `old` to `new`: the text fields, and the steps matched as a multiset —
    identical steps are unchanged, a step with the same kind and start but other values is
    changed, the rest are added or removed. Every step lands in exactly one of the lists."""
    fields = tuple(
        FieldChange(name, a, b)
        for name, a, b in (("goals", old.goals, new.goals), ("work_wishes", old.work_wishes, new.work_wishes))
        if a != b
    )
    olds = list(timeline(old.items))
    news = list(timeline(new.items))
    unchanged: list[ItemFacts] = []
    for item in list(news):
        match = next((o for o in olds if o.key() == item.key()), None)
        if match is not None:
            olds.remove(match)
            news.remove(item)
            unchanged.append(item)
    changed: list[tuple[ItemFacts, ItemFacts]] = []
    for item in list(news):
        match = next((o for o in olds if (o.kind, o.starts_on) == (item.kind, item.starts_on)), None)
        if match is not None:
            olds.remove(match)
            news.remove(item)
            changed.append((match, item))
    return PlanDiff(
        fields=fields, added=tuple(news), removed=tuple(olds), changed=tuple(changed), unchanged=tuple(unchanged)
    )


def measures_only(items: Sequence[ItemFacts]) -> list[ItemFacts]:
    """The company measures of a timeline (what HR and the manager may see, with consent)."""
    return [i for i in timeline(items) if i.is_measure]


# -- meetings --------------------------------------------------------------------------------------------

MEETING_EDIT_DAYS = 7  # a meeting record can be corrected for a week after it was recorded


def meeting_is_final(*, recorded_on: dt.date, today: dt.date, plan_agreed: bool) -> bool:
    """A meeting record is final (immutable) once the plan it belongs to is agreed, or once
    MEETING_EDIT_DAYS days have passed since it was recorded: it is the evidence of what was said
    (両立支援等助成金), so later corrections go into the next meeting's record."""
    return plan_agreed or (today - recorded_on).days >= MEETING_EDIT_DAYS
