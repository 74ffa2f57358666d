"""Permission matrix of the month-wide generation of 利用票 and of moving a line through the API
(see tests/permission_matrix.py): care staff and clerks; the workplace care manager gets 403 for
the office's month and 404 for a slip; another office generates only its own clients' slips."""

from __future__ import annotations

from carebridge.billing.models import UsageSlip

from ..permission_matrix import Case, changed, landed, matrix
from .test_permissions_slips import _line2, _patient, _slip

CASES = [
    Case(
        "api month generate",
        "post",
        lambda o: (_patient(o), "/api/v1/billing/months/2026-05/slips")[1],
        "POST /api/v1/billing/months/{month}/slips",
        "clerk_a",
        "wcm_a",
        403,
        200,
        post=landed(UsageSlip),
        other_office=200,
    ),
    Case(
        "api line move",
        "post",
        lambda o: f"/api/v1/billing/slips/{_slip(o).pk}/lines/{_line2(o).pk}/move",
        "POST /api/v1/billing/slips/{slip_id}/lines/{line_id}/move",
        "cm_a",
        "wcm_a",
        404,
        200,
        {"direction": "up"},
        post=changed("line2", "position", 0),
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
