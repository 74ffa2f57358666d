"""Reads of the month close: the month's slips with everything the 給付管理票 and the pre-send
check need, in a constant number of queries whatever the number of clients (no per-client
query: the close of 10,000 clients reads the same ~10 queries as the close of one)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from carebridge.careplans import rules as plan_rules
from carebridge.careplans.prevention_models import PreventionPlan, PreventionStatus
from carebridge.careplans.selectors import plan_facts
from carebridge.clients import rules as client_rules
from carebridge.clients.models import CareLevel, Certification, CertificationStatus, Client
from carebridge.core.access import access_office_record, office_scope
from carebridge.core.dates import month_end
from carebridge.core.models import Office, User

from . import federation_csv, presend_rules, rules
from .models import BenefitStatement, CreatorKind, FederationSend, MonthlySlip, SlipLine, SlipStatus, StatementKind

SUPPORT_LEVELS = frozenset({CareLevel.SUPPORT_1, CareLevel.SUPPORT_2, CareLevel.JIGYO_TAISHO})
SEX_CODES = {"male": "1", "female": "2"}


@dataclass
class StatementData:
    """What a 給付管理票 carries, computed from a slip (compared with the last one made)."""

    creator_kind: str
    header: dict[str, Any]
    lines: list[dict[str, Any]]
    limit_units: int | None
    total_units: int

    def same_as(self, statement: BenefitStatement) -> bool:
        return (
            self.header == statement.header
            and self.lines == statement.lines
            and self.limit_units == statement.limit_units
            and self.total_units == statement.total_units
            and self.creator_kind == statement.creator_kind
        )


@dataclass
class ClientMonth:
    client: Client
    slip: MonthlySlip  # the newest version of the month (superseded ones left out)
    data: StatementData
    facts: presend_rules.ClientFacts
    errors: list[presend_rules.PresendError] = field(default_factory=list)

    @property
    def is_draft(self) -> bool:
        return self.slip.status == SlipStatus.DRAFT


def _slips(office_id: int, month: dt.date) -> QuerySet[MonthlySlip]:
    lines = SlipLine.objects.select_related("provider").order_by("position", "id")
    return (
        MonthlySlip.objects.filter(office_id=office_id, month=month)
        .exclude(status=SlipStatus.SUPERSEDED)
        .select_related("client", "client__care_manager", "care_manager")
        .prefetch_related(Prefetch("lines", queryset=lines))
        .order_by("client_id", "version")
    )


def _certifications(client_ids: list[int], month: dt.date) -> dict[int, list[Certification]]:
    rows = Certification.objects.filter(
        client_id__in=client_ids,
        status=CertificationStatus.CERTIFIED,
        valid_from__lte=month_end(month),
        valid_to__gte=month,
    ).order_by("valid_from", "id")
    out: dict[int, list[Certification]] = defaultdict(list)
    for cert in rows:
        out[cert.client_id].append(cert)
    return out


def _plans_in_effect(client_ids: list[int], month: dt.date) -> set[int]:
    """Clients with a plan in effect in the month: a 居宅サービス計画 (careplans/rules.py, the one
    definition) or an agreed 介護予防サービス計画 started by the month's end."""
    facts = plan_facts(client_ids)
    found = {cid for cid, versions in facts.items() if plan_rules.plan_in_effect_for(versions, month)}
    found.update(
        PreventionPlan.objects.filter(
            client_id__in=client_ids,
            status__in=[PreventionStatus.CONSENTED, PreventionStatus.DELIVERED],
            service_start_on__lte=month_end(month),
        ).values_list("client_id", flat=True)
    )
    return found


def _count(line: SlipLine) -> int:
    actual = line.actual_count
    return actual if actual is not None else line.planned_count


def _provider_key(line: SlipLine) -> str:
    if line.provider is not None and line.provider.provider_number:
        return line.provider.provider_number
    return f"#{line.provider_id or line.provider_name}"


