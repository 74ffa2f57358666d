"""運営基準 rules of issue 9 (compliance/rules.py): the start month's monitoring, 特段の事情, the
meeting at a renewal or 区分変更 certification, the home assessment before a new or changed plan and
the explanation at contract. Each test names the rule and cites the article; the expected results
are worked out by hand from the rule's text."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from carebridge.careplans.rules import CertificationFacts, PlanFacts
from carebridge.casework.rules import SpecialCircumstanceFacts, VisitFacts
from carebridge.compliance import messages
from carebridge.compliance.rules import (
    BASIS,
    CertificationEvent,
    ClientCase,
    ContractFacts,
    Rule,
    findings_for_month,
    monitoring_satisfied,
    penalty_label,
)
from carebridge.core.dates import month_end, month_start

D = dt.date
CERT = CertificationFacts(valid_from=D(2026, 4, 1), valid_to=D(2027, 3, 31))
CONTRACT = ContractFacts(contracted_on=D(2026, 3, 25), ended_on=None, multiple_providers_explained=True)


def plan(**changes) -> PlanFacts:
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
    }
    return PlanFacts(**{**base, **changes})


def visit(day: dt.date) -> VisitFacts:
    return VisitFacts(month=month_start(day), visited_on=day, method="home")


def monthly_visits(first: dt.date, last: dt.date) -> tuple[VisitFacts, ...]:
    out = []
    month = month_start(first)
    while month <= last:
        out.append(visit(max(first, month.replace(day=20))))
        month = month_end(month) + dt.timedelta(days=1)
    return tuple(out)


def case(**kwargs) -> ClientCase:
    kwargs.setdefault("plans", (plan(),))
    kwargs.setdefault("certification", CERT)
    kwargs.setdefault("contracts", (CONTRACT,))
    return ClientCase(1, **kwargs)


def rules_of(found) -> set[Rule]:
    return {f.rule for f in found}


# -- 1. monitoring in the month services start (第13条第14号) ------------------------------------


@given(st.dates(min_value=D(2024, 1, 1), max_value=D(2028, 12, 31)), st.integers(min_value=1, max_value=31))
def test_monitoring_start_month_requires_a_visit_on_or_after_the_start_date(start, day):
    """運営基準第13条第14号 (MHLW Q&A 「原則として暦月」): in the month services start, only a
    monitoring record dated on or after the start date satisfies the month; one dated earlier in
    the same month does not."""
    first = month_start(start)
    visited = first.replace(day=min(day, month_end(first).day))
    facts = plan(service_start_on=start, drafted_on=start, assessed_on=start, meeting_on=None, consented_on=None)
    assert monitoring_satisfied([facts], [visit(visited)], first) == (visited >= start)
    assert not monitoring_satisfied([facts], [], first)
    found = rules_of(findings_for_month(case(plans=(facts,), visits=(visit(visited),)), first, start))
    assert (Rule.MONITORING_BEFORE_START in found) == (visited < start)
    assert Rule.MONITORING_MISSING not in found


def test_monitoring_start_month_plan_starting_on_the_30th_needs_the_30th_or_31st():
    """運営基準第13条第14号: a plan starting 2026-10-30 needs a visit on 10/30 or 10/31."""
    start = D(2026, 10, 30)
    facts = plan(service_start_on=start)
    assert not monitoring_satisfied([facts], [visit(D(2026, 10, 29))], D(2026, 10, 1))
    assert monitoring_satisfied([facts], [visit(D(2026, 10, 30))], D(2026, 10, 1))
    assert monitoring_satisfied([facts], [visit(D(2026, 10, 31))], D(2026, 10, 1))


def test_monitoring_start_month_a_later_version_starting_mid_month_keeps_the_whole_month():
    """運営基準第13条第14号: a change of plan on 7/20 does not make a 7/5 visit too early — the
    first version was in effect until 7/19."""
    old = plan(ended_on=D(2026, 7, 19))
    new = plan(plan_id=2, version=2, reason="minor", drafted_on=D(2026, 7, 10), service_start_on=D(2026, 7, 20))
    assert monitoring_satisfied([old, new], [visit(D(2026, 7, 5))], D(2026, 7, 1))


def test_monitoring_start_month_only_monitoring_records_count():
    """運営基準第13条第14号: the assessment visit (4/2) does not count for the start month unless it
    was recorded as the month's monitoring; no monitoring record means a finding with 減算 risk."""
    found = findings_for_month(case(visits=()), D(2026, 4, 1), D(2026, 5, 10))
    assert [f.message for f in found] == [messages.MONITORING_NOT_RECORDED.format(when="令和8年4月")]
    assert found[0].penalty_risk


# -- 4. 特段の事情 ----------------------------------------------------------------------------------


