"""Generic access gates of the kernel: every read of tenant data goes through a gate.

A gate checks the office (and the role) before anything else and answers Http404 for a record
that is missing and for one the actor may not see alike, so ids of other offices leak nothing.
Each app builds the gates of its own records on these (`clients/access.py`,
`careplans/access.py`, …). Company users (HR, employees) never pass these gates: what reaches
an employer goes through the consent-based sharing of the work–care module.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest

from . import messages
from .models import ApiToken, User
from .roles import role_has

M = TypeVar("M", bound=models.Model)


def actor_of(request: HttpRequest) -> User:
    """The logged-in user of a request (views run behind login_required, the API behind auth)."""
    user = getattr(request, "auth", None) or request.user
    if not isinstance(user, User):
        raise PermissionDenied(messages.PERMISSION_DENIED)
    return user


def office_id_of(actor: User) -> int:
    """The actor's office (every office staff member has one; company users have none)."""
    if actor.office_id is None:
        raise PermissionDenied(messages.PERMISSION_DENIED)
    return actor.office_id


def has_permission(actor: User, permission: str) -> bool:
    return bool(
        actor.is_authenticated and actor.is_active and actor.office_id is not None and role_has(actor.role, permission)
    )


def require_permission(actor: User, permission: str) -> None:
    """For writes and pages: a same-office actor without the role gets 403 (PermissionDenied)."""
    if not has_permission(actor, permission):
        raise PermissionDenied(messages.PERMISSION_DENIED)


def office_scope(actor: User, queryset: models.QuerySet[M], permission: str) -> models.QuerySet[M]:
    """The rows of `queryset` in the actor's office, or none at all without the permission."""
    if not has_permission(actor, permission):
        return queryset.none()
    return queryset.filter(office_id=actor.office_id)


MAX_ROW_ID = 2**63 - 1  # BigAutoField


def is_row_id(value: object) -> bool:
    """A value that can be a row id: a positive integer within the database's range (a larger
    one would be an error in the database, not a missing row)."""
    if isinstance(value, bool):
        return False
    try:
        number = int(str(value))
    except ValueError:
        return False
    return 0 < number <= MAX_ROW_ID


def access_office_record(
    actor: User,
    queryset: models.QuerySet[M],
    pk: object,
    permission: str,
    *,
    edit_permission: str | None = None,
) -> M:
    """The row `pk` of the actor's office (404 otherwise); with `edit_permission`, 403 for an
    actor who may see the row but not change it."""
    if not is_row_id(pk):
        raise Http404(messages.NOT_FOUND)
    try:
        record = office_scope(actor, queryset, permission).get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404(messages.NOT_FOUND) from None
    if edit_permission is not None:
        require_permission(actor, edit_permission)
    return record


def access_staff(actor: User, user_id: object) -> User:
    """A staff account of the actor's office, for its 管理者 (office.admin). Someone without the
    role is refused (403) whatever the id; an account of another office — or a company user,
    who belongs to no office — is "not found" (404)."""
    require_permission(actor, "office.admin")
    return access_office_record(actor, User.objects.select_related("office"), user_id, "office.admin")


def access_token(actor: User, token_id: object) -> ApiToken:
    """An API token of a user of the actor's office (office.admin: 403 without it, 404 for a
    token of another office's user)."""
    require_permission(actor, "office.admin")
    if not is_row_id(token_id):
        raise Http404(messages.NOT_FOUND)
    token = (
        ApiToken.objects.select_related("user")
        .filter(pk=int(str(token_id)), user__office_id=office_id_of(actor))
        .first()
    )
    if token is None:
        raise Http404(messages.NOT_FOUND)
    return token
