"""Writes of clients, contacts, certifications, applications and consents.

Each function: keyword-only and typed (one input dataclass per entity, see inputs.py), checks the
actor's permission, applies the domain rules, and writes through core/writes.py — row and
AuditEvent in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from carebridge.core import japanese
from carebridge.core.access import office_id_of, require_permission
from carebridge.core.audit import audit_view
from carebridge.core.inputs import field_names, values_of
from carebridge.core.models import User
from carebridge.core.roles import Role
from carebridge.core.writes import create_audited, transition_audited, update_audited

from . import messages, rules
from .inputs import (
    ApplicationInput,
    CertificationInput,
    ClientInput,
    ConsentInput,
    ContactInput,
    ShortStayApprovalInput,
)
from .models import (
    ApplicationKind,
    ApplicationStatus,
    Certification,
    CertificationApplication,
    CertificationStatus,
    Client,
    ClientStatus,
    Consent,
    Contact,
    ShortStayApproval,
)

_CARE_MANAGER_ROLES = {Role.CARE_MANAGER, Role.CHIEF_CARE_MANAGER, Role.OFFICE_ADMIN}
_DIGIT_FIELDS = ("insurer_number", "insured_number", "phone")

CLIENT_EDITABLE = field_names(ClientInput)
CONTACT_EDITABLE = field_names(ContactInput)
CERTIFICATION_EDITABLE = field_names(CertificationInput)
APPLICATION_EDITABLE = field_names(ApplicationInput)


def _normalized(values: dict[str, Any]) -> dict[str, Any]:
    """Kana to full-width katakana, full-width digits to half-width, postal code as 123-4567."""
    out = dict(values)
    if isinstance(out.get("kana"), str) and out["kana"]:
        out["kana"] = japanese.normalize_kana(out["kana"])
    for name in _DIGIT_FIELDS:
        if isinstance(out.get(name), str):
            out[name] = japanese.normalize_digits(out[name]).upper()
    if isinstance(out.get("postal_code"), str) and out["postal_code"]:
        out["postal_code"] = japanese.normalize_postal_code(out["postal_code"])
    for name in ("name", "address"):
        if isinstance(out.get(name), str):
            out[name] = out[name].strip()
    return out


def _check_client_rules(client: Client) -> None:
    errors: dict[str, str] = {}
    cm = client.care_manager
    if cm is not None and (cm.office_id != client.office_id or cm.role not in _CARE_MANAGER_ROLES):
        errors["care_manager"] = messages.CARE_MANAGER_OTHER_OFFICE
    if client.birth_date and client.birth_date > timezone.localdate():
        errors["birth_date"] = messages.BIRTH_DATE_FUTURE
    if (
        client.insurer_number
        and client.insured_number
        and Client.objects.filter(
            office_id=client.office_id,
            insurer_number=client.insurer_number,
            insured_number=client.insured_number,
        )
        .exclude(pk=client.pk)
        .exists()
    ):
        errors["insured_number"] = messages.DUPLICATE_INSURED
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def client_create(*, actor: User, data: ClientInput, status: str = ClientStatus.ACTIVE) -> Client:
    require_permission(actor, "client.edit")
    client = Client(office_id=office_id_of(actor), status=status, **_normalized(values_of(data)))
    return create_audited(actor=actor, instance=client, is_client=True, check=_check_client_rules)


@transaction.atomic
def client_update(
    *, actor: User, client: Client, data: ClientInput, expected_updated_at: dt.datetime | None = None
) -> Client:
    require_permission(actor, "client.edit")
    return update_audited(
        actor=actor,
        instance=client,
        changes=_normalized(values_of(data)),
        editable=CLIENT_EDITABLE,
        client_id=client.pk,
        check=_check_client_rules,
        expected_updated_at=expected_updated_at,
    )


@transaction.atomic
def client_status_change(*, actor: User, client: Client, status: str) -> Client:
    """相談中 → 利用中 → 中断 / 終了 (clients/rules.py CLIENT_STATUS_TRANSITIONS)."""
    require_permission(actor, "client.edit")
    if status not in ClientStatus.values:
        raise ValidationError({"status": messages.CLIENT_STATUS_UNKNOWN})
    return transition_audited(
        actor=actor,
        instance=client,
        to=status,
        allowed_from=rules.allowed_from(rules.CLIENT_STATUS_TRANSITIONS, status),
        action="client.status_changed",
        refused=messages.CLIENT_STATUS_REFUSED,
        client_id=client.pk,
    )


def client_viewed(*, actor: User, client: Client) -> None:
    """Record that `actor` displayed this client's record (MHLW security guideline: access logs)."""
    audit_view(actor=actor, subject=client, client_id=client.pk)


