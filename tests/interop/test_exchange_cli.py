"""`carebridge check careplan-exchange DIR`: findings per file and line, exit 0 clean, 1 with
findings; `carebridge export careplan-exchange` refuses bad arguments with a message naming them."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from carebridge.cli import TWO_WORD_COMMANDS
from carebridge.interop.exchange_writer import write_file

STAMP = "20260405101500"
NAME = f"DLT1KYO_1371200013_43_1371201037_15_{STAMP}.CSV"


def test_two_words_route_to_the_commands() -> None:
    assert TWO_WORD_COMMANDS[("check", "careplan-exchange")] == "check_careplan_exchange"
    assert TWO_WORD_COMMANDS[("export", "careplan-exchange")] == "export_careplan_exchange"


def test_check_clean_directory_exits_0(tmp_path, capsys) -> None:
    (tmp_path / NAME).write_bytes(write_file("DLT1KYO", [["131128", "0000012345", "20260405"]]).data)
    call_command("check_careplan_exchange", str(tmp_path))
    out = capsys.readouterr().out
    assert f"OK  {NAME}" in out and "指摘は0件" in out


def test_check_with_findings_exits_1(tmp_path, capsys) -> None:
    (tmp_path / NAME).write_bytes(b"202407,131128,0000012345,20260231\n")
    with pytest.raises(SystemExit) as stopped:
        call_command("check_careplan_exchange", str(tmp_path))
    assert stopped.value.code == 1
    out = capsys.readouterr().out
    assert f"{NAME}:1行目: レコードの終わりが CRLF ではありません（LF）" in out
    assert f"{NAME}:1行目:No.4: 居宅サービス計画作成（変更）日はYYYYMMDD の日付です（「20260231」）" in out


@pytest.mark.django_db
def test_export_names_the_bad_argument(tmp_path, world) -> None:
    with pytest.raises(CommandError, match="--office"):
        call_command("export_careplan_exchange", "--office", "0000000000", "--month", "2026-11", "--out", str(tmp_path))
    with pytest.raises(CommandError, match="--month"):
        call_command(
            "export_careplan_exchange",
            "--office",
            world.office_a.office_number,
            "--month",
            "11/2026",
            "--out",
            str(tmp_path),
        )


@pytest.mark.django_db
def test_export_withdrawal_from_the_command(tmp_path, world, client_a, capsys) -> None:
    """DLT1KYO from the console: `--withdraw-plan PLAN_ID` instead of --month."""
    import zipfile

    from carebridge.interop.exchange_check import check_paths
    from carebridge.interop.models import ExchangeSend

    from ..careplan_helpers import draft_plan
    from ..factories import ProviderFactory

    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    plan = draft_plan(world.cm_a, client_a, providers)
    office = world.office_a.office_number
    call_command(
        "export_careplan_exchange", "--office", office, "--withdraw-plan", str(plan.pk), "--out", str(tmp_path),
        "--user", "cm_a1",
    )  # fmt: skip
    zips = sorted(tmp_path.glob("CAREPLAN_DLT_*.zip"))
    assert len(zips) == 3
    for path in zips:
        with zipfile.ZipFile(path) as archive:
            assert [n.split("_")[0] for n in archive.namelist()] == ["DLT1KYO"]
    assert all(not found for found in check_paths([tmp_path]).values())
    assert ExchangeSend.objects.filter(content="plan_withdrawal", via="cli", sent_by=world.cm_a).count() == 3
    with pytest.raises(CommandError, match="--user"):
        call_command(
            "export_careplan_exchange", "--office", office, "--withdraw-plan", str(plan.pk), "--out", str(tmp_path),
            "--user", "clerk_a",
        )  # fmt: skip
    with pytest.raises(CommandError, match="--withdraw-plan"):
        call_command(
            "export_careplan_exchange", "--office", office, "--withdraw-plan", "999999", "--out", str(tmp_path)
        )
