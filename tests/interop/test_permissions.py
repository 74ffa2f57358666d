"""Permission matrix of the exchange pages (see tests/permission_matrix.py): care staff export,
clerks see the destinations and the send record, the workplace care manager sees nothing."""

from __future__ import annotations

from carebridge.careplans.models import PlanDelivery
from carebridge.interop.exchange_services import exchange_plan_export
from carebridge.interop.models import ExchangeSend

from ..permission_matrix import Case, landed, matrix


def _send(o):
    """A send of the consented plan to its first destination (made before the snapshot)."""
    result = exchange_plan_export(actor=o.world.cm_a, office=o.world.office_a, plans=[o["consented_plan"]])
    return result.archives[0].send


CASES = [
    Case(
        "plan exchange page",
        "get",
        lambda o: f"/interop/plans/{o['plan'].pk}/exchange/",
        "interop:plan_exchange",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "plan exchange export",
        "post",
        lambda o: f"/interop/plans/{o['plan'].pk}/exchange/export/",
        "interop:plan_export",
        "cm_a",
        "clerk_a",
        403,
        200,
        post=landed(ExchangeSend),
    ),
    Case(
        "plan exchange withdrawal",
        "post",
        lambda o: f"/interop/plans/{o['plan'].pk}/exchange/withdraw/",
        "interop:plan_withdraw",
        "cm_a",
        "clerk_a",
        403,
        200,
        post=landed(ExchangeSend),
    ),
    Case(
        "send delivered",
        "post",
        lambda o: f"/interop/sends/{_send(o).pk}/deliver/",
        "interop:send_deliver",
        "cm_a",
        "clerk_a",
        403,
        302,
        post=landed(PlanDelivery),
    ),
    Case(
        "client send record",
        "get",
        lambda o: f"/interop/clients/{o['client'].pk}/exchange/",
        "interop:client_exchange",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "provider send record",
        "get",
        lambda o: f"/interop/providers/{o.provider.pk}/exchange/",
        "interop:provider_exchange",
        "clerk_a",
        "wcm_a",
        404,
        200,
        lists_clients=True,
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
