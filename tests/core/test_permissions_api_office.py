"""Permission matrix of the office administration API (see tests/permission_matrix.py): the
管理者 reads and edits the office, lists its staff, deactivates an account and verifies the
office's audit chain; anyone else of the office gets 403; another office's 管理者 works on their
own office only."""

from __future__ import annotations

from carebridge.core.models import Office

from ..permission_matrix import Case, answered, changed, matrix

RENAMED = "事業所A（本店）"

CASES = [
    Case(
        "api office",
        "get",
        lambda o: "/api/v1/office",
        "GET /api/v1/office",
        "admin_a",
        "cm_a",
        403,
        200,
        other_office=200,
    ),
    Case(
        "api office edit",
        "patch",
        lambda o: "/api/v1/office",
        "PATCH /api/v1/office",
        "admin_a",
        "clerk_a",
        403,
        200,
        {"name": RENAMED},
        other_office=200,
        post=answered(lambda o: Office.objects.get(pk=o.world.office_a.pk).name == RENAMED, "office A was renamed"),
    ),
    Case(
        "api staff list",
        "get",
        lambda o: "/api/v1/office/staff",
        "GET /api/v1/office/staff",
        "admin_a",
        "cm_a",
        403,
        200,
        other_office=200,
    ),
    Case(
        "api staff deactivate",
        "post",
        lambda o: f"/api/v1/office/staff/{o['staff'].pk}/deactivate",
        "POST /api/v1/office/staff/{user_id}/deactivate",
        "admin_a",
        "chief_a",
        403,
        200,
        post=changed("staff", "is_active", False),
    ),
    Case(
        "api audit verify",
        "get",
        lambda o: "/api/v1/audit/verify",
        "GET /api/v1/audit/verify",
        "admin_a",
        "cm_a",
        403,
        200,
        other_office=200,
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
