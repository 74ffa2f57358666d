"""Writes of the kernel: offices, companies, user accounts, API tokens and two-factor devices.

`office_create`, `company_create` and `user_create` with `actor=None` are the system's own
writes (the demo loader, the command line); everything a person does goes through the office
administration services below, which need office.admin and stay inside the actor's office.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import japanese, messages
from .access import require_permission
from .audit import audit_list, audit_record, diff, snapshot, user_office_id
from .inputs import field_names, values_of
from .models import ApiToken, AuditEvent, Company, Office, User
from .roles import OFFICE_ROLES, Role
from .sessions import end_sessions
from .writes import create_audited, lock, transition_audited, update_audited

# Fields of a user that the audit trail records (never the password hash).
_USER_AUDIT_FIELDS = (
    "username",
    "display_name",
    "role",
    "office",
    "company",
    "care_manager_number",
    "is_active",
)


@dataclass(frozen=True, kw_only=True)
class OfficeInput:
    """An office's own data (事業所番号, name, 地域区分, address)."""

    office_number: str
    name: str
    region_grade: str
    prefecture: str
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    prevention_designated: bool = False
    prevention_designated_on: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class StaffInput:
    """What an office admin sets on a staff account (the username is fixed at creation)."""

    display_name: str
    role: str
    care_manager_number: str = ""


OFFICE_EDITABLE = field_names(OfficeInput)
STAFF_EDITABLE = field_names(StaffInput)


def _check_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None


