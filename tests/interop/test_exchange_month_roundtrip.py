"""Round trip on demo office A's month (issue 11 acceptance): `carebridge export careplan-exchange`
writes the plan set and the month set, our own checker finds nothing, and parsing the month set
back gives the values in the database (names, codes, units, counts) — the 第7表 figures are
billing's own calculation. Also the command's --withdraw-month (DLTPLAN) and its argument errors."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings

from carebridge.billing.annex_selectors import month_annexes
from carebridge.clients.models import Client
from carebridge.core.models import Office
from carebridge.desk.demo import OFFICES, load_demo
from carebridge.interop.exchange_check import check_paths, read_file
from carebridge.interop.exchange_names import parse_name
from carebridge.interop.models import ExchangeSend

from .month_helpers import plan_rows_by, planned_days

TODAY = dt.date(2026, 11, 22)
MONTHS = {"2026-10": dt.date(2026, 10, 1), "2026-11": dt.date(2026, 11, 1)}  # confirmed with actuals; drafts


@pytest.fixture(scope="module")
def office_a(django_db_setup: None, django_db_blocker) -> Iterator[Office]:
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(CAREBRIDGE_DEMO_PASSWORD="demo-pass"):
        load_demo(today=TODAY, quiet=True)
        yield Office.objects.get(office_number=OFFICES[0].number)
        transaction.set_rollback(True)


def _export(office: Office, out: Path, month: str, *extra: str) -> dict[str, dict[str, list[list[str]]]]:
    """Run the command; {zip name: {kind: rows}} of every zip it wrote."""
    call_command(
        "export_careplan_exchange", "--office", office.office_number, "--month", month, "--out", str(out),
        "--no-progress", *extra,
    )  # fmt: skip
    zips: dict[str, dict[str, list[list[str]]]] = {}
    for path in sorted(out.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            zips[path.name] = {parse_name(n).kind: read_file(archive.read(n)) for n in archive.namelist()}
    return zips


@pytest.mark.django_db
@pytest.mark.parametrize("month_key", sorted(MONTHS))
def test_month_set_round_trip(office_a: Office, tmp_path: Path, month_key: str) -> None:
    month = MONTHS[month_key]
    zips = _export(office_a, tmp_path, month_key)
    month_zips = {n: files for n, files in zips.items() if n.startswith("CAREPLAN_MONTH_")}
    assert month_zips and len(month_zips) < len(zips)  # the plan set is written beside it
    # 1. our checker finds nothing
    findings = check_paths([tmp_path])
    assert {name: [f.render() for f in found] for name, found in findings.items() if found} == {}
    # 2. the values read back are the database's
    items = {m.slip.client.insured_number: m for m in month_annexes(office_id=office_a.pk, month=month)}
    assert items
    by_insured = {c.insured_number: c for c in Client.objects.filter(office=office_a)}
    yyyymm = month.strftime("%Y%m")
    seen: set[str] = set()
    for zip_name, files in month_zips.items():
        assert set(files) == {"UPHOSOKU", "UPPLAN", "UPSIKYU"}
        receiver, receiver_type = zip_name.split("_")[4], zip_name.split("_")[5]
        for row in files["UPHOSOKU"]:
            client = by_insured[row[2]]
            assert (row[1], row[4], row[5], row[7]) == (
                client.insurer_number,
                client.kana,
                client.name,
                client.birth_date.strftime("%Y%m%d"),
            )
            assert (row[3], row[62]) == ("00000000", yyyymm)
            assert row[18] == str(items[row[2]].annex.limit_units)
            seen.add(row[2])
        plan = plan_rows_by(files["UPPLAN"])
        for insured, providers in plan.items():
            lines = [ln for ln in items[insured].lines if ln.service_code]
            # every service of the client, from every provider (rules §5) — and this destination is one
            expected: dict[str, dict[str, str]] = {}
            for ln in lines:
                days = expected.setdefault(ln.provider.provider_number, {}).get(ln.service_code, "0" * 31)
                summed = "".join(str(int(a) + int(b)) for a, b in zip(days, ln.planned_days, strict=True))
                expected[ln.provider.provider_number][ln.service_code] = summed
            assert {p: {c: planned_days(r) for c, r in codes.items()} for p, codes in providers.items()} == expected
            assert any(ln.provider.provider_number == receiver and ln.service_type == receiver_type for ln in lines)
            for codes in providers.values():
                for code, rows in codes.items():
                    units = {ln.units for ln in lines if ln.service_code == code}
                    assert {int(r[7]) for r in rows} <= units
                    assert all(r[4] == yyyymm and r[5] == office_a.office_number for r in rows)
        for insured in {r[2] for r in files["UPSIKYU"]}:
            sheet = items[insured].annex
            rows = [r for r in files["UPSIKYU"] if r[2] == insured]
            (total,) = [r for r in rows if r[8] == "999999"]
            assert (total[6], total[33]) == ("9999999999", "9999999999")
            totals = sheet.totals
            assert [int(total[i]) for i in (16, 20, 21, 23, 25, 27, 28)] == [
                sum(g.result.units for g in sheet.groups),
                sheet.over_limit_units,
                sum(g.result.in_limit_units for g in sheet.groups),
                totals.total_cost,
                totals.insurance_claim,
                totals.copay,
                totals.full_pay,
            ]
            subtotals = [r for r in rows if r[8].endswith("AAAA")]
            assert [(r[6], r[8][:2]) for r in subtotals] == [(g.provider_number, g.service_type) for g in sheet.groups]
            details = [r for r in rows if r not in subtotals and r is not total]
            assert sum(int(r[15]) for r in details) == sum(al.row.count for g in sheet.groups for al in g.lines)
    assert seen == set(items)  # every client with a slip went to at least one of its providers
    # 3. one send record per zip, carrying the month and the clients
    sends = ExchangeSend.objects.filter(office=office_a, content="month")
    assert {s.archive_name for s in sends} == set(month_zips)
    assert all(s.months == [yyyymm] and s.via == "cli" for s in sends)


@pytest.mark.django_db
def test_one_client_month_and_its_withdrawal(office_a: Office, tmp_path: Path, capsys) -> None:
    item = month_annexes(office_id=office_a.pk, month=MONTHS["2026-11"])[0]
    client = item.slip.client
    zips = _export(office_a, tmp_path / "send", "2026-11", "--client", str(client.pk))
    month_zips = [files for n, files in zips.items() if n.startswith("CAREPLAN_MONTH_")]
    assert month_zips
    assert {r[2] for files in month_zips for r in files["UPPLAN"]} == {client.insured_number}
    capsys.readouterr()
    call_command(
        "export_careplan_exchange", "--office", office_a.office_number, "--month", "2026-11",
        "--withdraw-month", str(client.pk), "--out", str(tmp_path / "dlt"),
    )  # fmt: skip
    assert "2026-11 の利用票の取消" in capsys.readouterr().out
    written = sorted((tmp_path / "dlt").glob("*.zip"))
    assert len(written) == len(month_zips)  # every provider that received the month
    for path in written:
        with zipfile.ZipFile(path) as archive:
            (name,) = archive.namelist()
            assert parse_name(name).kind == "DLTPLAN" and parse_name(name).month == "202611"
            assert read_file(archive.read(name)) == [["202407", client.insurer_number, client.insured_number, "202611"]]
    assert all(not found for found in check_paths([tmp_path / "dlt"]).values())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2026-13"], "--month: 年月は YYYY-MM で指定してください"),
        (["--withdraw-month", "999999"], "--month: 対象月（YYYY-MM）を指定してください"),
        (
            ["--month", "2026-11", "--withdraw-month", "999999"],
            "--withdraw-month: この事業所に利用者ID 999999 はいません",
        ),
    ],
)
def test_command_names_the_bad_argument(office_a: Office, tmp_path: Path, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("export_careplan_exchange", "--office", office_a.office_number, "--out", str(tmp_path), *args)