def statement_data(slip: MonthlySlip, certs: list[Certification], office: Office) -> StatementData:
    """The 給付管理票 of a slip: per provider and service type the in-limit units of the lines under
    limit management (billing/rules.py `calculate`: 給付計画単位数 = the group's in-limit units)."""
    client = slip.client
    limits = [(c.benefit_limit_units or 0, c) for c in certs if c.care_level]
    limit_units = rules.monthly_limit(u for u, _ in limits) if limits else None
    cert = max(limits, key=lambda pair: pair[0])[1] if limits else None
    slip_lines: list[SlipLine] = list(slip.lines.all())
    inputs = [
        rules.LineInput(
            provider=_provider_key(line),
            service_type=line.service_type,
            service_code=line.service_code,
            units=line.units,
            count=_count(line),
            unit_price=0,
            limit_managed=line.limit_managed,
            over_limit_units=line.over_limit_units,
            rate_permille=line.rate_permille,
        )
        for line in slip_lines
    ]
    result = rules.calculate(rules.ClientMonthInput(limit_units=limit_units or 0, copay_rate=10, lines=inputs))
    # No limit known: the units as planned (the pre-send check says why).
    in_limit = [r.units if limit_units is None else r.in_limit_units for r in result.lines]
    groups: dict[tuple[str, str], int] = {}
    for line, inp, units in zip(slip_lines, inputs, in_limit, strict=True):
        if line.limit_managed and line.rate_permille is None:
            key = (inp.provider, line.service_type)
            groups[key] = groups.get(key, 0) + units
    lines: list[dict[str, Any]] = [
        {
            "provider_number": provider if not provider.startswith("#") else "",
            "designation": federation_csv.designation_for(service_type),
            "service_type": service_type,
            "planned_units": units,
        }
        for (provider, service_type), units in groups.items()
        if units > 0
    ]
    manager = slip.care_manager or client.care_manager
    level = cert.care_level if cert is not None else ""
    creator = (
        CreatorKind.PREVENTION if level in SUPPORT_LEVELS and office.prevention_designated else CreatorKind.HOME_CARE
    )
    header = {
        "client_name": client.name,
        "insurer_number": client.insurer_number,
        "insured_number": client.insured_number,
        "birth_date": client.birth_date.isoformat(),
        "sex": SEX_CODES.get(client.sex, ""),
        "care_level": client_rules.CARE_LEVEL_CODES.get(client_rules.CareLevel(level), "") if level else "",
        "care_level_label": cert.get_care_level_display() if cert is not None else "",
        "limit_from": cert.valid_from.isoformat() if cert is not None else "",
        "limit_to": cert.valid_to.isoformat() if cert is not None else "",
        "office_number": office.office_number,
        "care_manager_number": manager.care_manager_number if manager is not None else "",
        "care_manager_name": manager.get_full_name() or manager.username if manager is not None else "",
    }
    return StatementData(
        creator_kind=creator,
        header=header,
        lines=lines,
        limit_units=limit_units,
        total_units=sum(units for units in groups.values() if units > 0),
    )


def _facts(slip: MonthlySlip, data: StatementData, certified: bool, has_plan: bool) -> presend_rules.ClientFacts:
    client = slip.client
    return presend_rules.ClientFacts(
        client_id=client.pk,
        client_name=client.name,
        insurer_number=client.insurer_number,
        insured_number=client.insured_number,
        certified=certified,
        limit_units=data.limit_units,
        planned_units=data.total_units,
        has_plan=has_plan,
        care_manager_number=str(data.header["care_manager_number"]),
        lines=[
            presend_rules.LineFacts(
                provider_number=line.provider.provider_number if line.provider is not None else "",
                provider_name=line.provider.name if line.provider is not None else line.provider_name,
                service_type=line.service_type,
                service_code=line.service_code,
            )
            for line in slip.lines.all()
            if line.limit_managed and line.rate_permille is None
        ],
    )


