"""Our own screening questions and their transparent urgency level (workcare/screening_rules.py).

The expected levels are computed by hand from the rule written in the module's docstring:
points (continuous leave 2, severe dementia 2, no family help 2, fatigue "always" 2 / "often" 1,
own health 1, no services 1); high at 5 points or more, or continuous leave together with no
family help (JILPT's risk factors); medium at 2 or more; low otherwise."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carebridge.workcare import screening_rules as rules

CALM = {
    "long_absence": "no",
    "cannot_leave_alone": "no",
    "someone_to_share": "yes",
    "worn_out": "never",
    "own_health": "no",
    "services_started": "yes",
}


def answers(**changes: str) -> dict[str, str]:
    return {**CALM, **changes}


def test_no_risk_factor_is_low_with_no_factor_listed():
    result = rules.evaluate(CALM)
    assert (result.urgency, result.points, result.factors) == ("low", 0, ())


def test_one_point_stays_low():
    # services_started = no: 1 point (no care services in use yet) -> 1 < 2: low.
    result = rules.evaluate(answers(services_started="no"))
    assert (result.urgency, result.points) == ("low", 1)
    assert [f.code for f in result.factors] == ["no_services"]


def test_fatigue_often_and_own_health_make_medium():
    # often tired 1 + own health 1 = 2 points -> medium.
    result = rules.evaluate(answers(worn_out="often", own_health="yes"))
    assert (result.urgency, result.points) == ("medium", 2)
    assert [f.code for f in result.factors] == ["fatigue", "carer_health"]


def test_continuous_leave_with_no_family_help_is_high_at_four_points():
    # 2 + 2 = 4 points (< 5), but the two JILPT factors together make it high.
    result = rules.evaluate(answers(long_absence="yes", someone_to_share="no"))
    assert (result.urgency, result.points) == ("high", 4)


def test_severe_dementia_and_fatigue_always_and_no_services_reach_five_points():
    # 2 + 2 + 1 = 5 points -> high.
    result = rules.evaluate(answers(cannot_leave_alone="yes", worn_out="always", services_started="no"))
    assert (result.urgency, result.points) == ("high", 5)
    assert [f.label for f in result.factors] == [
        rules.FACTORS["severe_dementia"].label,
        rules.FACTORS["fatigue_high"].label,
        rules.FACTORS["no_services"].label,
    ]


def test_unsure_answers_count_nothing():
    result = rules.evaluate(answers(long_absence="unsure", cannot_leave_alone="unsure", services_started="unsure"))
    assert (result.urgency, result.points) == ("low", 0)


def test_every_factor_at_once_is_high_with_ten_points():
    # 2 + 2 + 2 + 2 + 1 + 1 = 10 points.
    worst = {
        "long_absence": "yes",
        "cannot_leave_alone": "yes",
        "someone_to_share": "no",
        "worn_out": "always",
        "own_health": "yes",
        "services_started": "no",
    }
    result = rules.evaluate(worst)
    assert (result.urgency, result.points) == ("high", 10)
    assert result.factor_rows()[0] == {
        "code": "continuous_leave",
        "label": rules.FACTORS["continuous_leave"].label,
        "points": 2,
    }


@pytest.mark.parametrize(
    ("given", "wrong"),
    [
        ({k: v for k, v in CALM.items() if k != "worn_out"}, ["worn_out"]),
        (answers(worn_out="maybe"), ["worn_out"]),
        ({**CALM, "zbi_1": "yes"}, ["zbi_1"]),
    ],
)
def test_answer_errors_name_the_question(given, wrong):
    assert rules.answer_errors(given) == wrong


def test_the_questions_are_our_own_and_versioned():
    assert rules.VERSION == "2026-01"
    assert len({q.key for q in rules.QUESTIONS}) == len(rules.QUESTIONS) == 6
    # Never the licensed instruments' wording (e.g. ZBI's well-known "Do you feel ..." stems).
    text = " ".join(q.text for q in rules.QUESTIONS)
    for licensed in ("あなたは", "介護者", "負担に感じ"):
        assert licensed not in text


ANSWER_SETS = st.fixed_dictionaries(
    {q.key: st.sampled_from([value for value, _ in q.options]) for q in rules.QUESTIONS}
)
ORDER = {"low": 0, "medium": 1, "high": 2}


@given(ANSWER_SETS)
def test_the_level_is_explained_by_its_factors(answers):
    result = rules.evaluate(answers)
    assert rules.answer_errors(answers) == []
    assert result.points == sum(f.points for f in result.factors)
    assert (result.urgency == "low") == (result.points < 2)


@given(ANSWER_SETS, st.sampled_from(rules.QUESTIONS))
def test_a_worse_answer_never_lowers_the_level(answers, question):
    worse = {
        "long_absence": "yes",
        "cannot_leave_alone": "yes",
        "someone_to_share": "no",
        "worn_out": "always",
        "own_health": "yes",
        "services_started": "no",
    }
    before = rules.evaluate(answers)
    after = rules.evaluate({**answers, question.key: worse[question.key]})
    assert ORDER[after.urgency] >= ORDER[before.urgency]
