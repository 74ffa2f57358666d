"""`POST /api/v1/billing/simulate`: the benefit simulation (billing/simulate.py, the same JSON as
`carebridge billing simulate`). A calculator on the figures sent, no personal data: staff with
billing.view may call it; nothing is stored or logged."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from carebridge.core.access import actor_of, require_permission

from .simulate import CARE_LEVELS, LINE_FIELDS, REGION_GRADES, SimulationInputError, simulate

router = Router(tags=["給付管理"])


class SimulationLineOut(Schema):
    provider: str
    service_type: str
    service_code: str
    units: int | None
    rate_permille: int | None
    count: int
    limit_managed: bool
    service_units: int
    in_limit_units: int
    over_limit_units: int


class SimulationGroupOut(Schema):
    provider: str
    service_type: str
    units: int
    in_limit_units: int
    over_limit_units: int
    unit_price: str
    total_cost: int
    insurance_claim: int
    copay: int
    full_pay: int


class SimulationTotalsOut(Schema):
    total_cost: int
    insurance_claim: int
    copay: int
    full_pay: int
    client_pays: int


class SimulationOut(Schema):
    month: str
    care_level: str
    copay_rate: int
    region_grade: str
    limit_units: int
    total_units: int
    in_limit_units: int
    over_limit_units: int
    lines: list[SimulationLineOut]
    groups: list[SimulationGroupOut]
    totals: SimulationTotalsOut
    notes: list[str]


_COUNT = {"type": ["integer", "null"], "minimum": 0}
_LINE = {
    "type": "object",
    "required": ["provider", "service_type", "service_code", "count"],
    "properties": {
        "provider": {"type": "string", "example": "1312345678", "description": "事業所番号（10文字）"},
        "service_type": {"type": "string", "example": "11", "description": "サービス種類コード"},
        "service_code": {"type": "string", "example": "111211", "description": "サービスコード（6文字）"},
        "units": {**_COUNT, "description": "単位数（マスタにあるコードは省略可）"},
        "count": {"type": "integer", "minimum": 0, "description": "回数・日数"},
        "over_limit_units": {**_COUNT, "description": "この行に割り当てる限度超過単位数"},
        "limit_managed": {"type": ["boolean", "null"], "description": "支給限度額管理の対象（省略時はマスタ）"},
    },
}
assert set(_LINE["properties"]) == set(LINE_FIELDS)  # noqa: S101 - the schema documents every field
INPUT_SCHEMA = {
    "type": "object",
    "required": ["month", "care_level", "copay_rate", "region_grade", "lines"],
    "properties": {
        "month": {"type": "string", "example": "2026-10"},
        "care_level": {"type": "string", "enum": list(CARE_LEVELS)},
        "copay_rate": {"type": "integer", "enum": [10, 20, 30]},
        "region_grade": {"type": "string", "enum": list(REGION_GRADES)},
        "lines": {"type": "array", "items": _LINE},
        "kind_limits": {
            "type": ["object", "null"],  # null: none set, as when left out
            "additionalProperties": {"type": "integer", "minimum": 0},
            "description": "種類支給限度基準額（サービス種類コード → 単位数）",
        },
    },
}


@router.post(
    "/billing/simulate",
    response=SimulationOut,
    summary="区分支給限度管理・利用者負担の試算（第7表の計算）",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": INPUT_SCHEMA}}}},
)
def simulate_month(request: HttpRequest) -> Any:
    require_permission(actor_of(request), "billing.view")
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise HttpError(400, "body") from None
    try:
        return simulate(data)
    except SimulationInputError as exc:
        raise ValidationError({exc.field: exc.message}) from exc
