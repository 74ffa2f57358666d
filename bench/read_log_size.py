"""Benchmark: how big the access log of reads grows in a month of one office's use.

Writes a month of read events through the real audit functions (core/audit.py `audit_list` for a
list, a search, 今日, a report or an API list — one event per request naming the client ids shown;
`audit_view` for one client's record or PDF) into a fresh database, each event inside a bound
request context as in a real request (request id and IP address), then prints the size the audit
table (rows and indexes) grew by. Figures are printed, not asserted.

Assumptions (per care manager and working day; change them with the options):
  list and search events (60):
    20 client list pages             — a page of up to 50 clients (the office has 35 × care managers)
    20 searches                      — 1 to 3 clients found
    10 今日 pages                    — the care manager's ~35 clients and a few due renewals
     5 API lists                     — 50 clients (an integration reading a page)
     5 運営基準 reports               — ~30 clients with findings
  detail events (40): one client's record, a plan, a PDF (one event naming one client).

    uv run python bench/read_log_size.py [--care-managers 10] [--days 22]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<empty db> uv run python bench/read_log_size.py
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
import uuid
from pathlib import Path

CLIENTS_EACH = 35


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--care-managers", type=int, default=10)
    parser.add_argument("--days", type=int, default=22)
    parser.add_argument("--lists", type=int, default=60, help="list/search events per care manager per day")
    parser.add_argument("--details", type=int, default=40, help="single-record views per care manager per day")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="cb-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "carebridge.settings.test"
    os.environ["CAREBRIDGE_VAR_DIR"] = str(tmp)
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from carebridge.clients.models import Client
    from carebridge.core.audit import audit_list, audit_view
    from carebridge.core.models import AuditEvent, Office, User

    call_command("migrate", verbosity=0)
    office = Office.objects.create(office_number="1371200011", name="計測事業所", region_grade="1", prefecture="東京都")
    staff = [
        User.objects.create(username=f"cm{i:02d}", role="care_manager", office=office)
        for i in range(args.care_managers)
    ]
    total_clients = CLIENTS_EACH * len(staff)
    rng = random.Random(7)
    base_rows = AuditEvent.objects.count()
    before = table_bytes(connection)

    def page_of(cm: int, size: int) -> list[int]:
        own = list(range(cm * CLIENTS_EACH + 1, (cm + 1) * CLIENTS_EACH + 1))
        others = rng.sample(range(1, total_clients + 1), max(0, size - len(own)))
        return (own + others)[:size]

    def lists_for(cm: int) -> list[list[int]]:
        n = args.lists
        kinds = (
            [page_of(cm, 50)] * (n * 20 // 60)
            + [rng.sample(range(1, total_clients + 1), rng.randint(1, 3)) for _ in range(n * 20 // 60)]
            + [page_of(cm, CLIENTS_EACH + 3)] * (n * 10 // 60)
            + [rng.sample(range(1, total_clients + 1), 50)] * (n * 5 // 60)
        )
        kinds += [rng.sample(range(1, total_clients + 1), 30)] * (n - len(kinds))
        return kinds

    started = time.perf_counter()
    ids_named = 0
    for _day in range(args.days):
        with transaction.atomic():
            for cm, actor in enumerate(staff):
                for ids in lists_for(cm):
                    with bound():
                        audit_list(actor=actor, subject=Client, client_ids=ids, search=len(ids) <= 3)
                    ids_named += len(ids)
                for _ in range(args.details):
                    client_id = rng.randint(cm * CLIENTS_EACH + 1, (cm + 1) * CLIENTS_EACH)
                    with bound():
                        audit_view(actor=actor, subject=Client(pk=client_id, office_id=office.pk), client_id=client_id)
    elapsed = time.perf_counter() - started
    rows = AuditEvent.objects.count() - base_rows
    grown = table_bytes(connection) - before
    lists = args.care_managers * args.days * args.lists
    details = args.care_managers * args.days * args.details
    mib = grown / 2**20
    print(f"データベース: {connection.vendor}")
    print(f"想定: 介護支援専門員 {args.care_managers}名 × {args.days}日")
    print(f"  1日に一覧・検索 {args.lists}回 + 詳細 {args.details}回（1人あたり）")
    print(f"書いた閲覧記録: {rows:,}件（一覧 {lists:,}件・詳細 {details:,}件）")
    print(f"  一覧が名指しした利用者ID: 延べ {ids_named:,}件")
    print(f"監査ログの増加（表と索引）: {mib:.1f} MiB / 月、1年で約 {mib * 12:.0f} MiB")
    print(f"  1件あたり {grown / rows:.0f} バイト")
    per_client = details + ids_named
    print(f"  利用者1人ごとに1行書く方式なら {per_client:,}行/月（約 {per_client / rows:.1f} 倍の行数）")
    print(f"書き込み時間: {elapsed:.1f} 秒（1件あたり {elapsed / rows * 1000:.2f} ms）")


class bound:
    """A request context for one simulated request (a fresh request id, an office IP address)."""

    def __enter__(self) -> None:
        from carebridge.core import request_context

        self.token = request_context.bind(
            request_context.RequestInfo(request_id=uuid.uuid4().hex, ip_address="192.168.10.23")
        )

    def __exit__(self, *exc: object) -> None:
        from carebridge.core import request_context

        request_context.unbind(self.token)


def table_bytes(connection) -> int:
    """The audit table's size with its indexes (PostgreSQL: pg_total_relation_size; SQLite: the
    pages dbstat counts for the table and its indexes, else the database file's used pages)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size('core_auditevent')")
            return int(cursor.fetchone()[0])
        try:
            cursor.execute(
                "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN "
                "(SELECT name FROM sqlite_master WHERE tbl_name = 'core_auditevent')"
            )
            return int(cursor.fetchone()[0])
        except Exception:
            cursor.execute("PRAGMA page_count")
            pages = int(cursor.fetchone()[0])
            cursor.execute("PRAGMA freelist_count")
            free = int(cursor.fetchone()[0])
            cursor.execute("PRAGMA page_size")
            return (pages - free) * int(cursor.fetchone()[0])


if __name__ == "__main__":
    main()
