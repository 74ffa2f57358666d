"""Seminars and surveys for the tests of this area."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from carebridge.workcare.models import Seminar, Survey
from carebridge.workcare.services.programs import DEFAULT_QUESTIONS


def make_seminar(company: Any, **values: Any) -> Seminar:
    fields = {"topic": "介護保険の基礎", "held_on": dt.date(2026, 10, 1), "audience": "40歳以上", "attendance": 32}
    return Seminar.objects.create(office_id=company.office_id, company=company, **{**fields, **values})


def make_survey(company: Any, **values: Any) -> Survey:
    today = timezone.localdate()
    fields = {
        "title": "両立支援アンケート",
        "questions": [dict(q) for q in DEFAULT_QUESTIONS],
        "opens_on": today - dt.timedelta(days=1),
        "closes_on": today + dt.timedelta(days=10),
    }
    return Survey.objects.create(office_id=company.office_id, company=company, **{**fields, **values})


ANSWERS = {
    "q1": "している",
    "q2": "可能性がある",
    "q3": "名前だけ知っている",
    "q4": "知らない",
    "q5": "知らない",
    "q6": ["収入が減ること", "自分の体力や気持ちの負担"],
    "q7": "相談したい",
}
