"""Reads of seminars and surveys; survey results under the same small-cell rule as the report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from carebridge.core.models import Company

from .. import report_rules as rr
from ..models import Employee, Seminar, Survey, SurveyReceipt, SurveyResponse

MIN_RESPONSES = rr.THRESHOLD  # results only from 5 answers on


def seminar_list(*, company: Company) -> QuerySet[Seminar]:
    """The seminars of a company the caller reached through access.access_report_company."""
    return Seminar.objects.filter(company=company).order_by("-held_on", "-id")


def survey_list(*, company: Company) -> QuerySet[Survey]:
    return Survey.objects.filter(company=company).order_by("-opens_on", "-id")


def my_surveys(*, employee: Employee, today: dt.date) -> QuerySet[Survey]:
    """The surveys of the employee's company that are open today, each marked `answered`."""
    answered = SurveyReceipt.objects.filter(survey=OuterRef("pk"), employee=employee)
    return (
        Survey.objects.filter(company_id=employee.company_id, opens_on__lte=today, closes_on__gte=today)
        .annotate(answered=Exists(answered))
        .order_by("closes_on", "id")
    )


def has_answered(*, employee: Employee, survey: Survey) -> bool:
    return SurveyReceipt.objects.filter(survey=survey, employee=employee).exists()


@dataclass(frozen=True)
class QuestionResult:
    id: str
    text: str
    multiple: bool
    rows: tuple[tuple[str, rr.Figure], ...]
    total: rr.Figure | None  # None for a multiple-choice question (its figures do not add up)


@dataclass(frozen=True)
class SurveyResults:
    survey: Survey
    responses: int
    shown: bool  # results appear only from MIN_RESPONSES answers on
    questions: tuple[QuestionResult, ...]


def survey_results(*, survey: Survey) -> SurveyResults:
    """Counts per choice, every figure through report_rules (one query for the answer sheets)."""
    sheets = list(SurveyResponse.objects.filter(survey=survey).values_list("answers", flat=True))
    count = len(sheets)
    if count < MIN_RESPONSES:
        return SurveyResults(survey, count, False, ())
    results = []
    for question in survey.questions:
        qid, choices = str(question["id"]), [str(c) for c in question["choices"]]
        if question.get("multiple"):
            rows = []
            for choice in choices:
                ticked = sum(1 for s in sheets if isinstance(s.get(qid), list) and choice in s[qid])
                # "ticked" and "not ticked" add up to the respondents: suppressed as a pair
                pair = rr.distribution([(choice, ticked), ("", count - ticked)])
                rows.append((choice, pair.cells[0]))
            results.append(QuestionResult(qid, str(question["text"]), True, tuple(rows), None))
        else:
            counts = [(c, sum(1 for s in sheets if s.get(qid) == c)) for c in choices]
            unanswered = count - sum(n for _c, n in counts)
            items = [*counts, ("無回答", unanswered)] if unanswered else counts
            d = rr.distribution(items)
            results.append(QuestionResult(qid, str(question["text"]), False, tuple(d.rows), d.total))
    return SurveyResults(survey, count, True, tuple(results))
