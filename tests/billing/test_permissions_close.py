"""Permission matrix of the month close pages and API (see tests/permission_matrix.py): clerks and
care staff of the office; the workplace care manager and company roles never."""

from __future__ import annotations

from typing import Any

from carebridge.billing import close_services
from carebridge.billing.models import FederationSend, UsageSlip

from ..permission_matrix import Case, landed, matrix
from .close_helpers import MONTH, ready_client

M = f"{MONTH:%Y-%m}"


def _ready(o: Any) -> Any:
    """A client of office A ready to close (its care manager has a 介護支援専門員番号)."""
    cm = o.world.cm_a
    if not cm.care_manager_number:
        cm.care_manager_number = "12345678"
        cm.save()
    return ready_client(o.world.office_a, cm, name="締め 太郎")


def _closed(o: Any) -> Any:
    client = _ready(o)
    close_services.month_close(actor=o.world.clerk_a, month=MONTH)
    return client


def _sent(o: Any) -> FederationSend:
    _closed(o)
    return close_services.federation_export(actor=o.world.clerk_a, month=MONTH)


def slips_closed(o: Any, actor: Any, before: dict[str, Any]) -> None:
    assert UsageSlip.objects.filter(office=actor.office, status="closed").exists(), "no slip closed"


def _url(path: str, make=None):  # type: ignore[no-untyped-def]
    def build(o: Any) -> str:
        value = make(o) if make is not None else None
        return path.format(send=value.pk) if isinstance(value, FederationSend) else path

    return build


CASES = [
    Case(
        "close page",
        "get",
        _url(f"/billing/close/{M}/", _closed),
        "billing:close",
        "clerk_a",
        "wcm_a",
        403,
        200,
        other_office=200,
        lists_clients=True,
    ),
    Case(
        "close run",
        "post",
        _url(f"/billing/close/{M}/close/", _ready),
        "billing:close_run",
        "clerk_a",
        "wcm_a",
        403,
        302,
        other_office=302,
        post=slips_closed,
    ),
    Case(
        "close export",
        "post",
        _url(f"/billing/close/{M}/export/", _closed),
        "billing:close_export",
        "cm_a",
        "wcm_a",
        403,
        302,
        other_office=302,
        post=landed(FederationSend),
    ),
    Case(
        "sends list",
        "get",
        _url("/billing/sends/", _sent),
        "billing:sends",
        "clerk_a",
        "hr",
        403,
        200,
        other_office=200,
    ),
    Case(
        "send download",
        "get",
        _url("/billing/sends/{send}/download/", _sent),
        "billing:send_download",
        "clerk_a",
        "wcm_a",
        404,
        200,
        lists_clients=True,
    ),
    Case(
        "api close",
        "post",
        _url(f"/api/v1/billing/close/{M}", _ready),
        "POST /api/v1/billing/close/{month}",
        "clerk_a",
        "wcm_a",
        403,
        201,
        other_office=422,
        post=slips_closed,
    ),
    Case(
        "api presend check",
        "get",
        _url(f"/api/v1/billing/close/{M}/check", _ready),
        "GET /api/v1/billing/close/{month}/check",
        "clerk_a",
        "wcm_a",
        403,
        200,
        other_office=200,
        lists_clients=True,
    ),
    Case(
        "api statements",
        "get",
        _url(f"/api/v1/billing/close/{M}/statements", _closed),
        "GET /api/v1/billing/close/{month}/statements",
        "cm_a",
        "wcm_a",
        403,
        200,
        other_office=200,
        lists_clients=True,
    ),
    Case(
        "api export",
        "post",
        _url(f"/api/v1/billing/close/{M}/export", _closed),
        "POST /api/v1/billing/close/{month}/export",
        "clerk_a",
        "wcm_a",
        403,
        201,
        other_office=422,
        post=landed(FederationSend),
    ),
    Case(
        "api sends",
        "get",
        _url("/api/v1/billing/sends", _sent),
        "GET /api/v1/billing/sends",
        "clerk_a",
        "wcm_a",
        403,
        200,
        other_office=200,
    ),
    Case(
        "api send file",
        "get",
        _url("/api/v1/billing/sends/{send}/file", _sent),
        "GET /api/v1/billing/sends/{send_id}/file",
        "clerk_a",
        "wcm_a",
        404,
        200,
        lists_clients=True,
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
