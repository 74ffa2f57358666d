"""第7表 サービス利用票別表 pages: the sheet on screen, its PDF, and the what-if panel (HTMX:
candidate lines added to the month's slip, computed by the same calculator, nothing saved)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from carebridge.clients.services import client_viewed
from carebridge.core.access import actor_of
from carebridge.core.japanese import wareki_month
from carebridge.documents.http import pdf_response

from . import annex, annex_pdf
from .annex_access import access_billing_client, parse_month
from .annex_selectors import annex_calculator, slip_of_month
from .annex_sources import code_units

WHAT_IF_MAX_ROWS = 10
MAX_COUNT = 31 * 9  # the day cells hold one digit each
_TYPE = re.compile(r"^[0-9A-Z]{2}$")
_CODE = re.compile(r"^[0-9A-Z]{6}$")


@dataclass
class CandidateField:
    """One what-if row as typed (kept to show it again), with its errors."""

    service_type: str = ""
    service_code: str = ""
    units: str = ""
    count: str = ""
    errors: tuple[str, ...] = ()

    @property
    def blank(self) -> bool:
        return not (self.service_type or self.service_code or self.units or self.count)


def _number(text: str, label: str, upper: int, errors: list[str]) -> int:
    value = text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not value.isdigit():
        errors.append(f"{label}は0以上の整数で入力してください。")
        return 0
    if int(value) > upper:
        errors.append(f"{label}は{upper:,}以下で入力してください。")
        return 0
    return int(value)


def parse_candidates(
    data: Any, units_of: Callable[[str], int | None] = lambda code: None
) -> tuple[list[CandidateField], list[annex.SlipRow]]:
    """The what-if rows of a POST (cand_type/cand_code/cand_units/cand_count, repeated): the
    fields as typed and the valid ones as sheet rows. A blank row is ignored. A service code
    without units takes the master's units for it (`units_of`)."""
    columns = [data.getlist(f"cand_{name}") for name in ("type", "code", "units", "count")]
    size = min(WHAT_IF_MAX_ROWS, max((len(c) for c in columns), default=0))
    fields: list[CandidateField] = []
    rows: list[annex.SlipRow] = []
    for i in range(size):
        kind, code, units, count = (c[i].strip().upper() if i < len(c) else "" for c in columns)
        entered = CandidateField(kind, code, units, count)
        if entered.blank:
            fields.append(entered)
            continue
        errors: list[str] = []
        if not kind and code:
            kind = code[:2]
        if code and not _CODE.match(code):
            errors.append("サービスコードは6桁の英数字で入力してください。")
        elif code and code[:2] != kind:
            errors.append("サービスコードの先頭2桁がサービス種類コードと違います。")
        if not _TYPE.match(kind):
            errors.append("サービス種類コードは2桁の英数字で入力してください。")
        if code and not units and _CODE.match(code):
            known = units_of(code)
            if known is None:
                errors.append(f"サービスコード {code} の単位数がサービスマスタにありません。単位数を入力してください。")
            units = str(known or 0)
        n_units = _number(units, "単位数", 99999, errors)
        n_count = _number(count or "1", "回数", MAX_COUNT, errors)
        entered.errors = tuple(errors)
        fields.append(entered)
        if not errors:
            rows.append(
                annex.candidate_row(service_type=kind, service_code=code or f"{kind}0000", units=n_units, count=n_count)
            )
    return fields, rows


def _page_context(request: HttpRequest, client_id: int, month: str) -> tuple[Any, Any, Any]:
    actor = actor_of(request)
    client = access_billing_client(actor, client_id)
    slip = slip_of_month(client=client, month=parse_month(month))
    return actor, client, slip


@login_required
@require_GET
def annex_page(request: HttpRequest, client_id: int, month: str) -> HttpResponse:
    actor, client, slip = _page_context(request, client_id, month)
    calculate = annex_calculator(client=client, slip=slip)
    sheet = calculate(())
    client_viewed(actor=actor, client=client)
    context = {
        "client": client,
        "slip": slip,
        "annex": sheet,
        "notes": annex.note_texts(sheet),
        "month_label": wareki_month(slip.month),
        "what_if": sheet,
        "what_if_base": sheet,
        "candidates": [CandidateField()],
    }
    return render(request, "billing/annex.html", context)


@login_required
@require_GET
def annex_pdf_view(request: HttpRequest, client_id: int, month: str) -> HttpResponse:
    actor, client, slip = _page_context(request, client_id, month)
    sheet = annex_calculator(client=client, slip=slip)(())
    client_viewed(actor=actor, client=client)
    drawn = annex_pdf.annex_pdf(client=client, slip=slip, annex=sheet)
    return pdf_response(drawn, f"annex_{slip.month:%Y%m}.pdf", document="サービス利用票別表", request=request)


@login_required
@require_POST
def what_if(request: HttpRequest, client_id: int, month: str) -> HttpResponse:
    """The panel again, computed with the candidate lines (nothing saved); "行を追加" adds a row."""
    actor, client, slip = _page_context(request, client_id, month)
    fields, rows = parse_candidates(request.POST, code_units(client.office, slip.month))
    if request.POST.get("add") and len(fields) < WHAT_IF_MAX_ROWS:
        fields.append(CandidateField())
    if not fields:
        fields = [CandidateField()]
    calculate = annex_calculator(client=client, slip=slip)
    client_viewed(actor=actor, client=client)
    context = {
        "client": client,
        "slip": slip,
        "what_if": calculate(rows),
        "what_if_base": calculate(()),
        "candidates": fields,
    }
    return render(request, "billing/_what_if.html", context)