def month_clients(*, office: Office, month: dt.date) -> list[ClientMonth]:
    """Each client's newest slip of the month with its statement data and pre-send errors."""
    newest: dict[int, MonthlySlip] = {}
    for slip in _slips(office.pk, month):
        newest[slip.client_id] = slip  # ordered by version: the last one wins
    ids = list(newest)
    certs = _certifications(ids, month)
    plans = _plans_in_effect(ids, month)
    out: list[ClientMonth] = []
    for cid, slip in newest.items():
        data = statement_data(slip, certs.get(cid, []), office)
        facts = _facts(slip, data, bool(certs.get(cid)), cid in plans)
        out.append(
            ClientMonth(client=slip.client, slip=slip, data=data, facts=facts, errors=presend_rules.check_client(facts))
        )
    out.sort(key=lambda c: (c.client.kana, c.client.pk))
    return out


def latest_statements(
    *, office_id: int, month: dt.date, client_ids: Iterable[int] | None = None
) -> dict[int, list[BenefitStatement]]:
    """Every statement of the month by client, oldest first."""
    rows = BenefitStatement.objects.filter(office_id=office_id, month=month).order_by("client_id", "id")
    if client_ids is not None:
        rows = rows.filter(client_id__in=list(client_ids))
    out: dict[int, list[BenefitStatement]] = defaultdict(list)
    for row in rows:
        out[row.client_id].append(row)
    return out


def statement_list(*, actor: User, month: dt.date) -> QuerySet[BenefitStatement]:
    return (
        office_scope(actor, BenefitStatement.objects.all(), "billing.view")
        .filter(month=month)
        .select_related("client", "send")
        .defer("send__content")
        .order_by("client__kana", "client_id", "id")
    )


def pending_statements(*, office_id: int, month: dt.date) -> QuerySet[BenefitStatement]:
    return (
        BenefitStatement.objects.filter(office_id=office_id, month=month, send__isnull=True)
        .select_related("client")
        .order_by("client_id", "id")
    )


def send_list(*, actor: User, month: dt.date | None = None) -> QuerySet[FederationSend]:
    rows = office_scope(actor, FederationSend.objects.defer("content"), "billing.view").select_related("sent_by")
    return rows.filter(month=month) if month is not None else rows


def access_send(actor: User, send_id: object) -> FederationSend:
    """The gate of a send record: 404 for another office's and for a missing one."""
    return access_office_record(actor, FederationSend.objects.all(), send_id, "billing.view")


@dataclass
class CloseSummary:
    month: dt.date
    clients: list[ClientMonth]
    statements: list[BenefitStatement]
    sends: list[FederationSend]
    by_status: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    pending: int = 0
    units: int = 0

    @property
    def drafts(self) -> list[ClientMonth]:
        return [c for c in self.clients if c.is_draft]

    @property
    def errors(self) -> list[presend_rules.PresendError]:
        return [e for c in self.clients if not c.is_draft for e in c.errors]


def close_summary(*, actor: User, office: Office, month: dt.date) -> CloseSummary:
    clients = month_clients(office=office, month=month)
    statements = list(statement_list(actor=actor, month=month))
    sends = list(send_list(actor=actor, month=month))
    by_status: dict[str, int] = defaultdict(int)
    for c in clients:
        by_status[c.slip.status] += 1
    by_kind: dict[str, int] = {k.value: 0 for k in StatementKind}
    for st in statements:
        by_kind[st.kind] += 1
    latest = {st.client_id: st for st in statements}
    return CloseSummary(
        month=month,
        clients=clients,
        statements=statements,
        sends=sends,
        by_status=dict(by_status),
        by_kind=by_kind,
        pending=sum(1 for st in statements if st.send_id is None),
        units=sum(st.total_units for st in latest.values() if st.kind != StatementKind.CANCEL),
    )
