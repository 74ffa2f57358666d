"""API of the 利用票 (第6表): a client's slips by month, generation from the plan in effect, line
edits of a draft, actuals, confirm, the new version, the client's consent and the 提供票's delivery."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from carebridge.clients.models import Client
from carebridge.clients.services import client_viewed
from carebridge.core.access import actor_of, require_permission
from carebridge.core.inputs import input_from
from carebridge.core.schemas import Date, DateTime, Flag, Id, InputSchema, PatchSchema, Time, fits
from carebridge.core.services import records_listed

from . import slip_messages as messages
from . import slip_rules, slip_selectors, slip_services
from .models import SlipConsent, SlipDelivery, UsageLine, UsageSlip
from .slip_access import access_billing_client, access_line, access_slip
from .slip_inputs import UsageLineInput

router = Router(tags=["billing"])

Days = Annotated[str, Field(pattern=r"^[0-9]{31}$", description="31桁の数字（1日〜31日の回数）")]
MaybeDays = Annotated[str, Field(pattern=r"^([0-9]{31})?$", description="31桁の数字、または空（未入力）")]
MONTH_DOC = "対象年月 YYYY-MM"


class LineOut(Schema):
    id: int
    position: int
    provider_id: int | None
    provider_name: str
    service_type: str
    service_code: str
    service_name: str
    start_time: dt.time | None
    end_time: dt.time | None
    units: int
    limit_managed: bool
    rate_permille: int | None
    over_limit_units: int | None
    product_code: str
    planned_days: str
    actual_days: str
    planned_count: int
    actual_count: int | None
    updated_at: dt.datetime


class SlipSummary(Schema):
    id: int
    client_id: int
    month: dt.date
    version: int
    status: str
    replaces_id: int | None
    plan_id: int | None
    confirmed_at: dt.datetime | None
    updated_at: dt.datetime


class ConsentOut(Schema):
    id: int
    consented_on: dt.date
    method: str
    consented_by: str


class DeliveryOut(Schema):
    id: int
    provider_id: int | None
    provider_name: str
    delivered_on: dt.date
    method: str


class SlipOut(SlipSummary):
    lines: list[LineOut]
    consents: list[ConsentOut]
    deliveries: list[DeliveryOut]
    holidays: dict[int, str]


class LineIn(InputSchema):
    provider_id: Id | None = None
    provider_name: Annotated[str, fits(UsageLine, "provider_name")] = ""
    service_type: Annotated[str, Field(pattern=r"^([0-9A-Z]{2})?$", title="サービス種類コード")] = ""
    service_code: Annotated[str, Field(pattern=r"^([0-9A-Z]{6})?$", title="サービスコード")] = ""
    service_name: Annotated[str, fits(UsageLine, "service_name")]
    start_time: Time | None = None
    end_time: Time | None = None
    units: Annotated[int, Field(ge=0, le=99999)] = 0
    limit_managed: Flag = True
    rate_permille: Annotated[int, Field(ge=1, le=1000)] | None = None
    over_limit_units: Annotated[int, Field(ge=0, le=9999999)] | None = None
    product_code: Annotated[str, fits(UsageLine, "product_code")] = ""
    planned_days: Days = "0" * 31


class LinePatch(PatchSchema):
    provider_id: Id | None = None
    provider_name: Annotated[str, fits(UsageLine, "provider_name")] | None = None
    service_type: Annotated[str, Field(pattern=r"^([0-9A-Z]{2})?$")] | None = None
    service_code: Annotated[str, Field(pattern=r"^([0-9A-Z]{6})?$")] | None = None
    service_name: Annotated[str, fits(UsageLine, "service_name")] | None = None
    start_time: Time | None = None
    end_time: Time | None = None
    units: Annotated[int, Field(ge=0, le=99999)] | None = None
    limit_managed: Flag | None = None
    rate_permille: Annotated[int, Field(ge=1, le=1000)] | None = None
    over_limit_units: Annotated[int, Field(ge=0, le=9999999)] | None = None
    product_code: Annotated[str, fits(UsageLine, "product_code")] | None = None
    planned_days: Days | None = None


class ActualsIn(InputSchema):
    actual_days: MaybeDays
    updated_at: DateTime | None = None


class ReviseIn(InputSchema):
    reason: Annotated[str, fits(UsageSlip, "correction_reason")] = ""


class ConsentIn(InputSchema):
    consented_on: Date
    method: Annotated[str, fits(SlipConsent, "method")]
    consented_by: Annotated[str, fits(SlipConsent, "consented_by")]


class DeliveryIn(InputSchema):
    provider_id: Id | None = None
    provider_name: Annotated[str, fits(SlipDelivery, "provider_name")] = ""
    delivered_on: Date
    method: Annotated[str, fits(SlipDelivery, "method")]


def _month(value: str) -> dt.date:
    month = slip_selectors.parse_month(value)
    if month is None:
        raise ValidationError({"month": messages.MONTH_INVALID}, code=messages.MONTH_INVALID.code)
    return month


def _out(slip: UsageSlip) -> dict[str, Any]:
    full = slip_selectors.slip_with_rows().get(pk=slip.pk)
    return {
        **{name: getattr(full, name) for name in SlipSummary.model_fields},
        "lines": list(full.lines.all()),
        "consents": list(full.consents.all()),
        "deliveries": list(full.deliveries.all()),
        "holidays": slip_rules.holidays(full.month),
    }


@router.get("/billing/clients/{client_id}/slips", response=list[SlipSummary], summary="利用者の利用票（全月・全版）")
def list_slips(request: HttpRequest, client_id: int) -> Any:
    actor = actor_of(request)
    client = access_billing_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    return list(UsageSlip.objects.filter(office_id=client.office_id, client=client).order_by("-month", "-version"))


@router.get("/billing/clients/{client_id}/slips/{month}", response=SlipOut, summary="月の利用票（最新の版）")
def get_slip(request: HttpRequest, client_id: int, month: str) -> Any:
    actor = actor_of(request)
    client = access_billing_client(actor, client_id)
    first = _month(month)
    slip = slip_selectors.current_slip(client=client, month=first)
    if slip is None:
        raise Http404
    client_viewed(actor=actor, client=client)
    return _out(slip)


@router.post(
    "/billing/clients/{client_id}/slips/{month}",
    response={201: SlipOut},
    summary="計画から月の利用票（作成中）を作成",
    description=MONTH_DOC + "。その月に有効な計画の週間サービス計画表から行を作ります（祝日は印のみ）。",
)
def generate_slip(request: HttpRequest, client_id: int, month: str) -> Status[Any]:
    actor = actor_of(request)
    client = access_billing_client(actor, client_id)
    slip = slip_services.slip_generate(actor=actor, client=client, month=_month(month))
    return Status(201, _out(slip))


@router.post("/billing/slips/{slip_id}/lines", response={201: LineOut}, summary="行の追加（作成中のみ）")
def add_line(request: HttpRequest, slip_id: int, payload: LineIn) -> Status[Any]:
    actor = actor_of(request)
    slip = access_slip(actor, slip_id)
    data = input_from(UsageLineInput, payload.dict())
    return Status(201, slip_services.slip_line_add(actor=actor, slip=slip, data=data))


@router.patch("/billing/slips/{slip_id}/lines/{line_id}", response=LineOut, summary="行の更新（作成中のみ）")
def update_line(request: HttpRequest, slip_id: int, line_id: int, payload: LinePatch) -> Any:
    actor = actor_of(request)
    line = access_line(actor, line_id, slip=access_slip(actor, slip_id))
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(UsageLineInput, values, base=line)
    return slip_services.slip_line_update(actor=actor, line=line, data=data, expected_updated_at=expected)


@router.delete("/billing/slips/{slip_id}/lines/{line_id}", response={204: None}, summary="行の削除（作成中のみ）")
def delete_line(request: HttpRequest, slip_id: int, line_id: int) -> Status[None]:
    actor = actor_of(request)
    line = access_line(actor, line_id, slip=access_slip(actor, slip_id))
    slip_services.slip_line_delete(actor=actor, line=line)
    return Status(204, None)


@router.put(
    "/billing/slips/{slip_id}/lines/{line_id}/actuals",
    response=LineOut,
    summary="実績の入力（締めまで。空で未入力に戻す）",
)
def set_actuals(request: HttpRequest, slip_id: int, line_id: int, payload: ActualsIn) -> Any:
    actor = actor_of(request)
    line = access_line(actor, line_id, slip=access_slip(actor, slip_id))
    return slip_services.slip_line_actuals_set(
        actor=actor, line=line, actual_days=payload.actual_days, expected_updated_at=payload.updated_at
    )


@router.post("/billing/slips/{slip_id}/confirm", response=SlipSummary, summary="利用票の確定")
def confirm_slip(request: HttpRequest, slip_id: int) -> Any:
    actor = actor_of(request)
    return slip_services.slip_confirm(actor=actor, slip=access_slip(actor, slip_id))


@router.post("/billing/slips/{slip_id}/revise", response={201: SlipSummary}, summary="修正版（新しい版）の作成")
def revise_slip(request: HttpRequest, slip_id: int, payload: ReviseIn) -> Status[Any]:
    actor = actor_of(request)
    return Status(201, slip_services.slip_revise(actor=actor, slip=access_slip(actor, slip_id), reason=payload.reason))


@router.post("/billing/slips/{slip_id}/consents", response={201: ConsentOut}, summary="利用票の説明・同意の記録")
def record_consent(request: HttpRequest, slip_id: int, payload: ConsentIn) -> Status[Any]:
    actor = actor_of(request)
    slip = access_slip(actor, slip_id)
    return Status(201, slip_services.slip_consent_record(actor=actor, slip=slip, **payload.dict()))


@router.post("/billing/slips/{slip_id}/deliveries", response={201: DeliveryOut}, summary="提供票の交付の記録")
def record_delivery(request: HttpRequest, slip_id: int, payload: DeliveryIn) -> Status[Any]:
    actor = actor_of(request)
    slip = access_slip(actor, slip_id)
    return Status(201, slip_services.slip_delivery_record(actor=actor, slip=slip, **payload.dict()))


class MonthRowOut(Schema):
    client_id: int
    client_name: str
    plan_id: int
    slip: SlipSummary | None = Field(description="その月の最新の版（まだなければ null）")
    consented: bool = Field(description="利用者の同意を記録済み")
    providers: int = Field(description="提供票を交付する事業所の数")
    delivered: int = Field(description="交付を記録した事業所の数")


@router.get(
    "/billing/months/{month}/slips",
    response=list[MonthRowOut],
    summary="事業所の月の利用票（計画が有効な利用者ごと: 作成・同意・交付の状況）",
    description=MONTH_DOC + "。",
)
def office_month(request: HttpRequest, month: str) -> Any:
    actor = actor_of(request)
    require_permission(actor, "billing.view")
    rows = slip_selectors.office_month(actor=actor, month=_month(month))
    records_listed(actor=actor, subject=Client, client_ids=[r.client.pk for r in rows])
    return [
        {
            "client_id": r.client.pk,
            "client_name": r.client.name,
            "plan_id": r.plan_id,
            "slip": r.slip,
            "consented": r.consented,
            "providers": r.providers,
            "delivered": r.delivered,
        }
        for r in rows
    ]


class MonthFailureOut(Schema):
    client_id: int
    client_name: str
    messages: list[str] = Field(description="作れなかった理由")


class MonthGeneratedOut(Schema):
    made: list[SlipSummary] = Field(description="作成した利用票（作成中）")
    failed: list[MonthFailureOut]


@router.post(
    "/billing/months/{month}/slips",
    response=MonthGeneratedOut,
    summary="月の利用票をまとめて作成（計画が有効で、まだ利用票のない利用者全員）",
    description=MONTH_DOC + "。利用者ごとに作成し、作れなかった利用者は理由とともに返します。",
)
def generate_month(request: HttpRequest, month: str) -> Any:
    actor = actor_of(request)
    require_permission(actor, "billing.edit")
    result = slip_services.slip_month_generate(actor=actor, month=_month(month))
    records_listed(
        actor=actor, subject=Client, client_ids=[s.client_id for s in result.made] + [c.pk for c, _ in result.failed]
    )
    return {
        "made": result.made,
        "failed": [{"client_id": c.pk, "client_name": c.name, "messages": m} for c, m in result.failed],
    }


class MoveIn(InputSchema):
    direction: Literal["up", "down"] = Field(description="up: 1つ上へ / down: 1つ下へ")


@router.post(
    "/billing/slips/{slip_id}/lines/{line_id}/move",
    response=list[LineOut],
    summary="行を1つ上・下へ移動（作成中のみ）",
    description="移動後の行を並び順で返します。",
)
def move_line(request: HttpRequest, slip_id: int, line_id: int, payload: MoveIn) -> Any:
    actor = actor_of(request)
    slip = access_slip(actor, slip_id, for_edit=True)
    line = access_line(actor, line_id, slip=slip, for_edit=True)
    slip_services.slip_line_move(actor=actor, line=line, up=payload.direction == "up")
    return list(UsageLine.objects.filter(slip_id=slip.pk).order_by("position", "id"))
