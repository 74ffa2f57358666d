"""運営基準 checks (compliance/rules.py). Each test names the rule it encodes."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from carebridge.careplans.rules import CertificationFacts, PlanFacts, ShortStayLine, goal_period_outside
from carebridge.casework.rules import VisitFacts
from carebridge.clients.rules import RenewalFacts
from carebridge.compliance import messages, rules
from carebridge.compliance.rules import (
    ClientCase,
    ContractFacts,
    Rule,
    date_order_breaks,
    findings_for_month,
    penalty_months,
)

D = dt.date
TODAY = D(2026, 11, 22)
CERT = CertificationFacts(valid_from=D(2026, 4, 1), valid_to=D(2027, 3, 31))
# A contract with 第4条第2項's explanation, made before the plans below.
CONTRACT = ContractFacts(contracted_on=D(2026, 3, 25), ended_on=None, multiple_providers_explained=True)


def case(*args, **kwargs) -> ClientCase:
    """A client case with a proper contract (tests of other rules need not repeat it)."""
    kwargs.setdefault("contracts", (CONTRACT,))
    return ClientCase(*args, **kwargs)


def good_plan(**changes) -> PlanFacts:
    base = {
        "plan_id": 1,
        "version": 1,
        "reason": "new",
        "assessed_on": D(2026, 4, 2),
        "assessed_at_home": True,
        "client_interviewed": True,
        "family_interviewed": True,
        "drafted_on": D(2026, 4, 5),
        "meeting_on": D(2026, 4, 10),
        "consented_on": D(2026, 4, 10),
        "delivered_client_on": D(2026, 4, 10),
        "delivered_providers_on": D(2026, 4, 11),
        "service_start_on": D(2026, 4, 15),
        "goal_periods": ((D(2026, 4, 15), D(2026, 9, 30)),),
    }
    return PlanFacts(**{**base, **changes})


def rules_of(findings) -> set[Rule]:
    return {f.rule for f in findings}


def home(month: dt.date, day: int = 10) -> VisitFacts:
    return VisitFacts(month=month, visited_on=month.replace(day=day), method="home")


def test_a_complete_case_has_no_findings():
    client_case = case(1, (good_plan(),), CERT, (home(D(2026, 10, 1)), home(D(2026, 11, 1))))
    assert findings_for_month(client_case, D(2026, 11, 1), TODAY) == []


def test_monitoring_missing_in_a_month_with_a_plan_in_effect():
    """運営基準第13条第14号: at least one home visit and its record every month."""
    client_case = case(1, (good_plan(),), CERT, (home(D(2026, 10, 1)),))
    found = findings_for_month(client_case, D(2026, 11, 1), TODAY)
    assert rules_of(found) == {Rule.MONITORING_MISSING}
    assert found[0].penalty_risk
    assert "第13条第14号" in found[0].basis
    assert found[0].message == messages.MONITORING_NOT_DONE.format(when="今月")
    assert found[0].message == "今月のモニタリング（居宅訪問）が未実施です。"  # as the care manager reads it


def test_past_month_without_monitoring_is_a_missing_record():
    client_case = case(1, (good_plan(),), CERT, ())
    found = findings_for_month(client_case, D(2026, 9, 1), TODAY)
    assert [f.message for f in found] == [messages.MONITORING_NOT_RECORDED.format(when="令和8年9月")]


def test_monitoring_start_month_needs_a_visit_on_or_after_the_start_day():
    """運営基準第13条第14号 (MHLW Q&A 「原則として暦月」): the month services start needs a home
    visit with a monitoring record too, dated on or after the start day (4/15 here)."""
    none = case(1, (good_plan(),), CERT, ())
    found = findings_for_month(none, D(2026, 4, 1), D(2026, 4, 20))
    assert [f.message for f in found] == [messages.MONITORING_NOT_DONE.format(when="今月")]
    assert found[0].penalty_risk
    before = case(1, (good_plan(),), CERT, (home(D(2026, 4, 1), day=14),))
    found = findings_for_month(before, D(2026, 4, 1), D(2026, 4, 20))
    assert rules_of(found) == {Rule.MONITORING_BEFORE_START}
    assert found[0].penalty_risk
    assert "第13条第14号" in found[0].basis
    on_start = case(1, (good_plan(),), CERT, (home(D(2026, 4, 1), day=15),))
    assert findings_for_month(on_start, D(2026, 4, 1), D(2026, 4, 20)) == []


def test_video_visit_needs_consent_team_agreement_and_last_months_home_visit():
    """運営基準第13条第14号 (2024 revision): テレビ電話装置等 with written consent, agreement of the
    care team and a home visit at least every 2 months."""
    video = VisitFacts(
        D(2026, 11, 1), D(2026, 11, 10), "video", video_consent_on=D(2026, 10, 1), team_agreed_on=D(2026, 10, 1)
    )
    ok = case(1, (good_plan(),), CERT, (home(D(2026, 10, 1)), video))
    assert findings_for_month(ok, D(2026, 11, 1), TODAY) == []
    no_home = case(1, (good_plan(),), CERT, (video,))
    assert rules_of(findings_for_month(no_home, D(2026, 11, 1), TODAY)) == {Rule.VIDEO_VISIT_NOT_ALLOWED}
    no_consent = VisitFacts(D(2026, 11, 1), D(2026, 11, 10), "video", team_agreed_on=D(2026, 10, 1))
    client_case = case(1, (good_plan(),), CERT, (home(D(2026, 10, 1)), no_consent))
    assert rules_of(findings_for_month(client_case, D(2026, 11, 1), TODAY)) == {Rule.VIDEO_VISIT_NOT_ALLOWED}


def test_meeting_missing_for_new_plan_change_renewal_and_level_change():
    """運営基準第13条第9号・第15号: サービス担当者会議 at a new plan, a change, a renewal and a level change."""
    for reason in ("new", "change", "renewal", "level_change"):
        client_case = case(1, (good_plan(reason=reason, meeting_on=None),), CERT, ())
        assert Rule.MEETING_MISSING in rules_of(findings_for_month(client_case, D(2026, 4, 1), D(2026, 4, 20))), reason
    minor = case(1, (good_plan(reason="minor", meeting_on=None),), CERT, ())
    assert Rule.MEETING_MISSING not in rules_of(findings_for_month(minor, D(2026, 4, 1), D(2026, 4, 20)))


def test_a_draft_without_meeting_is_work_in_progress_not_a_finding():
    draft = good_plan(
        meeting_on=None, consented_on=None, delivered_client_on=None, delivered_providers_on=None, service_start_on=None
    )
    assert findings_for_month(case(1, (draft,), CERT, ()), D(2026, 4, 1), D(2026, 4, 20)) == []


def test_not_consented_before_services_start():
    """運営基準第13条第10号: the plan is explained and consented in writing before services."""
    late = case(1, (good_plan(consented_on=D(2026, 4, 20), delivered_client_on=D(2026, 4, 20)),), CERT, ())
    found = rules_of(findings_for_month(late, D(2026, 4, 1), D(2026, 4, 25)))
    assert Rule.NOT_CONSENTED_BEFORE_START in found
    missing = case(1, (good_plan(consented_on=None),), CERT, ())
    assert Rule.NOT_CONSENTED_BEFORE_START in rules_of(findings_for_month(missing, D(2026, 4, 1), D(2026, 4, 25)))


def test_not_delivered_to_client_and_every_provider_before_start():
    """運営基準第13条第11号: the plan is delivered to the client and to each provider."""
    missing_provider = case(1, (good_plan(providers_without_delivery=1),), CERT, ())
    found = rules_of(findings_for_month(missing_provider, D(2026, 4, 1), D(2026, 4, 25)))
    assert Rule.NOT_DELIVERED_BEFORE_START in found
    no_client = case(1, (good_plan(delivered_client_on=None),), CERT, ())
    assert Rule.NOT_DELIVERED_BEFORE_START in rules_of(findings_for_month(no_client, D(2026, 4, 1), D(2026, 4, 25)))


def test_date_order_is_checked_and_named():
    """運営基準第13条第6〜11号: assessment ≤ draft ≤ meeting ≤ consent ≤ delivery ≤ start."""
    plan = good_plan(meeting_on=D(2026, 4, 3))  # meeting before the draft
    found = [
        f
        for f in findings_for_month(case(1, (plan,), CERT, ()), D(2026, 4, 1), D(2026, 4, 25))
        if f.rule == Rule.DATE_ORDER
    ]
    expected = messages.DATE_ORDER.format(label="第1版の計画", later="サービス担当者会議", earlier="原案作成")
    assert [f.message for f in found] == [expected]
    assert not found[0].penalty_risk


dates = st.dates(min_value=D(2024, 1, 1), max_value=D(2028, 12, 31))
maybe = st.one_of(st.none(), dates)


@given(maybe, dates, maybe, maybe, maybe, maybe)
def test_date_order_breaks_iff_some_recorded_step_runs_backwards(assessed, drafted, meeting, consent, delivery, start):
    plan = PlanFacts(
        1,
        1,
        "new",
        drafted_on=drafted,
        assessed_on=assessed,
        meeting_on=meeting,
        consented_on=consent,
        delivered_client_on=delivery,
        service_start_on=start,
    )
    recorded = [d for d in (assessed, drafted, meeting, consent, delivery, start) if d is not None]
    in_order = all(a <= b for a, b in itertools.pairwise(recorded))
    assert (date_order_breaks(plan) == []) == in_order


def test_goal_period_outside_the_certification():
    """老企第29号 第2表: goal periods are set with the certification's validity in mind."""
    plan = good_plan(goal_periods=((D(2026, 4, 15), D(2027, 6, 30)),))
    visited = (home(D(2026, 4, 1), day=20),)
    found = list(findings_for_month(case(1, (plan,), CERT, visited), D(2026, 4, 1), D(2026, 4, 25)))
    assert rules_of(found) == {Rule.GOAL_OUTSIDE_CERTIFICATION}
    assert goal_period_outside((D(2026, 3, 1), D(2026, 5, 1)), CERT)
    assert not goal_period_outside((D(2026, 4, 1), D(2027, 3, 31)), CERT)


