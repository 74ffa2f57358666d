"""API of the month close: close, the pre-send check, the 給付管理票 list, the 国保連 export
(its send record and download URL) and the file again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Router, Schema, Status

from carebridge.clients.models import Client
from carebridge.core.access import actor_of, require_permission
from carebridge.core.dates import parse_month
from carebridge.core.services import records_listed

from . import close_messages as msg
from . import close_selectors, close_services
from .views_close import download_url

router = Router(tags=["billing"])


class MonthPath(Schema):
    month: str = Field(pattern=r"^\d{4}-\d{2}$", description="対象年月 YYYY-MM")


def _month(path: MonthPath) -> dt.date:
    month = parse_month(path.month)
    if month is None:
        raise ValidationError({"month": msg.MONTH_FORMAT})
    return month


class CloseOut(Schema):
    id: int
    month: dt.date
    round: int = Field(description="この月の何回目の締めか")
    closed_at: dt.datetime
    slips_locked: int = Field(description="締め済みにした利用票の数")
    drafts_left: int = Field(description="作成中のまま残った利用票の数")


class PresendErrorOut(Schema):
    client_id: int
    client_name: str
    field: str = Field(description="項目（日本語）")
    message: str


class StatementLineOut(Schema):
    provider_number: str
    designation: str = Field(description="指定/基準該当/地域密着型サービス識別")
    service_type: str
    planned_units: int = Field(description="給付計画単位数")


class StatementOut(Schema):
    id: int
    client_id: int
    month: dt.date
    kind: str = Field(description="作成区分: 1 新規, 2 修正, 3 取消")
    creator_kind: str = Field(description="1 居宅介護支援事業所作成, 2 自己作成, 3 介護予防支援事業所作成")
    slip_id: int | None
    limit_units: int | None
    total_units: int
    lines: list[StatementLineOut]
    send_id: int | None


class SendOut(Schema):
    id: int
    month: dt.date
    processing_month: dt.date
    file_name: str
    sha256: str
    size: int
    sent_at: dt.datetime
    statement_count: int
    client_count: int
    record_count: int
    download_url: str


def _send_out(send: Any) -> dict[str, Any]:
    return {
        "id": send.pk,
        "month": send.month,
        "processing_month": send.processing_month,
        "file_name": send.file_name,
        "sha256": send.sha256,
        "size": send.size,
        "sent_at": send.sent_at,
        "statement_count": send.statement_count,
        "client_count": send.client_count,
        "record_count": send.record_count,
        "download_url": download_url(send.pk),
    }


@router.post(
    "/billing/close/{month}", response={201: CloseOut}, summary="月締め（送信前チェック→確定済み利用票を締める）"
)
def close(request: HttpRequest, path: Path[MonthPath]) -> Any:
    actor = actor_of(request)
    return Status(201, close_services.month_close(actor=actor, month=_month(path)))


@router.get("/billing/close/{month}/check", response=list[PresendErrorOut], summary="送信前チェック")
def presend_check(request: HttpRequest, path: Path[MonthPath]) -> Any:
    actor = actor_of(request)
    require_permission(actor, "billing.view")
    assert actor.office is not None  # noqa: S101
    clients = close_selectors.month_clients(office=actor.office, month=_month(path))
    records_listed(actor=actor, subject=Client, client_ids=[c.client.pk for c in clients])
    return [e for c in clients if not c.is_draft for e in c.errors]


@router.get("/billing/close/{month}/statements", response=list[StatementOut], summary="給付管理票の一覧")
def statements(request: HttpRequest, path: Path[MonthPath]) -> Any:
    actor = actor_of(request)
    require_permission(actor, "billing.view")
    rows = list(close_selectors.statement_list(actor=actor, month=_month(path)))
    records_listed(actor=actor, subject=Client, client_ids=[r.client_id for r in rows])
    return rows


@router.post("/billing/close/{month}/export", response={201: SendOut}, summary="国保連ファイルの作成（送信の記録）")
def export(request: HttpRequest, path: Path[MonthPath]) -> Any:
    actor = actor_of(request)
    return Status(201, _send_out(close_services.federation_export(actor=actor, month=_month(path))))


@router.get("/billing/sends", response=list[SendOut], summary="国保連への送信の記録")
def sends(request: HttpRequest) -> Any:
    actor = actor_of(request)
    require_permission(actor, "billing.view")
    return [_send_out(s) for s in close_selectors.send_list(actor=actor)[:200]]


@router.get("/billing/sends/{send_id}/file", summary="国保連ファイル（再ダウンロード）")
def send_file(request: HttpRequest, send_id: int) -> HttpResponse:
    actor = actor_of(request)
    send = close_selectors.access_send(actor, send_id)
    records_listed(actor=actor, subject=Client, client_ids=send.client_ids)
    response = HttpResponse(bytes(send.content), content_type="text/csv; charset=Shift_JIS")
    response["Content-Disposition"] = f'attachment; filename="{send.file_name}"'
    return response
