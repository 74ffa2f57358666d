"""The month set of the exchange (send unit 2, rules-v4.1.md §3): UPHOSOKU (対象年月), UPPLAN (第6表
予定) and UPSIKYU (第7表) of clients' months, grouped per destination (送信先事業所番号 + サービス種類).

Rules encoded here (rules-v4.1.md):
- §5: 6表 and 7表 carry the whole 利用票: every in-scope service of the client from EVERY provider,
  whichever provider the file goes to; a destination receives only the clients it serves.
- §11 / data/exchange_scope.csv: lines of a service type out of scope are dropped (reported); so are
  lines without a サービスコード or without the provider's 事業所番号 (No.20 is required).
- §8 UPPLAN: one record per service code per date (No.10), No.14 the count on that day, times HHMM or
  9999; 17/67 carry the TAIS / 届出 code.
- §8 UPSIKYU: detail rows per provider and service code, a `{種類}AAAA` subtotal per (provider,
  service type), exactly one total row per client (サービスコード 999999, 事業所コード 9999999999);
  単位数 0 and 割引後 empty on subtotal and total rows. The figures are billing's 第7表 calculation
  (billing.annex_selectors.month_annexes → billing.rules.calculate), never recomputed here.
- §4: UPHOSOKU with the 6表 family: No.4 = 00000000, No.63 = 対象年月.

`month_rows` reads nothing: billing's `month_annexes` fetched a whole office in a fixed number of
queries. Choices where the spec is silent are listed in docs/careplan-exchange.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import timezone

from carebridge.billing.annex import UsageAnnex, certifications_of_month, month_bounds, price_text
from carebridge.billing.annex_selectors import MonthAnnex, month_annexes
from carebridge.billing.models import UsageLine, UsageSlip
from carebridge.clients import rules as client_rules
from carebridge.clients.models import Certification, Client, Sex
from carebridge.core.models import Office

from .exchange_layout import csv_version_for, in_scope
from .exchange_plan import SEX_CODES, Destination, Row, hhmm, ymd

MONTH_KINDS_WRITTEN = ("UPHOSOKU", "UPPLAN", "UPSIKYU")
NO_PLAN_DATE = "00000000"  # UPHOSOKU No.4 when the record travels with 6表/7表 (rules §6)
TOTAL_CODE = "999999"
TOTAL_OFFICE = "9999999999"
NO_TIME = "9999"
WELFARE_EQUIPMENT = frozenset({"17", "67"})  # 福祉用具貸与: TAIS or 届出コード (rules §8)


@dataclass
class MonthFileSet:
    """The rows of the month set for one destination (possibly several clients)."""

    destination: Destination
    rows: dict[str, list[Row]] = field(default_factory=lambda: {k: [] for k in MONTH_KINDS_WRITTEN})
    clients: list[Client] = field(default_factory=list)


@dataclass
class MonthSetResult:
    month: dt.date
    sets: list[MonthFileSet]
    skipped: list[str]  # Japanese notes: lines or clients that could not be sent, and why


@dataclass(frozen=True)
class ClientMonthRows:
    """One client's month: its rows (the same for every destination) and its destinations."""

    client: Client
    rows: dict[str, list[Row]]
    destinations: list[Destination]


def yyyymm(month: dt.date) -> str:
    return month.strftime("%Y%m")


def _level_code(level: str) -> str:
    return client_rules.CARE_LEVEL_CODES.get(client_rules.CareLevel(level), "") if level else ""


def _care_manager_name(slip: UsageSlip) -> str:
    person = slip.care_manager or slip.client.care_manager
    return str(person) if person is not None else ""


def _sendable(line: UsageLine, month: dt.date, notes: list[str], client: Client) -> bool:
    """Whether a 第6表 line can travel (rules §11 scope, No.15 and No.20 required)."""
    label = line.service_name or line.service_code or "（空の行）"
    if not line.service_type or not line.service_code:
        notes.append(f"{client.name}: {label} はサービスコードがないため送りません")
        return False
    if not in_scope(line.service_type, month):
        notes.append(f"{client.name}: {label}（種類{line.service_type}）は連携対象外のため送りません")
        return False
    if line.provider is None or not line.provider.provider_number:
        notes.append(f"{client.name}: {label} は事業所番号が名簿にないため送れません")
        return False
    return True