def test_renewal_not_filed_within_60_days():
    """介護保険法第28条: a renewal can be filed from 60 days before expiry."""
    cert = RenewalFacts(certified=True, valid_from=D(2026, 1, 1), valid_to=D(2026, 12, 31))
    found = findings_for_month(case(1, renewal=cert), D(2026, 11, 1), TODAY)
    assert [f.rule for f in found] == [Rule.RENEWAL_NOT_FILED]
    assert "令和8年11月1日から可能" in found[0].message
    filed = RenewalFacts(
        certified=True, valid_from=D(2026, 1, 1), valid_to=D(2026, 12, 31), renewal_filed_on=(D(2026, 11, 2),)
    )
    assert findings_for_month(case(1, renewal=filed), D(2026, 11, 1), TODAY) == []
    far = RenewalFacts(certified=True, valid_from=D(2026, 1, 1), valid_to=D(2027, 3, 31))
    assert findings_for_month(case(1, renewal=far), D(2026, 11, 1), TODAY) == []


def test_short_stay_days_over_half_the_certification_period():
    """運営基準第13条第21号: short stays within about half of the certification period."""
    # CERT is 365 days; the line lies inside the version's span (from 4/15), so all its days count.
    over = good_plan(short_stays=(ShortStayLine(D(2026, 4, 15), D(2027, 3, 31), 183),))
    assert Rule.SHORT_STAY_OVER_HALF in rules_of(
        findings_for_month(case(1, (over,), CERT, ()), D(2026, 4, 1), D(2026, 4, 20))
    )
    half = good_plan(short_stays=(ShortStayLine(D(2026, 4, 15), D(2027, 3, 31), 182),))
    assert Rule.SHORT_STAY_OVER_HALF not in rules_of(
        findings_for_month(case(1, (half,), CERT, ()), D(2026, 4, 1), D(2026, 4, 20))
    )


