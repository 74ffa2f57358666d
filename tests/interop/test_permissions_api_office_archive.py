"""Permission matrix of the office archive API (see tests/permission_matrix.py): only the 管理者
exports, and only their own office (another office's 管理者 gets their own office's archive)."""

from __future__ import annotations

from carebridge.core.models import AuditEvent

from ..permission_matrix import Case, answered, matrix


def _exported(o) -> bool:
    return AuditEvent.objects.filter(office=o.world.office_a, action="office.exported").exists()


CASES = [
    Case(
        "api office archive",
        "post",
        lambda o: "/api/v1/interop/office-archive?documents=false",
        "POST /api/v1/interop/office-archive",
        "admin_a",
        "cm_a",
        403,
        200,
        other_office=200,
        post=answered(_exported, "office A's export is in its audit trail"),
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