def hosoku_month_row(item: MonthAnnex, office: Office, month: dt.date) -> Row:
    """利用者補足情報 with the 6表 family: No.4 = 00000000, No.63 = 対象年月 (rules §4, §6); the
    6表 header's values: certification at the month's end, the 第7表's limit and short-stay days."""
    client: Client = item.slip.client
    sheet: UsageAnnex = item.annex
    first, last = month_bounds(month)
    in_month: list[Certification] = list(certifications_of_month(item.certifications, month))  # type: ignore[arg-type]
    cert = client_rules.certification_in_effect(in_month, last) or (in_month[-1] if in_month else None)
    if cert is None:  # no certified line in the month: the one in effect (申請中 …), if any
        cert = client_rules.certification_in_effect(item.certifications, last)
    levels = [c.care_level for c in in_month]
    changed = len(set(levels)) > 1 and cert is not None  # 区分変更 in the month (rules §8: R17, R59)
    previous_level = next((lvl for lvl in reversed(levels) if cert is not None and lvl != cert.care_level), "")
    stay = sheet.short_stay
    has_stay = bool(stay.this_month or stay.before)
    row: Row = [
        csv_version_for(yyyymm(month)),  # No.1 written here: rows of strings skip the writer's conversion
        client.insurer_number,
        client.insured_number,
        NO_PLAN_DATE,
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
        ("2" if cert.is_certified else "1") if cert else "",
        ymd(cert.valid_from) if changed and cert else "",
        _level_code(cert.care_level) if cert else "",
        str(sheet.limit_units) if in_month else "",
    ]
    row += [""] * 36  # No.20–55 種類別支給限度 frames: only when the insurer caps a kind (none in the data)
    row += [
        "",  # No.56 合計限度超 (種類支給限度)
        str(stay.before) if has_stay else "",
        str(stay.total) if has_stay else "",
        _level_code(previous_level) if changed else "",
        office.office_number,
        office.office_number,
        "",
        yyyymm(first),
    ]
    return row


def _equipment_numbers(lines: Sequence[UsageLine]) -> dict[int, str]:
    """No.19 明細判別コード: 1, 2, 3… for 17 福祉用具貸与 lines sharing provider, code and units."""
    groups: dict[tuple[object, str, int], list[UsageLine]] = {}
    for line in lines:
        if line.service_type == "17":
            groups.setdefault((line.provider_id, line.service_code, line.units), []).append(line)
    return {ln.pk: str(n) for same in groups.values() if len(same) > 1 for n, ln in enumerate(same, start=1)}


def plan_sheet_rows(item: MonthAnnex, lines: Sequence[UsageLine], office: Office, month: dt.date) -> list[Row]:
    """UPPLAN: one record per service code per date (rules §8), from the planned days (予定)."""
    slip = item.slip
    client: Client = slip.client
    first, last = month_bounds(month)
    head: Row = [
        csv_version_for(yyyymm(first)),
        client.insurer_number,
        client.insured_number,
        ymd(_made_on(slip)),
        yyyymm(first),
        office.office_number,
        _care_manager_name(slip),
    ]
    dates = [f"{first:%Y%m}{day:02d}" for day in range(1, last.day + 1)]  # No.10, once per month
    line_units = _line_units(item)
    short_stay = {d.day for d in item.annex.short_stay.uncovered}
    stay_types = item.short_stay_types
    numbers = _equipment_numbers(lines)
    out: list[Row] = []
    for line in lines:
        provider = line.provider
        equipment = line.service_type in WELFARE_EQUIPMENT
        stays = line.service_type in stay_types
        tail_common = (
            line.service_code,
            line.product_code if equipment else "",
            "",
            line.service_name if equipment else "",
            numbers.get(line.pk, ""),
            provider.provider_number if provider is not None else "",
            line.provider_name or (provider.name if provider is not None else ""),  # as the 第7表 names it
            "",
        )
        before = str(slip.short_stay_days_before) if stays else ""
        if line.rate_permille is not None:
            # A rate-based addition: its units are the month's (computed on the group); one record
            # on its first planned day (else the 1st), as the importer treats it as one occurrence.
            planned = [i for i, c in enumerate(line.planned_days[: last.day]) if c != "0"]
            day = planned[0] + 1 if planned else 1
            out.append(
                [
                    *head,
                    str(line_units.get(line.pk, 0)),
                    before,
                    dates[day - 1],
                    "",
                    NO_TIME,
                    NO_TIME,
                    "1",
                    *tail_common,
                    "0",
                    office.office_number,
                    "",
                ]
            )
            continue
        start = hhmm(line.start_time) or NO_TIME
        end = hhmm(line.end_time) or NO_TIME
        for index, count in enumerate(line.planned_days[: last.day]):
            if count == "0":
                continue
            out.append(
                [
                    *head,
                    str(line.units),
                    before,
                    dates[index],
                    "",
                    start,
                    end,
                    count,
                    *tail_common,
                    "1" if stays and index + 1 in short_stay else "0",
                    office.office_number,
                    "",
                ]
            )
    return out


