"""Reads of clients and their records, always scoped to the actor's office.

List pages annotate what they show (current certification) with subqueries, so a page costs the
same few queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Replace

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
    Contact,
)


def _current_certification() -> QuerySet[Certification]:
    return Certification.objects.filter(client_id=OuterRef("pk")).order_by("-valid_from", "-id")


_SPACES = re.compile(r"[\s\u3000]+")


def _without_spaces(field: str) -> Replace:
    """The column with half- and full-width spaces removed, computed in the database."""
    return Replace(Replace(F(field), Value(" "), Value("")), Value("\u3000"), Value(""))


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
        # 木村文子 is found as typed with or without the space between family and given name: both
        # the column and the query are compared with their spaces removed, in the one query.
        compact = _SPACES.sub("", query)
        kana = _SPACES.sub("", japanese.normalize_kana(query))
        digits = _SPACES.sub("", japanese.normalize_digits(query)).upper()
        qs = qs.alias(name_compact=_without_spaces("name"), kana_compact=_without_spaces("kana")).filter(
            Q(name_compact__icontains=compact) | Q(kana_compact__contains=kana) | Q(insured_number__startswith=digits)
        )
    current = _current_certification()
    return qs.annotate(
        current_care_level=Subquery(current.values("care_level")[:1]),
        current_valid_to=Subquery(current.values("valid_to")[:1]),
        current_cert_status=Subquery(current.values("status")[:1]),
    ).order_by("kana", "id")


def client_records(*, client: Client) -> dict[str, object]:
    """What the client page shows of the client's own records (the client came through the gate)."""
    return {
        "certifications": list(client.certifications.all()),
        "contacts": active_contacts(client=client),
        "applications": list(client.applications.all()),
        "consents": list(client.consents.select_related("company")),
    }


def active_contacts(*, client: Client) -> list[Contact]:
    return list(client.contacts.filter(is_active=True))


@dataclass(frozen=True)
class CertificationLine:
    """What the renewal rule and the 運営基準 checks read of one 認定 line."""

    pk: int
    client_id: int
    certified: bool
    valid_from: dt.date
    valid_to: dt.date


def renewal_facts(*, client_ids: Iterable[int], on: dt.date) -> dict[int, tuple[CertificationLine, rules.RenewalFacts]]:
    """Each client's current certification (the latest that started by `on`) with the facts of
    the renewal-due rule. Two queries, whatever the number of clients and history lines."""
    ids = list(client_ids)
    lines: dict[int, list[CertificationLine]] = defaultdict(list)
    rows = Certification.objects.filter(client_id__in=ids).order_by("client_id", "-valid_from", "-id")
    for pk, cid, status, valid_from, valid_to in rows.values_list(
        "pk", "client_id", "status", "valid_from", "valid_to"
    ):
        lines[cid].append(CertificationLine(pk, cid, status == CertificationStatus.CERTIFIED, valid_from, valid_to))
    filed: dict[int, list[dt.date]] = defaultdict(list)
    for cid, filed_on in CertificationApplication.objects.filter(
        client_id__in=ids,
        kind=ApplicationKind.RENEWAL,
        status__in=[ApplicationStatus.FILED, ApplicationStatus.DECIDED],
        filed_on__isnull=False,
    ).values_list("client_id", "filed_on"):
        if filed_on is not None:
            filed[cid].append(filed_on)
    out: dict[int, tuple[CertificationLine, rules.RenewalFacts]] = {}
    for cid, certs in lines.items():
        current = next((c for c in certs if c.valid_from <= on), None)
        if current is None:
            continue
        out[cid] = (
            current,
            rules.RenewalFacts(
                certified=current.certified,
                valid_from=current.valid_from,
                valid_to=current.valid_to,
                later_certification=any(c.valid_from > current.valid_to for c in certs),
                renewal_filed_on=tuple(filed[cid]),
            ),
        )
    return out


def certifications_ending_without_renewal(
    *, actor: User, today: dt.date, care_manager_id: int | None = None
) -> list[int]:
    """The ids of the current certifications of active clients for which a renewal is due
    (clients/rules.py `renewal_due`), soonest first. The database narrows to the 60-day window;
    the rule decides. `certification_rows` fetches one page of them for display."""
    clients = office_scope(actor, Client.objects.all(), "client.view").filter(
        status=ClientStatus.ACTIVE,
        certifications__status=CertificationStatus.CERTIFIED,
        certifications__valid_to__gte=today,
        certifications__valid_to__lte=today + dt.timedelta(days=rules.RENEWAL_WINDOW_DAYS),
    )
    if care_manager_id is not None:
        clients = clients.filter(care_manager_id=care_manager_id)
    facts = renewal_facts(client_ids=clients.values_list("pk", flat=True).distinct(), on=today)
    due = [line for line, fact in facts.values() if rules.renewal_due(fact, today)]
    kana = dict(Client.objects.filter(pk__in=[line.client_id for line in due]).values_list("pk", "kana"))
    return [line.pk for line in sorted(due, key=lambda line: (line.valid_to, kana[line.client_id], line.pk))]


def certification_rows(*, actor: User, ids: Sequence[int]) -> list[Certification]:
    """Certifications of the actor's office with their clients and care managers, in the given order."""
    rows = office_scope(actor, Certification.objects.select_related("client", "client__care_manager"), "client.view")
    found = rows.in_bulk(list(ids))
    return [found[pk] for pk in ids if pk in found]
