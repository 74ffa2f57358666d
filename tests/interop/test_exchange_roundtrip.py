"""Round trip on demo office A's plans (issue 11 acceptance): export the plan set with the command,
our own checker finds nothing, and parsing the files back gives the values in the database."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from carebridge.careplans.models import PLAN_ORIGIN_EXCHANGE_CODES, CarePlan
from carebridge.clients.models import Client
from carebridge.core.models import Office
from carebridge.desk.demo import OFFICES, load_demo
from carebridge.interop import exchange_plan
from carebridge.interop.exchange_check import check_paths, read_file
from carebridge.interop.exchange_names import parse_name
from carebridge.interop.models import ExchangeSend

TODAY = dt.date(2026, 11, 22)
MONTH = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def office_a(django_db_setup: None, django_db_blocker) -> Iterator[Office]:
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(CAREBRIDGE_DEMO_PASSWORD="demo-pass"):
        load_demo(today=TODAY, quiet=True)
        yield Office.objects.get(office_number=OFFICES[0].number)
        transaction.set_rollback(True)


def _export(office: Office, out: Path, *extra: str) -> dict[str, dict[str, list[list[str]]]]:
    """Run the command; {zip name: {kind: rows}}."""
    call_command(
        "export_careplan_exchange", "--office", office.office_number, "--month", "2026-11", "--out", str(out), *extra
    )
    zips: dict[str, dict[str, list[list[str]]]] = {}
    for path in sorted(out.glob("*.zip")):
        if path.name.startswith("CAREPLAN_MONTH_"):  # the month set: tests/interop/test_exchange_month_roundtrip.py
            continue
        with zipfile.ZipFile(path) as archive:
            zips[path.name] = {parse_name(n).kind: read_file(archive.read(n)) for n in archive.namelist()}
    return zips


@pytest.mark.django_db
def test_export_check_and_read_back(office_a: Office, tmp_path: Path) -> None:
    plans = exchange_plan.plans_in_effect(office_a, MONTH)
    assert plans, "demo office A has plans in effect"
    zips = _export(office_a, tmp_path)
    assert zips
    # 1. our checker finds nothing
    findings = check_paths([tmp_path])
    assert {name: [f.render() for f in found] for name, found in findings.items() if found} == {}
    # 2. the values read back are the database's
    by_insured = {c.insured_number: c for c in Client.objects.filter(office=office_a)}
    by_client = {p.client_id: p for p in plans}
    seen_clients: set[int] = set()
    for zip_name, files in zips.items():
        assert set(files) == {"UPHOSOKU", "UP1KYO", "UP2KYO", "UP3KYO"}
        receiver = zip_name.split("_")[2]
        for row in files["UPHOSOKU"]:
            client = by_insured[row[2]]
            plan = by_client[client.pk]
            assert row[1] == client.insurer_number
            assert (row[3], row[4], row[5], row[7]) == (
                plan.drafted_on.strftime("%Y%m%d"),
                client.kana,
                client.name,
                client.birth_date.strftime("%Y%m%d"),
            )
            assert row[6] == {"male": "1", "female": "2"}[client.sex]
            assert row[62] == "000000" and row[59] == office_a.office_number
            seen_clients.add(client.pk)
        for row in files["UP1KYO"]:
            plan = by_client[by_insured[row[2]].pk]
            assert row[12] == office_a.office_number and row[8] == office_a.name
            assert row[13] == plan.drafted_on.strftime("%Y%m%d")
            assert row[15] == PLAN_ORIGIN_EXCHANGE_CODES[plan.plan_origin]
            assert row[23] == plan.policy.replace("\r\n", "\n")
        for row in files["UP2KYO"]:
            plan = by_client[by_insured[row[2]].pk]
            services = exchange_plan.plan_services(plan)
            if row[13]:
                service = next(s for s in services if s.content == row[13])
                assert row[14] == ("Y" if service.insured else "N") and row[15] == service.service_kind
                assert row[16] == (service.provider.provider_number if service.provider else "")
                assert row[17] == service.provider_label and row[18] == service.frequency
            assert row[5] and 1 <= int(row[5]) <= 99
        # every user in a destination's files has a service of that destination
        for row in files["UP1KYO"]:
            plan = by_client[by_insured[row[2]].pk]
            assert receiver in {d.number for d in exchange_plan.destinations(plan)}
        # one stamp per send unit
        assert len({parse_name(n).stamp for n in _names(tmp_path / zip_name)}) == 1
    assert seen_clients <= {p.client_id for p in plans}
    # 2表 rows of a plan equal its services (one record per 援助内容)
    some = plans[0]
    some_rows = [r for files in zips.values() for r in files["UP2KYO"] if r[2] == some.client.insured_number]
    destinations = exchange_plan.destinations(some)
    if destinations:
        assert len(some_rows) // len(destinations) == len(exchange_plan.second_sheet_rows(some, office_a))
    # 3. one send record per zip, with the files' SHA-256, listed per client
    sends = ExchangeSend.objects.filter(office=office_a, content="plan")
    assert sends.count() == len(zips)
    for send in sends:
        assert send.archive_name in zips
        assert {f["name"] for f in send.files} == set(_names(tmp_path / send.archive_name))
    client = next(iter(seen_clients))
    assert ExchangeSend.objects.filter(clients=client).exists()


def _names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


@pytest.mark.django_db
def test_one_client_and_its_stamps_never_repeat(office_a: Office, tmp_path: Path) -> None:
    plan = exchange_plan.plans_in_effect(office_a, MONTH)[0]
    first = _export(office_a, tmp_path / "1", "--client", str(plan.client_id))
    second = _export(office_a, tmp_path / "2", "--client", str(plan.client_id))
    stamps = {n.rsplit("_", 1)[-1] for n in [*first, *second]}
    assert len(stamps) == 2
    for files in [*first.values(), *second.values()]:
        assert {r[2] for r in files["UP1KYO"]} == {plan.client.insured_number}


@pytest.mark.django_db
def test_withdrawal_file(office_a: Office) -> None:
    from carebridge.interop.exchange_services import exchange_plan_withdraw

    plan = next(p for p in exchange_plan.plans_in_effect(office_a, MONTH) if exchange_plan.destinations(p))
    result = exchange_plan_withdraw(actor=None, plan=plan)
    assert result.archives
    for archive in result.archives:
        (only,) = archive.files
        assert only.name.startswith("DLT1KYO_" + office_a.office_number + "_43_")
        assert read_file(only.data) == [
            ["202407", plan.client.insurer_number, plan.client.insured_number, plan.drafted_on.strftime("%Y%m%d")]
        ]
        assert archive.send is not None and archive.send.content == "plan_withdrawal"
        assert list(archive.send.plans.all()) == [CarePlan.objects.get(pk=plan.pk)]
