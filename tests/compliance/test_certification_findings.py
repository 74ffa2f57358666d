"""運営基準 findings about the certification (issue 9 items 6 and 13), pure rules.

- NO_CERTIFICATION_IN_EFFECT: 介護保険法第27条・第28条・第41条 — benefits are paid only within a
  certification's validity; a plan in effect on a day no 認定 line (申請中 included, 法第27条第8項)
  covers is a finding.
- SHORT_STAY_OVER_HALF: 運営基準第13条第21号 — short stays (21, 22, 23, 2A) within about half of the
  certification period, counted across plan versions; beyond it only with the insurer's approval
  (理由書).
"""

from __future__ import annotations

import datetime as dt

from carebridge.careplans.rules import CertificationFacts, PlanFacts, ShortStayLine, short_stay_days
from carebridge.compliance.rules import ClientCase, Rule, findings_for_month

D = dt.date
CERT = CertificationFacts(D(2026, 4, 1), D(2027, 3, 31))  # 365 days: more than 182.5 is over half


def plan(version: int, start: dt.date | None, *lines: ShortStayLine, drafted: dt.date | None = None) -> PlanFacts:
    return PlanFacts(
        plan_id=version,
        version=version,
        reason="new" if version == 1 else "change",
        drafted_on=drafted or (start or D(2026, 3, 25)) - dt.timedelta(days=5),
        service_start_on=start,
        short_stays=lines,
    )


def rules_of(findings) -> set[Rule]:
    return {f.rule for f in findings}


# -- a plan in effect with no certification in effect ---------------------------------------------


def test_no_certification_in_effect_when_a_plan_runs_past_the_validity():
    """介護保険法第28条: the 2026-10-31 validity does not cover November; the plan goes on."""
    case = ClientCase(
        1, (plan(1, D(2026, 4, 15)),), certification_periods=(CertificationFacts(D(2026, 4, 1), D(2026, 10, 31)),)
    )
    found = [
        f
        for f in findings_for_month(case, D(2026, 11, 1), D(2026, 11, 22))
        if f.rule == Rule.NO_CERTIFICATION_IN_EFFECT
    ]
    assert len(found) == 1
    assert "令和8年11月1日から22日" in found[0].message  # 11/1..11/22: the days up to today
    assert not found[0].penalty_risk
    assert Rule.NO_CERTIFICATION_IN_EFFECT not in rules_of(findings_for_month(case, D(2026, 10, 1), D(2026, 11, 22)))


def test_no_certification_in_effect_when_the_only_lines_start_next_year():
    """The demo's old fault (clients 4, 16, 22, 28): 利用中 with an active plan, 認定 only from 令和9年."""
    case = ClientCase(
        1, (plan(1, D(2026, 4, 15)),), certification_periods=(CertificationFacts(D(2027, 4, 1), D(2028, 3, 31)),)
    )
    assert Rule.NO_CERTIFICATION_IN_EFFECT in rules_of(findings_for_month(case, D(2026, 11, 1), D(2026, 11, 22)))


def test_a_pending_application_covers_the_plan():
    """法第27条第8項: a decision reaches back to the application date, so a 申請中 line covers."""
    periods = (CertificationFacts(D(2026, 4, 1), D(2026, 10, 31)), CertificationFacts(D(2026, 11, 1), D(2027, 4, 30)))
    case = ClientCase(1, (plan(1, D(2026, 4, 15)),), certification_periods=periods)
    assert Rule.NO_CERTIFICATION_IN_EFFECT not in rules_of(findings_for_month(case, D(2026, 11, 1), D(2026, 11, 22)))


def test_days_still_to_come_are_not_a_finding_yet():
    """Only days up to today count: a validity ending 11/30 is not a finding on 11/22 for December."""
    case = ClientCase(
        1, (plan(1, D(2026, 4, 15)),), certification_periods=(CertificationFacts(D(2026, 4, 1), D(2026, 11, 30)),)
    )
    assert Rule.NO_CERTIFICATION_IN_EFFECT not in rules_of(findings_for_month(case, D(2026, 12, 1), D(2026, 11, 22)))


# -- short stays across plan versions ---------------------------------------------------------------


# Version 1 (from 4/1) plans 183 days over 4/1〜9/30 (183 days: one a day); version 2 replaces it
# from 7/1 and plans days over 7/1〜3/31 (274 days). Version 1 counts for 4/1〜6/30 only: 91 days.
V1 = plan(1, D(2026, 4, 1), ShortStayLine(D(2026, 4, 1), D(2026, 9, 30), 183))


