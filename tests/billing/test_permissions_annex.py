"""Permission matrix of the 第7表 pages, the what-if panel and the API (see tests/permission_matrix.py).

billing.view: care staff and clerks; the workplace care manager sees nothing of it (404)."""

from __future__ import annotations

from typing import Any

from carebridge.core.models import AuditEvent

from ..permission_matrix import Case, _views, matrix, state
from .annex_helpers import over_limit_slip


def _client_id(o: Any) -> int:
    """Office A's client with an over-limit April slip (made once per test)."""
    if "annex_slip" not in o.__dict__:
        o.cert  # noqa: B018 - 要介護2, from April
        o.__dict__["annex_slip"] = over_limit_slip(o.world.office_a, o.world.cm_a, client=o.client)
    return o.__dict__["annex_slip"].client_id


def nothing_saved(o: Any, actor: Any, before: dict[str, Any]) -> None:
    """The what-if answer saves nothing: only the view event of the client it showed."""
    assert _views(before) == 1
    after = state()
    label = AuditEvent._meta.label
    assert {k: v for k, v in after.items() if k != label} == {k: v for k, v in before.items() if k != label}


def _page(suffix: str):
    return lambda o: f"/billing/clients/{_client_id(o)}/slips/2026-04/{suffix}"


CASES = [
    Case("annex page", "get", _page("annex/"), "billing:annex", "clerk_a", "wcm_a", 404, 200, reads_client=True),
    Case("annex pdf", "get", _page("annex.pdf"), "billing:annex_pdf", "cm_a", "wcm_a", 404, 200, reads_client=True),
    Case(
        "what-if",
        "post",
        _page("what-if/"),
        "billing:what_if",
        "cm_a",
        "wcm_a",
        404,
        200,
        data={"cand_type": "11", "cand_units": "387", "cand_count": "2"},
        post=nothing_saved,
    ),
    Case(
        "api annex",
        "get",
        lambda o: f"/api/v1/billing/clients/{_client_id(o)}/slips/2026-04/annex",
        "GET /api/v1/billing/clients/{client_id}/slips/{month}/annex",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "api annex pdf",
        "get",
        lambda o: f"/api/v1/billing/clients/{_client_id(o)}/slips/2026-04/annex/pdf",
        "GET /api/v1/billing/clients/{client_id}/slips/{month}/annex/pdf",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