def test_penalty_label_for_one_client():
    """運営基準減算: 50%; no fee from the second month in a row."""
    f = rules.Finding(1, Rule.MEETING_MISSING, "x")
    warn = rules.Finding(1, Rule.GOAL_OUTSIDE_CERTIFICATION, "y")
    assert rules.penalty_label([warn], [f]) is None
    assert rules.penalty_label([f], [warn]) == messages.PENALTY_RISK_HALF
    assert rules.penalty_label([f], [f]) == messages.PENALTY_NONE


def test_penalty_two_months_in_a_row_means_no_fee():
    """運営基準減算: 50% of the fee; no fee when it continues for 2 months or more."""
    f = rules.Finding(1, Rule.MONITORING_MISSING, "x")
    warn = rules.Finding(1, Rule.DATE_ORDER, "y")
    result = penalty_months({D(2026, 8, 1): [f], D(2026, 9, 1): [f], D(2026, 10, 1): [warn], D(2026, 11, 1): [f]})
    assert result == {
        D(2026, 8, 1): messages.PENALTY_HALF,
        D(2026, 9, 1): messages.PENALTY_NONE,
        D(2026, 11, 1): messages.PENALTY_HALF,
    }


def test_an_ended_version_is_history():
    """A version replaced before this month raises nothing this month (運営基準 is per month)."""
    old = good_plan(meeting_on=None, ended_on=D(2026, 6, 30))
    new = good_plan(
        plan_id=2,
        version=2,
        reason="change",
        drafted_on=D(2026, 6, 20),
        assessed_on=D(2026, 6, 18),
        meeting_on=D(2026, 6, 25),
        consented_on=D(2026, 6, 25),
        delivered_client_on=D(2026, 6, 26),
        delivered_providers_on=D(2026, 6, 26),
        service_start_on=D(2026, 7, 1),
    )
    client_case = case(1, (old, new), CERT, (home(D(2026, 10, 1)), home(D(2026, 11, 1))))
    assert findings_for_month(client_case, D(2026, 11, 1), TODAY) == []
    assert Rule.MEETING_MISSING in rules_of(findings_for_month(client_case, D(2026, 5, 1), TODAY))


def test_goals_are_checked_against_the_certification_the_version_was_made_under():
    """老企第29号 第2表: a renewal does not make an older version's goals wrong."""
    old_cert = CertificationFacts(valid_from=D(2025, 4, 1), valid_to=D(2026, 3, 31))
    plan = good_plan(
        goal_periods=((D(2025, 5, 1), D(2026, 3, 31)),),
        certification=old_cert,
        drafted_on=D(2025, 4, 5),
        assessed_on=D(2025, 4, 2),
        meeting_on=D(2025, 4, 10),
        consented_on=D(2025, 4, 10),
        delivered_client_on=D(2025, 4, 10),
        delivered_providers_on=D(2025, 4, 11),
        service_start_on=D(2025, 4, 15),
    )
    client_case = case(1, (plan,), CERT, (home(D(2026, 5, 1)),))
    found = findings_for_month(client_case, D(2026, 5, 1), D(2026, 5, 20))
    assert Rule.GOAL_OUTSIDE_CERTIFICATION not in rules_of(found)
