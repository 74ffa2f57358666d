"""The company report (aggregates only, small cells suppressed): the page and its PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from carebridge.core.access import actor_of
from carebridge.documents.http import pdf_response

from .. import charts
from ..access import access_report_company
from ..pdf_report import LEGEND, report_pdf
from ..selectors.report import company_report


@login_required
@require_GET
def report_page(request: HttpRequest, company_id: int) -> HttpResponse:
    company = access_report_company(actor_of(request), company_id)
    report = company_report(company=company, as_of=timezone.localdate())
    svg = {
        "months": charts.svg_bars("月別の相談件数", report.month_bars()),
        "channels": charts.svg_bars("相談方法別の件数", report.channel_bars()),
        "urgency": charts.svg_bars("緊急度の分布", report.urgency_bars()),
        "systems": charts.svg_bars("制度別の利用人数", report.system_bars()),
    }
    charts_html = {key: mark_safe(value) for key, value in svg.items()}  # noqa: S308 - built with html.escape
    return render(request, "workcare/report_company.html", {"r": report, "charts": charts_html, "legend": LEGEND})


@login_required
@require_GET
def report_pdf_view(request: HttpRequest, company_id: int) -> HttpResponse:
    company = access_report_company(actor_of(request), company_id)
    report = company_report(company=company, as_of=timezone.localdate())
    name = f"workcare-report-{company.pk}-{report.as_of:%Y%m%d}.pdf"
    return pdf_response(report_pdf(report), name, document="両立支援レポート", request=request)


urlpatterns: list[URLPattern] = [
    path("companies/<int:company_id>/report/", report_page, name="company_report"),
    path("companies/<int:company_id>/report.pdf", report_pdf_view, name="company_report_pdf"),
]
