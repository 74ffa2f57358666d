"""Permission matrix of the exchange's plan-side API (see tests/permission_matrix.py): care staff
export, withdraw and record a delivery; clerks read the send records and check files; the
workplace care manager gets nothing; another office gets 404 (the checker holds no record of
anyone's: any office may use it)."""

from __future__ import annotations

import base64

from carebridge.careplans.models import PlanDelivery
from carebridge.interop.exchange_writer import write_file
from carebridge.interop.models import ExchangeSend

from ..permission_matrix import Case, landed, matrix, state
from .test_exchange_property import NAME, _first_sheet
from .test_permissions import _send
from .test_permissions_month import _month_url


def _check_body(o) -> dict:
    data = write_file("UP1KYO", [_first_sheet("方針", "意向")]).data
    return {"files": [{"name": NAME, "content_base64": base64.b64encode(data).decode()}]}


def _nothing_stored(o, actor, before) -> None:
    assert state() == before, "the checker stored something"


_nothing_stored.__name__ = "nothing stored"

CASES = [
    Case(
        "api plan exchange export",
        "post",
        lambda o: f"/api/v1/interop/careplans/{o['plan'].pk}/exchange",
        "POST /api/v1/interop/careplans/{plan_id}/exchange",
        "cm_a",
        "clerk_a",
        403,
        200,
        post=landed(ExchangeSend),
    ),
    Case(
        "api plan exchange withdrawal",
        "post",
        lambda o: f"/api/v1/interop/careplans/{o['plan'].pk}/exchange/withdraw",
        "POST /api/v1/interop/careplans/{plan_id}/exchange/withdraw",
        "cm_a",
        "clerk_a",
        403,
        200,
        post=landed(ExchangeSend),
    ),
    Case(
        "api month exchange withdrawal",
        "post",
        lambda o: "/api/v1" + _month_url(o, "withdraw").rstrip("/"),
        "POST /api/v1/interop/clients/{client_id}/months/{month}/exchange/withdraw",
        "cm_a",
        "clerk_a",
        403,
        200,
        post=landed(ExchangeSend),
    ),
    Case(
        "api client sends",
        "get",
        lambda o: f"/api/v1/interop/clients/{o['client'].pk}/sends",
        "GET /api/v1/interop/clients/{client_id}/sends",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "api provider sends",
        "get",
        lambda o: f"/api/v1/interop/providers/{_send(o).provider_id}/sends",
        "GET /api/v1/interop/providers/{provider_id}/sends",
        "clerk_a",
        "wcm_a",
        404,
        200,
        lists_clients=True,
    ),
    Case(
        "api send delivered",
        "post",
        lambda o: f"/api/v1/interop/sends/{_send(o).pk}/deliver",
        "POST /api/v1/interop/sends/{send_id}/deliver",
        "cm_a",
        "clerk_a",
        403,
        201,
        post=landed(PlanDelivery),
    ),
    Case(
        "api exchange check",
        "post",
        lambda o: "/api/v1/interop/check",
        "POST /api/v1/interop/check",
        "clerk_a",
        "wcm_a",
        403,
        200,
        data=_check_body,
        other_office=200,
        post=_nothing_stored,
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