def test_special_circumstance_month_is_shown_as_such_and_is_not_a_penalty_risk():
    """運営基準第13条第14号「特段の事情のない限り」(老企第22号 第二の3(8)⑭): a month without a visit
    because the client was in hospital is recorded as 特段の事情 and is not a 減算 risk."""
    special = (SpecialCircumstanceFacts(month=D(2026, 9, 1), reason="hospital"),)
    visits = monthly_visits(D(2026, 4, 15), D(2026, 8, 31))
    found = findings_for_month(case(visits=visits, special_circumstances=special), D(2026, 9, 1), D(2026, 11, 22))
    assert [(f.rule, f.message, f.penalty_risk) for f in found] == [
        (Rule.SPECIAL_CIRCUMSTANCE, "特段の事情あり（令和8年9月: 入院）", False)
    ]
    assert penalty_label(found, []) is None
    # Another month without a visit and without a record is still a finding.
    other = findings_for_month(case(visits=visits, special_circumstances=special), D(2026, 10, 1), D(2026, 11, 22))
    assert rules_of(other) == {Rule.MONITORING_MISSING}


def test_special_circumstance_only_client_side_reasons_exist():
    """老企第22号 第二の3(8)⑭: the care manager's own circumstances are not 特段の事情, and a broken
    video link is not either — there is no reason to choose for them."""
    from carebridge.casework.rules import SPECIAL_CIRCUMSTANCE_LABELS

    assert set(SPECIAL_CIRCUMSTANCE_LABELS.values()) == {"入院", "入所", "本人の拒否", "その他利用者側の事情"}


# -- 2. the meeting at a renewal or 区分変更 certification (第13条第15号) --------------------------

FIRST = CertificationEvent(valid_from=D(2026, 4, 1), valid_to=D(2026, 9, 30), certified_on=D(2026, 3, 25))
RENEWED = CertificationEvent(valid_from=D(2026, 10, 1), valid_to=D(2027, 9, 30), certified_on=D(2026, 9, 20))


def renewed_case(meetings: tuple[dt.date, ...] = (), **kwargs) -> ClientCase:
    visits = monthly_visits(D(2026, 4, 15), D(2026, 12, 31))
    return case(certifications=(FIRST, RENEWED), meetings=(D(2026, 4, 10), *meetings), visits=visits, **kwargs)


def test_certification_meeting_missing_after_renewal_without_a_new_plan_version():
    """運営基準第13条第15号: after a renewal certification (認定日 9/20, effective 10/1) a
    サービス担当者会議 is held even when no new plan version is made; none recorded → a 減算 risk
    from October, the month it became effective."""
    assert Rule.CERTIFICATION_MEETING_MISSING not in rules_of(
        findings_for_month(renewed_case(), D(2026, 9, 1), D(2026, 11, 22))
    )
    found = findings_for_month(renewed_case(), D(2026, 10, 1), D(2026, 11, 22))
    assert rules_of(found) == {Rule.CERTIFICATION_MEETING_MISSING}
    assert found[0].penalty_risk
    assert "第13条第15号" in found[0].basis
    assert "令和8年9月20日" in found[0].message
    assert rules_of(findings_for_month(renewed_case(), D(2026, 11, 1), D(2026, 11, 22))) == {
        Rule.CERTIFICATION_MEETING_MISSING
    }


def test_certification_meeting_counts_only_on_or_after_the_decision_date():
    """運営基準第13条第15号: the meeting is tied to the certification: one held before its 認定日
    (9/15 < 9/20) does not count; one on 10/5 clears October and later."""
    early = renewed_case(meetings=(D(2026, 9, 15),))
    assert Rule.CERTIFICATION_MEETING_MISSING in rules_of(findings_for_month(early, D(2026, 10, 1), D(2026, 11, 22)))
    held = renewed_case(meetings=(D(2026, 10, 5),))
    assert findings_for_month(held, D(2026, 10, 1), D(2026, 11, 22)) == []
    assert findings_for_month(held, D(2026, 11, 1), D(2026, 11, 22)) == []
    # Held in November: October stays a finding, November is clear.
    late = renewed_case(meetings=(D(2026, 11, 2),))
    assert Rule.CERTIFICATION_MEETING_MISSING in rules_of(findings_for_month(late, D(2026, 10, 1), D(2026, 11, 22)))
    assert findings_for_month(late, D(2026, 11, 1), D(2026, 11, 22)) == []


def test_certification_meeting_level_change_is_flagged_from_its_decision_month():
    """運営基準第13条第15号: a 区分変更 effective from its application day (8/10) but decided on
    9/12 needs a meeting on or after 9/12; August is not flagged (nothing was decided yet)."""
    change = CertificationEvent(valid_from=D(2026, 8, 10), valid_to=D(2027, 2, 28), certified_on=D(2026, 9, 12))
    visits = monthly_visits(D(2026, 4, 15), D(2026, 12, 31))
    level = case(certifications=(FIRST, change), meetings=(D(2026, 4, 10),), visits=visits)
    assert findings_for_month(level, D(2026, 8, 1), D(2026, 11, 22)) == []
    assert rules_of(findings_for_month(level, D(2026, 9, 1), D(2026, 11, 22))) == {Rule.CERTIFICATION_MEETING_MISSING}


