"""API of the care-plan data exchange's month side: the month set of a client's 利用票 as a zip
(POST …/months/{month}/exchange, care.edit: it leaves a send record) and the import of the
providers' actuals (POST /interop/imports: UPJSK/DLTJSK as base64, dry_run for the preview)."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Router, Schema

from carebridge.billing.annex_access import parse_month
from carebridge.clients.models import Client
from carebridge.core.access import actor_of, require_permission
from carebridge.core.messages import Message
from carebridge.core.models import User
from carebridge.core.services import records_listed

from .access import access_exchange_month_client
from .exchange_import_preview import ImportPreview, preview_import
from .exchange_import_services import _refuse as refuse
from .exchange_import_services import exchange_actuals_import
from .exchange_month_services import exchange_month_export
from .views_exchange import _download
from .views_import import MAX_BYTES, MAX_FILES

router = Router(tags=["interop"])

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
NO_DESTINATION = Message(
    "exchange_no_destination", "送信先（連携対象の事業所番号のある事業所）がないため出力できませんでした。"
)
NOT_BASE64 = Message("exchange_not_base64", "ファイルの内容が base64 ではありません。")
TOO_MUCH = Message(
    "exchange_import_too_much", f"一度に取り込めるのは{MAX_FILES}ファイル・合計{MAX_BYTES // (1024 * 1024)}MBまでです。"
)

ZIP_ANSWER: dict[str, Any] = {
    "responses": {
        200: {
            "description": "送信先ごとの zip（送信先が複数なら zip の zip）",
            "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.post(
    "/interop/clients/{client_id}/months/{month}/exchange",
    summary="利用票（第6表・第7表）の連携ファイル（UPHOSOKU・UPPLAN・UPSIKYU）を出力",
    description="利用者のその月の利用票を、送信先（事業所番号・サービス種類）ごとの zip で返します。"
    "送信記録が残ります。",
    openapi_extra=ZIP_ANSWER,
)
def month_export(
    request: HttpRequest, client_id: int, month: Annotated[str, Path(pattern=MONTH_PATTERN)]
) -> HttpResponse:
    actor = actor_of(request)
    first = parse_month(month)
    client = access_exchange_month_client(actor, client_id, for_export=True)
    result = exchange_month_export(actor=actor, office=client.office, month=first, client_ids=[client.pk], via="api")
    response = _download(result, f"CAREPLAN_MONTH_{first:%Y%m}_{client.office.office_number}_{client.pk}.zip")
    if response is None:
        raise ValidationError({"month": NO_DESTINATION}, code=NO_DESTINATION.code)
    return response


class ImportFileIn(Schema):
    name: str = Field(min_length=1, max_length=200, description="ファイル名（UPJSK_… / DLTJSK_…）")
    content_base64: str = Field(description="ファイルの内容（base64）")


class ImportIn(Schema):
    files: list[ImportFileIn] = Field(min_length=1, max_length=MAX_FILES)
    dry_run: bool = Field(False, description="true: 確認だけ（何も変えません）")
    accept_unmatched: bool = Field(False, description="true: 照合できない実績を除いて取り込む")


class ChangeOut(Schema):
    service_code: str
    service_name: str
    before: str = Field(description="31桁の日ごとの回数（空: 未入力）")
    after: str
    changed: bool


class RowOut(Schema):
    client_id: int
    month: str
    provider_number: str
    service_type: str
    clears: bool = Field(description="DLTJSK（実績の削除）")
    needs_revision: bool = Field(description="締め済みの月: 利用票の修正版に入れる")
    changes: list[ChangeOut]


class ImportOut(Schema):
    applied: bool
    changed_lines: int
    rows: list[RowOut]
    unmatched: list[str]
    send_ids: list[int]


def files_of(items: list[ImportFileIn]) -> list[tuple[str, bytes]]:
    """(name, bytes) of base64 files, within the upload limits (422 naming the file otherwise)."""
    files: list[tuple[str, bytes]] = []
    for index, item in enumerate(items):
        try:
            files.append((item.name, base64.b64decode(item.content_base64, validate=True)))
        except (binascii.Error, ValueError):
            raise ValidationError({f"files[{index}].content_base64": NOT_BASE64}, code=NOT_BASE64.code) from None
    if sum(len(data) for _name, data in files) > MAX_BYTES:
        raise ValidationError({"files": TOO_MUCH}, code=TOO_MUCH.code)
    return files


def _log_shown(actor: User, preview: ImportPreview) -> None:
    if preview.client_ids:  # the answer names clients (by id): the read is logged (house rule 3)
        records_listed(actor=actor, subject=Client, client_ids=preview.client_ids)


def _rows(preview: ImportPreview) -> list[dict[str, Any]]:
    return [
        {
            "client_id": row.client.pk,
            "month": f"{row.month:%Y-%m}",
            "provider_number": row.group.provider_number,
            "service_type": row.group.service_type,
            "clears": row.clears,
            "needs_revision": row.plan.needs_revision,
            "changes": [
                {
                    "service_code": c.service_code,
                    "service_name": c.service_name,
                    "before": c.before,
                    "after": c.after,
                    "changed": c.changed,
                }
                for c in row.plan.changes
            ],
        }
        for row in preview.rows
    ]


@router.post(
    "/interop/imports",
    response=ImportOut,
    summary="事業所からの実績（UPJSK）・実績の削除（DLTJSK）を第6表の実績に取り込む",
    description="誤りが1件でもあれば何も取り込まず 422（ファイル・行・列を示します）。dry_run で確認だけ。"
    "照合できない実績があれば、accept_unmatched なしでは 422。",
)
def actuals_import(request: HttpRequest, payload: ImportIn) -> dict[str, Any]:
    actor = actor_of(request)
    require_permission(actor, "care.edit")
    office = actor.office
    assert office is not None  # noqa: S101 - care.edit is an office role
    files = files_of(payload.files)
    if payload.dry_run:
        preview = preview_import(office=office, files=files)
        if preview.blocked:
            refuse(preview)
        _log_shown(actor, preview)
        return {
            "applied": False,
            "changed_lines": preview.changed_lines,
            "rows": _rows(preview),
            "unmatched": preview.unmatched,
            "send_ids": [],
        }
    result = exchange_actuals_import(
        actor=actor, office=office, files=files, accept_unmatched=payload.accept_unmatched, via="api"
    )
    _log_shown(actor, result.preview)
    return {
        "applied": True,
        "changed_lines": result.preview.changed_lines,
        "rows": _rows(result.preview),
        "unmatched": result.preview.unmatched,
        "send_ids": [send.pk for send in result.sends],
    }
