"""Benchmark: a company of 10,000 employees with 2 years of consultations, 個別周知 notices,
40-year information, leave history, plans and follow-up meetings. Prints the time and query
count of the company report (page and PDF), an employee's leave ledger and the HR home.
Figures are printed, not asserted (tests/workcare/test_query_counts.py asserts that the counts do
not grow with the number of employees).

    uv run python bench/workcare.py [--employees 10000] [--months 24] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--months", type=int, default=24)
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
    from django.urls import Resolver404, resolve

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    company, wcm, hr, sample = build(args)
    if connection.vendor == "postgresql":  # as autovacuum would have done: planner statistics
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"\nデータ作成: {time.perf_counter() - started:.1f} 秒")

    from carebridge.workcare.models import Consultation, Employee, IndividualNotice, LeaveRecord

    print(
        f"企業: 従業員 {Employee.objects.filter(company=company).count()}名、相談 {Consultation.objects.count()}件、"
        f"個別周知 {IndividualNotice.objects.count()}件、休業・休暇の記録 {LeaveRecord.objects.count()}件 "
        f"({connection.vendor})"
    )
    pages = [
        ("企業レポート（画面）", f"/workcare/companies/{company.pk}/report/", wcm, ""),
        ("企業レポート（PDF）", f"/workcare/companies/{company.pk}/report.pdf", wcm, ""),
        ("従業員の休業・休暇台帳", f"/workcare/employees/{sample.pk}/ledger/", wcm, "wc_rules"),
        ("人事ホーム /workcare/hr/", "/workcare/hr/", hr, "wc_portal"),
    ]
    for label, url, user, owner in pages:
        try:
            resolve(url)
        except Resolver404:
            print(f"  {label:<24} （{url} はまだありません: {owner} が作成中）")
            continue
        http = HttpClient()
        http.force_login(user)
        times = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = http.get(url)
                times.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                print(f"  {label:<24} HTTP {response.status_code}")
                break
        else:
            print(f"  {label:<24} 中央値 {statistics.median(times):8.1f} ms   クエリ {len(ctx.captured_queries)}")


def build(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from carebridge.core.models import Company, Office, User
    from carebridge.desk.demo import with_check_digit
    from carebridge.workcare.models import (
        CareRecipient,
        Consultation,
        EarlyInformation,
        Employee,
        IndividualNotice,
        LeaveRecord,
        SharingConsent,
        ThreePartyMeeting,
        WorkCarePlan,
    )

    today = dt.date.today()  # noqa: DTZ011 - a benchmark's own clock
    office = Office.objects.create(
        office_number=with_check_digit("137129996"), name="ベンチ事業所", region_grade="1", prefecture="東京都"
    )
    company = Company.objects.create(office=office, name="ベンチ工業", employee_count=args.employees)
    wcm = User.objects.create(username="bench_wcm", role="workplace_care_manager", office=office)
    hr = User.objects.create(username="bench_hr", role="company_hr", company=company)
    batch = 2000
    channels = ["meeting", "online", "phone", "email"]
    urgencies = ["high", "medium", "low", ""]
    kinds = ["care_leave", "care_days_off", "overtime_exemption", "reduced_hours_measure"]
    days = args.months * 30
    for first in range(0, args.employees, batch):
        size = min(batch, args.employees - first)
        employees = Employee.objects.bulk_create(
            Employee(
                office=office,
                company=company,
                employee_number=f"B{first + i:06d}",
                name=f"社員 {first + i}",
                department=f"部署{(first + i) % 40}",
                birth_date=dt.date(1960 + (first + i) % 40, 1 + (first + i) % 12, 1 + (first + i) % 28),
                hired_on=dt.date(2005, 4, 1),
                daily_hours="7.50",
            )
            for i in range(size)
        )
        carers = employees[::5]  # one in five cares for someone
        recipients = CareRecipient.objects.bulk_create(
            CareRecipient(office=office, employee=e, label="母", relation="parent") for e in carers
        )
        Consultation.objects.bulk_create(
            Consultation(
                office=office,
                employee=e,
                care_recipient=r,
                channel=channels[(e.pk + k) % 4],
                requested_on=today - dt.timedelta(days=(e.pk * 7 + k * 97) % days),
                content="相談",
                urgency=urgencies[(e.pk + k) % 4],
            )
            for e, r in zip(carers, recipients, strict=True)
            for k in range(2)
        )
        IndividualNotice.objects.bulk_create(
            IndividualNotice(
                office=office,
                employee=e,
                reported_on=(reported := today - dt.timedelta(days=(e.pk * 11) % days)),
                due_on=reported + dt.timedelta(days=14),
                given_on=None if e.pk % 9 == 0 else reported + dt.timedelta(days=e.pk % 20),
                item_systems=True,
                item_contact=True,
                item_benefit=True,
                method="meeting",
            )
            for e in carers
        )
        LeaveRecord.objects.bulk_create(
            LeaveRecord(
                office=office,
                employee=e,
                care_recipient=r,
                kind=kinds[(e.pk + k) % 4],
                starts_on=(start := today - dt.timedelta(days=(e.pk * 13 + k * 41) % days)),
                ends_on=start + dt.timedelta(days=k % 3),
                hours=3 if kinds[(e.pk + k) % 4] == "care_days_off" else None,
            )
            for e, r in zip(carers, recipients, strict=True)
            for k in range(3)
        )
        plans = WorkCarePlan.objects.bulk_create(
            WorkCarePlan(office=office, employee=e, version=1, status="agreed", goals="両立", agreed_on=today)
            for e in carers[::2]
        )
        ThreePartyMeeting.objects.bulk_create(
            ThreePartyMeeting(office=office, employee=p.employee, plan=p, kind="follow_up", held_on=today)
            for p in plans[::2]
        )
        EarlyInformation.objects.bulk_create(
            EarlyInformation(office=office, employee=e, fiscal_year=today.year, method="email", provided_on=today)
            for e in employees[::50]
        )
        now = dt.datetime.now(dt.UTC)
        SharingConsent.objects.bulk_create(
            SharingConsent(office=office, employee=e, audience="hr", item="leave_ledger", granted_at=now)
            for e in carers[::3]
        )
        print(f"  従業員 {first + size} 名まで作成", flush=True)
    sample = Employee.objects.filter(company=company, leave_records__isnull=False).first()
    return company, wcm, hr, sample


if __name__ == "__main__":
    main()
