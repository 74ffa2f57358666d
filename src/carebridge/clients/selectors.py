"""Reads of clients and their records, always scoped to the actor's office.

List pages annotate what they show (current certification) with subqueries, so a page costs the
same few queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from carebridge.core import japanese
from carebridge.core.access import office_scope
from carebridge.core.models import User

from . import rules
from .models import (
    ApplicationKind,
    ApplicationStatus,
    Certification,
    CertificationApplication,
    CertificationStatus,
    Client,
    ClientStatus,
)


def _current_certification() -> QuerySet[Certification]:
    return Certification.objects.filter(client_id=OuterRef("pk")).order_by("-valid_from", "-id")


def client_list(
    *,
    actor: User,
    query: str = "",
    status: str = "",
    care_manager_id: int | None = None,
) -> QuerySet[Client]:
    """Search by name, kana (any kana width or script) or 被保険者番号."""
    qs = office_scope(actor, Client.objects.select_related("care_manager"), "client.view")
    if status:
        qs = qs.filter(status=status)
    if care_manager_id is not None:
        qs = qs.filter(care_manager_id=care_manager_id)
    query = query.strip()
    if query:
        kana = japanese.normalize_kana(query)
        digits = japanese.normalize_digits(query).upper()
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(name__icontains=query.replace(" ", "\u3000"))
            | Q(kana__contains=kana)
            | Q(kana__contains=kana.replace("\u3000", ""))
            | Q(insured_number__startswith=digits)
        )
    current = _current_certification()
    return qs.annotate(
        current_care_level=Subquery(current.values("care_level")[:1]),
        current_valid_to=Subquery(current.values("valid_to")[:1]),
        current_cert_status=Subquery(current.values("status")[:1]),
    ).order_by("kana", "id")


def client_records(*, client: Client) -> dict[str, object]:
    """Everything the detail page shows beside the client (the client came through the gate)."""
    return {
        "certifications": list(client.certifications.all()),
        "contacts": list(client.contacts.filter(is_active=True)),
        "applications": list(client.applications.all()),
        "consents": list(client.consents.select_related("company")),
    }


def certifications_ending_without_renewal(
    *, actor: User, today: dt.date, care_manager_id: int | None = None, days: int = rules.RENEWAL_WINDOW_DAYS
) -> QuerySet[Certification]:
    """Current certifications of active clients that end within `days` days with no renewal filed.

    "No renewal filed": no renewal application filed (or decided) during this certification's
    period, and no later certification (申請中 or 認定済) recorded yet.
    """
    later = Certification.objects.filter(client_id=OuterRef("client_id"), valid_from__gt=OuterRef("valid_to"))
    renewal = CertificationApplication.objects.filter(
        client_id=OuterRef("client_id"),
        kind=ApplicationKind.RENEWAL,
        status__in=[ApplicationStatus.FILED, ApplicationStatus.DECIDED],
        filed_on__gte=OuterRef("valid_from"),
    )
    qs = office_scope(actor, Certification.objects.select_related("client", "client__care_manager"), "client.view")
    qs = qs.filter(
        status=CertificationStatus.CERTIFIED,
        client__status=ClientStatus.ACTIVE,
        valid_to__gte=today,
        valid_to__lte=today + dt.timedelta(days=days),
    )
    if care_manager_id is not None:
        qs = qs.filter(client__care_manager_id=care_manager_id)
    return qs.exclude(Exists(later)).exclude(Exists(renewal)).order_by("valid_to", "client__kana")
