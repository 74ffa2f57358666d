"""Writes of the office's own fee: its dated settings (office admin) and the FeeEvents that earn
加算 (clerks and care staff). Audited, transactional, keyword-only."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from carebridge.clients.models import Client
from carebridge.core.access import office_id_of, require_permission
from carebridge.core.inputs import values_of
from carebridge.core.models import User
from carebridge.core.writes import create_audited, update_audited

from . import fee_messages as msg
from .fee_inputs import FeeEventInput, FeeSettingInput
from .models import FeeEvent, FeeEventKind, FeeSetting

SETTING_EDITABLE = ("tier", "special", "bcp_missing", "abuse_prevention_missing", "same_building")


def _check_event(event: FeeEvent) -> None:
    errors: dict[str, str] = {}
    if event.kind == FeeEventKind.ADMISSION:
        if event.info_on is None:
            errors["info_on"] = msg.INFO_REQUIRED
        elif event.info_on < event.day:
            errors["info_on"] = msg.INFO_BEFORE_ADMISSION
    elif event.info_on is not None:
        errors["info_on"] = msg.INFO_ONLY_FOR_ADMISSION
    if not 1 <= (event.contacts or 0) <= 9:
        errors["contacts"] = msg.CONTACTS_RANGE
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def fee_event_create(*, actor: User, client: Client, data: FeeEventInput) -> FeeEvent:
    """Record a dated 加算 event of a client (the client came through its gate)."""
    require_permission(actor, "billing.edit")
    care_manager_id = client.care_manager_id or actor.pk
    event = FeeEvent(office_id=office_id_of(actor), client=client, care_manager_id=care_manager_id, **values_of(data))
    return create_audited(actor=actor, instance=event, client_id=client.pk, check=_check_event)


@transaction.atomic
def fee_setting_save(*, actor: User, data: FeeSettingInput) -> FeeSetting:
    """The office's fee setting from a day: a new dated row, or a change of that day's row."""
    require_permission(actor, "office.admin")
    office_id = office_id_of(actor)
    current = FeeSetting.objects.filter(office_id=office_id, valid_from=data.valid_from).first()
    values = values_of(data)
    if current is None:
        return create_audited(actor=actor, instance=FeeSetting(office_id=office_id, **values))
    values.pop("valid_from")
    return update_audited(actor=actor, instance=current, changes=values, editable=SETTING_EDITABLE)
