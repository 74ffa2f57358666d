"""Permission matrix of the roster administration API (tests/permission_matrix.py), case for case
as its pages in test_permissions_people.py: the workplace care manager and HR keep the roster."""

from __future__ import annotations

import base64

from carebridge.workcare.roster_import import digest_of
from tests.permission_matrix import Case, changed, matrix

from .test_permissions_people import ROSTER_CSV, _invited, _new_in_company, emp

IMPORT = {
    "content_base64": base64.b64encode(ROSTER_CSV).decode(),
    "dry_run": False,
    "digest": digest_of(ROSTER_CSV),
}

CASES = [
    Case("API roster import", "post", lambda o: f"/api/v1/workcare/companies/{o.world.company.pk}/employees/import",
         "POST /api/v1/workcare/companies/{company_id}/employees/import", "hr", "employee", 404, 200, IMPORT,
         post=_new_in_company("C001")),
    Case("API employee deactivate", "post", lambda o: f"/api/v1/workcare/employees/{emp(o).pk}/deactivate",
         "POST /api/v1/workcare/employees/{employee_id}/deactivate", "hr", "manager", 404, 200,
         post=changed("emp", "is_active", False)),
    Case("API employee invite", "post", lambda o: f"/api/v1/workcare/employees/{emp(o).pk}/invite",
         "POST /api/v1/workcare/employees/{employee_id}/invite", "wcm_a", "cm_a", 404, 201, post=_invited),
]  # fmt: skip

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
