"""Permission matrix of the company administration API (tests/permission_matrix.py), case for
case as its pages in test_permissions_company.py: HR of another company 404, the office's roles
without the work–care rights 403, the office side alone for contracts and fees."""

from __future__ import annotations

from carebridge.workcare.models import CompanyContract, ContractFeeItem, EnvironmentMeasure, NoticeText

from ..permission_matrix import Case, changed, matrix
from .test_permissions_company import TODAY, api, contract, landed_a, policy, text

ROUTE = "/api/v1/workcare/companies/{company_id}"

CASES = [
    Case("API company list (workplace care manager)", "get", lambda o: (api(o), "/api/v1/workcare/companies")[1],
         "GET /api/v1/workcare/companies", "wcm_a", "clerk_a", 403, 200, other_office=403),
    Case("API company list (HR)", "get", lambda o: (api(o), "/api/v1/workcare/companies")[1],
         "GET /api/v1/workcare/companies", "hr", "employee", 403, 200, other_office=200),
    Case("API company edit (HR)", "patch", lambda o: api(o), f"PATCH {ROUTE}", "hr", "hr_b", 404, 200,
         {"industry": "製造業"}, post=changed("company", "industry", "製造業")),
    Case("API contracts", "get", lambda o: f"{api(o)}/contracts", f"GET {ROUTE}/contracts", "admin_a", "hr", 403, 200),
    Case("API contract create", "post", lambda o: f"{api(o)}/contracts", f"POST {ROUTE}/contracts", "admin_a", "hr",
         403, 201, {"starts_on": "2026-04-01", "menu": ["consultation"]}, post=landed_a(CompanyContract)),
    Case("API fee item create", "post", lambda o: f"{api(o)}/contracts/{contract(o).pk}/fees",
         f"POST {ROUTE}/contracts/{{contract_id}}/fees", "admin_a", "hr", 403, 201,
         {"label": "個別相談", "unit": "consultation", "unit_price": 8000, "included_count": 3},
         post=landed_a(ContractFeeItem)),
    Case("API policy edit (HR)", "put", lambda o: f"{api(o)}/policies/{policy(o).pk}",
         f"PUT {ROUTE}/policies/{{policy_id}}", "hr", "admin_a", 403, 200,
         {"effective_from": "2025-04-01", "telework": True}, post=changed("policy", "telework", True)),
    Case("API notice texts", "get", lambda o: f"{api(o)}/notice-texts", f"GET {ROUTE}/notice-texts",
         "hr", "cm_a", 404, 200),
    Case("API notice text create", "post", lambda o: f"{api(o)}/notice-texts", f"POST {ROUTE}/notice-texts",
         "wcm_a", "admin_a", 403, 201, {"kind": "individual", "body": "介護休業の制度があります。"},
         post=landed_a(NoticeText)),
    Case("API notice text approve (HR only)", "post", lambda o: f"{api(o)}/notice-texts/{text(o).pk}/approve",
         f"POST {ROUTE}/notice-texts/{{text_id}}/approve", "hr", "wcm_a", 403, 200,
         {"approved_on": TODAY.isoformat()}, post=changed("text", "approved_on", TODAY)),
    Case("API environment create", "post", lambda o: f"{api(o)}/environment", f"POST {ROUTE}/environment",
         "wcm_a", "admin_a", 403, 201, {"kind": "training", "carried_out_on": "2026-05-01", "evidence": "管理職研修"},
         post=landed_a(EnvironmentMeasure)),
]  # fmt: skip

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
