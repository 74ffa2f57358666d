"""API of the 第7表 サービス利用票別表: the month's sheet as JSON (billing.view)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Router, Schema

from carebridge.clients.services import client_viewed
from carebridge.core.access import actor_of

from .annex import UsageAnnex, note_texts
from .annex_access import access_billing_client, parse_month
from .annex_selectors import annex_of, slip_of_month

router = Router(tags=["billing"])

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"  # YYYY-MM (a malformed month: 422 naming the field)


class AnnexLineOut(Schema):
    provider_name: str
    provider_number: str
    service_name: str
    service_type: str
    service_code: str
    units: int
    count: int
    basis: str
    limit_managed: bool
    rate_permille: int | None
    service_units: int
    over_limit_units: int
    in_limit_units: int


class AnnexGroupOut(Schema):
    provider_name: str
    provider_number: str
    service_type: str
    unit_price_x100: int
    units: int
    over_limit_units: int
    in_limit_units: int
    total_cost: int
    benefit_rate: int
    insurance_claim: int
    copay: int
    full_pay: int
    lines: list[AnnexLineOut]


class TotalsOut(Schema):
    total_units: int
    over_limit_units: int
    in_limit_units: int
    total_cost: int
    insurance_claim: int
    copay: int
    full_pay: int
    client_pays: int


class KindLimitOut(Schema):
    service_type: str
    limit_units: int
    total_units: int
    over_limit_units: int


class ShortStayOut(Schema):
    before: int
    this_month: int
    total: int
    uncovered_days: list[dt.date]


class AnnexOut(Schema):
    client_id: int
    month: str
    slip_version: int
    care_level: str
    levels: list[str]
    limit_units: int
    copay_rate: int
    benefit_rate: int
    basis: str
    over_limit: bool
    summary: str
    notes: list[str]
    groups: list[AnnexGroupOut]
    totals: TotalsOut
    kind_limits: list[KindLimitOut]
    short_stay: ShortStayOut


def annex_json(*, client_id: int, version: int, annex: UsageAnnex) -> dict[str, Any]:
    r = annex.result
    return {
        "client_id": client_id,
        "month": f"{annex.month:%Y-%m}",
        "slip_version": version,
        "care_level": annex.care_level,
        "levels": list(annex.levels),
        "limit_units": annex.limit_units,
        "copay_rate": annex.copay_rate,
        "benefit_rate": annex.benefit_rate,
        "basis": annex.basis,
        "over_limit": annex.is_over,
        "summary": annex.plain_words,
        "notes": note_texts(annex),
        "groups": [
            {
                "provider_name": g.provider_name,
                "provider_number": g.provider_number,
                "service_type": g.service_type,
                "unit_price_x100": g.result.unit_price,
                "units": g.result.units,
                "over_limit_units": g.result.over_limit_units,
                "in_limit_units": g.result.in_limit_units,
                "total_cost": g.result.total_cost,
                "benefit_rate": annex.benefit_rate,
                "insurance_claim": g.result.insurance_claim,
                "copay": g.result.copay,
                "full_pay": g.result.full_pay,
                "lines": [
                    {
                        "provider_name": ln.row.provider_name,
                        "provider_number": ln.row.provider_number,
                        "service_name": ln.row.service_name,
                        "service_type": ln.row.service_type,
                        "service_code": ln.row.service_code,
                        "units": ln.row.units,
                        "count": ln.row.count,
                        "basis": ln.row.basis,
                        "limit_managed": ln.row.limit_managed,
                        "rate_permille": ln.row.rate_permille,
                        "service_units": ln.result.units,
                        "over_limit_units": ln.result.over_limit_units,
                        "in_limit_units": ln.result.in_limit_units,
                    }
                    for ln in g.lines
                ],
            }
            for g in annex.groups
        ],
        "totals": {
            "total_units": r.total_units,
            "over_limit_units": r.over_limit_units,
            "in_limit_units": r.in_limit_units,
            "total_cost": r.totals.total_cost,
            "insurance_claim": r.totals.insurance_claim,
            "copay": r.totals.copay,
            "full_pay": r.totals.full_pay,
            "client_pays": r.totals.client_pays,
        },
        "kind_limits": [
            {
                "service_type": k.service_type,
                "limit_units": k.limit_units,
                "total_units": k.total_units,
                "over_limit_units": k.over_limit_units,
            }
            for k in annex.kind_rows
        ],
        "short_stay": {
            "before": annex.short_stay.before,
            "this_month": annex.short_stay.this_month,
            "total": annex.short_stay.total,
            "uncovered_days": list(annex.short_stay.uncovered),
        },
    }


@router.get(
    "/billing/clients/{client_id}/slips/{month}/annex",
    response=AnnexOut,
    summary="第7表 サービス利用票別表（区分支給限度管理・利用者負担計算、種類別支給限度管理、短期入所利用日数）",
)
def get_annex(request: HttpRequest, client_id: int, month: Annotated[str, Path(pattern=MONTH_PATTERN)]) -> Any:
    actor = actor_of(request)
    client = access_billing_client(actor, client_id)
    slip = slip_of_month(client=client, month=parse_month(month))
    sheet = annex_of(client=client, slip=slip)
    client_viewed(actor=actor, client=client)
    return annex_json(client_id=client.pk, version=slip.version, annex=sheet)
