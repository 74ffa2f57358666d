"""Benchmark: client list, today page and client detail with a large office.

Builds a throwaway SQLite database (or uses DATABASE_URL), an office with N care managers x 40
clients, and prints the time and query count of each page. Figures are printed, not asserted.

    uv run python bench/clients.py [--care-managers 50]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--care-managers", type=int, default=50)
    parser.add_argument("--clients-each", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="cb-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carebridge.settings.test")
    os.environ["CAREBRIDGE_VAR_DIR"] = str(tmp)
    # A throwaway database of its own (BENCH_DATABASE_URL measures PostgreSQL: give it an empty database).
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client as HttpClient
    from django.test.utils import CaptureQueriesContext
    from tqdm import tqdm

    from carebridge.clients.models import Certification, Client, Contact
    from carebridge.core.models import Office, User
    from carebridge.desk.demo import insurer_with_check_digit, with_check_digit

    call_command("migrate", verbosity=0)
    office = Office.objects.create(
        office_number=with_check_digit("137129999"), name="ベンチ事業所", region_grade="1", prefecture="東京都"
    )
    insurer = insurer_with_check_digit("13112")
    today = dt.date.today()  # noqa: DTZ011 - a benchmark's own clock
    cms = User.objects.bulk_create(
        User(username=f"bench_cm{i}", role="care_manager", office=office) for i in range(args.care_managers)
    )
    n = 0
    for cm in tqdm(cms, desc="利用者を作成", unit="人"):
        clients = Client.objects.bulk_create(
            Client(
                office=office,
                name=f"利用者 {n + j}",
                kana="ベンチ\u3000タロウ",
                birth_date=dt.date(1940, 1, 1),
                sex="male",
                insurer_number=insurer,
                insured_number=f"{n + j:010d}",
                care_manager=cm,
            )
            for j in range(args.clients_each)
        )
        n += len(clients)
        Certification.objects.bulk_create(
            Certification(
                office=office,
                client=c,
                status="certified",
                care_level="care_2",
                certified_on=today,
                valid_from=today - dt.timedelta(days=300),
                valid_to=today + dt.timedelta(days=(c.pk % 120)),
            )
            for c in clients
        )
        Contact.objects.bulk_create(Contact(office=office, client=c, name="家族", relationship="長女") for c in clients)
    viewer = cms[0]
    viewer.set_password("bench-password-1")
    viewer.save()
    http = HttpClient()
    http.force_login(viewer)
    some_client = Client.objects.filter(care_manager=viewer).first()
    pages = {
        "利用者一覧 /clients/": "/clients/",
        "利用者検索 /clients/?q=べんち": "/clients/?q=べんち",
        "今日 /today/": "/today/",
        "今日（事業所全体）": "/today/?scope=office",
        "利用者詳細": f"/clients/{some_client.pk}/",
    }
    print(f"\n事業所: 介護支援専門員 {len(cms)}名 × 利用者 {args.clients_each}名 = {n}名 ({connection.vendor})")
    for label, url in pages.items():
        times = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = http.get(url)
                times.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")
        print(f"  {label:<28} 中央値 {statistics.median(times):7.1f} ms   クエリ {len(ctx.captured_queries)}")


if __name__ == "__main__":
    sys.exit(main())