# -- contacts ---------------------------------------------------------------------------------


def _check_key_person(contact: Contact) -> None:
    if (
        contact.is_key_person
        and contact.is_active
        and Contact.objects.filter(client_id=contact.client_id, is_key_person=True, is_active=True)
        .exclude(pk=contact.pk)
        .exists()
    ):
        raise ValidationError({"is_key_person": messages.KEY_PERSON_DUPLICATE})


@transaction.atomic
def contact_create(*, actor: User, client: Client, data: ContactInput) -> Contact:
    require_permission(actor, "client.edit")
    contact = Contact(office_id=client.office_id, client=client, **_normalized(values_of(data)))
    return create_audited(actor=actor, instance=contact, client_id=client.pk, check=_check_key_person)


@transaction.atomic
def contact_update(
    *, actor: User, contact: Contact, data: ContactInput, expected_updated_at: dt.datetime | None = None
) -> Contact:
    require_permission(actor, "client.edit")
    return update_audited(
        actor=actor,
        instance=contact,
        changes=_normalized(values_of(data)),
        editable=CONTACT_EDITABLE,
        client_id=contact.client_id,
        check=_check_key_person,
        expected_updated_at=expected_updated_at,
    )


# -- certifications ---------------------------------------------------------------------------


def _check_certification(cert: Certification) -> None:
    errors: dict[str, str] = {}
    if cert.valid_from and cert.valid_to and cert.valid_to < cert.valid_from:
        errors["valid_to"] = messages.CERT_PERIOD_ORDER
    if cert.status == CertificationStatus.CERTIFIED:
        if not cert.care_level:
            errors["care_level"] = messages.CERT_LEVEL_REQUIRED
        if not cert.certified_on:
            errors["certified_on"] = messages.CERT_CERTIFIED_DATE_REQUIRED
    if not rules.copay_rate_valid(int(cert.copay_rate)):
        errors["copay_rate"] = messages.COPAY_RATE_INVALID
    if cert.kind and cert.kind not in {kind.value for kind in rules.CertificationKind}:
        errors["kind"] = messages.CERT_KIND_UNKNOWN
    if errors:
        raise ValidationError(errors)


def _open_applications(client_id: int, valid_from: dt.date) -> list[CertificationApplication]:
    """The client's filed applications that no certification has answered yet and that a validity
    starting on `valid_from` can answer: filed on or before it (a new or 区分変更 certification runs
    from the application date, a renewal from after it) — a line of past history entered late
    answers nothing."""
    return list(
        CertificationApplication.objects.select_for_update()
        .filter(client_id=client_id, status=ApplicationStatus.FILED, certification__isnull=True)
        .filter(Q(filed_on__isnull=True) | Q(filed_on__lte=valid_from))
        .order_by("filed_on", "id")
    )


def _settle_applications(actor: User, cert: Certification, applications: list[CertificationApplication]) -> None:
    """A certification registered as 認定済 answers the client's filed applications: each becomes
    認定結果受領 (decided) and points to it — a filed renewal does not stay 申請済 (issue 9 item 13)."""
    for app in applications:
        transition_audited(
            actor=actor,
            instance=app,
            to=ApplicationStatus.DECIDED,
            allowed_from={ApplicationStatus.FILED},
            action="certificationapplication.decided",
            refused=messages.APPLICATION_STATUS_REFUSED,
            also={"certification": cert},
            client_id=cert.client_id,
        )


