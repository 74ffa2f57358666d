"""Japanese number formats, kana and 和暦 — pure Python, no Django.

Number formats follow ../shared/domain/kyotaku.md ("Number formats"). Each check returns an
error message (Japanese, naming the field) or None, so both forms and imports can use it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import jaconv

from . import messages

# -- check digits -----------------------------------------------------------------------------


def _weighted_digit_sum(values: list[int]) -> int:
    """Weights 2,1,2,1,… from the left; the digits of each product are added (10 -> 1+0)."""
    total = 0
    for index, value in enumerate(values):
        product = value * (2 if index % 2 == 0 else 1)
        total += sum(int(d) for d in str(product))
    return total


def check_digit(values: list[int]) -> int:
    """(10 − sum mod 10) mod 10 over the 2-1 weighted digit sum."""
    return (10 - _weighted_digit_sum(values) % 10) % 10


INSURER_NUMBER_RE = re.compile(r"^\d{6}$")
INSURED_NUMBER_RE = re.compile(r"^(\d{10}|H\d{9})$")
# 都道府県2 + 区分1 + 郡市区2 + 通番4 + 検証番号1. 区分: 0, 7, 8, 9 or a letter (not I, O, Q) for 介護
# offices; 1 医科 (みなし指定の病院・診療所), 3 歯科, 4 薬局, 5 介護老人保健施設, 6 訪問看護ステーション.
OFFICE_NUMBER_RE = re.compile(r"^\d{2}[013-9A-HJ-NPR-Z]\d{6}\d$")
OFFICE_NUMBER_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"  # A=10 … Z=32: I, O and Q are never used
CARE_MANAGER_NUMBER_RE = re.compile(r"^\d{8}$")
POSTAL_CODE_RE = re.compile(r"^\d{3}-?\d{4}$")
PHONE_RE = re.compile(r"^[0-9０-９\-()（）+ ]{6,20}$")


def normalize_digits(value: str) -> str:
    """Full-width digits and letters to half-width, hyphens and spaces kept as typed."""
    return unicodedata.normalize("NFKC", value).strip()


def insurer_number_error(value: str) -> str | None:
    """保険者番号: 6 digits, the 6th a check digit (weights 2,1,2,1,2). 122192 is valid."""
    if not INSURER_NUMBER_RE.match(value):
        return messages.INSURER_NUMBER_FORMAT
    digits = [int(c) for c in value]
    if check_digit(digits[:5]) != digits[5]:
        return messages.INSURER_NUMBER_CHECK_DIGIT
    return None


def insured_number_error(value: str) -> str | None:
    """被保険者番号: 10 digits, or H + 9 digits for public-assistance-only recipients."""
    if not INSURED_NUMBER_RE.match(value):
        return messages.INSURED_NUMBER_FORMAT
    return None


def _office_char_value(char: str) -> int:
    """A letter of a 事業所番号 reads as A=10 … Z=32, skipping I, O and Q (MHLW 資料13)."""
    return int(char) if char.isdigit() else 10 + OFFICE_NUMBER_LETTERS.index(char)


def office_number_check_digit(value: str) -> int:
    """MHLW 資料13: weights 2,1,2,1… from the right end of the 9-character body (for 9 characters
    the same as from the left), the digits of each product added, (10 − sum mod 10) mod 10."""
    return check_digit([_office_char_value(c) for c in value[:9]])


def office_number_error(value: str, *, check: bool = True) -> str | None:
    """事業所番号: 都道府県2 + 区分1 + 郡市区2 + 通番4 + check 1 (see OFFICE_NUMBER_RE for 区分)."""
    if not OFFICE_NUMBER_RE.match(value):
        return messages.OFFICE_NUMBER_FORMAT
    if check and office_number_check_digit(value) != int(value[9]):
        return messages.OFFICE_NUMBER_CHECK_DIGIT
    return None


def care_manager_number_error(value: str) -> str | None:
    if not CARE_MANAGER_NUMBER_RE.match(value):
        return messages.CARE_MANAGER_NUMBER_FORMAT
    return None


def postal_code_error(value: str) -> str | None:
    if not POSTAL_CODE_RE.match(value):
        return messages.POSTAL_CODE_FORMAT
    return None


def normalize_postal_code(value: str) -> str:
    digits = normalize_digits(value).replace("-", "").replace("ー", "")
    return f"{digits[:3]}-{digits[3:]}" if len(digits) == 7 and digits.isdigit() else normalize_digits(value)


def phone_error(value: str) -> str | None:
    if not PHONE_RE.match(value) or sum(c.isdigit() for c in value) < 6:
        return messages.PHONE_FORMAT
    return None


# -- kana -------------------------------------------------------------------------------------

_KANA_ALLOWED = re.compile(r"^[\u30A0-\u30FF\u3000 ]+$")  # katakana block, long vowel, spaces


def normalize_kana(value: str) -> str:
    """Any kana (hiragana, half-width katakana) to full-width katakana; spaces to one 全角 space."""
    text = jaconv.h2z(value.strip(), kana=True, ascii=False, digit=False)
    text = jaconv.hira2kata(text)
    return re.sub(r"[\s\u3000]+", "\u3000", text)


def kana_error(value: str) -> str | None:
    """Check a value already passed through normalize_kana."""
    if not value or not _KANA_ALLOWED.match(value):
        return messages.KANA_FORMAT
    return None


# -- 和暦 ---------------------------------------------------------------------------------------

# Era start dates (public, fixed by 元号法 proclamations).
ERAS: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2019, 5, 1), "令和"),
    (dt.date(1989, 1, 8), "平成"),
    (dt.date(1926, 12, 25), "昭和"),
    (dt.date(1912, 7, 30), "大正"),
    (dt.date(1868, 1, 25), "明治"),
)


def wareki_parts(day: dt.date) -> tuple[str, int]:
    for start, name in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError(messages.DATE_BEFORE_MEIJI)


def wareki(day: dt.date, *, first_year_gannen: bool = False) -> str:
    """令和7年4月1日. Official forms write 元年 for year 1 when asked. Never raises: a day before
    明治, which has no 和暦 (one stored before dates were bounded, or by hand), is written in the
    western calendar (1867年12月31日), so no stored value can break a page or a PDF."""
    try:
        era, year = wareki_parts(day)
    except ValueError:
        return f"{day.year}年{day.month}月{day.day}日"
    year_text = "元" if (year == 1 and first_year_gannen) else str(year)
    return f"{era}{year_text}年{day.month}月{day.day}日"


def wareki_month(day: dt.date) -> str:
    """令和7年4月 (the western calendar before 明治, like wareki)."""
    try:
        era, year = wareki_parts(day)
    except ValueError:
        return f"{day.year}年{day.month}月"
    return f"{era}{year}年{day.month}月"


ERA_INITIALS = {"令和": "R", "平成": "H", "昭和": "S", "大正": "T", "明治": "M"}
WEEKDAYS = "月火水木金土日"


def wareki_short(day: dt.date) -> str:
    """R8.12.2 — the short 和暦 of lists (the western calendar before 明治: 1867.12.31)."""
    try:
        era, year = wareki_parts(day)
    except ValueError:
        return f"{day.year}.{day.month}.{day.day}"
    return f"{ERA_INITIALS[era]}{year}.{day.month}.{day.day}"


def month_day_weekday(day: dt.date) -> str:
    """12/2(水) — a day near today, in lists of this month's work."""
    return f"{day.month}/{day.day}({WEEKDAYS[day.weekday()]})"


def wareki_or_western(day: dt.date, *, month_only: bool = False) -> str:
    """和暦 (令和8年4月1日, or 令和8年4月 with month_only); a day before 明治 in the western calendar."""
    return wareki_month(day) if month_only else wareki(day)


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Age in completed years (年齢計算ニ関スル法律: one's age increases the day before the birthday,
    which for counting whole years on a given date gives the ordinary calculation)."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
