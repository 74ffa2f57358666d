"""Gates of the exchange pages: a plan, client or provider of the actor's office (404 otherwise), care.view
to see, care.edit to export (an export is a write: it leaves a send record)."""

from __future__ import annotations

from carebridge.careplans.models import CarePlan
from carebridge.careplans.selectors import plans_for_pdf
from carebridge.clients.models import Client
from carebridge.core.access import access_office_record
from carebridge.core.models import User
from carebridge.directory.models import Provider

from .models import ExchangeSend


def access_exchange_plan(actor: User, plan_id: object, *, for_export: bool = False) -> CarePlan:
    """The plan with every row its files hold (careplans.selectors.plans_for_pdf)."""
    return access_office_record(
        actor,
        plans_for_pdf().select_related("client__care_manager"),
        plan_id,
        "care.view",
        edit_permission="care.edit" if for_export else None,
    )


def access_send(actor: User, send_id: object) -> ExchangeSend:
    """A send record of the actor's office, for recording the 交付 it made (care.edit)."""
    return access_office_record(
        actor,
        ExchangeSend.objects.select_related("provider"),
        send_id,
        "care.view",
        edit_permission="care.edit",
    )


def access_exchange_client(actor: User, client_id: object) -> Client:
    return access_office_record(actor, Client.objects.select_related("office"), client_id, "care.view")


def access_exchange_provider(actor: User, provider_id: object) -> Provider:
    return access_office_record(actor, Provider.objects.all(), provider_id, "care.view")


def access_exchange_month_client(actor: User, client_id: object, *, for_export: bool = False) -> Client:
    """The client of a month's exchange page: care.view to see, care.edit to export or withdraw."""
    return access_office_record(
        actor,
        Client.objects.select_related("office"),
        client_id,
        "care.view",
        edit_permission="care.edit" if for_export else None,
    )
