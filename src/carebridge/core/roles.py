"""Roles and what each may do. The one table every gate and service consults."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    OFFICE_ADMIN = "office_admin", "管理者"
    CHIEF_CARE_MANAGER = "chief_care_manager", "主任介護支援専門員"
    CARE_MANAGER = "care_manager", "介護支援専門員"
    CLERK = "clerk", "事務員"
    WORKPLACE_CARE_MANAGER = "workplace_care_manager", "産業ケアマネ（ワークサポートケアマネジャー）"
    COMPANY_HR = "company_hr", "人事担当者"
    EMPLOYEE = "employee", "従業員"
    COMPANY_MANAGER = "company_manager", "上司（管理職）"


COMPANY_ROLES = frozenset({Role.COMPANY_HR, Role.EMPLOYEE, Role.COMPANY_MANAGER})
OFFICE_ROLES = frozenset(set(Role) - COMPANY_ROLES)

_CARE_STAFF = {Role.OFFICE_ADMIN, Role.CHIEF_CARE_MANAGER, Role.CARE_MANAGER}

# Permission -> roles. Clerks enter 被保険者証 and contact data (their daily work) but the
# workplace care manager serves employees and sees no home-care client records.
PERMISSIONS: dict[str, frozenset[str]] = {
    "client.view": frozenset({*_CARE_STAFF, Role.CLERK}),
    "client.edit": frozenset({*_CARE_STAFF, Role.CLERK}),
    "consent.edit": frozenset(_CARE_STAFF),
    # The care-management record (assessment, plan, meetings, notes, monitoring): clerks read it
    # for billing, only care staff write it.
    "care.view": frozenset({*_CARE_STAFF, Role.CLERK}),
    "care.edit": frozenset(_CARE_STAFF),
    # 給付管理 (slips, close, the 国保連 file): clerks and care staff; never workplace/company roles.
    "billing.view": frozenset({*_CARE_STAFF, Role.CLERK}),
    "billing.edit": frozenset({*_CARE_STAFF, Role.CLERK}),
    "directory.view": frozenset({*_CARE_STAFF, Role.CLERK, Role.WORKPLACE_CARE_MANAGER}),
    "directory.edit": frozenset({Role.OFFICE_ADMIN, Role.CHIEF_CARE_MANAGER, Role.CLERK}),
    "audit.view": frozenset({Role.OFFICE_ADMIN}),
    # Work–care support (the employer side): the workplace care manager serves the employees and
    # the companies; the office's 管理者 keeps the contracts (not the employees' consultations).
    # Care-side staff never see an employee's work data.
    "workcare.view": frozenset({Role.WORKPLACE_CARE_MANAGER}),
    "workcare.edit": frozenset({Role.WORKPLACE_CARE_MANAGER}),
    "workcare.contract": frozenset({Role.OFFICE_ADMIN, Role.WORKPLACE_CARE_MANAGER}),
    # The office itself: its data (name, address, 地域区分, 事業所番号), its staff and their API tokens.
    "office.admin": frozenset({Role.OFFICE_ADMIN}),
}


def role_has(role: str, permission: str) -> bool:
    return role in PERMISSIONS[permission]
