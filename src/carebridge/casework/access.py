"""Gates of casework: intakes and tasks; a client's notes and visits are reached through the client
gate (clients.access.access_care_client) and then these, which keep them to that client."""

from __future__ import annotations

from carebridge.clients.models import Client
from carebridge.core.access import access_office_record
from carebridge.core.models import User

from .models import Intake, MonitoringVisit, ProgressNote, Task


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


def access_note(actor: User, note_id: object, *, client: Client, for_edit: bool = False) -> ProgressNote:
    """A 第5表 entry of `client` (404 for another client's or office's)."""
    return access_office_record(
        actor,
        ProgressNote.objects.filter(client=client),
        note_id,
        "care.view",
        edit_permission="care.edit" if for_edit else None,
    )


def access_visit(actor: User, visit_id: object, *, client: Client, for_edit: bool = False) -> MonitoringVisit:
    """A monitoring record of `client`, with its plan."""
    return access_office_record(
        actor,
        MonitoringVisit.objects.filter(client=client).select_related("plan"),
        visit_id,
        "care.view",
        edit_permission="care.edit" if for_edit else None,
    )
