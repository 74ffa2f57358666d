"""Gate of assessments: part of the care record (care.view to see, care.edit to change)."""

from __future__ import annotations

from carebridge.clients.models import Client
from carebridge.core.access import access_office_record
from carebridge.core.models import User

from .models import Assessment


def access_assessment(
    actor: User, assessment_id: object, *, client: Client | None = None, for_edit: bool = False
) -> Assessment:
    rows = Assessment.objects.select_related("client", "assessor")
    return access_office_record(
        actor,
        rows.filter(client=client) if client is not None else rows,
        assessment_id,
        "care.view",
        edit_permission="care.edit" if for_edit else None,
    )