def _made_on(slip: UsageSlip) -> dt.date:
    """作成年月日 of 第6表/第7表: the day the version was made (its creation, office local time)."""
    return timezone.localtime(slip.created_at).date() if slip.created_at else slip.month


def _line_units(item: MonthAnnex) -> dict[int, int]:
    """The service units of each line as billing's calculation gave them (rate lines included)."""
    by_row = {id(al.row): al.result.units for group in item.annex.groups for al in group.lines}
    return {line.pk: by_row.get(id(row), 0) for line, row in zip(item.lines, item.rows, strict=True)}


def annex_sheet_rows(item: MonthAnnex, keep: set[int], office: Office, month: dt.date) -> list[Row]:
    """UPSIKYU: per (provider, service type) its detail rows (one per service code and units), its
    `{種類}AAAA` subtotal with the group's figures, then the client's one total row (rules §8)."""
    slip = item.slip
    client: Client = slip.client
    sheet = item.annex
    first, _ = month_bounds(month)
    month_key = yyyymm(first)
    made_on = ymd(_made_on(slip))
    head: Row = [csv_version_for(month_key), client.insurer_number, client.insured_number, made_on, month_key]
    line_of = {id(row): line for line, row in zip(item.lines, item.rows, strict=True)}
    uncovered = {d.day for d in sheet.short_stay.uncovered}
    rate = str(sheet.benefit_rate)
    office_no = office.office_number
    out: list[Row] = []
    totals = [0] * 8  # units, managed, over, in, cost, claim, copay, full
    for group in sheet.groups:
        kept = [al for al in group.lines if line_of[id(al.row)].pk in keep]
        if not kept:
            continue
        details: dict[tuple[str, int, bool], list[int]] = {}  # (code, units, rate) → count, units, over, managed
        extra: dict[tuple[str, int, bool], tuple[str, str, str]] = {}
        over30: set[tuple[str, int, bool]] = set()
        for al in kept:
            line = line_of[id(al.row)]
            key = (line.service_code, line.units if line.rate_permille is None else 0, line.rate_permille is not None)
            acc = details.setdefault(key, [0, 0, 0, 0])
            acc[0] += al.row.count if line.rate_permille is None else 1
            acc[1] += al.result.units
            acc[2] += al.result.over_limit_units
            is_managed = line.limit_managed and line.rate_permille is None
            acc[3] += al.result.units if is_managed else 0
            if line.service_type in WELFARE_EQUIPMENT and key not in extra:
                extra[key] = (line.product_code, "", line.service_name)
            if uncovered and any(ch != "0" and i + 1 in uncovered for i, ch in enumerate(al.row.days)):
                over30.add(key)
        name = group.provider_name
        for key, (count, units, over, managed) in details.items():
            code, per, is_rate = key
            tais, notified, equipment = extra.get(key, ("", "", ""))
            out.append(
                [
                    *head,
                    name,
                    group.provider_number,
                    "",
                    code,
                    tais,
                    notified,
                    equipment,
                    str(units if is_rate else per),
                    "",
                    "",
                    str(count),
                    str(units),
                    str(managed) if managed else "",
                    "",
                    "",
                    str(over) if managed and over else "",
                    str(managed - over) if managed else "",
                    *[""] * 10,
                    "1" if key in over30 else "0",
                    "",
                    "",
                    office_no,
                    "",
                ]
            )
        g = group.result
        # Over-limit units of the group's limit-managed lines only (a rate line's over part is full pay).
        g_managed_over = sum(
            al.result.over_limit_units
            for al in kept
            if line_of[id(al.row)].limit_managed and line_of[id(al.row)].rate_permille is None
        )
        figures = [
            g.units,
            g.limit_managed_units,
            g_managed_over,
            g.in_limit_units,
            g.total_cost,
            g.insurance_claim,
            g.copay,
            g.full_pay,
        ]
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        code = f"{group.service_type}AAAA"
        price = price_text(g.unit_price)
        out.append(_summary_row(head, name, group.provider_number, code, figures, rate, office_no, price, ""))
    stay = sheet.short_stay
    out.append(
        _summary_row(
            head,
            "",
            TOTAL_OFFICE,
            TOTAL_CODE,
            totals,
            rate,
            office_no,
            "",
            TOTAL_OFFICE,
            stay=(stay.before, stay.this_month, stay.total) if (stay.this_month or stay.before) else None,
        )
    )
    return out


