"""Gates of casework: intakes and tasks (the client's notes and visits go through the client gate,
clients.access.access_care_client)."""

from __future__ import annotations

from carebridge.core.access import access_office_record
from carebridge.core.models import User

from .models import Intake, Task


def access_intake(actor: User, intake_id: object, *, for_edit: bool = False) -> Intake:
    return access_office_record(
        actor,
        Intake.objects.select_related("client"),
        intake_id,
        "care.view",
        edit_permission="care.edit" if for_edit else None,
    )


def access_task(actor: User, task_id: object, *, for_edit: bool = False) -> Task:
    return access_office_record(
        actor, Task.objects.all(), task_id, "care.view", edit_permission="care.edit" if for_edit else None
    )
