"""API of the care-plan data exchange's plan side and its records (docs/api-coverage.md): the plan
set of a plan version as a zip per destination, its withdrawal (DLT1KYO), the withdrawal of a
month's 利用票 (DLTPLAN), the send records per client and per provider, the 交付 recorded from a
send, and the checker over any exchange files. The same gates and services as the pages
(views_exchange.py, views_exchange_month.py): care.view to read, care.edit to send."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Router, Schema, Status

from carebridge.billing.annex_access import parse_month
from carebridge.careplans.models import DeliveryMethod
from carebridge.clients.models import Client
from carebridge.clients.services import client_viewed
from carebridge.core.access import actor_of, require_permission
from carebridge.core.messages import Message
from carebridge.core.schemas import InputSchema
from carebridge.core.services import records_listed

from . import selectors
from .access import (
    access_exchange_client,
    access_exchange_month_client,
    access_exchange_plan,
    access_exchange_provider,
    access_send,
)
from .exchange_api import MONTH_PATTERN, NO_DESTINATION, ZIP_ANSWER, ImportFileIn, files_of
from .exchange_check import check_blobs
from .exchange_month_services import exchange_month_withdraw
from .exchange_services import exchange_plan_export, exchange_plan_withdraw, exchange_send_deliver
from .models import ExchangeSend
from .views_exchange import _download
from .views_import import MAX_FILES

router = Router(tags=["interop"])

NO_WITHDRAWAL = Message("exchange_no_withdrawal", "取消を送る相手（この計画・月を受け取った事業所）がありません。")


class DestinationIn(InputSchema):
    """One destination only (both fields), or every destination (neither)."""

    provider_number: str | None = Field(None, pattern=r"^[0-9A-Z]{10}$", description="送信先の事業所番号")
    service_type: str | None = Field(None, pattern=r"^[0-9A-Z]{2}$", description="送信先のサービス種類コード")


ONE_DESTINATION = Message(
    "exchange_one_destination", "事業所番号とサービス種類は両方指定するか、両方空にしてください。"
)


def _only(payload: DestinationIn | None) -> tuple[str, str] | None:
    if payload is None or (payload.provider_number is None and payload.service_type is None):
        return None
    if payload.provider_number is None or payload.service_type is None:
        missing = "provider_number" if payload.provider_number is None else "service_type"
        raise ValidationError({missing: ONE_DESTINATION}, code=ONE_DESTINATION.code)
    return payload.provider_number, payload.service_type


@router.post(
    "/interop/careplans/{plan_id}/exchange",
    summary="計画書（第1〜3表）の連携ファイル（UPHOSOKU・UP1KYO・UP2KYO・UP3KYO）を出力",
    description="計画の版を、送信先（事業所番号・サービス種類）ごとの zip で返します（複数なら zip の zip）。"
    "送信記録が残ります。本文で送信先を1つに絞れます。",
    openapi_extra=ZIP_ANSWER,
)
def plan_export(request: HttpRequest, plan_id: int, payload: DestinationIn | None = None) -> HttpResponse:
    actor = actor_of(request)
    plan = access_exchange_plan(actor, plan_id, for_export=True)
    result = exchange_plan_export(actor=actor, office=plan.office, plans=[plan], only=_only(payload), via="api")
    response = _download(result, f"CAREPLAN_{plan.office.office_number}_{plan.client_id}_v{plan.version}.zip")
    if response is None:
        raise ValidationError({"plan_id": NO_DESTINATION}, code=NO_DESTINATION.code)
    return response


@router.post(
    "/interop/careplans/{plan_id}/exchange/withdraw",
    summary="計画書の連携データの取消（DLT1KYO）を出力",
    description="この版を受け取った送信先ごとの zip。送信記録が残ります。",
    openapi_extra=ZIP_ANSWER,
)
def plan_withdraw(request: HttpRequest, plan_id: int, payload: DestinationIn | None = None) -> HttpResponse:
    actor = actor_of(request)
    plan = access_exchange_plan(actor, plan_id, for_export=True)
    result = exchange_plan_withdraw(actor=actor, plan=plan, only=_only(payload), via="api")
    response = _download(result, f"CAREPLAN_DLT_{plan.office.office_number}_{plan.client_id}_v{plan.version}.zip")
    if response is None:
        raise ValidationError({"plan_id": NO_WITHDRAWAL}, code=NO_WITHDRAWAL.code)
    return response


@router.post(
    "/interop/clients/{client_id}/months/{month}/exchange/withdraw",
    summary="利用票（第6表・第7表）の連携データの取消（DLTPLAN）を出力",
    description="その月の利用票を受け取った送信先ごとの zip。送信記録が残ります。",
    openapi_extra=ZIP_ANSWER,
)
def month_withdraw(
    request: HttpRequest,
    client_id: int,
    month: Annotated[str, Path(pattern=MONTH_PATTERN)],
    payload: DestinationIn | None = None,
) -> HttpResponse:
    actor = actor_of(request)
    first = parse_month(month)
    client = access_exchange_month_client(actor, client_id, for_export=True)
    result = exchange_month_withdraw(actor=actor, client=client, month=first, only=_only(payload), via="api")
    response = _download(result, f"CAREPLAN_DLT_MONTH_{first:%Y%m}_{client.office.office_number}_{client.pk}.zip")
    if response is None:
        raise ValidationError({"month": NO_WITHDRAWAL}, code=NO_WITHDRAWAL.code)
    return response


class SendFileOut(Schema):
    name: str
    sha256: str
    bytes: int
    records: int


class SendOut(Schema):
    id: int
    direction: str = Field(description="export（送信）/ import（取込）")
    content: str = Field(description="plan / plan_withdrawal / month / month_withdrawal / actuals …")
    provider_id: int | None
    counterpart_number: str
    counterpart_type: str
    counterpart_name: str
    sent_at: dt.datetime
    sent_by: str = Field(description="担当者の表示名（空: コマンド）")
    via: str = Field(description="web / cli / api")
    archive_name: str
    archive_sha256: str
    files: list[SendFileOut]
    months: list[str] = Field(description="対象年月（YYYYMM）")
    plan_ids: list[int]
    client_ids: list[int]


def _send_out(send: ExchangeSend) -> dict[str, Any]:
    return {
        "id": send.pk,
        "direction": send.direction,
        "content": send.content,
        "provider_id": send.provider_id,
        "counterpart_number": send.counterpart_number,
        "counterpart_type": send.counterpart_type,
        "counterpart_name": send.counterpart_name,
        "sent_at": send.sent_at,
        "sent_by": send.sent_by.display_name if send.sent_by is not None else "",
        "via": send.via,
        "archive_name": send.archive_name,
        "archive_sha256": send.archive_sha256,
        "files": [
            {
                "name": str(item.get("name", "")),
                "sha256": str(item.get("sha256", "")),
                "bytes": int(item.get("bytes", 0)),
                "records": int(item.get("records", 0)),
            }
            for item in send.files or []
        ],
        "months": [str(m) for m in send.months or []],
        "plan_ids": sorted(p.pk for p in send.plans.all()),
        "client_ids": sorted(c.pk for c in send.clients.all()),
    }


@router.get(
    "/interop/clients/{client_id}/sends",
    response=list[SendOut],
    summary="利用者の送信記録（いつ・誰が・どの事業所へ・どのファイルを）",
)
def client_sends(request: HttpRequest, client_id: int) -> list[dict[str, Any]]:
    actor = actor_of(request)
    client = access_exchange_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    return [_send_out(send) for send in selectors.client_sends(client=client).prefetch_related("clients")]


@router.get(
    "/interop/providers/{provider_id}/sends",
    response=list[SendOut],
    summary="事業所ごとの送信記録（監査で示す、誰に何をいつ渡したか）",
)
def provider_sends(request: HttpRequest, provider_id: int) -> list[dict[str, Any]]:
    actor = actor_of(request)
    provider = access_exchange_provider(actor, provider_id)
    sends = list(selectors.provider_sends(provider=provider))
    client_ids = sorted({c.pk for s in sends for c in s.clients.all()})
    records_listed(actor=actor, subject=Client, client_ids=client_ids, record_ids=[s.pk for s in sends])
    return [_send_out(send) for send in sends]


class DeliveryOut(Schema):
    id: int
    plan_id: int
    provider_id: int | None
    delivered_on: dt.date
    method: str = Field(description=f"交付の方法（{' / '.join(DeliveryMethod.values)}）")


@router.post(
    "/interop/sends/{send_id}/deliver",
    response={201: list[DeliveryOut]},
    summary="送信記録から計画書の交付を記録",
    description="その送信で送った計画の版を、送信先の事業所への交付（ケアプランデータ連携、送信日）として記録します。",
)
def send_deliver(request: HttpRequest, send_id: int) -> Status[Any]:
    actor = actor_of(request)
    send = access_send(actor, send_id)
    recorded = exchange_send_deliver(actor=actor, send=send)
    return Status(
        201,
        [
            {
                "id": d.pk,
                "plan_id": d.plan_id,
                "provider_id": d.provider_id,
                "delivered_on": d.delivered_on,
                "method": d.method,
            }
            for d in recorded
        ],
    )


class CheckFindingOut(Schema):
    file: str
    line: int = Field(description="行（0: ファイル全体）")
    column: int = Field(description="項目番号（0: レコード全体）")
    message: str


class CheckOut(Schema):
    clean: bool
    files: dict[str, list[CheckFindingOut]] = Field(description="ファイルごとの指摘（ZIPの中身は zip名/ファイル名）")


class CheckIn(InputSchema):
    files: list[ImportFileIn] = Field(min_length=1, max_length=MAX_FILES, description="CSV または ZIP")


@router.post(
    "/interop/check",
    response=CheckOut,
    summary="連携ファイル（当事業所のもの・他事業所のもの）をレイアウトに照らして検査",
    description="CSV または ZIP（base64）を受け取り、ファイル・行・項目ごとの指摘を返します。何も保存しません。",
)
def check(request: HttpRequest, payload: CheckIn) -> dict[str, Any]:
    actor = actor_of(request)
    require_permission(actor, "care.view")
    results = check_blobs(files_of(payload.files))
    return {
        "clean": not any(results.values()),
        "files": {
            name: [{"file": f.file, "line": f.line, "column": f.column, "message": f.message} for f in findings]
            for name, findings in results.items()
        },
    }
