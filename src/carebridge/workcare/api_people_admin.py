"""API of the roster's administration, as its pages (views/people.py): the CSV import with its
preview (all or nothing; each error with line and column), deactivation (退職など: the row stays)
and an invitation to log in (the link shown once to the inviter, as on the page, and mailed)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Router, Schema, Status

from carebridge.core.access import actor_of
from carebridge.core.messages import Message
from carebridge.core.schemas import InputSchema

from . import messages, roster_import
from .access import access_roster_company, access_roster_employee
from .api_people import EmployeeOut
from .services import people as services

router = Router(tags=["両立支援：従業員"])

NOT_BASE64 = Message("roster_not_base64", "ファイルの内容が base64 ではありません。")


class RosterIn(InputSchema):
    content_base64: str = Field(description="名簿のCSV（UTF-8 または Shift_JIS、見出し行つき）の内容（base64）")
    dry_run: bool = Field(True, description="true: 確認だけ（何も変えません）。false: 取り込む")
    digest: str = Field(
        "",
        pattern=r"^([0-9a-f]{64})?$",
        description="確認で返った digest（指定すれば同じファイルのときだけ取込）",
    )


class RosterRowOut(Schema):
    line: int
    employee_number: str
    name: str
    action: str = Field(description="create / update / unchanged")
    changed: list[str]


class RosterOut(Schema):
    applied: bool
    digest: str = Field(description="ファイルのSHA-256（取込のときに digest として渡せます）")
    created: int
    updated: int
    unchanged: int
    rows: list[RosterRowOut]


@router.post(
    "/companies/{company_id}/employees/import",
    response=RosterOut,
    summary="従業員名簿のCSV取込（既定は確認だけ）",
    description="誤りが1件でもあれば何も取り込まず 422（行と列を示します）。",
)
def import_roster(request: HttpRequest, company_id: int, payload: RosterIn) -> dict[str, Any]:
    actor = actor_of(request)
    company = access_roster_company(actor, company_id, for_edit=True)
    try:
        data = base64.b64decode(payload.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError({"content_base64": NOT_BASE64}, code=NOT_BASE64.code) from None
    if payload.digest and payload.digest != roster_import.digest_of(data):
        raise ValidationError({"digest": messages.ROSTER_DIGEST_MISMATCH}, code=messages.ROSTER_DIGEST_MISMATCH.code)
    try:
        result = roster_import.roster_import(actor=actor, company=company, data=data, dry_run=payload.dry_run)
    except roster_import.RosterImportError as exc:
        raise ValidationError({"content_base64": [str(e) for e in exc.errors[:200]]}, code="import_rows") from None
    return {
        "applied": result.applied,
        "digest": result.digest,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "rows": [
            {
                "line": r.line,
                "employee_number": r.employee_number,
                "name": r.name,
                "action": r.action,
                "changed": list(r.changed),
            }
            for r in result.rows
        ],
    }


@router.post(
    "/employees/{employee_id}/deactivate",
    response=EmployeeOut,
    summary="従業員を無効に（退職など。記録は残り、ログインも止まります）",
)
def deactivate_employee(request: HttpRequest, employee_id: int) -> Any:
    actor = actor_of(request)
    employee = access_roster_employee(actor, employee_id, for_edit=True)
    return services.employee_deactivate(actor=actor, employee=employee)


class InviteIn(InputSchema):
    as_manager: bool = Field(False, description="true: 管理職として招待")


class InvitationOut(Schema):
    id: int
    employee_id: int
    expires_at: dt.datetime
    url: str = Field(description="ログインを始めるリンク（この応答で一度だけ示します。1回だけ使えます）")
    mailed: bool = Field(description="従業員のメールアドレスへ送れたか")


@router.post(
    "/employees/{employee_id}/invite",
    response={201: InvitationOut},
    summary="従業員をログインに招待（リンクをメールで送り、招待した人にも一度だけ示す）",
)
def invite_employee(
    request: HttpRequest, employee_id: int, response: HttpResponse, payload: InviteIn | None = None
) -> Status[Any]:
    actor = actor_of(request)
    response["Cache-Control"] = "no-store"  # the link is a secret shown once
    employee = access_roster_employee(actor, employee_id, for_edit=True)
    as_manager = payload.as_manager if payload is not None else False
    invitation, token = services.employee_invite(actor=actor, employee=employee, as_manager=as_manager)
    url = request.build_absolute_uri(reverse("workcare:invitation_accept", args=[token]))
    mailed = services.invitation_mail_send(invitation=invitation, url=url)
    return Status(
        201,
        {
            "id": invitation.pk,
            "employee_id": employee.pk,
            "expires_at": invitation.expires_at,
            "url": url,
            "mailed": mailed,
        },
    )
