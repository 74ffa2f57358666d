"""Permission matrix of the month's exchange page (see tests/permission_matrix.py): care staff
export and withdraw, clerks see the destinations and the sends, the workplace care manager sees
nothing; another office gets 404."""

from __future__ import annotations

from carebridge.interop.models import ExchangeSend
from tests.billing.annex_helpers import over_limit_slip

from ..permission_matrix import Case, landed, matrix


def _month_url(o, tail: str = "") -> str:
    """The client's April 2026 with a slip (two providers), made before the snapshot."""
    o.cert  # noqa: B018 - the slip's month is under the client's certification
    over_limit_slip(o.world.office_a, o.world.cm_a, client=o["client"])
    return f"/interop/clients/{o['client'].pk}/months/2026-04/exchange/{tail}"


CASES = [
    Case(
        "month exchange page",
        "get",
        lambda o: _month_url(o),
        "interop:month_exchange",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "month exchange export",
        "post",
        lambda o: _month_url(o, "export/"),
        "interop:month_export",
        "cm_a",
        "clerk_a",
        403,
        200,
        post=landed(ExchangeSend),
    ),
    Case(
        "month exchange withdrawal",
        "post",
        lambda o: _month_url(o, "withdraw/"),
        "interop:month_withdraw",
        "cm_a",
        "clerk_a",
        403,
        200,
        post=landed(ExchangeSend),
    ),
    Case(
        "api month exchange export",
        "post",
        lambda o: "/api/v1" + _month_url(o).rstrip("/"),
        "POST /api/v1/interop/clients/{client_id}/months/{month}/exchange",
        "cm_a",
        "clerk_a",
        403,
        200,
        post=landed(ExchangeSend),
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