def _audit_user(actor: User | None, user: User, event_type: str, changes: Mapping[str, Any], action: str = "") -> None:
    audit_record(
        actor=actor,
        office_id=user_office_id(user),
        subject=user,
        event_type=event_type,
        changes=changes,
        action=action,
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
    """A user account (the system's own write: demo, command line). People use staff_create."""
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
    _audit_user(actor, user, AuditEvent.EventType.CREATE, diff({}, snapshot(user, _USER_AUDIT_FIELDS)))
    return user


@transaction.atomic
def office_create(*, actor: User | None, data: OfficeInput) -> Office:
    return create_audited(actor=actor, instance=Office(**values_of(data)))


@transaction.atomic
def company_create(*, actor: User | None, office: Office, name: str) -> Company:
    return create_audited(actor=actor, instance=Company(office=office, name=name), office_id=office.pk)


# -- office administration (office.admin) -------------------------------------------------------


def _require_admin_of(actor: User, user: User) -> None:
    """office.admin over an account of the actor's own office (company users belong to none)."""
    require_permission(actor, "office.admin")
    if user.office_id is None or user.office_id != actor.office_id:
        raise PermissionDenied(messages.PERMISSION_DENIED)


# The first day a 居宅介護支援事業所 could be designated as 指定介護予防支援事業者 (介護保険法 第58条 as
# amended by 令和5年法律第31号, in force 2024-04-01) (verify).
PREVENTION_DESIGNATION_FROM = dt.date(2024, 4, 1)


def _check_prevention_designation(data: OfficeInput) -> None:
    """Designated offices give the designation date, and it is not before the law allowed it."""
    if data.prevention_designated and data.prevention_designated_on is None:
        raise ValidationError({"prevention_designated_on": messages.PREVENTION_DESIGNATION_DATE_REQUIRED})
    if data.prevention_designated_on is not None and data.prevention_designated_on < PREVENTION_DESIGNATION_FROM:
        raise ValidationError({"prevention_designated_on": messages.PREVENTION_DESIGNATION_TOO_EARLY})


@transaction.atomic
def office_update(
    *, actor: User, office: Office, data: OfficeInput, expected_updated_at: dt.datetime | None = None
) -> Office:
    require_permission(actor, "office.admin")
    if office.pk != actor.office_id:
        raise PermissionDenied(messages.PERMISSION_DENIED)
    values = values_of(data)
    for name in ("office_number", "phone", "postal_code"):
        if isinstance(values[name], str):  # anything else is refused by the field's validation
            values[name] = japanese.normalize_digits(values[name]).upper()
    _check_prevention_designation(data)
    return update_audited(
        actor=actor,
        instance=office,
        changes=values,
        editable=OFFICE_EDITABLE,
        expected_updated_at=expected_updated_at,
        action="office.updated",
    )


def _staff_values(data: StaffInput) -> dict[str, str]:
    """A staff input with its name trimmed and a full-width 介護支援専門員番号 made half-width."""
    values = values_of(data)
    values["display_name"] = data.display_name.strip()
    values["care_manager_number"] = japanese.normalize_digits(data.care_manager_number.strip())
    return values


def _staff_errors(values: dict[str, str]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if values["role"] not in OFFICE_ROLES:
        errors["role"] = [messages.STAFF_ROLE_REQUIRED]
    if not values["display_name"]:
        errors["display_name"] = [messages.STAFF_NAME_REQUIRED]
    return errors


@transaction.atomic
def staff_create(*, actor: User, username: str, password: str, data: StaffInput) -> User:
    """A new account of the actor's office (a care manager, a clerk, …) with its first password.
    The password is checked by the site's password validators; only its hash is stored and the
    audit event never holds it."""
    require_permission(actor, "office.admin")
    values = _staff_values(data)
    errors = _staff_errors(values)
    if "role" in errors:  # a company role would also fail the model's office/company rule: say it once
        raise ValidationError(errors)
    user = User(username=User.normalize_username(username.strip()), office_id=actor.office_id, **values)
    user.set_password(password)

    def check(new: User) -> None:
        found = dict(errors)
        # Logins are case-sensitive: "CM_A1" beside "cm_a1" would be two people in the audit trail.
        twin = User.objects.filter(username__iexact=new.username).exclude(username=new.username)
        if new.username and twin.exists():
            found["username"] = [messages.STAFF_USERNAME_CASE]
        try:
            password_validation.validate_password(password, new)
        except ValidationError as exc:
            found["password"] = exc.messages
        if found:
            raise ValidationError(found)

    return create_audited(actor=actor, instance=user, check=check, action="user.created")


@transaction.atomic
def staff_update(*, actor: User, user: User, data: StaffInput) -> User:
    """Name, role and 介護支援専門員番号 of an account. An administrator cannot take the 管理者
    role from themselves (another administrator must), so an office always keeps one."""
    _require_admin_of(actor, user)
    values = _staff_values(data)
    errors = _staff_errors(values)
    if user.pk == actor.pk and values["role"] != Role.OFFICE_ADMIN:
        errors["role"] = [messages.STAFF_OWN_ROLE]
    if errors:
        raise ValidationError(errors)
    return update_audited(
        actor=actor,
        instance=user,
        changes=values,
        editable=STAFF_EDITABLE,
        action="user.role_changed" if values["role"] != user.role else "user.updated",
    )


@transaction.atomic
def staff_password_reset(*, actor: User, user: User, password: str) -> User:
    """A new password set by the office admin; sessions opened with the old one end (Django ties a
    session to the password hash).

    The one write outside core/writes.py's shapes: update_audited would put the old and new
    password hashes into the audit trail, so the row is saved here and the event says only that
    the password changed."""
    _require_admin_of(actor, user)
    lock(user)
    _check_password(password, user)
    _set_password(actor, user, password, action="user.password_reset")
    return user


@transaction.atomic
def password_change(*, actor: User, old_password: str, new_password: str) -> User:
    """A user changes their own password (the old one proves it is them). Their API tokens are
    revoked and their other sessions end; the caller keeps the current session
    (update_session_auth_hash)."""
    me = User.objects.select_for_update().get(pk=actor.pk)  # `actor` may be request.user's lazy proxy
    if not me.check_password(old_password):
        raise ValidationError({"old_password": [messages.PASSWORD_OLD_WRONG]})
    _check_password(new_password, me)
    _set_password(me, me, new_password, action="user.password_changed")
    return me


def _set_password(actor: User, user: User, password: str, *, action: str) -> None:
    """The one write outside core/writes.py's shapes (see staff_password_reset). A token made
    under the old password would outlive it, so every live token of the user is revoked."""
    user.set_password(password)
    user.save(update_fields=["password"])
    _audit_user(
        actor,
        user,
        AuditEvent.EventType.UPDATE,
        {"password": {"old": None, "new": messages.PASSWORD_CHANGED}},
        action=action,
    )
    api_tokens_revoke_all(actor=actor, user=user)


@transaction.atomic
def staff_deactivate(*, actor: User, user: User) -> User:
    """The account can no longer log in: its API tokens are revoked (each audited) and its browser
    sessions are deleted, so a session does not come back if the account is reactivated later.
    An administrator cannot deactivate themselves."""
    _require_admin_of(actor, user)
    if user.pk == actor.pk:
        raise ValidationError(messages.STAFF_DEACTIVATE_SELF, code=messages.STAFF_DEACTIVATE_SELF.code)
    transition_audited(
        actor=actor,
        instance=user,
        field="is_active",
        to=False,
        allowed_from={True},
        action="user.deactivated",
        refused=messages.STAFF_ALREADY_INACTIVE,
    )
    api_tokens_revoke_all(actor=actor, user=user)
    end_sessions(user)
    return user


@transaction.atomic
def staff_reactivate(*, actor: User, user: User) -> User:
    """The account may log in again (with its password; revoked tokens stay revoked)."""
    _require_admin_of(actor, user)
    return transition_audited(
        actor=actor,
        instance=user,
        field="is_active",
        to=True,
        allowed_from={False},
        action="user.reactivated",
        refused=messages.STAFF_ALREADY_ACTIVE,
    )


# -- API tokens ----------------------------------------------------------------------------------


def token_default_expiry(now: dt.datetime | None = None) -> dt.datetime:
    """When a token made now expires unless told otherwise (CAREBRIDGE_TOKEN_DAYS, 90 by default)."""
    return (now or timezone.now()) + dt.timedelta(days=settings.CAREBRIDGE_TOKEN_DAYS)


@transaction.atomic
def api_token_create(*, actor: User | None, user: User, expires_at: dt.datetime | None = None) -> str:
    """Create a token for `user` and return it in clear text — the only time it is visible.
    A person may issue tokens for their own office's active users only (office.admin); `actor=None`
    is the system (`carebridge createtoken`). Every token expires: without `expires_at`, after
    CAREBRIDGE_TOKEN_DAYS days."""
    if actor is not None:
        _require_admin_of(actor, user)
    if expires_at is None:
        expires_at = token_default_expiry()
    errors: dict[str, list[str]] = {}
    if not user.is_active:
        errors["user"] = [messages.TOKEN_USER_INACTIVE]
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = [messages.TOKEN_EXPIRY_PAST]
    if errors:
        raise ValidationError(errors)
    raw = ApiToken.generate_key()
    token = ApiToken(user=user, prefix=raw[3:11], key_hash=ApiToken.hash_key(raw), expires_at=expires_at)
    token.full_clean()
    token.save()
    audit_record(
        actor=actor,
        office_id=user_office_id(user),
        subject=token,
        event_type=AuditEvent.EventType.TOKEN,
        changes={
            "user": {"old": None, "new": user.pk},
            "prefix": {"old": None, "new": token.prefix},
            "expires_at": {"old": None, "new": expires_at.isoformat()},
        },
        action="apitoken.issued",
    )
    return raw


@transaction.atomic
def api_token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    """From now on the API answers 401 to this token. Revoking a revoked token changes nothing.
    The office's admin revokes (the token page); `actor=None` is the system (`carebridge
    revoketoken`); a user's own password change revokes their tokens (`_set_password`)."""
    if actor is not None and actor.pk != token.user_id:
        _require_admin_of(actor, token.user)
    if token.revoked_at is not None:
        return token
    return update_audited(
        actor=actor,
        instance=token,
        changes={"revoked_at": timezone.now()},
        editable={"revoked_at"},
        action="apitoken.revoked",
        office_id=user_office_id(token.user),
    )


def api_tokens_revoke_all(*, actor: User | None, user: User) -> int:
    """Revoke every live token of `user` (each audited); how many. Called inside the caller's
    transaction (deactivation, password change or reset, `carebridge revoketoken --user`)."""
    tokens = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True).select_related("user"))
    for token in tokens:
        api_token_revoke(actor=actor, token=token)
    return len(tokens)


