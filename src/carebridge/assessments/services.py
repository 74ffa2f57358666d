"""Writes of assessments: a new version (optionally copied from the last one), edits, and the
mark that a consented plan stands on it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from carebridge.clients.models import Client
from carebridge.core.access import require_permission
from carebridge.core.inputs import field_names, values_of
from carebridge.core.models import User
from carebridge.core.writes import create_audited, lock, next_number, update_audited

from . import items as standard_items
from . import messages
from .inputs import AssessmentInput
from .models import Assessment

ASSESSMENT_EDITABLE = field_names(AssessmentInput)


def _cleaned(values: dict[str, Any]) -> dict[str, Any]:
    cleaned, errors = standard_items.clean_items(values.get("items") or {})
    if errors:
        raise ValidationError({"items": errors})
    return {**values, "items": cleaned}


@transaction.atomic
def assessment_create(
    *, actor: User, client: Client, data: AssessmentInput, copy_from_last: bool = False
) -> Assessment:
    """The next version for the client. With copy_from_last, items not given are copied from the
    latest version, so a re-assessment only needs what changed."""
    require_permission(actor, "care.edit")
    values = _cleaned(values_of(data))
    version = next_number(parent=client, rows=Assessment.objects.filter(client=client), field="version")
    last = Assessment.objects.filter(client=client).order_by("-version").first()
    copied_from = None
    if copy_from_last and last is not None:
        values["items"] = {**last.items, **values["items"]}
        copied_from = last
    assessment = Assessment(
        office_id=client.office_id,
        client=client,
        version=version,
        assessor=actor,
        copied_from=copied_from,
        **values,
    )
    return create_audited(actor=actor, instance=assessment, client_id=client.pk)


@transaction.atomic
def assessment_update(
    *,
    actor: User,
    assessment: Assessment,
    data: AssessmentInput,
    expected_updated_at: dt.datetime | None = None,
) -> Assessment:
    """An assessment that an agreed plan stands on is part of what was agreed: it stays as it is."""
    require_permission(actor, "care.edit")
    lock(assessment)
    if assessment.agreed_on is not None:
        raise ValidationError(messages.ASSESSMENT_LOCKED)
    return update_audited(
        actor=actor,
        instance=assessment,
        changes=_cleaned(values_of(data)),
        editable=ASSESSMENT_EDITABLE,
        client_id=assessment.client_id,
        expected_updated_at=expected_updated_at,
    )


@transaction.atomic
def assessment_mark_agreed(*, actor: User, assessment: Assessment, agreed_on: dt.date) -> Assessment:
    """A plan standing on this assessment was consented to (called by careplans): from now on the
    assessment is frozen. The first agreement counts; later ones leave it as it is."""
    require_permission(actor, "care.edit")
    lock(assessment)
    if assessment.agreed_on is not None:
        return assessment
    return update_audited(
        actor=actor,
        instance=assessment,
        changes={"agreed_on": agreed_on},
        editable={"agreed_on"},
        client_id=assessment.client_id,
        action="assessment.agreed",
    )