@transaction.atomic
def certification_create(
    *, actor: User, client: Client, data: CertificationInput, status: str = CertificationStatus.CERTIFIED
) -> Certification:
    """A line of the 被保険者証's 認定 history: 申請中 (applied) or 認定済 (certified). A 認定済 line
    settles the client's filed applications (認定結果受領, linked to it); its kind, when not given,
    is the kind of the application it answers."""
    require_permission(actor, "client.edit")
    values = values_of(data)
    certified = status == CertificationStatus.CERTIFIED
    applications = _open_applications(client.pk, data.valid_from) if certified else []
    if not values.get("kind") and applications:
        values["kind"] = applications[-1].kind
    cert = Certification(office_id=client.office_id, client=client, status=status, **values)
    create_audited(actor=actor, instance=cert, client_id=client.pk, check=_check_certification)
    _settle_applications(actor, cert, applications)
    return cert


@transaction.atomic
def certification_update(
    *,
    actor: User,
    certification: Certification,
    data: CertificationInput,
    expected_updated_at: dt.datetime | None = None,
) -> Certification:
    require_permission(actor, "client.edit")
    return update_audited(
        actor=actor,
        instance=certification,
        changes=values_of(data),
        editable=CERTIFICATION_EDITABLE,
        client_id=certification.client_id,
        check=_check_certification,
        expected_updated_at=expected_updated_at,
    )


@transaction.atomic
def certification_decide(*, actor: User, certification: Certification, data: CertificationInput) -> Certification:
    """The decision arrived: a 申請中 line becomes 認定済 with its level, date and validity."""
    require_permission(actor, "client.edit")
    _check_certification(
        Certification(status=CertificationStatus.CERTIFIED, client_id=certification.client_id, **values_of(data))
    )
    decided = transition_audited(
        actor=actor,
        instance=certification,
        to=CertificationStatus.CERTIFIED,
        allowed_from={CertificationStatus.APPLIED},
        action="certification.certified",
        refused=messages.CERT_ALREADY_CERTIFIED,
        also=values_of(data),
        client_id=certification.client_id,
    )
    _settle_applications(actor, decided, _open_applications(decided.client_id, decided.valid_from))
    return decided


# -- certification applications (申請代行) ------------------------------------------------------


def _check_application(app: CertificationApplication) -> None:
    previous = app.previous_certification
    if previous is not None and previous.client_id != app.client_id:
        raise ValidationError({"previous_certification": messages.APPLICATION_PREVIOUS_OTHER_CLIENT})
    if app.kind != ApplicationKind.RENEWAL or app.filed_on is None:
        return
    previous = previous or (
        Certification.objects.filter(client_id=app.client_id, status=CertificationStatus.CERTIFIED)
        .order_by("-valid_to")
        .first()
    )
    if previous is not None:
        opens = rules.renewal_window_opens(previous.valid_to)
        if app.filed_on < opens:
            raise ValidationError(
                {"filed_on": messages.APPLICATION_RENEWAL_TOO_EARLY.format(opens=japanese.wareki(opens))}
            )


@transaction.atomic
def certification_application_create(
    *, actor: User, client: Client, data: ApplicationInput, status: str = ApplicationStatus.FILED
) -> CertificationApplication:
    require_permission(actor, "client.edit")
    app = CertificationApplication(office_id=client.office_id, client=client, status=status, **values_of(data))
    return create_audited(actor=actor, instance=app, client_id=client.pk, check=_check_application)