# -- two-factor authentication ---------------------------------------------------------------------


@transaction.atomic
def totp_device_pending(*, actor: User) -> TOTPDevice:
    """The actor's authenticator app awaiting its first code: created once (audited as
    auth.totp_setup_started — without its shared key, which audit.py never records), then reused.
    It has no effect on login until totp_enable confirms it."""
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("pk").first()
    if device is not None:
        return device
    return create_audited(
        actor=actor,
        instance=TOTPDevice(user=actor, name="認証アプリ", confirmed=False),
        action="auth.totp_setup_started",
        office_id=user_office_id(actor),
    )


@transaction.atomic
def totp_enable(*, actor: User, device: TOTPDevice, token: str) -> bool:
    """Confirm the authenticator app with one of its codes: from the next login on, the code is
    asked for (every role, company users too). A wrong code — or someone else's device —
    confirms nothing and writes no audit event (False); django-otp still counts the failure
    towards its throttling, which must survive the refusal."""
    if device.user_id != actor.pk or device.confirmed or not device.verify_token(token):
        return False
    update_audited(
        actor=actor,
        instance=device,
        changes={"confirmed": True},
        editable={"confirmed"},
        action="auth.totp_enabled",
        office_id=user_office_id(actor),
    )
    return True


# -- reads of many records --------------------------------------------------------------------


def records_listed(
    *,
    actor: User,
    subject: type[models.Model],
    client_ids: Iterable[int | None],
    search: bool = False,
    page: int = 1,
    record_ids: Iterable[int] | None = None,
) -> None:
    """Record that `actor` was shown these clients' data in one request: a list or search page,
    an API list, the 今日 page, a report, a PDF or the audit trail itself (MHLW security
    guideline: access logs). One compact event per request (core/audit.py `audit_list`)."""
    audit_list(actor=actor, subject=subject, client_ids=client_ids, search=search, page=page, record_ids=record_ids)
