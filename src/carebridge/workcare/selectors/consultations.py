"""Reads of consultations, their records, and the support map (scoped by the gates in access.py).

Every list runs a fixed number of queries whatever its length (select_related / prefetch)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models

from carebridge.core.models import User
from carebridge.directory import service_types
from carebridge.directory.models import Provider, ProviderKind, Resource, Specialist

from .. import public_systems
from ..access import consultation_rows
from ..models import CareBridge, CareRecipient, Consultation, Employee, Referral, Screening, SituationAssessment

__all__ = [
    "MAP_PROFESSIONS",
    "SupportMap",
    "bridge_view",
    "consultation_list",
    "consultation_records",
    "support_map",
]

MAP_PROFESSIONS = ("sharoushi", "lawyer", "tax_accountant", "occupational_physician", "family_doctor")
CERTIFIED_LEVELS_2_PLUS = frozenset({"care_2", "care_3", "care_4", "care_5"})


def consultation_list(actor: User, *, employee: Employee | None = None) -> models.QuerySet[Consultation]:
    """The consultations the actor may read (an employee's only, when given), newest first."""
    rows = consultation_rows(actor).select_related("employee", "employee__company", "care_recipient", "handled_by")
    if employee is not None:
        rows = rows.filter(employee=employee)
    return rows.order_by("-requested_on", "-id")


@dataclass
class ConsultationRecords:
    assessments: list[SituationAssessment]
    screenings: list[Screening]
    referrals: list[Referral]
    bridges: list[CareBridge]


def consultation_records(consultation: Consultation) -> ConsultationRecords:
    """What was recorded on one consultation (four queries)."""
    return ConsultationRecords(
        assessments=list(consultation.assessments.order_by("-assessed_on", "-id")),
        screenings=list(consultation.screenings.order_by("-answered_on", "-id")),
        referrals=list(
            consultation.referrals.select_related("specialist", "provider", "care_manager").order_by("-created_at")
        ),
        bridges=list(consultation.bridges.select_related("intake").order_by("-created_at")),
    )


@dataclass(frozen=True)
class BridgeStatus:
    """What the workplace side may see of a bridged intake while consent lasts: its outcome and
    whether a client was registered (never the client's care record)."""

    live: bool
    intake_outcome: str
    client_registered: bool


def bridge_view(bridge: CareBridge) -> BridgeStatus:
    if bridge.withdrawn_at is not None or bridge.intake is None:
        return BridgeStatus(live=False, intake_outcome="", client_registered=False)
    return BridgeStatus(
        live=True,
        intake_outcome=bridge.intake.get_outcome_display(),
        client_registered=bridge.intake.client_id is not None,
    )


@dataclass
class SupportMap:
    municipality: str
    prefecture: str
    centers: list[Provider]
    providers_by_type: list[tuple[str, list[Provider]]]
    resources: list[Resource]
    specialists: list[Specialist]
    systems: list[public_systems.PublicSystem]
    as_of: dt.date
    recipient: CareRecipient | None = None
    notes: list[str] = field(default_factory=list)


def support_map(consultation: Consultation, *, as_of: dt.date) -> SupportMap:
    """The map for the care recipient's municipality: the 地域包括支援センター (the office's directory:
    community centres whose address names the municipality), providers by service type, social
    resources of the area, the office's specialists, and the public systems that apply."""
    recipient = consultation.care_recipient
    town = recipient.municipality.strip() if recipient is not None else ""
    office_id = consultation.office_id
    providers = Provider.objects.filter(office_id=office_id, is_active=True)
    if town:
        local = list(
            providers.filter(
                address__contains=town, kind__in=[ProviderKind.COMMUNITY_CENTER, ProviderKind.SERVICE]
            ).order_by("name", "id")
        )
        resources = list(
            Resource.objects.filter(office_id=office_id, is_active=True, area__contains=town).order_by(
                "category", "name", "id"
            )
        )
    else:
        local, resources = [], []
    centers = [p for p in local if p.kind == ProviderKind.COMMUNITY_CENTER]
    by_type: dict[str, list[Provider]] = {}
    for provider in local:
        if provider.kind != ProviderKind.SERVICE:
            continue
        for code in provider.service_type_codes or []:
            by_type.setdefault(str(code), []).append(provider)
    specialists = list(
        Specialist.objects.filter(office_id=office_id, is_active=True, profession__in=MAP_PROFESSIONS).order_by(
            "profession", "name", "id"
        )
    )
    certified = bool(recipient and recipient.care_level)
    situation = public_systems.Situation(
        certified=certified,
        care_level_2_or_above=bool(recipient and recipient.care_level in CERTIFIED_LEVELS_2_PLUS),
        age=recipient.age if recipient is not None else None,
    )
    notes = [] if town else ["対象家族の市区町村が記録されていないため、地域の窓口と事業所は表示していません。"]
    return SupportMap(
        municipality=town,
        prefecture=recipient.prefecture if recipient is not None else "",
        centers=centers,
        providers_by_type=[(service_types.label(code), rows) for code, rows in sorted(by_type.items())],
        resources=resources,
        specialists=specialists,
        systems=public_systems.applicable(as_of, situation),
        as_of=as_of,
        recipient=recipient,
        notes=notes,
    )
