"""Gates of the clients app: a client and the records under it (contacts, certifications,
applications, consents). A record of another office, a missing one and one the role may not
see all answer 404; `for_edit=True` then asks for the write permission (403 without it)."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import QuerySet

from carebridge.core.access import access_office_record
from carebridge.core.models import User

from .models import Certification, CertificationApplication, Client, Consent, Contact


def access_client(actor: User, client_id: object, *, for_edit: bool = False) -> Client:
    """The client as a person on file (利用者台帳): client.view, client.edit to change."""
    return access_office_record(
        actor,
        Client.objects.select_related("care_manager"),
        client_id,
        "client.view",
        edit_permission="client.edit" if for_edit else None,
    )


def access_care_client(actor: User, client_id: object, *, for_edit: bool = False) -> Client:
    """The client as the subject of the care record (assessment, plan, notes): care.view, care.edit."""
    return access_office_record(
        actor,
        Client.objects.select_related("care_manager", "office"),
        client_id,
        "care.view",
        edit_permission="care.edit" if for_edit else None,
    )


R = TypeVar("R", Contact, Certification, CertificationApplication, Consent)


def _client_record(actor: User, rows: QuerySet[R], pk: object, client: Client | None, edit_permission: str | None) -> R:
    """A record under a client (of that client, when given): client.view to see."""
    scoped = rows.filter(client=client) if client is not None else rows
    return access_office_record(actor, scoped, pk, "client.view", edit_permission=edit_permission)


def access_contact(actor: User, contact_id: object, *, client: Client | None = None, for_edit: bool = False) -> Contact:
    rows = Contact.objects.select_related("client")
    return _client_record(actor, rows, contact_id, client, "client.edit" if for_edit else None)


def access_certification(
    actor: User, certification_id: object, *, client: Client | None = None, for_edit: bool = False
) -> Certification:
    rows = Certification.objects.select_related("client")
    return _client_record(actor, rows, certification_id, client, "client.edit" if for_edit else None)


def access_application(
    actor: User, application_id: object, *, client: Client | None = None, for_edit: bool = False
) -> CertificationApplication:
    rows = CertificationApplication.objects.select_related("client")
    return _client_record(actor, rows, application_id, client, "client.edit" if for_edit else None)


def access_consent(actor: User, consent_id: object, *, client: Client | None = None, for_edit: bool = False) -> Consent:
    """Consents are the client's to give: changing one needs consent.edit (care staff)."""
    rows = Consent.objects.select_related("client", "company")
    return _client_record(actor, rows, consent_id, client, "consent.edit" if for_edit else None)
