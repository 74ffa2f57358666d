"""Gates of the 利用票 (第6表): billing.view to see, billing.edit to change (403); other offices 404."""

from __future__ import annotations

from carebridge.clients.models import Client
from carebridge.core.access import access_office_record
from carebridge.core.models import User

from .models import UsageLine, UsageSlip


def _edit(for_edit: bool) -> str | None:
    return "billing.edit" if for_edit else None


def access_billing_client(actor: User, client_id: object, *, for_edit: bool = False) -> Client:
    return access_office_record(
        actor,
        Client.objects.select_related("care_manager", "office"),
        client_id,
        "billing.view",
        edit_permission=_edit(for_edit),
    )


def access_slip(actor: User, slip_id: object, *, for_edit: bool = False) -> UsageSlip:
    return access_office_record(
        actor,
        UsageSlip.objects.select_related("client", "office", "plan"),
        slip_id,
        "billing.view",
        edit_permission=_edit(for_edit),
    )


def access_line(actor: User, line_id: object, *, slip: UsageSlip, for_edit: bool = False) -> UsageLine:
    return access_office_record(
        actor,
        UsageLine.objects.filter(slip=slip).select_related("slip"),
        line_id,
        "billing.view",
        edit_permission=_edit(for_edit),
    )