def _summary_row(
    head: Row,
    name: str,
    number: str,
    code: str,
    figures: Sequence[int],
    rate: str,
    office_no: str,
    price: str,
    fixed: str,
    stay: tuple[int, int, int] | None = None,
) -> Row:
    """A subtotal or total row: 単位数 0, 割引後 empty (rules §8), 回数 0, the figures of the group."""
    units, managed, over, in_limit, cost, claim, copay, full = figures
    return [
        *head,
        name,
        number,
        "",
        code,
        "",
        "",
        "",
        "0",
        "",
        "",
        "0",
        str(units),
        str(managed) if managed else "",
        "",
        "",
        str(over),
        str(in_limit),
        price,
        str(cost),
        rate,
        str(claim),
        "",
        str(copay),
        str(full),
        *(tuple(map(str, stay)) if stay is not None else ("", "", "")),
        "0",
        fixed,
        "",
        office_no,
        "",
    ]


def client_month_rows(item: MonthAnnex, office: Office, month: dt.date, notes: list[str]) -> ClientMonthRows | None:
    """The rows of one client's month and its destinations; None when nothing can be sent."""
    slip = item.slip
    client: Client = slip.client
    lines = [line for line in item.lines if _sendable(line, month, notes, client)]
    if not lines:
        notes.append(f"{client.name}: 連携対象のサービスがないため送れません")
        return None
    found: dict[tuple[str, str], Destination] = {}
    for line in lines:
        provider = line.provider
        if provider is not None:
            found.setdefault(
                (provider.provider_number, line.service_type),
                Destination(provider.provider_number, line.service_type, provider.name, provider.pk),
            )
    rows = {
        "UPHOSOKU": [hosoku_month_row(item, office, month)],
        "UPPLAN": plan_sheet_rows(item, lines, office, month),
        "UPSIKYU": annex_sheet_rows(item, {line.pk for line in lines}, office, month),
    }
    return ClientMonthRows(client, rows, [found[k] for k in sorted(found)])


def build_month_sets(items: Sequence[MonthAnnex], office: Office, month: dt.date) -> MonthSetResult:
    """Group clients' month rows per destination; a client is only in the files of its providers."""
    sets: dict[tuple[str, str], MonthFileSet] = {}
    notes: list[str] = []
    for item in items:
        built = client_month_rows(item, office, month, notes)
        if built is None:
            continue
        for target in built.destinations:
            file_set = sets.get((target.number, target.service_type))
            if file_set is None:
                file_set = sets[(target.number, target.service_type)] = MonthFileSet(target)
            for kind, kind_rows in built.rows.items():
                file_set.rows[kind].extend(kind_rows)  # rows are shared, never changed by the writer
            file_set.clients.append(built.client)
    return MonthSetResult(month=month, sets=[sets[k] for k in sorted(sets)], skipped=notes)


def months_of_office(office: Office, month: dt.date, *, client_ids: Sequence[int] | None = None) -> list[MonthAnnex]:
    """Every client's current slip of the month with its 第7表 (billing's selector; few queries)."""
    return month_annexes(office_id=office.pk, month=month, client_ids=client_ids)


def withdrawal_rows(client: Client, month: dt.date) -> list[Row]:
    """DLTPLAN: 保険者番号 + 被保険者番号 + 削除対象年月 withdraw the 6表(予定) and its 7表 (rules §4)."""
    return [[csv_version_for(yyyymm(month)), client.insurer_number, client.insured_number, yyyymm(month)]]
