"""特定事業所集中減算 (billing/concentration_rules.py), 別表 イ 注 and 老企第36号 第3の13."""

from __future__ import annotations

import datetime as dt

from carebridge.billing import concentration_rules as cr

H1 = cr.parse_period("2026H1")


def _uses(counts: dict[str, int], service_type: str = "11") -> list[cr.ServiceUse]:
    assert H1 is not None
    out, pid = [], 0
    for corp, n in counts.items():
        for _ in range(n):
            pid += 1
            out.append(cr.ServiceUse(pid, service_type, corp, H1.start, H1.end))
    return out


def test_periods():
    """Judging periods 3/1〜8/31 and 9/1〜2月末; 減算 前期 → 10月〜3月, 後期 → 4月〜9月."""
    h2 = cr.parse_period("2027H2")
    assert h2 is not None and h2.end == dt.date(2028, 2, 29)
    assert H1 is not None and (H1.start, H1.end) == (dt.date(2026, 3, 1), dt.date(2026, 8, 31))
    assert (H1.penalty_from, H1.penalty_to) == (dt.date(2026, 10, 1), dt.date(2027, 3, 1))
    assert cr.parse_period("2026H3") is None and cr.parse_period("x") is None
    assert cr.period_of(dt.date(2027, 1, 15)).label == "2026H2"
    assert [p.label for p in cr.penalty_periods(dt.date(2027, 2, 1))] == ["2026H1"]
    assert [p.label for p in cr.penalty_periods(dt.date(2027, 5, 1))] == ["2026H2"]


def test_81_percent_without_reason_is_flagged():
    """Acceptance: a half-year with 81% to one corporation and no 正当な理由 is flagged (80%超)."""
    assert H1 is not None
    results = cr.judge(_uses({"法人A": 81, "法人B": 19}), H1)
    visit = next(r for r in results if r.group == "11")
    assert visit.flagged and visit.top is not None and visit.top.percent == "81.0"
    assert cr.penalty_applies(results, set())
    assert not cr.penalty_applies(results, {"11"})


def test_exactly_80_percent_is_not_flagged():
    """80% is not over 80%."""
    assert H1 is not None
    results = cr.judge(_uses({"法人A": 80, "法人B": 20}), H1)
    assert not any(r.flagged for r in results)


def test_regional_day_service_counts_with_day_service_and_outside_period_ignored():
    """通所介護 15 and 地域密着型通所介護 78 are one group; a service outside the period is not counted."""
    assert H1 is not None
    uses = [
        cr.ServiceUse(1, "15", "法人A", H1.start, H1.end),
        cr.ServiceUse(2, "78", "法人A", H1.start, H1.end),
        cr.ServiceUse(3, "15", "法人B", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    ]
    day = next(r for r in cr.judge(uses, H1) if r.group == "15")
    assert day.plans == 2 and day.flagged
