"""The company report as JSON: aggregates only, every figure as shown on the page — a number, or
"<5" (fewer than 5 people) / "＊" (hidden so that no small figure can be worked out)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema

from carebridge.core.access import actor_of
from carebridge.documents.http import PDF_ANSWER, pdf_response

from . import report_rules as rr
from .access import access_report_company
from .pdf_report import report_pdf
from .selectors.report import CompanyReport, company_report

router = Router(tags=["両立支援"])

Shown = int | str


class ItemOut(Schema):
    label: str
    value: Shown


class DistributionOut(Schema):
    items: list[ItemOut]
    total: Shown


class MonthOut(Schema):
    month: str  # YYYY-MM
    cells: list[Shown]
    total: Shown


class ConsultationsOut(Schema):
    channels: list[str]
    months: list[MonthOut]
    channel_totals: list[Shown]
    total: Shown


class SystemOut(Schema):
    kind: str
    label: str
    people: Shown


class ReportOut(Schema):
    company_id: int
    as_of: dt.date
    period_start: dt.date
    fiscal_year: int
    employees: Shown
    consultations: ConsultationsOut
    urgency: DistributionOut
    systems: list[SystemOut]
    early_information: DistributionOut
    early_information_rate: str
    notices: DistributionOut
    notices_on_time_rate: str
    plan_follow_ups: DistributionOut
    follow_up_meetings: Shown


def _distribution(d: rr.Distribution) -> dict[str, Any]:
    return {
        "items": [{"label": label, "value": rr.json_value(f)} for label, f in d.rows],
        "total": rr.json_value(d.total),
    }


def report_json(report: CompanyReport) -> dict[str, Any]:
    t = report.consultations
    return {
        "company_id": report.company.pk,
        "as_of": report.as_of,
        "period_start": report.period_start,
        "fiscal_year": report.fiscal_year,
        "employees": rr.json_value(report.employees),
        "consultations": {
            "channels": list(t.columns),
            "months": [
                {"month": f"{m:%Y-%m}", "cells": [rr.json_value(c) for c in cells], "total": rr.json_value(total)}
                for m, cells, total in zip(report.months, t.cells, t.row_totals, strict=True)
            ],
            "channel_totals": [rr.json_value(c) for c in t.column_totals],
            "total": rr.json_value(t.total),
        },
        "urgency": _distribution(report.urgency),
        "systems": [{"kind": s.kind, "label": s.label, "people": rr.json_value(s.people)} for s in report.systems],
        "early_information": _distribution(report.early_window),
        "early_information_rate": report.early_rate,
        "notices": _distribution(report.notices),
        "notices_on_time_rate": report.notices_on_time_rate,
        "plan_follow_ups": _distribution(report.plans),
        "follow_up_meetings": rr.json_value(report.follow_up_meetings),
    }


@router.get("/companies/{company_id}/report", response=ReportOut, summary="企業レポート（集計のみ・5人未満は<5）")
def company_report_api(request: HttpRequest, company_id: int) -> Any:
    company = access_report_company(actor_of(request), company_id)
    return report_json(company_report(company=company, as_of=timezone.localdate()))


@router.get(
    "/companies/{company_id}/report/pdf",
    summary="企業レポート PDF（集計のみ・5人未満は<5）",
    response={200: None},
    openapi_extra=PDF_ANSWER,
)
def company_report_pdf(request: HttpRequest, company_id: int) -> HttpResponse:
    company = access_report_company(actor_of(request), company_id)
    report = company_report(company=company, as_of=timezone.localdate())
    name = f"workcare-report-{company.pk}-{report.as_of:%Y%m%d}.pdf"
    return pdf_response(report_pdf(report), name, document="両立支援レポート")