@transaction.atomic
def certification_application_update(
    *,
    actor: User,
    application: CertificationApplication,
    data: ApplicationInput,
    expected_updated_at: dt.datetime | None = None,
) -> CertificationApplication:
    require_permission(actor, "client.edit")
    return update_audited(
        actor=actor,
        instance=application,
        changes=values_of(data),
        editable=APPLICATION_EDITABLE,
        client_id=application.client_id,
        check=_check_application,
        expected_updated_at=expected_updated_at,
    )


@transaction.atomic
def certification_application_status_change(
    *, actor: User, application: CertificationApplication, status: str
) -> CertificationApplication:
    """準備中 → 申請済 → 認定結果受領, or 取下げ (clients/rules.py APPLICATION_STATUS_TRANSITIONS)."""
    require_permission(actor, "client.edit")
    if status not in ApplicationStatus.values:
        raise ValidationError({"status": messages.APPLICATION_STATUS_REFUSED})
    return transition_audited(
        actor=actor,
        instance=application,
        to=status,
        allowed_from=rules.allowed_from(rules.APPLICATION_STATUS_TRANSITIONS, status),
        action=f"certificationapplication.{status}",
        refused=messages.APPLICATION_STATUS_REFUSED,
        client_id=application.client_id,
    )


# -- short stays beyond half the certification period (運営基準第13条第21号) -------------------------


def _check_short_stay_approval(approval: ShortStayApproval) -> None:
    errors: dict[str, str] = {}
    if approval.certification_id and approval.certification.client_id != approval.client_id:
        errors["certification"] = messages.SHORT_STAY_APPROVAL_OTHER_CLIENT
    if not approval.note.strip():
        errors["note"] = messages.SHORT_STAY_APPROVAL_NOTE_REQUIRED
    if approval.approved_on and approval.approved_on > timezone.localdate():
        errors["approved_on"] = messages.SHORT_STAY_APPROVAL_FUTURE
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def short_stay_approval_create(*, actor: User, client: Client, data: ShortStayApprovalInput) -> ShortStayApproval:
    """Record the insurer's prior approval (理由書 and its answer) of short stays beyond about half of
    the certification period; with it, SHORT_STAY_OVER_HALF is no longer a finding for that period."""
    require_permission(actor, "care.edit")
    approval = ShortStayApproval(office_id=client.office_id, client=client, **values_of(data))
    return create_audited(actor=actor, instance=approval, client_id=client.pk, check=_check_short_stay_approval)


# -- consents ---------------------------------------------------------------------------------


def _check_consent(consent: Consent) -> None:
    errors: dict[str, str] = {}
    if consent.valid_until and consent.agreed_on and consent.valid_until < consent.agreed_on:
        errors["valid_until"] = messages.CONSENT_PERIOD_ORDER
    if consent.withdrawn_on and consent.agreed_on and consent.withdrawn_on < consent.agreed_on:
        errors["withdrawn_on"] = messages.CONSENT_WITHDRAWN_BEFORE_AGREED
    if consent.company is not None and consent.company.office_id != consent.office_id:
        errors["company"] = messages.CONSENT_COMPANY_OTHER_OFFICE
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def consent_create(*, actor: User, client: Client, data: ConsentInput) -> Consent:
    require_permission(actor, "consent.edit")
    consent = Consent(office_id=client.office_id, client=client, **values_of(data))
    return create_audited(actor=actor, instance=consent, client_id=client.pk, check=_check_consent)


@transaction.atomic
def consent_withdraw(*, actor: User, consent: Consent, withdrawn_on: dt.date) -> Consent:
    """The client withdrew the consent: it stays on file with the date (nothing is deleted)."""
    require_permission(actor, "consent.edit")
    if consent.withdrawn_on is not None:
        raise ValidationError(messages.CONSENT_ALREADY_WITHDRAWN)
    return update_audited(
        actor=actor,
        instance=consent,
        changes={"withdrawn_on": withdrawn_on},
        editable={"withdrawn_on"},
        client_id=consent.client_id,
        check=_check_consent,
        action="consent.withdrawn",
    )
