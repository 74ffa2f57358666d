"""Benchmark: the month close and the 国保連 export of an office with 10,000 clients (each with a
certification, a plan in effect and a confirmed slip of 3 lines), on SQLite and on PostgreSQL.
Prints the time and query count of the close and the export, and their ratio to a raw SQL read
of the same rows (slips, lines, clients, certifications, plans). Figures are printed, not asserted.

    uv run python bench/billing_close.py [--clients 10000] [--backend both|sqlite|postgres]

PostgreSQL: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/cb_bench_close; the database
is dropped and made again).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/cb_bench_close")
MONTH = dt.date(2026, 5, 1)


def _fresh_pg(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--backend", choices=["both", "sqlite", "postgres"], default="both")
    args = parser.parse_args()
    if args.backend == "both":
        for backend in ("sqlite", "postgres"):
            argv = [sys.executable, __file__, "--clients", str(args.clients), "--backend", backend]
            subprocess.run(argv, check=True)  # noqa: S603 - this script again, with fixed arguments
        return
    tmp = Path(tempfile.mkdtemp(prefix="cb-bench-close-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "carebridge.settings.test"
    os.environ["CAREBRIDGE_VAR_DIR"] = str(tmp)
    if args.backend == "postgres":
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
    actor = build(args.clients)
    print(f"\n[{connection.vendor}] データ作成: 利用者 {args.clients:,}名 {time.perf_counter() - started:.1f} 秒")

    from carebridge.billing import close_services, federation_csv

    if connection.vendor == "postgresql":  # what autovacuum would have done after the load
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    raw = raw_read(connection)
    if os.environ.get("BENCH_PROFILE"):  # where the time goes, instead of the figures
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(close_services.month_close, actor=actor, month=MONTH)
        profile.runcall(close_services.federation_export, actor=actor, month=MONTH)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
        return
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        close = close_services.month_close(actor=actor, month=MONTH)
        close_s = time.perf_counter() - start
    close_q = len(ctx.captured_queries)
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        send = close_services.federation_export(actor=actor, month=MONTH)
        export_s = time.perf_counter() - start
    export_q = len(ctx.captured_queries)
    parsed = federation_csv.parse(bytes(send.content))
    assert not parsed.errors, parsed.errors[:3]  # noqa: S101 - the file must be sound to be worth timing
    total = close_s + export_s
    print(f"  生SQLで同じ行を読む                 {raw * 1000:9.1f} ms")
    print(f"  月締め（利用票 {close.slips_locked:,}件）          {close_s * 1000:9.1f} ms   クエリ {close_q}")
    label = f"国保連ファイル（{send.statement_count:,}件・{send.size:,}バイト）"
    print(f"  {label} {export_s * 1000:9.1f} ms   クエリ {export_q}")
    print(f"  月締め＋送信 / 生SQL                 {total / raw:9.1f} 倍")


def raw_read(connection) -> float:  # type: ignore[no-untyped-def]
    """The same rows the close reads, with plain SQL and no model instances (best of 3)."""
    sql = [
        "SELECT s.id, s.client_id, s.version, s.status, c.insurer_number, c.insured_number, c.birth_date, c.sex "
        "FROM billing_usageslip s JOIN clients_client c ON c.id = s.client_id WHERE s.month = %s",
        "SELECT l.slip_id, l.service_type, l.service_code, l.units, l.planned_days, l.limit_managed, p.provider_number "
        "FROM billing_usageline l JOIN billing_usageslip s ON s.id = l.slip_id "
        "LEFT JOIN directory_provider p ON p.id = l.provider_id WHERE s.month = %s",
        "SELECT client_id, care_level, valid_from, valid_to FROM clients_certification WHERE valid_from <= %s",
        "SELECT client_id, version, status, service_start_on FROM careplans_careplan WHERE service_start_on <= %s",
    ]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        with connection.cursor() as cursor:
            for query in sql:
                cursor.execute(query, [MONTH])
                cursor.fetchall()
        best = min(best, time.perf_counter() - start)
    return best


def build(n: int):  # type: ignore[no-untyped-def]
    from carebridge.billing.models import SlipStatus, UsageLine, UsageSlip
    from carebridge.careplans.models import CarePlan, PlanStatus
    from carebridge.clients.models import Certification, Client
    from carebridge.core.models import Office, User
    from carebridge.desk.demo import insurer_with_check_digit, with_check_digit
    from carebridge.directory.models import Provider

    office = Office.objects.create(
        office_number=with_check_digit("137129999"), name="ベンチ居宅", region_grade="1", prefecture="東京都"
    )
    actor = User.objects.create(username="bench_clerk", role="clerk", office=office)
    cms = User.objects.bulk_create(
        User(username=f"bench_cm{i}", role="care_manager", office=office, care_manager_number=f"{13000000 + i:08d}")
        for i in range(50)
    )
    providers = Provider.objects.bulk_create(
        Provider(office=office, provider_number=with_check_digit(f"13712{6000 + i:04d}"), name=f"訪問介護{i}")
        for i in range(20)
    )
    insurer = insurer_with_check_digit("13112")
    clients = Client.objects.bulk_create(
        (
            Client(
                office=office,
                name=f"ベンチ 利用者{i}",
                kana="ベンチ リヨウシャ",
                birth_date=dt.date(1940, 4, 1),
                sex="female",
                insurer_number=insurer,
                insured_number=f"{i:010d}",
                care_manager=cms[i % len(cms)],
            )
            for i in range(n)
        ),
        batch_size=1000,
    )
    levels = ["care_1", "care_2", "care_3", "support_1", "support_2"]
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
    start = dt.date(2026, 4, 1)
    CarePlan.objects.bulk_create(
        (
            CarePlan(
                office=office,
                client=c,
                version=1,
                status=PlanStatus.ACTIVE,
                made_on=start,
                drafted_on=start,
                service_start_on=start,
            )
            for c in clients
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
        for k in range(3):
            provider = providers[(i + k) % len(providers)]
            lines.append(
                UsageLine(
                    office=office,
                    slip=slip,
                    position=k,
                    provider=provider,
                    provider_name=provider.name,
                    service_type="11" if k < 2 else "15",
                    service_code="112111" if k < 2 else "151111",
                    service_name="身体介護2",
                    units=387 + k,
                    planned_days=("1" * (4 + k)).ljust(31, "0"),
                )
            )
    UsageLine.objects.bulk_create(lines, batch_size=2000)
    return actor


if __name__ == "__main__":
    main()
