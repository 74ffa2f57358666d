"""The work–care API under /api/v1/workcare/ (each area's api_<area> module holds its operations)."""

from __future__ import annotations

from ninja import Router

from . import (
    api_company,
    api_company_admin,
    api_consultations,
    api_consultations_more,
    api_entitlements,
    api_ledger,
    api_me,
    api_people,
    api_people_admin,
    api_plans,
    api_portal,
    api_programs,
    api_report,
)

router = Router()
for area in (
    api_entitlements,
    api_company,
    api_company_admin,
    api_people,
    api_people_admin,
    api_consultations,
    api_consultations_more,
    api_plans,
    api_ledger,
    api_portal,
    api_me,
    api_programs,
    api_report,
):
    router.add_router("/workcare/", area.router)
