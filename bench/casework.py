"""Benchmark: an office of 50 care managers × 40 clients with 3 years of monthly monitoring and
progress notes. Prints the time and query count of the 今日 page, the client page and the monthly
運営基準 report (page and API). Figures are printed, not asserted.

    uv run python bench/casework.py [--care-managers 50] [--clients-each 40] [--months 36]
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
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="cb-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "carebridge.settings.test"
    os.environ["CAREBRIDGE_VAR_DIR"] = str(tmp)
    # A throwaway database of its own (BENCH_DATABASE_URL measures PostgreSQL: give it an empty database).
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client as HttpClient
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    viewer, sample = build(args)
    print(f"\nデータ作成: {time.perf_counter() - started:.1f} 秒")

    from carebridge.careplans.models import CarePlan
    from carebridge.casework.models import MonitoringVisit, ProgressNote
    from carebridge.clients.models import Client

    print(
        f"事業所: 介護支援専門員 {args.care_managers}名 × 利用者 {args.clients_each}名 = "
        f"{Client.objects.count()}名、計画 {CarePlan.objects.count()}件、モニタリング "
        f"{MonitoringVisit.objects.count()}件、支援経過 {ProgressNote.objects.count()}件 ({connection.vendor})"
    )
    http = HttpClient()
    http.force_login(viewer)
    from carebridge.core.services import api_token_create

    token = api_token_create(actor=None, user=viewer)
    month = dt.date.today().strftime("%Y-%m")  # noqa: DTZ011 - a benchmark's own clock
    pages = {
        "今日 /today/（担当40名）": ("/today/", {}),
        "利用者ページ": (f"/clients/{sample.pk}/", {}),
        "支援経過（第5表）一覧": (f"/care/clients/{sample.pk}/notes/", {}),
        "運営基準チェック（事業所・今月）": (f"/care/compliance/?month={month}", {}),
        "API /api/v1/compliance": (f"/api/v1/compliance?month={month}", {"HTTP_AUTHORIZATION": f"Bearer {token}"}),
    }
    for label, (url, headers) in pages.items():
        times = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = http.get(url, **headers)
                times.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")
        print(f"  {label:<30} 中央値 {statistics.median(times):8.1f} ms   クエリ {len(ctx.captured_queries)}")


def build(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    from carebridge.careplans.models import (
        CareConference,
        CarePlan,
        Goal,
        Need,
        PlanConsent,
        PlanDelivery,
        PlannedService,
    )
    from carebridge.casework.models import MonitoringVisit, ProgressNote
    from carebridge.clients.models import Certification, Client
    from carebridge.core import dates
    from carebridge.core.models import Office, User
    from carebridge.desk.demo import insurer_with_check_digit, with_check_digit
    from carebridge.directory.models import Provider

    today = dt.date.today()  # noqa: DTZ011 - a benchmark's own clock
    this_month = dates.month_start(today)
    months = [this_month]
    for _ in range(args.months - 1):
        months.append(dates.previous_month(months[-1]))
    first_month = months[-1]
    office = Office.objects.create(
        office_number=with_check_digit("137129998"), name="ベンチ事業所", region_grade="1", prefecture="東京都"
    )
    provider = Provider.objects.create(
        office=office, name="ベンチ通所介護", provider_number=with_check_digit("137129997"), service_type_codes=["15"]
    )
    cms = User.objects.bulk_create(
        User(username=f"bench_cm{i}", role="care_manager", office=office) for i in range(args.care_managers)
    )
    insurer = insurer_with_check_digit("13112")
    n = 0
    for cm in tqdm(cms, desc="利用者と3年分の記録", unit="人"):
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
                certified_on=first_month,
                valid_from=first_month,
                valid_to=today + dt.timedelta(days=30 + c.pk % 300),
            )
            for c in clients
        )
        start = first_month + dt.timedelta(days=14)
        plans = CarePlan.objects.bulk_create(
            CarePlan(
                office=office,
                client=c,
                version=1,
                status="active",
                drafted_on=start - dt.timedelta(days=5),
                made_on=start - dt.timedelta(days=5),
                service_start_on=start,
                author=cm,
            )
            for c in clients
        )
        needs = Need.objects.bulk_create(Need(office=office, plan=p, order=1, text="入浴したい") for p in plans)
        longs = Goal.objects.bulk_create(
            Goal(office=office, need=nd, term="long", text="入浴できる", period_start=start, period_end=today)
            for nd in needs
        )
        shorts = Goal.objects.bulk_create(
            Goal(
                office=office,
                need=g.need,
                term="short",
                parent=g,
                text="介助で入浴",
                period_start=start,
                period_end=today,
            )
            for g in longs
        )
        PlannedService.objects.bulk_create(
            PlannedService(
                office=office,
                goal=g,
                content="入浴介助",
                service_kind="通所介護",
                provider=provider,
                service_type_code="15",
                frequency="週2回",
                period_start=start,
                period_end=today,
            )
            for g in shorts
        )
        CareConference.objects.bulk_create(
            CareConference(
                office=office,
                plan=p,
                held_on=start - dt.timedelta(days=3),
                place="自宅",
                items_discussed="x",
                discussion="x",
                conclusion="x",
            )
            for p in plans
        )
        PlanConsent.objects.bulk_create(
            PlanConsent(office=office, plan=p, consented_on=start - dt.timedelta(days=3), signer_name="本人")
            for p in plans
        )
        PlanDelivery.objects.bulk_create(
            [PlanDelivery(office=office, plan=p, delivered_on=start - dt.timedelta(days=3)) for p in plans]
            + [
                PlanDelivery(office=office, plan=p, provider=provider, delivered_on=start - dt.timedelta(days=3))
                for p in plans
            ]
        )
        MonitoringVisit.objects.bulk_create(
            MonitoringVisit(office=office, client=c, plan=p, month=m, visited_on=m.replace(day=10))
            for c, p in zip(clients, plans, strict=True)
            for m in months[1:]  # this month's visits are still to do
        )
        ProgressNote.objects.bulk_create(
            ProgressNote(office=office, client=c, noted_on=m.replace(day=d), category="visit", content="訪問")
            for c in clients
            for m in months
            for d in (3, 10, 20)
        )
    viewer = cms[0]
    return viewer, Client.objects.filter(care_manager=viewer).first()


if __name__ == "__main__":
    sys.exit(main())
