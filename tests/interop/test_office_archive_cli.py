"""`carebridge export office` / `carebridge import office` (docs/office-archive.md): the two words
route to the commands; an export of the test world's office A imports after it is gone; a refused
import prints every error naming the member and record and exits non-zero."""

from __future__ import annotations

import json
from contextlib import suppress

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from carebridge.cli import TWO_WORD_COMMANDS
from carebridge.clients.models import Client
from carebridge.core.models import AuditEvent, Office

from .office_archive_helpers import members, rezip

pytestmark = pytest.mark.django_db


class _Undo(Exception):
    pass


def test_two_words_route_to_the_commands() -> None:
    assert TWO_WORD_COMMANDS[("export", "office")] == "export_office"
    assert TWO_WORD_COMMANDS[("import", "office")] == "import_office"


def test_export_then_import_on_a_database_without_the_office(tmp_path, capsys) -> None:
    from ..factories import ClientFactory, OfficeFactory, UserFactory

    out = tmp_path / "office.zip"
    with suppress(_Undo), transaction.atomic():
        office = OfficeFactory()
        cm = UserFactory(username="cli_cm", role="care_manager", office=office)
        ClientFactory(office=office, care_manager=cm, name="移行 花子")
        call_command("export_office", "--office", office.office_number, "--out", str(out), "--quiet")
        number = office.office_number
        raise _Undo
    assert "SHA-256" in capsys.readouterr().out
    assert not Office.objects.filter(office_number=number).exists()
    call_command("import_office", str(out), "--quiet")
    assert "パスワード" in capsys.readouterr().out
    imported = Office.objects.get(office_number=number)
    assert Client.objects.get(office=imported).name == "移行 花子"
    assert AuditEvent.objects.filter(office=imported, action="office.imported").count() == 1


def test_a_refused_import_lists_the_errors(world, tmp_path, capsys) -> None:
    out = tmp_path / "office.zip"
    call_command(
        "export_office", "--office", world.office_a.office_number, "--out", str(out), "--no-documents", "--quiet"
    )
    files = members(out.read_bytes())
    listed = json.loads(files["manifest.json"])
    listed["schema_version"] = 2
    files["manifest.json"] = json.dumps(listed).encode()
    (tmp_path / "v2.zip").write_bytes(rezip(files))
    with pytest.raises(CommandError, match="取り込みませんでした"):
        call_command("import_office", str(tmp_path / "v2.zip"), "--quiet")
    assert "manifest.json 項目「schema_version」: 形式の版（schema_version）が 2 です" in capsys.readouterr().err
    with pytest.raises(CommandError, match="取り込みませんでした"):
        call_command("import_office", str(out), "--quiet")  # office A is there
    assert "data/core/office.json 1件目 項目「office_number」" in capsys.readouterr().err


def test_export_names_an_unknown_office(tmp_path) -> None:
    with pytest.raises(CommandError, match="--office: 事業所番号「0000000000」の事業所がありません"):
        call_command("export_office", "--office", "0000000000", "--out", str(tmp_path / "x.zip"))
