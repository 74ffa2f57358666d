"""Writes of assessments: a new version (optionally copied from the last one), and edits."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from carebridge.clients.models import Client
from carebridge.core.access import require_permission
from carebridge.core.models import User
from carebridge.core.writes import create_audited, update_audited

from . import items as standard_items
from . import messages
from .models import Assessment


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    if "items" in fields:
        cleaned, errors = standard_items.clean_items(fields["items"] or {})
        if errors:
            raise ValidationError({"items": errors})
        fields = {**fields, "items": cleaned}
    return fields


@transaction.atomic
def assessment_create(*, actor: User, client: Client, copy_from_last: bool = False, **fields: Any) -> Assessment:
    """The next version for the client. With copy_from_last, items not given are copied from the
    latest version, so a re-assessment only needs what changed."""
    require_permission(actor, "care.edit")
    fields = _clean(fields)
    last = Assessment.objects.filter(client=client).order_by("-version").first()
    if copy_from_last and last is not None:
        fields["items"] = {**last.items, **fields.get("items", {})}
        fields.setdefault("copied_from", last)
    version = (Assessment.objects.filter(client=client).aggregate(v=Max("version"))["v"] or 0) + 1
    assessment = Assessment(office_id=client.office_id, client=client, version=version, assessor=actor, **fields)
    return create_audited(actor=actor, instance=assessment, client_id=client.pk)


@transaction.atomic
def assessment_update(*, actor: User, assessment: Assessment, **fields: Any) -> Assessment:
    """An assessment that an agreed plan stands on is part of what was agreed: it stays as it is."""
    from carebridge.careplans.models import LOCKED_STATUSES, CarePlan

    require_permission(actor, "care.edit")
    if CarePlan.objects.filter(assessment=assessment, status__in=LOCKED_STATUSES).exists():
        raise ValidationError(messages.ASSESSMENT_LOCKED)
    return update_audited(actor=actor, instance=assessment, fields=_clean(fields), client_id=assessment.client_id)
