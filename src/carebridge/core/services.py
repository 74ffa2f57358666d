"""Writes of the core: tokens and users."""

from __future__ import annotations

from django.db import transaction

from .audit import audit_record, diff, snapshot
from .models import ApiToken, AuditEvent, Company, Office, User

# Fields of a user that the audit trail records (never the password hash).
_USER_AUDIT_FIELDS = (
    "username",
    "display_name",
    "role",
    "office_id",
    "company_id",
    "care_manager_number",
    "is_active",
)


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    role: str,
    office: Office | None = None,
    company: Company | None = None,
    display_name: str = "",
    care_manager_number: str = "",
) -> User:
    user = User(
        username=username,
        role=role,
        office=office,
        company=company,
        display_name=display_name,
        care_manager_number=care_manager_number,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(
        actor=actor,
        office_id=office.pk if office else (company.office_id if company else None),
        subject=user,
        event_type=AuditEvent.EventType.CREATE,
        changes=diff({}, snapshot(user, _USER_AUDIT_FIELDS)),
    )
    return user


@transaction.atomic
def office_create(*, actor: User | None, **fields: object) -> Office:
    office = Office(**fields)
    office.full_clean()
    office.save()
    audit_record(
        actor=actor,
        office_id=office.pk,
        subject=office,
        event_type=AuditEvent.EventType.CREATE,
        changes=diff({}, snapshot(office)),
    )
    return office


@transaction.atomic
def company_create(*, actor: User | None, office: Office, name: str) -> Company:
    company = Company(office=office, name=name)
    company.full_clean()
    company.save()
    audit_record(
        actor=actor,
        office_id=office.pk,
        subject=company,
        event_type=AuditEvent.EventType.CREATE,
        changes=diff({}, snapshot(company)),
    )
    return company


@transaction.atomic
def api_token_create(*, actor: User | None, user: User) -> str:
    """Create a token for `user` and return it in clear text — the only time it is visible."""
    raw = ApiToken.generate_key()
    token = ApiToken(user=user, prefix=raw[3:11], key_hash=ApiToken.hash_key(raw))
    token.full_clean()
    token.save()
    audit_record(
        actor=actor,
        office_id=user.office_id,
        subject=token,
        event_type=AuditEvent.EventType.TOKEN,
        changes={"user": {"old": None, "new": user.pk}, "prefix": {"old": None, "new": token.prefix}},
    )
    return raw