def test_certification_meeting_not_asked_for_the_first_certification_or_without_a_plan():
    """運営基準第13条第15号 concerns renewals and level changes: the first certification's meeting
    is the new plan's (第13条第9号); a client with no plan in effect has no plan to review."""
    visits = monthly_visits(D(2026, 4, 15), D(2026, 12, 31))
    first_only = case(certifications=(FIRST,), meetings=(D(2026, 4, 10),), visits=visits)
    assert findings_for_month(first_only, D(2026, 5, 1), D(2026, 11, 22)) == []
    no_plan = case(plans=(), certifications=(FIRST, RENEWED))
    assert findings_for_month(no_plan, D(2026, 10, 1), D(2026, 11, 22)) == []


# -- 3. the home assessment before a new or changed plan (第13条第7号) -----------------------------


def test_home_assessment_missing_for_new_and_changed_plans():
    """運営基準第13条第7号: for a new plan or a change, the assessment is made on or before the draft,
    at the home, interviewing the client and the family; otherwise a finding with 減算 risk naming
    what is lacking."""
    visits = (visit(D(2026, 4, 20)),)
    for reason in ("new", "change"):
        for changes, missing in (
            ({"assessed_on": None}, "アセスメントの記録なし"),
            ({"assessed_on": D(2026, 4, 6)}, "原案作成日より後の実施"),
            ({"assessed_at_home": False}, "居宅以外で実施"),
            ({"client_interviewed": False}, "本人との面接なし"),
            ({"family_interviewed": False}, "家族との面接なし"),
        ):
            facts = plan(reason=reason, **changes)
            found = [
                f
                for f in findings_for_month(case(plans=(facts,), visits=visits), D(2026, 4, 1), D(2026, 4, 25))
                if f.rule == Rule.HOME_ASSESSMENT_MISSING
            ]
            assert len(found) == 1, (reason, changes)
            assert missing in found[0].message
            assert found[0].penalty_risk
            assert "第13条第7号" in found[0].basis
    ok = findings_for_month(case(visits=visits), D(2026, 4, 1), D(2026, 4, 25))
    assert Rule.HOME_ASSESSMENT_MISSING not in rules_of(ok)


def test_home_assessment_not_asked_of_renewal_plan_versions_or_drafts():
    """運営基準第13条第7号 as a 減算 trigger covers new plans and changes; a version for a renewal is
    checked by the meeting rules, and a draft not yet agreed is work in progress."""
    visits = (visit(D(2026, 4, 20)),)
    renewal = plan(reason="renewal", assessed_at_home=False)
    assert Rule.HOME_ASSESSMENT_MISSING not in rules_of(
        findings_for_month(case(plans=(renewal,), visits=visits), D(2026, 4, 1), D(2026, 4, 25))
    )
    draft = plan(assessed_on=None, meeting_on=None, consented_on=None, service_start_on=None)
    assert findings_for_month(case(plans=(draft,)), D(2026, 4, 1), D(2026, 4, 25)) == []


# -- 5. the explanation at contract (第4条第2項) ---------------------------------------------------


def test_contract_explanation_missing_from_the_contract_month():
    """運営基準第4条第2項 (減算 since H30): at contract the client is told they may ask for several
    providers and for the reasons of the choice. A contract without it is a finding from the
    contract month, for a client with a plan in effect."""
    visits = monthly_visits(D(2026, 4, 15), D(2026, 12, 31))
    unexplained = ContractFacts(contracted_on=D(2026, 3, 25), ended_on=None, multiple_providers_explained=False)
    found = findings_for_month(case(contracts=(unexplained,), visits=visits), D(2026, 4, 1), D(2026, 11, 22))
    assert rules_of(found) == {Rule.CONTRACT_EXPLANATION_MISSING}
    assert found[0].message == "令和8年3月25日の契約で、複数事業所の紹介を求められること等の説明の記録がありません。"
    assert found[0].penalty_risk
    assert "第4条第2項" in BASIS[Rule.CONTRACT_EXPLANATION_MISSING][0]
    # A later contract with the explanation (6/1) clears the months from June.
    explained = ContractFacts(contracted_on=D(2026, 6, 1), ended_on=None, multiple_providers_explained=True)
    ended = ContractFacts(contracted_on=D(2026, 3, 25), ended_on=D(2026, 5, 31), multiple_providers_explained=False)
    both = case(contracts=(ended, explained), visits=visits)
    assert rules_of(findings_for_month(both, D(2026, 5, 1), D(2026, 11, 22))) == {Rule.CONTRACT_EXPLANATION_MISSING}
    assert findings_for_month(both, D(2026, 6, 1), D(2026, 11, 22)) == []


def test_contract_explanation_missing_without_any_contract():
    """運営基準第4条第2項: with no contract recorded, the explanation cannot be shown: a finding in
    each month a plan is in effect, none before services start."""
    visits = monthly_visits(D(2026, 4, 15), D(2026, 12, 31))
    found = findings_for_month(case(contracts=(), visits=visits), D(2026, 5, 1), D(2026, 11, 22))
    assert [f.message for f in found] == [messages.NO_CONTRACT]
    before = case(contracts=(), plans=(plan(service_start_on=D(2026, 6, 1)),), visits=visits)
    assert findings_for_month(before, D(2026, 5, 1), D(2026, 11, 22)) == []
