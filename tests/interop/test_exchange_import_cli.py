"""`carebridge import careplan-exchange FILE... [--dry-run] [--office N]`: the preview or the errors
(exit 1, nothing applied), exit 0 once applied (issue 11 Build 3)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from carebridge.billing.models import UsageLine
from carebridge.cli import TWO_WORD_COMMANDS
from carebridge.interop.models import ExchangeSend

from ..permission_matrix import state
from .jsk_helpers import csv_bytes, name, ready_slip, records_from_days

pytestmark = pytest.mark.django_db
DONE = "0000100000010000001000000000000"


def _write(tmp_path, world):
    client, _slip, lines = ready_slip(world)
    office = world.office_a.office_number
    records = records_from_days(client, lines[0], DONE, office=office)
    path = tmp_path / name("UPJSK", month="202605", provider=lines[0].provider.provider_number, office=office)
    path.write_bytes(csv_bytes(records))
    return path, lines


def test_the_two_words_route_to_the_command():
    assert TWO_WORD_COMMANDS[("import", "careplan-exchange")] == "import_careplan_exchange"


def test_dry_run_prints_the_preview_and_changes_nothing(tmp_path, world, capsys):
    path, _lines = _write(tmp_path, world)
    before = state()
    call_command("import_careplan_exchange", str(path), "--dry-run", "--office", world.office_a.office_number)
    out = capsys.readouterr().out
    assert "151111 通所介護: 未入力 → 3回（変更）" in out
    assert "156111 通所介護入浴介助加算Ⅰ: 未入力 → 0回（変更）" in out
    assert "確認のみ（--dry-run）" in out
    assert state() == before


def test_apply_exits_0_and_records_the_receipt(tmp_path, world, capsys):
    path, lines = _write(tmp_path, world)
    call_command("import_careplan_exchange", str(path), "--office", world.office_a.office_number, "--no-progress")
    assert "取り込みました: 2行を変更、受信記録 1件" in capsys.readouterr().out
    assert UsageLine.objects.get(pk=lines[0].pk).actual_days == DONE
    send = ExchangeSend.objects.get()
    assert send.via == "cli" and send.sent_by == world.admin_a


def test_errors_exit_1_and_apply_nothing(tmp_path, world, capsys):
    path, _lines = _write(tmp_path, world)
    path.write_bytes(path.read_bytes().replace(b"20260512", b"20260532"))
    before = state()
    with pytest.raises(SystemExit) as stopped:
        call_command("import_careplan_exchange", str(path), "--office", world.office_a.office_number)
    assert stopped.value.code == 1
    out = capsys.readouterr().out
    assert f"{path.name} 2行目 10列目（サービス利用日）: 日付の形式が正しくありません" in out
    assert "1件の誤りがあるため、何も取り込んでいません" in out
    assert state() == before


def test_a_zip_of_files_is_read_member_by_member(tmp_path, world, capsys):
    import zipfile

    path, lines = _write(tmp_path, world)
    archive = tmp_path / "actuals.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr(path.name, path.read_bytes())
    path.unlink()
    call_command("import_careplan_exchange", str(archive), "--office", world.office_a.office_number, "--no-progress")
    assert "取り込みました: 2行を変更" in capsys.readouterr().out
    assert UsageLine.objects.get(pk=lines[0].pk).actual_days == DONE
