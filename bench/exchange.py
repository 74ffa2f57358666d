"""Benchmark of the exchange's month set (issue 11's acceptance): an office of 10,000 clients, each
with a certification and a month's slip of 4 lines from 3 providers (訪問介護 twice, 訪問看護,
通所介護 or 福祉用具貸与), 200 providers in all. Exports the month set (UPHOSOKU, UPPLAN, UPSIKYU per
destination, zipped, send records written) and prints files/s and MB/s, then the writer alone
against writing the same rows with the csv module alone (MS932, CRLF) — aim: within 2×. Figures
are printed, not asserted.

    uv run python bench/exchange.py [--clients 10000] [--db sqlite|postgres] [--profile]

PostgreSQL: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/cb_bench_exchange; the
database is dropped and made again).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/cb_bench_exchange")
MONTH = dt.date(2026, 5, 1)
PROVIDERS = 200
# (service type, code, units, name, start, end) — the seed's codes; times as a 第6表 line has them.
SERVICES = (
    ("11", "111211", 387, "身体介護2", dt.time(9), dt.time(10)),
    ("11", "112111", 220, "生活援助3", dt.time(14), dt.time(15)),
    ("13", "131311", 823, "訪問看護Ⅰ3", dt.time(10, 30), dt.time(11, 30)),
    ("15", "151521", 777, "通所介護Ⅰ52", dt.time(9, 30), dt.time(16, 30)),
    ("17", "171001", 300, "手すり（廊下）", None, None),
)


def _fresh_pg(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--profile", action="store_true", help="cProfile the writer stage instead of timing it")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cb-bench-exchange-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "carebridge.settings.test"
    os.environ["CAREBRIDGE_VAR_DIR"] = str(tmp)
    if args.db == "postgres":
        _fresh_pg(PG_URL)
        os.environ["DATABASE_URL"] = PG_URL
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    office = build(args.clients)
    print(f"\n[{connection.vendor}] データ作成: 利用者 {args.clients:,}名 {time.perf_counter() - started:.1f} 秒")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    from carebridge.interop import exchange_month
    from carebridge.interop.exchange_layout import MONTH_SET
    from carebridge.interop.exchange_month_services import exchange_month_export
    from carebridge.interop.exchange_writer import write_file

    # 1. The whole export: read, 第7表, rows, write, zip, send records.
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(exchange_month_export, actor=None, office=office, month=MONTH, via="cli")
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        result = exchange_month_export(actor=None, office=office, month=MONTH, via="cli")
        export_s = time.perf_counter() - start
    files = [f for a in result.archives for f in a.files]
    csv_bytes = sum(len(f.data) for f in files)
    records = sum(f.records for f in files)
    print(
        f"  出力（読み込み・第7表・行・書き出し・ZIP・送信記録） {export_s:7.2f} 秒  クエリ {len(ctx.captured_queries)}"
    )
    print(
        f"    送信先 {len(result.archives):,}件  ファイル {len(files):,}件  レコード {records:,}件  "
        f"CSV {csv_bytes / 1e6:.1f} MB"
    )
    print(f"    {len(files) / export_s:,.0f} ファイル/秒  {csv_bytes / 1e6 / export_s:.2f} MB/秒")

    # 2. The writer alone against the csv module alone, on the very same rows.
    month_key = MONTH.strftime("%Y%m")
    start = time.perf_counter()
    built = exchange_month.build_month_sets(exchange_month.months_of_office(office, MONTH), office, MONTH)
    rows_s = time.perf_counter() - start
    jobs = [(kind, s.rows[kind]) for s in built.sets for kind in MONTH_SET]

    def ours() -> int:
        return sum(len(write_file(kind, rows, month=month_key).data) for kind, rows in jobs)

    def csv_module() -> int:
        total = 0
        for _kind, rows in jobs:
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerows(rows)  # the rows carry their CSVバージョン already
            total += len(buffer.getvalue().encode("cp932", errors="replace"))
        return total

    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(ours)
        pstats.Stats(profile).sort_stats("tottime").print_stats(15)
        return
    ours_s, ours_bytes = best_of(3, ours)
    csv_s, csv_bytes_plain = best_of(3, csv_module)
    print(f"  行の組み立て（読み込み・第7表を含む）             {rows_s:7.2f} 秒")
    ours_mb, csv_mb = ours_bytes / 1e6 / ours_s, csv_bytes_plain / 1e6 / csv_s
    print(f"  書き出しだけ（exchange_writer）                   {ours_s:7.2f} 秒  {ours_mb:.2f} MB/秒")
    print(f"  csvモジュールだけ（MS932・CRLF）                  {csv_s:7.2f} 秒  {csv_mb:.2f} MB/秒")
    print(f"  書き出し / csvモジュール                          {ours_s / csv_s:7.2f} 倍（目標 2倍以内）")
    print(f"  出力全体 / csvモジュール                          {export_s / csv_s:7.2f} 倍")


def best_of(repeat: int, work: Any) -> tuple[float, int]:
    best, size = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = work()
        best = min(best, time.perf_counter() - start)
    return best, size


def build(n: int) -> Any:
    """The office, fast: bulk_create of every row (no service, no audit: this is set-up)."""
    from carebridge.billing.models import SlipStatus, UsageLine, UsageSlip
    from carebridge.clients.models import Certification, Client
    from carebridge.core.models import Office, User
    from carebridge.desk.demo import insurer_with_check_digit, with_check_digit
    from carebridge.directory.models import Provider

    office = Office.objects.create(
        office_number=with_check_digit("137129998"), name="ベンチ居宅", region_grade="1", prefecture="東京都"
    )
    cms = User.objects.bulk_create(
        User(username=f"bench_cm{i}", role="care_manager", office=office, display_name=f"介護 支援{i}")
        for i in range(50)
    )
    kinds = ["11", "13", "15", "17"]
    providers = Provider.objects.bulk_create(
        Provider(
            office=office,
            provider_number=with_check_digit(f"13712{6000 + i:04d}"),
            name=f"{['ヘルパー', '訪問看護', 'デイサービス', '福祉用具'][i % 4]}ステーション{i}",
            service_type_codes=[kinds[i % 4]],
        )
        for i in range(PROVIDERS)
    )
    by_kind = {k: [p for p in providers if p.service_type_codes == [k]] for k in kinds}
    insurer = insurer_with_check_digit("13112")
    clients = Client.objects.bulk_create(
        (
            Client(
                office=office,
                name=f"ベンチ 利用者{i}",
                kana="ベンチ　リヨウシャ",
                birth_date=dt.date(1940, 4, 1),
                sex="female",
                insurer_number=insurer,
                insured_number=f"{i:010d}",
                care_manager=cms[i % len(cms)],
                address="東京都世田谷区1-2-3",
                postal_code="154-0017",
            )
            for i in range(n)
        ),
        batch_size=1000,
    )
    levels = ["care_1", "care_2", "care_3", "care_4", "care_5"]
    Certification.objects.bulk_create(
        (
            Certification(
                office=office,
                client=c,
                status="certified",
                care_level=levels[i % len(levels)],
                certified_on=dt.date(2026, 3, 25),
                valid_from=dt.date(2026, 4, 1),
                valid_to=dt.date(2027, 3, 31),
            )
            for i, c in enumerate(clients)
        ),
        batch_size=1000,
    )
    slips = UsageSlip.objects.bulk_create(
        (
            UsageSlip(office=office, client=c, month=MONTH, status=SlipStatus.CONFIRMED, care_manager=c.care_manager)
            for c in clients
        ),
        batch_size=1000,
    )
    lines = []
    for i, slip in enumerate(slips):
        helper = by_kind["11"][i % len(by_kind["11"])]
        third = "15" if i % 3 else "17"
        chosen = [
            (SERVICES[0], helper, "1010100" * 4 + "101"),  # 月水金
            (SERVICES[1], helper, "0100010" * 4 + "010"),  # 火土
            (SERVICES[2], by_kind["13"][i % len(by_kind["13"])], "0001000" * 4 + "000"),
            (
                SERVICES[3] if third == "15" else SERVICES[4],
                by_kind[third][(i // 3) % len(by_kind[third])],
                "0100100" * 4 + "010" if third == "15" else "1" + "0" * 30,
            ),
        ]
        for k, ((kind, code, units, name, start, end), provider, days) in enumerate(chosen):
            lines.append(
                UsageLine(
                    office=office,
                    slip=slip,
                    position=k,
                    provider=provider,
                    provider_name=provider.name,
                    service_type=kind,
                    service_code=code,
                    service_name=name,
                    start_time=start,
                    end_time=end,
                    units=units,
                    product_code="00001-000010" if kind == "17" else "",
                    planned_days=days,
                )
            )
    UsageLine.objects.bulk_create(lines, batch_size=2000)
    return office


if __name__ == "__main__":
    main()
