"""The plan set of the exchange (send unit 1, rules-v4.1.md §3): UPHOSOKU (month 000000), UP1KYO,
UP2KYO and UP3KYO rows of plan versions, grouped per destination (送信先事業所番号 + サービス種類).

Destinations are the providers of the plan's insured services whose サービス種類 is 連携対象 on the
plan's 作成（変更）日 (interop/data/exchange_scope.csv, rules §11); a provider without a 事業所番号
cannot receive a file and is reported. The 計画書 travels whole (every 第2表 row, insured or not):
each provider must receive the plan it works under (運営基準第13条第11号).

`plan_rows` reads nothing itself: it takes a plan fetched with careplans.selectors.plans_for_pdf
(every row prefetched), so a whole office costs a fixed number of queries.
The month set (UPPLAN, UPSIKYU) will be added beside this module once billing's 第6表/第7表 exist.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from carebridge.careplans import rules as plan_rules
from carebridge.careplans.models import (
    PLAN_ORIGIN_EXCHANGE_CODES,
    CarePlan,
    Goal,
    Need,
    PlannedService,
    WeeklyScheduleEntry,
)
from carebridge.careplans.selectors import plan_facts, plans_for_pdf
from carebridge.clients import rules as client_rules
from carebridge.clients.models import Certification, Client, Sex
from carebridge.core.japanese import wareki_short
from carebridge.core.models import Office

from .exchange_layout import in_scope
from .exchange_names import NO_MONTH

Row = list[object]

SEX_CODES = {Sex.MALE: "1", Sex.FEMALE: "2"}


@dataclass(frozen=True)
class Destination:
    """One receiver of files: an office number and one of its サービス種類."""

    number: str
    service_type: str
    name: str
    provider_id: int | None = None


@dataclass
class PlanFileSet:
    """The rows of the plan set for one destination (possibly several clients' plans)."""

    destination: Destination
    rows: dict[str, list[Row]] = field(
        default_factory=lambda: {k: [] for k in ("UPHOSOKU", "UP1KYO", "UP2KYO", "UP3KYO")}
    )
    plans: list[CarePlan] = field(default_factory=list)


@dataclass
class PlanSetResult:
    sets: list[PlanFileSet]
    skipped: list[str]  # Japanese notes: plans or services that could not be sent, and why


def ymd(day: dt.date | None) -> str:
    return day.strftime("%Y%m%d") if day is not None else ""


def hhmm(moment: dt.time | None) -> str:
    return moment.strftime("%H%M") if moment is not None else ""


def period(start: dt.date | None, end: dt.date | None) -> str:
    """The 期間 of 第2表 as free text (R8.4.15〜R8.9.30), like the printed sheet."""
    if start is None or end is None:
        return ""
    return f"{wareki_short(start)}～{wareki_short(end)}"


def _level_code(cert: Certification | None) -> str:
    if cert is None or not cert.care_level:
        return ""
    return client_rules.CARE_LEVEL_CODES.get(client_rules.CareLevel(cert.care_level), "")


def _cert_status(cert: Certification | None) -> str:
    if cert is None:
        return ""
    return "2" if cert.is_certified else "1"


def _limit(cert: Certification | None, on: dt.date) -> str:
    if cert is None or not cert.care_level:
        return ""
    units = client_rules.benefit_limit_units(cert.care_level, on)
    return "" if units is None else str(units)


def _care_manager_name(plan: CarePlan) -> str:
    person = plan.author or plan.client.care_manager
    return str(person) if person is not None else ""


def hosoku_row(plan: CarePlan, office: Office) -> Row:
    """利用者補足情報 with the 1表 family: No.4 = 第1表 No.14, No.63 = 000000 (rules §4)."""
    client: Client = plan.client
    cert = plan.certification
    row: Row = [
        None,  # No.1 CSVバージョン (the writer)
        client.insurer_number,
        client.insured_number,
        ymd(plan.drafted_on),
        client.kana,
        client.name,
        SEX_CODES.get(Sex(client.sex), ""),
        ymd(client.birth_date),
        client.postal_code,
        client.address,
        "",
        client.phone,
        ymd(cert.certified_on if cert else None),
        ymd(cert.valid_from if cert else None),
        ymd(cert.valid_to if cert else None),
        _cert_status(cert),
        "",  # No.17 要介護状態変更日
        _level_code(cert),
        _limit(cert, plan.drafted_on),
    ]
    row += [""] * 36  # No.20–55 種類別支給限度 frames: only when the insurer manages them
    row += ["", "", "", ""]  # No.56 合計限度超, 57/58 短期入所日数 (month set), 59 前回区分
    row += [office.office_number, office.office_number, "", NO_MONTH]
    return row


def first_sheet_row(plan: CarePlan, office: Office) -> Row:
    client: Client = plan.client
    cert = plan.certification
    return [
        None,
        client.insurer_number,
        client.insured_number,
        ymd(plan.made_on),
        client.postal_code,
        client.address,
        "",
        _care_manager_name(plan),
        office.name,
        office.postal_code,
        office.address,
        "",
        office.office_number,
        ymd(plan.drafted_on),
        ymd(plan.first_created_on or plan.drafted_on),
        PLAN_ORIGIN_EXCHANGE_CODES.get(plan.plan_origin, ""),
        _cert_status(cert),
        ymd(cert.certified_on if cert else None),
        ymd(cert.valid_from if cert else None),
        ymd(cert.valid_to if cert else None),
        _level_code(cert),
        plan.intentions,
        plan.board_opinion,
        plan.policy,
        plan.living_support_reason,
        plan.living_support_note,
        office.office_number,
        "",
    ]


def _prefetched(row: object, name: str) -> list[object]:
    return list(getattr(row, name).all())


def second_sheet_rows(plan: CarePlan, office: Office) -> list[Row]:
    """One record per 援助内容 (rules §8): 課題NO > 援助目標NO (a long+short goal pair within the
    課題) > 援助内容NO gives the printed order. Texts are repeated on every row (allowed)."""
    client: Client = plan.client
    head: Row = [None, client.insurer_number, client.insured_number, ymd(plan.made_on), ymd(plan.drafted_on)]
    out: list[Row] = []

    def line(
        need_no: int,
        need: Need,
        goal_no: int | None,
        long: Goal | None,
        short: Goal | None,
        no: int | None,
        s: PlannedService | None,
    ) -> Row:
        provider = s.provider if s is not None else None
        return [
            *head,
            need_no,
            need.text,
            goal_no if goal_no is not None else "",
            long.text if long else "",
            short.text if short else "",
            period(long.period_start, long.period_end) if long else "",
            period(short.period_start, short.period_end) if short else "",
            no if no is not None else "",
            s.content if s else "",
            ("Y" if s.insured else "N") if s else "",
            s.service_kind if s else "",
            provider.provider_number if provider is not None else "",
            s.provider_label if s else "",
            s.frequency if s else "",
            period(s.period_start, s.period_end) if s else "",
            office.office_number,
            "",
        ]

    for need_no, need in enumerate(_prefetched(plan, "needs"), start=1):
        if not isinstance(need, Need):
            continue
        goal_no = 0
        longs = [g for g in _prefetched(need, "goals") if isinstance(g, Goal) and g.term == "long"]
        if not longs:
            out.append(line(need_no, need, None, None, None, None, None))
        for long in longs:
            shorts = [g for g in _prefetched(long, "short_goals") if isinstance(g, Goal)]
            if not shorts:
                goal_no += 1
                out.append(line(need_no, need, goal_no, long, None, None, None))
            for short in shorts:
                goal_no += 1
                services = [s for s in _prefetched(short, "services") if isinstance(s, PlannedService)]
                if not services:
                    out.append(line(need_no, need, goal_no, long, short, None, None))
                for no, service in enumerate(services, start=1):
                    out.append(line(need_no, need, goal_no, long, short, no, service))
    return out


_ACTIVITY = re.compile(r"^\s*(\d{1,2})[:：](\d{2})\s*(.+?)\s*$")


def daily_activities(text: str) -> list[tuple[str, str]]:
    """主な日常生活上の活動 as (activity, HHMM) records like the spec's example (起床 0600): one per
    line written as "7:00 起床"; text in any other shape travels whole in one record."""
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    matched = [_ACTIVITY.match(line) for line in lines]
    if not lines:
        return []
    if all(m is not None and int(m.group(1)) <= 23 and int(m.group(2)) <= 59 for m in matched):
        return [(m.group(3), f"{int(m.group(1)):02d}{m.group(2)}") for m in matched if m is not None]
    return [(text.strip(), "")]


def week_sheet_rows(plan: CarePlan) -> list[Row]:
    """第3表: weekly services (No.6–9, 曜日 1=月…7=日), the daily activities (No.10) and the
    services not on a weekly rhythm (No.13), one kind per record (rules §8)."""
    client: Client = plan.client
    head: Row = [None, client.insurer_number, client.insured_number, ymd(plan.made_on), ymd(plan.drafted_on)]
    out: list[Row] = []
    for entry in _prefetched(plan, "weekly_entries"):
        if not isinstance(entry, WeeklyScheduleEntry):
            continue
        days = entry.weekday + 1  # 曜日 1=月 … 7=日; the model counts 0=月
        out.append([*head, entry.label, days, hhmm(entry.start_time), hhmm(entry.end_time), "", "", "", ""])
    for label, start in daily_activities(plan.daily_activities):
        out.append([*head, "", "", "", "", label, start, "", ""])
    if plan.non_weekly_services.strip():
        out.append([*head, "", "", "", "", "", "", "", plan.non_weekly_services])
    return out


def plan_rows(plan: CarePlan, office: Office) -> dict[str, list[Row]]:
    """The rows of one plan version, the same for every destination."""
    return {
        "UPHOSOKU": [hosoku_row(plan, office)],
        "UP1KYO": [first_sheet_row(plan, office)],
        "UP2KYO": second_sheet_rows(plan, office),
        "UP3KYO": week_sheet_rows(plan),
    }


def plan_services(plan: CarePlan) -> list[PlannedService]:
    out: list[PlannedService] = []
    for need in _prefetched(plan, "needs"):
        for goal in _prefetched(need, "goals"):
            for short in _prefetched(goal, "short_goals"):
                out.extend(s for s in _prefetched(short, "services") if isinstance(s, PlannedService))
    return out


def destinations(plan: CarePlan, notes: list[str] | None = None) -> list[Destination]:
    """Receivers of a plan: the in-scope insured services' providers with a 事業所番号."""
    found: dict[tuple[str, str], Destination] = {}
    for service in plan_services(plan):
        if not service.insured:
            continue
        provider = service.provider
        service_type = service.service_type_code
        if not service_type and provider is not None and len(provider.service_type_codes) == 1:
            service_type = str(provider.service_type_codes[0])
        label = service.provider_label or service.service_kind
        if not service_type or not in_scope(service_type, plan.drafted_on):
            if notes is not None:
                notes.append(f"{plan.client.name}: {label}（種類{service_type or '不明'}）は連携対象外のため送りません")
            continue
        if provider is None or not provider.provider_number:
            if notes is not None:
                notes.append(f"{plan.client.name}: {label} は事業所番号が名簿にないため送れません")
            continue
        key = (provider.provider_number, service_type)
        found.setdefault(key, Destination(provider.provider_number, service_type, provider.name, provider.pk))
    return sorted(found.values(), key=lambda d: (d.number, d.service_type))


def build_plan_sets(plans: Iterable[CarePlan], office: Office) -> PlanSetResult:
    """Group plans' rows per destination; users unrelated to a destination are never in its files."""
    sets: dict[tuple[str, str], PlanFileSet] = {}
    notes: list[str] = []
    for plan in plans:
        targets = destinations(plan, notes)
        if not targets:
            notes.append(f"{plan.client.name}: 連携対象のサービスがないため送れません")
            continue
        rows = plan_rows(plan, office)
        for target in targets:
            file_set = sets.setdefault((target.number, target.service_type), PlanFileSet(target))
            for kind, kind_rows in rows.items():
                file_set.rows[kind].extend(list(r) for r in kind_rows)
            file_set.plans.append(plan)
    return PlanSetResult(sets=[sets[k] for k in sorted(sets)], skipped=notes)


def withdrawal_rows(plan: CarePlan) -> list[Row]:
    """DLT1KYO: 保険者番号 + 被保険者番号 + 作成（変更）日 withdraw the 1表 and its 2表 and 3表 (rules §4)."""
    return [[None, plan.client.insurer_number, plan.client.insured_number, ymd(plan.drafted_on)]]


# -- which plans ------------------------------------------------------------------------------------


def plans_in_effect(office: Office, month: dt.date, *, client_ids: Sequence[int] | None = None) -> list[CarePlan]:
    """The plan version in effect in the month for each client of the office (careplans rules
    `plan_in_effect_for`), fetched with every row the files need, in a fixed number of queries."""
    clients = Client.objects.filter(office=office)
    if client_ids is not None:
        clients = clients.filter(pk__in=client_ids)
    ids = list(clients.values_list("pk", flat=True))
    facts = plan_facts(ids)
    chosen = [plan_rules.plan_in_effect_for(facts.get(cid, []), month) for cid in ids]
    plan_ids = [f.plan_id for f in chosen if f is not None]
    return list(
        plans_for_pdf()
        .select_related("client__care_manager")
        .filter(pk__in=plan_ids, office=office)
        .order_by("client__kana", "client_id")
    )


def plan_for_exchange(plan_id: int) -> CarePlan:
    return plans_for_pdf().select_related("client__care_manager").get(pk=plan_id)
