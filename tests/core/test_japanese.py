"""Number formats, kana and 和暦 (../shared/domain/kyotaku.md, "Number formats")."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carebridge.core import japanese as jp
from carebridge.core import messages as core_messages

digits = st.text(alphabet="0123456789", min_size=5, max_size=5)


def test_insurer_number_122192_is_valid():
    # 市原市 122192: weights 2,1,2,1,2 → 2+2+4+1+(1+8)=18 → (10 − 8) mod 10 = 2.
    assert jp.insurer_number_error("122192") is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("122193", core_messages.INSURER_NUMBER_CHECK_DIGIT),
        ("12219", core_messages.INSURER_NUMBER_FORMAT),
        ("12a192", core_messages.INSURER_NUMBER_FORMAT),
    ],
)
def test_insurer_number_errors_name_the_field(value, message):
    assert jp.insurer_number_error(value) == message


@given(digits)
def test_insurer_number_with_its_check_digit_is_valid(prefix):
    number = prefix + str(jp.check_digit([int(c) for c in prefix]))
    assert jp.insurer_number_error(number) is None


@given(digits, st.integers(min_value=1, max_value=9))
def test_any_other_check_digit_is_refused(prefix, shift):
    good = jp.check_digit([int(c) for c in prefix])
    assert jp.insurer_number_error(prefix + str((good + shift) % 10)) is not None


@given(st.integers(min_value=0, max_value=9_999_999_999))
def test_insured_number_ten_digits(n):
    assert jp.insured_number_error(f"{n:010d}") is None


@pytest.mark.parametrize("value", ["H123456789"])
def test_insured_number_public_assistance(value):
    assert jp.insured_number_error(value) is None


@pytest.mark.parametrize("value", ["123456789", "12345678901", "H12345678", "h123456789", "A123456789"])
def test_insured_number_bad(value):
    assert jp.insured_number_error(value) == (core_messages.INSURED_NUMBER_FORMAT)


@given(
    st.sampled_from(["13", "27", "01", "47"]),
    st.sampled_from([*"013456789", *jp.OFFICE_NUMBER_LETTERS]),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
)
def test_office_number_with_check_digit_is_valid(pref, kind, rest):
    base = pref + kind + rest
    number = base + str(jp.office_number_check_digit(base))
    assert jp.office_number_error(number) is None
    wrong = base + str((int(number[-1]) + 1) % 10)
    assert jp.office_number_error(wrong) == core_messages.OFFICE_NUMBER_CHECK_DIGIT
    assert jp.office_number_error(wrong, check=False) is None


@pytest.mark.parametrize(
    "value",
    [
        "137120001",  # 9 characters
        "1312000013X",  # 11
        "１３７１２０００１３",  # full-width (the validator normalises; the rule itself does not)
        "1321000010",  # 区分 2 does not exist
        "13I1200013",  # letters exclude I, O and Q
        "13O1200013",
        "13Q1200013",
        "13A12B0013",  # a letter only in the 区分 position
    ],
)
def test_office_number_format(value):
    assert jp.office_number_error(value).startswith("事業所番号は10桁")


# 事業所番号 (MHLW 資料13; ../shared/domain/kyotaku.md): the third character is the category — 0, 7,
# 8, 9 or a letter (not I, O, Q) for 介護 offices, 1 医科, 3 歯科, 4 薬局, 5 老健, 6 訪問看護ステーション.
# Check digit: letters A=10 … Z=32 (skipping I, O, Q), weights 2,1,2,1… from the right end of the
# body, digits of each product added, (10 − sum mod 10) mod 10. Worked by hand:
#   1213100017: body 1,2,1,3,1,0,0,0,1 from the right ×2,1,2,…: 2+0+0+0+2+3+2+2+2 = 13 → 7
#   1312000159: 5×2=10→1, 1, 0, 0, 0, 2, 1×2=2, 3, 1×2=2: 11 → 9
#   13J1200019: J=18 (I skipped), 18×2=36→9: 2+0+0+0+4+1+9+3+2 = 21 → 9 (with J=19 it would be 7)
#   27Z1000032: Z=32, 32×2=64→10: 6+0+0+0+0+1+10+7+4 = 28 → 2
@pytest.mark.parametrize(
    "number",
    [
        "1213100017",  # a real hospital (医科, みなし指定)
        "1312000159",  # 1 医科
        "1332000585",  # 3 歯科
        "1341000220",  # 4 薬局
        "1353000316",  # 5 介護老人保健施設
        "1361000472",  # 6 訪問看護ステーション
        "13J1200019",  # a letter category after I
        "27Z1000032",  # the last letter
        "01A2000013",
    ],
)
def test_office_number_categories_and_letters_per_mhlw_rule(number):
    assert jp.office_number_error(number) is None


@pytest.mark.parametrize("number", ["1213100018", "1361000470", "13J1200017"])
def test_office_number_wrong_check_digit_is_refused(number):
    assert jp.office_number_error(number) == core_messages.OFFICE_NUMBER_CHECK_DIGIT


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("やまだ はる", "ヤマダ\u3000ハル"),
        ("ﾔﾏﾀﾞ ﾊﾙ", "ヤマダ\u3000ハル"),
        ("ヤマダ　　ハル", "ヤマダ\u3000ハル"),
    ],
)
def test_kana_is_normalised_to_full_width_katakana(raw, expected):
    assert jp.normalize_kana(raw) == expected
    assert jp.kana_error(jp.normalize_kana(raw)) is None


@given(st.text(alphabet=st.characters(min_codepoint=0x3041, max_codepoint=0x3093), min_size=1, max_size=20))
def test_any_hiragana_becomes_valid_katakana(text):
    kana = jp.normalize_kana(text)
    assert jp.kana_error(kana) is None
    assert all(0x30A0 <= ord(c) <= 0x30FF for c in kana)


@pytest.mark.parametrize("value", ["山田", "yamada", "ヤマダ1"])
def test_kana_refuses_non_kana(value):
    assert jp.kana_error(jp.normalize_kana(value)) == core_messages.KANA_FORMAT


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2025, 4, 1), "令和7年4月1日"),
        (dt.date(2019, 5, 1), "令和1年5月1日"),
        (dt.date(2019, 4, 30), "平成31年4月30日"),
        (dt.date(1989, 1, 7), "昭和64年1月7日"),
        (dt.date(1989, 1, 8), "平成1年1月8日"),
        (dt.date(1926, 12, 25), "昭和1年12月25日"),
    ],
)
def test_wareki(day, text):
    assert jp.wareki(day) == text


def test_wareki_gannen():
    assert jp.wareki(dt.date(2019, 5, 1), first_year_gannen=True) == "令和元年5月1日"


def test_wareki_or_western_never_raises():
    assert jp.wareki_or_western(dt.date(2026, 4, 1)) == "令和8年4月1日"
    assert jp.wareki_or_western(dt.date(2026, 4, 1), month_only=True) == "令和8年4月"
    assert jp.wareki_or_western(dt.date(1868, 1, 24)) == "1868年1月24日"  # the day before 明治
    assert jp.wareki_or_western(dt.date(1, 1, 1), month_only=True) == "1年1月"


@given(st.dates())
def test_wareki_or_western_answers_for_every_date(day):
    assert jp.wareki_or_western(day).endswith(f"{day.month}月{day.day}日")


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.dates(max_value=dt.date(2100, 1, 1)),
)
def test_age_never_negative_after_birth(birth, on):
    if on >= birth:
        assert jp.age_on(birth, on) >= 0
        assert jp.age_on(birth, on) == on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def test_postal_code_normalised():
    assert jp.normalize_postal_code("１５４００１７") == "154-0017"
    assert jp.postal_code_error("154-0017") is None
    assert jp.postal_code_error("15400") == core_messages.POSTAL_CODE_FORMAT


def test_wareki_filter_shows_a_moment_on_its_day_in_japan():
    from carebridge.core.templatetags.japanese import wareki, wareki_time

    moment = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)  # 2026-04-01 08:30 in Tokyo
    assert wareki(moment) == "令和8年4月1日"
    assert wareki_time(moment) == "令和8年4月1日 08:30"
    assert wareki(dt.date(2026, 4, 1)) == "令和8年4月1日"
    assert wareki(None) == wareki_time(None) == ""
