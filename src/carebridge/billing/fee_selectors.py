"""Reads of the office's own fee: a month per care manager in a fixed number of queries.

Queries: clients (1), certifications (renewal_facts: 2), contracts (1), events (1), the fee
setting (1), the office (1), compliance's report (its own fixed count) and the 集中減算 check (2).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from carebridge.casework.selectors import contract_rows
from carebridge.clients.models import CareLevel, Client, ClientStatus
from carebridge.clients.selectors import renewal_facts
from carebridge.compliance import messages as compliance_messages
from carebridge.compliance.selectors import compliance_report
from carebridge.core.access import office_id_of, office_scope
from carebridge.core.dates import month_end, month_start
from carebridge.core.models import Office, User

from . import fee_rules as fr
from .concentration_selectors import concentration_penalty
from .master_lookup import month_master
from .models import FeeEvent, FeeSetting


@dataclass(frozen=True)
class CaseRow:
    client: Client
    fee: fr.CaseFee

    @property
    def level_label(self) -> str:
        return str(dict(CareLevel.choices).get(self.fee.care_level, self.fee.care_level))


@dataclass(frozen=True)
class ManagerRow:
    care_manager: User
    result: fr.ManagerFee
    rows: tuple[CaseRow, ...]


@dataclass(frozen=True)
class FeeMonth:
    month: dt.date
    setting: FeeSetting | None
    office: fr.OfficeFacts
    unit_price_100: int
    managers: tuple[ManagerRow, ...]
    concentration: bool
    without_contract: int

    @property
    def units(self) -> int:
        return sum(m.result.units for m in self.managers)

    @property
    def yen(self) -> int:
        return sum(m.result.yen for m in self.managers)

    @property
    def unit_price(self) -> str:
        return f"{self.unit_price_100 // 100}.{self.unit_price_100 % 100:02d}"

    @property
    def client_ids(self) -> list[int]:
        return [r.client.pk for m in self.managers for r in m.rows]


def fee_setting_on(*, office_id: int, day: dt.date) -> FeeSetting | None:
    return FeeSetting.objects.filter(office_id=office_id, valid_from__lte=day).order_by("-valid_from").first()


def office_facts(setting: FeeSetting | None, unit_price_100: int) -> fr.OfficeFacts:
    if setting is None:
        return fr.OfficeFacts(unit_price_100=unit_price_100)
    return fr.OfficeFacts(
        tier=fr.Tier(setting.tier),
        special=fr.Special(setting.special),
        bcp_missing=setting.bcp_missing,
        abuse_prevention_missing=setting.abuse_prevention_missing,
        same_building=setting.same_building,
        unit_price_100=unit_price_100,
    )


def _event_facts(event: FeeEvent) -> fr.EventFacts:
    return fr.EventFacts(
        kind=fr.EventKind(event.kind),
        day=event.day,
        info_on=event.info_on,
        after_hours=event.after_hours,
        contacts=event.contacts,
        conference=event.conference,
        confirmed=event.confirmed,
    )


def _contracted_on(rows: list[tuple[dt.date, dt.date | None, bool]], month: dt.date) -> dt.date | None:
    """The start of the contract in effect during the month (the earliest, for the 逓減 order)."""
    days = [start for start, ended, _ in rows if start <= month_end(month) and (ended is None or ended >= month)]
    return min(days) if days else None


def fee_month(*, actor: User, month: dt.date, today: dt.date) -> FeeMonth:
    """The month's 居宅介護支援費 of the actor's office, per care manager (billing.view)."""
    month = month_start(month)
    office_id = office_id_of(actor)
    office = Office.objects.get(pk=office_id)
    setting = fee_setting_on(office_id=office_id, day=month_end(month))
    # 居宅介護支援 (type 43) is priced like any service: the master's 単価 for its class and the
    # office's 地域区分 (10.00円 if the master has none for the month).
    price = month_master(month).unit_price(office.region_grade, "43") or 1000
    facts = office_facts(setting, price)
    clients = {
        c.pk: c
        for c in office_scope(actor, Client.objects.select_related("care_manager"), "billing.view").filter(
            status=ClientStatus.ACTIVE, care_manager__isnull=False
        )
    }
    ids = list(clients)
    certs = renewal_facts(client_ids=ids, on=month_end(month))
    contracts = contract_rows(client_ids=ids)
    events: dict[int, list[fr.EventFacts]] = defaultdict(list)
    for event in FeeEvent.objects.filter(
        office_id=office_id, client_id__in=ids, day__gte=month, day__lte=month_end(month)
    ):
        events[event.client_id].append(_event_facts(event))
    penalties = {row.client.pk: row.penalty_label for row in compliance_report(actor=actor, month=month, today=today)}
    whole = {cid for cid, label in penalties.items() if label == compliance_messages.PENALTY_NONE}
    concentration = concentration_penalty(actor=actor, month=month)
    by_manager: dict[int, list[fr.CaseFacts]] = defaultdict(list)
    without_contract = 0
    for cid, client in clients.items():
        cert = certs.get(cid)
        level = cert[0].care_level if cert is not None and cert[0].certified else ""
        if level not in fr.CARE_LEVELS and level not in fr.PREVENTION_LEVELS:
            continue
        contracted_on = _contracted_on(contracts.get(cid, []), month)
        if contracted_on is None:
            without_contract += 1
            continue
        by_manager[client.care_manager_id or 0].append(
            fr.CaseFacts(
                client_id=cid,
                care_level=level,
                contracted_on=contracted_on,
                events=tuple(events.get(cid, ())),
                penalty=bool(penalties.get(cid)),
                penalty_whole=cid in whole,
                concentration=concentration,
            )
        )
    managers = []
    for cases in by_manager.values():
        result = fr.manager_fee(cases, month, facts)
        rows = tuple(CaseRow(clients[c.client_id], c) for c in result.cases)
        cm = clients[cases[0].client_id].care_manager
        if cm is not None:  # always: the clients were read with a care manager
            managers.append(ManagerRow(cm, result, rows))
    managers.sort(key=lambda m: (m.care_manager.get_full_name() or m.care_manager.username, m.care_manager.pk))
    return FeeMonth(
        month=month,
        setting=setting,
        office=facts,
        unit_price_100=facts.unit_price_100,
        managers=tuple(managers),
        concentration=concentration,
        without_contract=without_contract,
    )
