"""Permission matrix of the directory API beyond providers (see tests/permission_matrix.py): the
providers' CSV import, social resources and specialists — read by the office's staff (and the
workplace care manager), written by the roles with directory.edit, as the pages."""

from __future__ import annotations

import base64

from carebridge.desk.demo import with_check_digit
from carebridge.directory.models import Resource, Specialist

from ..permission_matrix import Case, answered, changed, landed, matrix
from .test_permissions import _imported


def _csv(o) -> dict:
    row = f"事業所番号,事業所名,サービス種類コード\n{with_check_digit('137120777')},取込事業所,15\n"
    return {"name": "providers.csv", "content_base64": base64.b64encode(row.encode()).decode()}


CASES = [
    Case(
        "api provider import",
        "post",
        lambda o: "/api/v1/providers/import",
        "POST /api/v1/providers/import",
        "clerk_a",
        "cm_a",
        403,
        200,
        _csv,
        other_office=200,
        post=answered(_imported, "the CSV row landed in office A's directory"),
    ),
    Case("api resources", "get", lambda o: (o["resource"], "/api/v1/resources")[1], "GET /api/v1/resources",
         "wcm_a", "hr", 403, 200, other_office=200),
    Case("api resource create", "post", lambda o: "/api/v1/resources", "POST /api/v1/resources", "chief_a", "cm_a",
         403, 201, {"name": "配食A", "category": "meal_delivery"}, other_office=201, post=landed(Resource)),
    Case("api resource", "get", lambda o: f"/api/v1/resources/{o['resource'].pk}",
         "GET /api/v1/resources/{resource_id}", "wcm_a", "hr", 404, 200),
    Case("api resource edit", "patch", lambda o: f"/api/v1/resources/{o['resource'].pk}",
         "PATCH /api/v1/resources/{resource_id}", "clerk_a", "cm_a", 403, 200, {"name": "配食C"},
         post=changed("resource", "name", "配食C")),
    Case("api specialists", "get", lambda o: (o["specialist"], "/api/v1/specialists")[1], "GET /api/v1/specialists",
         "cm_a", "employee", 403, 200, other_office=200),
    Case("api specialist create", "post", lambda o: "/api/v1/specialists", "POST /api/v1/specialists", "admin_a",
         "wcm_a", 403, 201, {"name": "青木 里美", "profession": "lawyer"}, other_office=201, post=landed(Specialist)),
    Case("api specialist", "get", lambda o: f"/api/v1/specialists/{o['specialist'].pk}",
         "GET /api/v1/specialists/{specialist_id}", "cm_a", "employee", 404, 200),
    Case("api specialist edit", "patch", lambda o: f"/api/v1/specialists/{o['specialist'].pk}",
         "PATCH /api/v1/specialists/{specialist_id}", "admin_a", "wcm_a", 403, 200, {"organization": "木下事務所"},
         post=changed("specialist", "organization", "木下事務所")),
]  # fmt: skip

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
