"""UPJSK and DLTJSK files written by hand from the column spec (columns-v4.1.csv, UPJSK No.1–25 and
DLTJSK No.1–6), as a provider would send them — not with our own writer, so the importer is tested
against the spec and not against itself. Also a client with a May 2026 slip whose lines have codes,
times and providers, ready to take actuals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from carebridge.billing import slip_services
from carebridge.billing.models import UsageLine, UsageSlip
from carebridge.billing.slip_inputs import UsageLineInput
from carebridge.billing.slip_rules import no_master

from ..billing.slip_helpers import MAY, planned_client

STAMP = "20260605101500"
VERSION = "202407"


def hhmm(value: dt.time | None) -> str:
    return "9999" if value is None else f"{value:%H%M}"


def upjsk_record(
    *,
    insurer: str,
    insured: str,
    month: str,
    planner: str,
    provider: str,
    day: str,
    code: str,
    count: int = 1,
    start: str = "0900",
    end: str = "1000",
    units: str = "658",
    version: str = VERSION,
    provider_name: str = "通所センター",
) -> list[str]:
    """The 25 columns of one UPJSK record (第6表 実績情報), in spec order."""
    return [
        version,  # 1 CSVバージョン
        insurer,  # 2 保険者番号
        insured,  # 3 被保険者番号
        "20260605",  # 4 作成年月日
        month,  # 5 対象年月
        planner,  # 6 プラン担当業者コード (the care-management office)
        '"担当 ケアマネ"',  # 7 プラン担当者名 (free text: quoted)
        units,  # 8 単位数
        "",  # 9 前月までの短期入所利用日数
        day,  # 10 サービス利用日 YYYYMMDD
        "",  # 11 日割対象日
        start,  # 12 サービス開始時刻
        end,  # 13 サービス終了時刻
        str(count),  # 14 サービス回数
        code,  # 15 サービスコード
        "",  # 16 TAISコード
        "",  # 17 福祉用具届出コード
        "",  # 18 用具名称
        "",  # 19 明細判別コード
        provider,  # 20 サービス事業者コード
        f'"{provider_name}"',  # 21 サービス事業所名
        "",  # 22 サテライト枝番
        "0",  # 23 ３０日超区分
        provider,  # 24 更新業者コード (実績: the provider)
        "",  # 25 識別子
    ]


def dltjsk_record(*, insurer: str, insured: str, month: str, provider: str, service_type: str) -> list[str]:
    return [VERSION, insurer, insured, month, provider, service_type]


def csv_bytes(records: Iterable[Sequence[str]], *, ending: str = "\r\n", header: str | None = None) -> bytes:
    """Fields are written as given (quotes included) and joined; MS932."""
    lines = [header] if header is not None else []
    lines += [",".join(fields) for fields in records]
    return "".join(line + ending for line in lines).encode("cp932")


def name(kind: str, *, month: str, provider: str, office: str, provider_type: str = "15", stamp: str = STAMP) -> str:
    """The v4.1 name: sender (the provider) first, then the receiver (the care-management office)."""
    return f"{kind}_{month}_{provider}_{provider_type}_{office}_43_{stamp}.CSV"


def ready_slip(world, *, confirm: bool = False) -> tuple[object, UsageSlip, list[UsageLine]]:
    """A client with a May 2026 slip: the generated 通所介護 line of provider 0 (code 151111,
    09:00–16:00, the Tuesdays of the plan) plus its 入浴介助加算 line (156111, same days) and a
    訪問看護 line of provider 1 (131111, 1 May); every line with a provider, a code and planned days."""
    client, _plan, providers = planned_client(world)
    slip = slip_services.slip_generate(actor=world.cm_a, client=client, month=MAY, code_for=no_master)
    first = slip.lines.order_by("position", "id").first()
    slip_services.slip_line_update(
        actor=world.cm_a,
        line=first,
        data=UsageLineInput(
            provider_id=providers[0].pk,
            service_type="15",
            service_code="151111",
            service_name="通所介護",
            units=658,
            start_time=dt.time(9, 0),
            end_time=dt.time(16, 0),
            planned_days=first.planned_days,
        ),
    )
    slip_services.slip_line_add(
        actor=world.cm_a,
        slip=slip,
        data=UsageLineInput(
            provider_id=providers[0].pk,
            service_type="15",
            service_code="156111",
            service_name="通所介護入浴介助加算Ⅰ",
            units=40,
            start_time=dt.time(9, 0),
            end_time=dt.time(16, 0),
            planned_days=first.planned_days,
        ),
    )
    slip_services.slip_line_add(
        actor=world.cm_a,
        slip=slip,
        data=UsageLineInput(
            provider_id=providers[1].pk,
            service_type="13",
            service_code="131111",
            service_name="訪問看護",
            units=314,
            start_time=dt.time(14, 0),
            end_time=dt.time(14, 30),
            planned_days="1" + "0" * 30,
        ),
    )
    if confirm:
        slip = slip_services.slip_confirm(actor=world.cm_a, slip=slip)
    return client, slip, list(slip.lines.select_related("provider").order_by("position", "id"))


def records_from_days(client, line: UsageLine, days: str, *, office: str, month: str = "202605") -> list[list[str]]:
    """One UPJSK record per day with a count, for one slip line (what the provider did)."""
    out = []
    for index, ch in enumerate(days):
        if ch != "0":
            out.append(
                upjsk_record(
                    insurer=client.insurer_number,
                    insured=client.insured_number,
                    month=month,
                    planner=office,
                    provider=line.provider.provider_number,
                    day=f"{month}{index + 1:02d}",
                    code=line.service_code,
                    count=int(ch),
                    start=hhmm(line.start_time),
                    end=hhmm(line.end_time),
                    units=str(line.units),
                )
            )
    return out
