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
from django.utils import timezone

from carebridge.core import japanese
from carebridge.core.access import office_scope
from carebridge.core.models import User

from . import messages, rules
from .models import (
    ApplicationKind,
    ApplicationStatus,
    Certification,
    CertificationApplication,
    CertificationStatus,
    Client,
    ClientStatus,
    Contact,
    ShortStayApproval,
)


def _current_certification(on: dt.date) -> QuerySet[Certification]:
    """The line in effect on the day (clients/rules.py `certification_in_effect`, as a subquery):
    covering the day, 認定済 before 申請中, the latest start first — never a line from next month."""
    return Certification.objects.filter(client_id=OuterRef("pk"), valid_from__lte=on, valid_to__gte=on).order_by(
        "-status", "-valid_from", "-id"
    )


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
    today: dt.date | None = None,
) -> QuerySet[Client]:
    """Search by name, kana (any kana width or script) or 被保険者番号; each row carries the
    certification in effect today."""
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
    current = _current_certification(today or timezone.localdate())
    return qs.annotate(
        current_care_level=Subquery(current.values("care_level")[:1]),
        current_valid_to=Subquery(current.values("valid_to")[:1]),
        current_cert_status=Subquery(current.values("status")[:1]),
    ).order_by("kana", "id")


def client_records(*, client: Client, today: dt.date | None = None) -> dict[str, object]:
    """What the client page shows of the client's own records (the client came through the gate):
    the 認定 history with each line's period warnings, and `current` — the line in effect today
    (never simply the newest row)."""
    certifications = with_period_warnings(list(client.certifications.all()))
    return {
        "certifications": certifications,
        "current": rules.certification_in_effect(certifications, today or timezone.localdate()),
        "contacts": active_contacts(client=client),
        "applications": list(client.applications.select_related("certification")),
        "consents": list(client.consents.select_related("company")),
        "short_stay_approvals": list(client.short_stay_approvals.select_related("certification")),
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
    care_level: str = ""

    @property
    def is_certified(self) -> bool:
        return self.certified

    @property
    def care_level_label(self) -> str:
        return rules.CARE_LEVEL_LABELS[rules.CareLevel(self.care_level)] if self.care_level else "申請中"

    @property
    def benefit_limit_units(self) -> int | None:
        return rules.benefit_limit_units(self.care_level, self.valid_from) if self.care_level else None


def certification_lines(*, client_ids: Iterable[int]) -> dict[int, list[CertificationLine]]:
    """Every 認定 line of these clients, latest start first (one query)."""
    lines: dict[int, list[CertificationLine]] = defaultdict(list)
    rows = Certification.objects.filter(client_id__in=list(client_ids)).order_by("client_id", "-valid_from", "-id")
    for pk, cid, status, valid_from, valid_to, level in rows.values_list(
        "pk", "client_id", "status", "valid_from", "valid_to", "care_level"
    ):
        lines[cid].append(
            CertificationLine(pk, cid, status == CertificationStatus.CERTIFIED, valid_from, valid_to, level)
        )
    return lines


def certification_in_effect(*, client: Client, on: dt.date) -> Certification | None:
    """The client's certification in effect on the day (clients/rules.py `certification_in_effect`)."""
    return rules.certification_in_effect(list(client.certifications.all()), on)


def renewal_facts(*, client_ids: Iterable[int], on: dt.date) -> dict[int, tuple[CertificationLine, rules.RenewalFacts]]:
    """Each client's certification in effect on `on` (clients/rules.py `certification_in_effect`:
    never a line that starts later) with the facts of the renewal-due rule. Two queries, whatever
    the number of clients and history lines. A client with no line in effect is left out."""
    ids = list(client_ids)
    lines = certification_lines(client_ids=ids)
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
        current = rules.certification_in_effect(certs, on)
        if current is None:
            continue
        out[cid] = (
            current,
            rules.RenewalFacts(
                certified=current.certified,
                valid_from=current.valid_from,
                valid_to=current.valid_to,
                later_certification=any(c.valid_from > current.valid_from for c in certs),
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


# -- certification periods (issue 9 item 9) -----------------------------------------------------


def certification_kind(cert: Certification, history: Sequence[Certification]) -> str:
    """The kind recorded on the line; when blank, inferred: a 認定済 line that ended the day before
    it started makes it a renewal, an earlier line still running makes it a 区分変更, else new."""
    if cert.kind:
        return cert.kind
    earlier = [c for c in history if c.pk != cert.pk and c.is_certified and c.valid_from < cert.valid_from]
    if any(c.valid_to + dt.timedelta(days=1) == cert.valid_from for c in earlier):
        return rules.CertificationKind.RENEWAL
    if any(c.valid_to >= cert.valid_from for c in earlier):
        return rules.CertificationKind.CHANGE
    return rules.CertificationKind.NEW


_KIND_LABELS = {"new": "新規", "renewal": "更新", "change": "区分変更"}


def certification_period_warnings(cert: Certification, history: Sequence[Certification]) -> list[str]:
    """The period warnings of one line (clients/rules.py `period_warnings`) as texts: shown on the
    client page, after saving the form, and in the API (`period_warnings`)."""
    kind = certification_kind(cert, history)
    previous = max(
        (c for c in history if c.pk != cert.pk and c.is_certified and c.valid_to < cert.valid_from),
        key=lambda c: c.valid_to,
        default=None,
    )
    same_level = previous is not None and bool(cert.care_level) and previous.care_level == cert.care_level
    texts = []
    for warning in rules.period_warnings(cert.valid_from, cert.valid_to, kind, same_level=same_level):
        if warning.issue == rules.PeriodIssue.NOT_MONTH_END:
            texts.append(str(messages.CERT_PERIOD_NOT_MONTH_END))
            continue
        too_short = warning.issue == rules.PeriodIssue.TOO_SHORT
        template = messages.CERT_PERIOD_TOO_SHORT if too_short else messages.CERT_PERIOD_TOO_LONG
        label = _KIND_LABELS[kind] + ("（同じ区分）" if kind == "renewal" and same_level else "")
        texts.append(
            template.format(
                months=warning.months,
                kind=label,
                low=warning.allowed.low,
                high=warning.allowed.high,
                standard=warning.allowed.standard,
            )
        )
    return texts


def with_period_warnings(certifications: Sequence[Certification]) -> list[Certification]:
    """The lines (of one client) with `period_warnings` set on each, for the page and the API."""
    history = list(certifications)
    for cert in history:
        setattr(cert, "period_warnings", certification_period_warnings(cert, history))  # noqa: B010
    return history


def short_stay_approved_periods(*, client_ids: Iterable[int]) -> dict[int, list[tuple[dt.date, dt.date]]]:
    """The certification periods (valid_from, valid_to) with the insurer's approval of short stays
    beyond half of them (運営基準第13条第21号). One query."""
    out: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for cid, valid_from, valid_to in ShortStayApproval.objects.filter(client_id__in=list(client_ids)).values_list(
        "client_id", "certification__valid_from", "certification__valid_to"
    ):
        out[cid].append((valid_from, valid_to))
    return out
