"""Writes of the portals: the employee's consent to share, item by item, with HR or their manager.

Only the employee themself (role `employee`, linked by `Employee.user`) changes what HR or their
manager may see. A grant opens one (employee, audience, item) row; a withdrawal closes it
(`withdrawn_at` = now), which ends the audience's view at once (`access.shared_with` reads only
open rows). Rows are never deleted: they are the evidence of what was shared when.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from carebridge.core.models import User
from carebridge.core.writes import create_audited, lock, update_audited

from .. import messages
from ..access import require_own_employee
from ..models import Employee, SharingConsent
from ..models.choices import ShareAudience, ShareItem

__all__ = ["sharing_grant", "sharing_withdraw", "sharing_withdraw_all"]


def _checked(item: object, audience: object) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    if not isinstance(item, str) or item not in ShareItem.values:
        errors["item"] = [messages.SHARING_ITEM_UNKNOWN]
    if not isinstance(audience, str) or audience not in ShareAudience.values:
        errors["audience"] = [messages.SHARING_AUDIENCE_UNKNOWN]
    if errors:
        raise ValidationError(errors)
    return str(item), str(audience)


def _live(employee: Employee) -> QuerySet[SharingConsent]:
    return SharingConsent.objects.filter(employee=employee, withdrawn_at__isnull=True)


def _close(actor: User, consent: SharingConsent) -> SharingConsent:
    return update_audited(
        actor=actor,
        instance=consent,
        changes={"withdrawn_at": timezone.now()},
        editable={"withdrawn_at"},
        action="sharingconsent.withdrawn",
    )


def sharing_grant(*, actor: User, item: str, audience: str) -> SharingConsent:
    """The employee lets `audience` (hr / manager) see `item` from now on. Granting what is
    already shared changes nothing and returns the open grant."""
    employee = require_own_employee(actor)
    item, audience = _checked(item, audience)
    with transaction.atomic():
        lock(employee)  # two grants at once make one open row
        open_grant = _live(employee).filter(item=item, audience=audience).first()
        if open_grant is not None:
            return open_grant
        consent = SharingConsent(
            office_id=employee.office_id,
            employee=employee,
            item=item,
            audience=audience,
            granted_at=timezone.now(),
        )
        return create_audited(actor=actor, instance=consent, action="sharingconsent.granted")


def sharing_withdraw(*, actor: User, item: str, audience: str) -> SharingConsent | None:
    """The employee stops sharing `item` with `audience`: the audience sees it no more, at once.
    Withdrawing what is not shared changes nothing (None)."""
    employee = require_own_employee(actor)
    item, audience = _checked(item, audience)
    with transaction.atomic():
        lock(employee)
        open_grant = _live(employee).filter(item=item, audience=audience).first()
        if open_grant is None:
            return None
        return _close(actor, open_grant)


def sharing_withdraw_all(*, actor: User) -> int:
    """The employee stops sharing everything with everyone, at once; the number of grants closed."""
    employee = require_own_employee(actor)
    with transaction.atomic():
        lock(employee)
        grants = list(_live(employee).order_by("id"))
        for grant in grants:
            _close(actor, grant)
        return len(grants)
