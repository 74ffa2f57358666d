"""The ranges every stored value keeps to — pure Python, used by the write door (models), the
forms and the API schemas alike, so one bad value can neither be stored nor break a page.

- Dates: from 1868-01-25 (明治, the first day 和暦 covers) to the end of 2100. Nothing in care
  management lies outside: birth dates of clients are after 1900, certifications a few years.
- Text: no NUL (PostgreSQL refuses it in text) and no lone surrogate (not encodable as UTF-8); at
  most the field's length — TextFields carry one too (TEXT_LIMIT, NOTE_LIMIT for 第5表 entries).
- Integers: within the database's 64-bit range; list offsets within OFFSET_LIMIT.
"""

from __future__ import annotations

import datetime as dt
import re

from . import messages

MIN_DATE = dt.date(1868, 1, 25)
MAX_DATE = dt.date(2100, 12, 31)
TEXT_LIMIT = 4000  # a free-text field of a form (第1表's 方針, a meeting's 検討内容 …)
NOTE_LIMIT = 10000  # one 第5表 entry, one item of an assessment
OFFSET_LIMIT = 1_000_000
MAX_INT = 2**63 - 1

_FORBIDDEN = re.compile("[\x00\ud800-\udfff]")


def date_error(value: dt.date) -> messages.Message | None:
    if value < MIN_DATE or value > MAX_DATE:
        return messages.DATE_OUT_OF_RANGE
    return None


def text_error(value: str, max_length: int | None = None) -> messages.Message | None:
    if _FORBIDDEN.search(value):
        return messages.TEXT_FORBIDDEN_CHARACTER
    if max_length is not None and len(value) > max_length:
        return messages.TEXT_TOO_LONG.format(limit=f"{max_length:,}")
    return None


def int_error(value: int) -> messages.Message | None:
    if not -MAX_INT - 1 <= value <= MAX_INT:
        return messages.NUMBER_OUT_OF_RANGE
    return None
