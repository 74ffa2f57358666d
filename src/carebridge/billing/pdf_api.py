"""API of the billing PDFs: 第6表 サービス利用票 (the client's copy) and 提供票 (one provider's),
第7表 別表, and the 特定事業所集中減算 report — the same documents as the pages print."""

from __future__ import annotations

from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Path, Router

from carebridge.clients.services import client_viewed
from carebridge.core.access import actor_of, require_permission
from carebridge.documents.http import PDF_ANSWER, pdf_response

from . import annex_pdf, concentration_rules, concentration_selectors, fee_pdf, slip_pdf, slip_selectors
from . import fee_messages as fee_msg
from .annex_access import access_billing_client, parse_month
from .annex_api import MONTH_PATTERN
from .annex_selectors import annex_of, slip_of_month
from .slip_access import access_slip

router = Router(tags=["billing"])


def _slip_pdf(request: HttpRequest, slip_id: int, index: int | None) -> HttpResponse:
    actor = actor_of(request)
    slip = access_slip(actor, slip_id)
    page = slip_selectors.slip_page(slip_selectors.slip_with_rows().get(pk=slip.pk))
    if index is not None and not 0 <= index < len(page.providers):
        raise Http404
    client_viewed(actor=actor, client=slip.client)
    cert = slip_selectors.certification_for_month(client=slip.client, month=slip.month)
    provider = None if index is None else page.providers[index]
    drawn = slip_pdf.render_slip(page, cert=cert, provider=provider)
    if index is None:
        return pdf_response(drawn, f"riyohyo_{slip.month:%Y%m}_{slip.client_id}.pdf", document="サービス利用票")
    name = f"teikyohyo_{slip.month:%Y%m}_{slip.client_id}_{index + 1}.pdf"
    return pdf_response(drawn, name, document="サービス提供票")


@router.get(
    "/billing/slips/{slip_id}/pdf",
    summary="第6表 サービス利用票（利用者用、全行）PDF",
    response={200: None},
    openapi_extra=PDF_ANSWER,
)
def slip_client_pdf(request: HttpRequest, slip_id: int) -> HttpResponse:
    return _slip_pdf(request, slip_id, None)


@router.get(
    "/billing/slips/{slip_id}/pdf/providers/{index}",
    summary="第6表 サービス提供票（事業所ごと、0から数える）PDF",
    description="index は利用票の事業所の順（0から）。範囲外は 404。",
    response={200: None},
    openapi_extra=PDF_ANSWER,
)
def slip_provider_pdf(request: HttpRequest, slip_id: int, index: int) -> HttpResponse:
    return _slip_pdf(request, slip_id, index)


@router.get(
    "/billing/clients/{client_id}/slips/{month}/annex/pdf",
    summary="第7表 サービス利用票別表 PDF",
    response={200: None},
    openapi_extra=PDF_ANSWER,
)
def annex_pdf_view(
    request: HttpRequest, client_id: int, month: Annotated[str, Path(pattern=MONTH_PATTERN)]
) -> HttpResponse:
    actor = actor_of(request)
    client = access_billing_client(actor, client_id)
    slip = slip_of_month(client=client, month=parse_month(month))
    sheet = annex_of(client=client, slip=slip)
    client_viewed(actor=actor, client=client)
    drawn = annex_pdf.annex_pdf(client=client, slip=slip, annex=sheet)
    return pdf_response(drawn, f"annex_{slip.month:%Y%m}.pdf", document="サービス利用票別表")


@router.get(
    "/billing/concentration/{period}/pdf",
    summary="特定事業所集中減算（判定期間）PDF",
    response={200: None},
    openapi_extra=PDF_ANSWER,
)
def concentration_pdf(request: HttpRequest, period: str) -> HttpResponse:
    actor = actor_of(request)
    require_permission(actor, "billing.view")
    parsed = concentration_rules.parse_period(period)
    if parsed is None:
        raise ValidationError({"period": fee_msg.PERIOD_FORMAT})
    report = concentration_selectors.concentration_report(actor=actor, period=parsed)
    return pdf_response(
        fee_pdf.concentration_pdf(report), f"concentration-{parsed.label}.pdf", document="特定事業所集中減算"
    )
