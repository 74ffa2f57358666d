"""API of office administration (管理者, office.admin), as the /office/ pages do it: the office's
own data (read and edit), its staff accounts (read, and deactivate for off-boarding), and the
verification of the office's audit chain (audit.view, as `carebridge audit verify`).

Creating accounts, setting passwords and roles, reactivating and API tokens stay with the
administrator's logged-in session (two-factor): a token is a long-lived bearer secret, and one
that leaked must not be able to open accounts or raise anyone's rights (docs/api-coverage.md)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from . import selectors, services
from .access import access_staff, actor_of, office_id_of, require_permission
from .audit_verify import verify_office
from .inputs import input_from
from .models import Office, User
from .schemas import Date, PatchSchema, fits

router = Router(tags=["office"])


class OfficeOut(Schema):
    id: int
    office_number: str
    name: str
    region_grade: str
    prefecture: str
    postal_code: str
    address: str
    phone: str
    prevention_designated: bool
    prevention_designated_on: dt.date | None
    updated_at: dt.datetime


class OfficePatch(PatchSchema):
    office_number: Annotated[str, fits(Office, "office_number")] | None = None
    name: Annotated[str, fits(Office, "name")] | None = None
    region_grade: Annotated[str, fits(Office, "region_grade")] | None = None
    prefecture: Annotated[str, fits(Office, "prefecture")] | None = None
    postal_code: Annotated[str, fits(Office, "postal_code")] | None = None
    address: Annotated[str, fits(Office, "address")] | None = None
    phone: Annotated[str, fits(Office, "phone")] | None = None
    prevention_designated: bool | None = None
    prevention_designated_on: Date | None = None


def _office(request: HttpRequest) -> tuple[User, Office]:
    actor = actor_of(request)
    require_permission(actor, "office.admin")
    return actor, Office.objects.get(pk=office_id_of(actor))


@router.get("/office", response=OfficeOut, summary="事業所の情報（管理者）")
def office_read(request: HttpRequest) -> Any:
    return _office(request)[1]


@router.patch("/office", response=OfficeOut, summary="事業所の情報の更新（管理者）")
def office_edit(request: HttpRequest, payload: OfficePatch) -> Any:
    actor, office = _office(request)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(services.OfficeInput, values, base=office)
    return services.office_update(actor=actor, office=office, data=data, expected_updated_at=expected)


class StaffOut(Schema):
    id: int
    username: str
    display_name: str
    role: str
    care_manager_number: str
    is_active: bool
    has_totp: bool = Field(description="認証アプリ（二要素）を設定済み")
    last_login: dt.datetime | None


@router.get("/office/staff", response=list[StaffOut], summary="職員アカウントの一覧（管理者）")
def staff_list(request: HttpRequest) -> Any:
    actor, _office_row = _office(request)
    return list(selectors.office_staff(actor=actor))


@router.post(
    "/office/staff/{user_id}/deactivate",
    response=StaffOut,
    summary="職員アカウントの無効化（退職など。APIトークンは失効、ログイン中の画面も終了）",
)
def staff_deactivate(request: HttpRequest, user_id: int) -> Any:
    actor = actor_of(request)
    user = access_staff(actor, user_id)
    services.staff_deactivate(actor=actor, user=user)
    return selectors.office_staff(actor=actor).get(pk=user.pk)


class ChainBreakOut(Schema):
    event_id: int
    reason: str = Field(description="hash: 行が書き換えられた / prev_link: 前の記録とのつながりが切れた")
    expected: str
    found: str


class ChainOut(Schema):
    ok: bool
    count: int = Field(description="検証した記録の数")
    last_hash: str = Field(description="最新のハッシュ（毎日どこかに書き留めておく値）")
    broken: ChainBreakOut | None


@router.get(
    "/audit/verify",
    response=ChainOut,
    summary="監査ログのハッシュ連鎖の検証（この事業所の連鎖、管理者）",
    description="事業所の監査ログを古い順にたどり、最初に切れたところを返します（carebridge audit verify と同じ）。",
)
def audit_verify(request: HttpRequest) -> dict[str, Any]:
    actor = actor_of(request)
    require_permission(actor, "audit.view")
    report = verify_office(office_id_of(actor))
    broken = report.broken
    return {
        "ok": broken is None,
        "count": report.count,
        "last_hash": report.last_hash,
        "broken": None
        if broken is None
        else {"event_id": broken.event_id, "reason": broken.reason, "expected": broken.expected, "found": broken.found},
    }
