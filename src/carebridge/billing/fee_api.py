"""API of the office's own fee and of 特定事業所集中減算."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from pydantic import field_validator

from carebridge.clients.access import access_client
from carebridge.clients.models import Client
from carebridge.core import messages as core_messages
from carebridge.core.access import actor_of, office_id_of, require_permission
from carebridge.core.dates import parse_month
from carebridge.core.schemas import Count, Date, Flag, Id, InputSchema, fits
from carebridge.core.services import records_listed

from . import concentration_rules, concentration_selectors, fee_selectors, fee_services
from . import fee_messages as msg
from .fee_inputs import FeeEventInput, FeeSettingInput
from .models import FeeEvent, FeeSetting

router = Router(tags=["billing"])


class LineOut(Schema):
    label: str
    units: int


class CaseOut(Schema):
    client_id: int
    care_level: str
    position: str | None = Field(None, description="逓減制の件数順位（介護予防支援は 1/3 件、文字列の分数）")
    step: str | None = Field(None, description="i / ii / iii（介護予防支援は null）")
    lines: list[LineOut]
    units: int
    yen: int


class ManagerOut(Schema):
    care_manager_id: int
    care_manager: str
    weighted_count: str
    units: int
    yen: int
    cases: list[CaseOut]


class FeeMonthOut(Schema):
    month: str
    tier: str
    unit_price: str = Field(description="1単位の単価（居宅介護支援: 人件費割合70%）")
    concentration_penalty: bool
    units: int
    yen: int
    care_managers: list[ManagerOut]


@router.get("/billing/fee/{month}", response=FeeMonthOut, summary="居宅介護支援費（事業所・月）")
def fee_month(request: HttpRequest, month: str) -> Any:
    actor = actor_of(request)
    require_permission(actor, "billing.view")
    day = parse_month(month)
    if day is None:
        raise ValidationError({"month": core_messages.MONTH_FORMAT})
    result = fee_selectors.fee_month(actor=actor, month=day, today=timezone.localdate())
    records_listed(actor=actor, subject=Client, client_ids=result.client_ids)
    return {
        "month": f"{result.month:%Y-%m}",
        "tier": result.office.tier.value,
        "unit_price": result.unit_price,
        "concentration_penalty": result.concentration,
        "units": result.units,
        "yen": result.yen,
        "care_managers": [
            {
                "care_manager_id": m.care_manager.pk,
                "care_manager": m.care_manager.get_full_name() or m.care_manager.username,
                "weighted_count": str(m.result.weighted_count),
                "units": m.result.units,
                "yen": m.result.yen,
                "cases": [
                    {
                        "client_id": r.client.pk,
                        "care_level": r.fee.care_level,
                        "position": None if r.fee.position is None else str(r.fee.position),
                        "step": r.fee.step.value if r.fee.step is not None else None,
                        "lines": [{"label": line.label, "units": line.units} for line in r.fee.lines],
                        "units": r.fee.units,
                        "yen": r.fee.yen,
                    }
                    for r in m.rows
                ],
            }
            for m in result.managers
        ],
    }


def _date_text(value: object) -> object:
    """Dates come as "YYYY-MM-DD" (a number is not a date, though pydantic would read it as one)."""
    if value is not None and not isinstance(value, str | dt.date):
        raise ValueError(msg.DATE_TEXT)
    return value


class FeeEventIn(InputSchema):
    client_id: Id
    kind: Annotated[str, fits(FeeEvent, "kind")]
    day: Date
    info_on: Date | None = None
    after_hours: Flag = False
    contacts: Count = 1
    conference: Flag = False
    confirmed: Flag = True
    notes: Annotated[str, fits(FeeEvent, "notes")] = ""

    _dates = field_validator("day", "info_on", mode="before")(_date_text)


class FeeEventOut(Schema):
    id: int
    client_id: int
    care_manager_id: int
    kind: str
    day: dt.date
    info_on: dt.date | None
    after_hours: bool
    contacts: int
    conference: bool
    confirmed: bool
    notes: str


@router.post("/billing/fee-events", response={201: FeeEventOut}, summary="加算の記録")
def create_fee_event(request: HttpRequest, payload: FeeEventIn) -> Status[Any]:
    actor = actor_of(request)
    require_permission(actor, "billing.edit")
    client = access_client(actor, payload.client_id)
    data = FeeEventInput(**payload.model_dump(exclude={"client_id"}))
    return Status(201, fee_services.fee_event_create(actor=actor, client=client, data=data))


class FeeSettingIO(InputSchema):
    valid_from: Date
    tier: Annotated[str, fits(FeeSetting, "tier")] = "1"
    special: Annotated[str, fits(FeeSetting, "special", empty=True)] = ""
    bcp_missing: Flag = False
    abuse_prevention_missing: Flag = False
    same_building: Flag = False

    _dates = field_validator("valid_from", mode="before")(_date_text)


class FeeSettingOut(Schema):
    valid_from: dt.date
    tier: str
    special: str
    bcp_missing: bool
    abuse_prevention_missing: bool
    same_building: bool


@router.get("/billing/fee-settings", response=list[FeeSettingOut], summary="居宅介護支援費の設定（新しい順）")
def fee_settings(request: HttpRequest) -> Any:
    actor = actor_of(request)
    require_permission(actor, "billing.view")
    return list(FeeSetting.objects.filter(office_id=office_id_of(actor)).order_by("-valid_from"))


@router.put("/billing/fee-settings", response=FeeSettingOut, summary="居宅介護支援費の設定（適用開始日ごと）")
def put_fee_settings(request: HttpRequest, payload: FeeSettingIO) -> Any:
    actor = actor_of(request)
    require_permission(actor, "office.admin")
    return fee_services.fee_setting_save(actor=actor, data=FeeSettingInput(**payload.model_dump()))


class ShareOut(Schema):
    corporation: str
    plans: int
    percent: str


class GroupOut(Schema):
    service_group: str
    name: str
    plans: int
    flagged: bool
    reason: str | None
    shares: list[ShareOut]


class ConcentrationOut(Schema):
    period: str
    start: dt.date
    end: dt.date
    penalty: bool
    penalty_from: dt.date
    penalty_to: dt.date
    groups: list[GroupOut]


@router.get("/billing/concentration/{period}", response=ConcentrationOut, summary="特定事業所集中減算（判定期間）")
def concentration(request: HttpRequest, period: str) -> Any:
    actor = actor_of(request)
    require_permission(actor, "billing.view")
    parsed = concentration_rules.parse_period(period)
    if parsed is None:
        raise ValidationError({"period": msg.PERIOD_FORMAT})
    report = concentration_selectors.concentration_report(actor=actor, period=parsed)
    return {
        "period": parsed.label,
        "start": parsed.start,
        "end": parsed.end,
        "penalty": report.penalty,
        "penalty_from": parsed.penalty_from,
        "penalty_to": parsed.penalty_to,
        "groups": [
            {
                "service_group": r.group,
                "name": r.name,
                "plans": r.plans,
                "flagged": r.flagged,
                "reason": report.reasons[r.group].reason if r.group in report.reasons else None,
                "shares": [{"corporation": s.corporation, "plans": s.plans, "percent": s.percent} for s in r.shares],
            }
            for r in report.results
        ],
    }