def test_short_stay_days_are_counted_across_versions_over_the_certification_period():
    """運営基準第13条第21号: 91 (v1, April–June) + 92 (v2) = 183 > 365 / 2 — although neither version
    alone plans more than half."""
    v2 = plan(2, D(2026, 7, 1), ShortStayLine(D(2026, 7, 1), D(2027, 3, 31), 92))
    assert short_stay_days((V1, v2), CERT) == 183
    case = ClientCase(1, (V1, v2), CERT)
    found = [
        f for f in findings_for_month(case, D(2026, 11, 1), D(2026, 11, 22)) if f.rule == Rule.SHORT_STAY_OVER_HALF
    ]
    assert len(found) == 1 and "183日" in found[0].message and "365日" in found[0].message


def test_short_stay_days_within_half_are_no_finding():
    """運営基準第13条第21号: 91 + 91 = 182 ≤ 182.5."""
    v2 = plan(2, D(2026, 7, 1), ShortStayLine(D(2026, 7, 1), D(2027, 3, 31), 91))
    assert short_stay_days((V1, v2), CERT) == 182
    assert Rule.SHORT_STAY_OVER_HALF not in rules_of(
        findings_for_month(ClientCase(1, (V1, v2), CERT), D(2026, 11, 1), D(2026, 11, 22))
    )


def test_short_stay_over_half_with_the_insurers_approval_is_no_finding():
    """運営基準第13条第21号 (解釈通知): beyond half only when the insurer approves (理由書); recorded, it
    is not a finding for that certification."""
    v2 = plan(2, D(2026, 7, 1), ShortStayLine(D(2026, 7, 1), D(2027, 3, 31), 92))
    case = ClientCase(1, (V1, v2), CERT, short_stay_approved=(CERT,))
    assert Rule.SHORT_STAY_OVER_HALF not in rules_of(findings_for_month(case, D(2026, 11, 1), D(2026, 11, 22)))
    other = ClientCase(1, (V1, v2), CERT, short_stay_approved=(CertificationFacts(D(2025, 4, 1), D(2026, 3, 31)),))
    assert Rule.SHORT_STAY_OVER_HALF in rules_of(findings_for_month(other, D(2026, 11, 1), D(2026, 11, 22)))


def test_short_stay_days_split_a_line_by_its_share_of_the_period_rounded_up():
    """Days planned over 4/1〜9/30 (183 days) counted for 4/1〜6/30 (91 days): 100 × 91 / 183 =
    49.7 → 50 (rounded up: a warning comes early rather than late)."""
    v1 = plan(1, D(2026, 4, 1), ShortStayLine(D(2026, 4, 1), D(2026, 9, 30), 100))
    v2 = plan(2, D(2026, 7, 1))
    assert short_stay_days((v1, v2), CERT) == 50


def test_short_stay_days_outside_the_certification_are_not_counted():
    """Only the part of a line inside the certification period counts: 3/1〜4/30 (61 days, 61
    planned) has 30 days in a period starting 4/1."""
    v1 = plan(1, D(2026, 3, 1), ShortStayLine(D(2026, 3, 1), D(2026, 4, 30), 61))
    assert short_stay_days((v1,), CERT) == 30


def test_a_superseded_draft_is_not_counted_but_the_plan_in_preparation_is():
    """An older version never started was replaced; the newest unstarted version (being prepared)
    counts from its drafting day, ending the span of the version before it."""
    v1 = plan(1, D(2026, 4, 1), ShortStayLine(D(2026, 4, 1), D(2026, 9, 30), 183))
    abandoned = plan(2, None, ShortStayLine(D(2026, 5, 1), D(2026, 5, 31), 31), drafted=D(2026, 4, 20))
    preparing = plan(3, None, ShortStayLine(D(2026, 7, 1), D(2026, 7, 31), 10), drafted=D(2026, 7, 1))
    # v1: 4/1〜6/30 → 91; the abandoned draft: 0; the plan being prepared: 10.
    assert short_stay_days((v1, abandoned, preparing), CERT) == 101


def test_actual_days_replace_planned_days_of_their_month():
    """The seam for billing: a month with actual days (第6表 実績) counts those, not the plan."""
    v1 = plan(1, D(2026, 4, 1), ShortStayLine(D(2026, 4, 1), D(2026, 9, 30), 183))  # one a day
    assert short_stay_days((v1,), CERT) == 183
    assert short_stay_days((v1,), CERT, {D(2026, 4, 1): 5}) == 183 - 30 + 5
