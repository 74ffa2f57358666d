"""billing.slip_rules: generation of 第6表 lines from the weekly schedule (老企第29号 第6表の記載要領:
the planned days per service and time band), holidays marked not dropped, period bounds,
unmapped entries kept, and the month's findings."""

from __future__ import annotations

import datetime as dt

from carebridge.billing import slip_rules as r

T = dt.time
D = dt.date

DAY_CARE = r.ServiceFacts(1, "15", "通所介護", "入浴介助", 7, "デイA", D(2026, 4, 15), D(2026, 6, 30))
NURSE = r.ServiceFacts(2, "13", "訪問看護", "歩行訓練", 8, "看護B", D(2026, 4, 1), D(2026, 4, 30))


def lookup(service_type: str, minutes: int, care_level: str, on: dt.date) -> r.CodeChoice | None:
    if service_type == "15":
        return r.CodeChoice("151111", "通所介護11", 658)
    return None


def test_days_within_period_and_weekday() -> None:
    """Tuesdays of April 2026 from the 15th (the service's start): 21, 28."""
    lines = r.generate(
        month=D(2026, 4, 1),
        entries=[r.ScheduleFacts(1, T(10), T(15), "通所介護")],
        services=[DAY_CARE, NURSE],
        care_level="care2",
        code_for=lookup,
    )
    assert len(lines) == 1
    line = lines[0]
    assert line.mapped and line.provider_id == 7 and line.service_code == "151111" and line.units == 658
    assert [i + 1 for i, c in enumerate(line.planned_days) if c == "1"] == [21, 28]


def test_holidays_marked_not_dropped() -> None:
    """2026-05-05 (こどもの日, a Tuesday) keeps its planned visit; holidays() names it."""
    lines = r.generate(
        month=D(2026, 5, 1),
        entries=[r.ScheduleFacts(1, T(10), T(15), "通所介護")],
        services=[DAY_CARE],
        care_level="care2",
        code_for=lookup,
    )
    assert lines[0].planned_days[4] == "1"
    assert r.holidays(D(2026, 5, 1))[5] == "こどもの日"


def test_weekdays_merged_and_unmapped_kept() -> None:
    entries = [
        r.ScheduleFacts(1, T(10), T(15), "通所介護"),
        r.ScheduleFacts(4, T(10), T(15), "通所介護"),
        r.ScheduleFacts(2, T(9), T(10), "配食（自費）"),
    ]
    lines = r.generate(month=D(2026, 6, 1), entries=entries, services=[DAY_CARE], care_level="", code_for=lookup)
    unmapped = [ln for ln in lines if not ln.mapped]
    assert len(unmapped) == 1 and unmapped[0].service_code == "" and unmapped[0].provider_id is None
    assert unmapped[0].service_name == "配食（自費）" and r.count(unmapped[0].planned_days) == 4  # June Wednesdays
    mapped = [ln for ln in lines if ln.mapped]
    assert len(mapped) == 1 and mapped[0].weekdays == (1, 4) and r.count(mapped[0].planned_days) == 9


def test_service_outside_month_left_out_and_explicit_link() -> None:
    entry = r.ScheduleFacts(0, T(9), T(10), "何か", service_id=2)
    assert r.generate(month=D(2026, 5, 1), entries=[entry], services=[NURSE], care_level="", code_for=lookup) == []
    lines = r.generate(month=D(2026, 4, 1), entries=[entry], services=[NURSE], care_level="", code_for=r.no_master)
    assert lines[0].mapped and lines[0].provider_id == 8 and lines[0].service_code == ""


def test_ambiguous_label_unmapped() -> None:
    twin = r.ServiceFacts(3, "15", "通所介護", "機能訓練", 9, "デイC", D(2026, 4, 1), D(2026, 6, 30))
    entry = r.ScheduleFacts(1, T(10), T(15), "通所介護")
    assert r.map_entry(entry, [DAY_CARE, twin]) is None
    assert r.map_entry(r.ScheduleFacts(1, T(10), T(15), "入浴介助"), [DAY_CARE, twin]) == DAY_CARE


def test_set_day_and_beyond_month() -> None:
    days = r.set_day(r.NO_DAYS, 31, 2)
    assert r.count(days) == 2 and r.beyond_month(D(2026, 4, 1), days) == [31]
    assert r.beyond_month(D(2026, 5, 1), days) == []


def test_findings() -> None:
    month = D(2026, 5, 1)
    state = r.SlipState(1, month, "confirmed", None, providers=2, providers_delivered=1, blank_lines=0)
    codes = [f.code for f in r.findings(state, D(2026, 5, 2))]
    assert codes == ["slip_consent_missing", "slip_delivery_missing"]
    assert r.findings(state, D(2026, 4, 1)) == []  # too early
    done = r.SlipState(1, month, "confirmed", D(2026, 4, 28), providers=2, providers_delivered=2)
    assert r.findings(done, D(2026, 5, 2)) == []
