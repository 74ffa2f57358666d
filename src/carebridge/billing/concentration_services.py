"""Writes of 特定事業所集中減算: the 正当な理由 of a flagged period and service group (audited)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from carebridge.core.access import office_id_of, require_permission
from carebridge.core.models import User
from carebridge.core.writes import create_audited, update_audited

from . import concentration_rules
from . import fee_messages as msg
from .models import ConcentrationReason, ServiceGroup


@transaction.atomic
def concentration_reason_record(*, actor: User, period: str, service_group: str, reason: str) -> ConcentrationReason:
    """Record (or change) the 正当な理由 of a period and service group."""
    require_permission(actor, "billing.edit")
    if concentration_rules.parse_period(period) is None:
        raise ValidationError({"period": msg.PERIOD_FORMAT})
    if service_group not in ServiceGroup.values:
        raise ValidationError({"service_group": msg.GROUP_UNKNOWN})
    if not reason.strip():
        raise ValidationError({"reason": msg.REASON_REQUIRED})
    office_id = office_id_of(actor)
    row = ConcentrationReason.objects.filter(office_id=office_id, period=period, service_group=service_group).first()
    if row is None:
        row = ConcentrationReason(
            office_id=office_id, period=period, service_group=service_group, reason=reason.strip()
        )
        return create_audited(actor=actor, instance=row)
    return update_audited(actor=actor, instance=row, changes={"reason": reason.strip()}, editable=("reason",))
