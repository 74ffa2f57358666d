"""常時介護を必要とする状態に関する判断基準 (2025-04-01 version; 令和7年2月5日 職発0205第4号 別添1):
the state holds when, among items ①〜⑫, at least two are rated 2 or at least one is rated 3, or
the care level is 要介護2 or above. A reference only: it is recorded and shown, never used to refuse."""

from __future__ import annotations

import datetime as dt

from carebridge.workcare import criteria

V = criteria.V2025_04_01


def test_the_2025_version_has_items_1_to_12_with_three_levels():
    assert V.effective_from == dt.date(2025, 4, 1)
    assert [i.number for i in V.items] == list(range(1, 13))
    assert [i.symbol for i in V.items] == list("①②③④⑤⑥⑦⑧⑨⑩⑪⑫")
    assert all(len(i.levels) == 3 for i in V.items)
    names = [i.name for i in V.items]
    for expected, name in zip(
        ["座位保持", "歩行", "移乗", "水分・食事摂取", "排泄", "衣類の着脱"], names, strict=False
    ):
        assert name.startswith(expected)
    assert names[6] == "意思の伝達" and names[11] == "日常の意思決定"


def test_two_items_rated_2_meet_the_criteria():
    result = criteria.evaluate(V, {"1": 2, "5": 2}, care_level_2_or_above=False)
    assert result.meets and result.rated_2 == (1, 5)


def test_one_item_rated_2_does_not():
    result = criteria.evaluate(V, {"4": 2, "6": 1}, care_level_2_or_above=False)
    assert not result.meets and result.reasons == ()


def test_one_item_rated_3_meets_the_criteria():
    assert criteria.evaluate(V, {"10": 3}, care_level_2_or_above=False).meets


def test_care_level_2_or_above_meets_the_criteria_alone():
    result = criteria.evaluate(V, {}, care_level_2_or_above=True)
    assert result.meets and result.reasons == ("要介護2以上",)


def test_level_errors_name_unknown_items_and_levels():
    assert criteria.level_errors(V, {"1": 1, "13": 2, "2": 4, "x": 1, "3": True}) == ["13", "2", "x", "3"]


def test_the_version_in_effect():
    assert criteria.version_on(dt.date(2026, 1, 1)) is V
    assert criteria.version_on(dt.date(2020, 1, 1)) is V  # before any version: the first one
    assert criteria.version_of(dt.date(2025, 4, 1)) is V
    assert criteria.version_of(dt.date(2017, 1, 1)) is None


def test_it_is_shown_as_a_reference_for_flexible_use():
    assert criteria.REFERENCE_NOTICE == "参考 — 事業主は柔軟に運用"
    assert "断る理由にはなりません" in criteria.FLEXIBLE_USE
