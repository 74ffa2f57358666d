"""CSV import of the roster: encodings, the precise Japanese errors (line and column, several at
once), all or nothing, updates of existing numbers, the preview (dry run) and the page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from carebridge.core.models import AuditEvent
from carebridge.workcare import messages
from carebridge.workcare.models import Employee
from carebridge.workcare.roster_import import (
    HEADER,
    MAX_BYTES,
    RosterImportError,
    RowError,
    digest_of,
    roster_import,
)
from tests.permission_matrix import state

from .factories import EmployeeFactory

pytestmark = pytest.mark.django_db

GOOD = (
    f"{HEADER}\n"
    "E001,山田 花子,製造部,1975-04-01,5,7.5,1998-04-01,,hanako@example.com\n"
    "E002,佐藤 一郎,営業部,1980/6/15,4,6,2015/10/1,2027-03-31,\n"
)


def _run(world, text: str | bytes, *, encoding: str = "utf-8", dry_run: bool = False, actor=None):
    data = text if isinstance(text, bytes) else text.encode(encoding)
    return roster_import(actor=actor or world.hr, company=world.company, data=data, dry_run=dry_run)


def _errors(world, text: str | bytes, **kwargs) -> list[RowError]:
    before = state()
    with pytest.raises(RosterImportError) as exc:
        _run(world, text, **kwargs)
    assert state() == before, "a refused file changed something"
    return exc.value.errors


def test_a_valid_file_creates_rows_with_one_audit_event_each(world):
    result = _run(world, GOOD)
    assert (result.created, result.updated, result.applied) == (2, 0, True)
    hanako = Employee.objects.get(company=world.company, employee_number="E001")
    assert (hanako.name, hanako.department, hanako.birth_date) == ("山田 花子", "製造部", dt.date(1975, 4, 1))
    assert hanako.daily_hours == Decimal("7.50")
    assert hanako.fixed_term_end is None
    ichiro = Employee.objects.get(employee_number="E002")
    assert (ichiro.weekly_days, ichiro.hired_on, ichiro.fixed_term_end) == (
        4,
        dt.date(2015, 10, 1),
        dt.date(2027, 3, 31),
    )
    events = AuditEvent.objects.filter(subject_type="workcare.employee", event_type="create", actor=world.hr)
    assert events.count() == 2


def test_existing_numbers_are_updated_and_new_ones_created(world):
    EmployeeFactory(company=world.company, employee_number="E001", name="山田 花子", department="総務部")
    other = EmployeeFactory(company=world.company_b, employee_number="E002", name="別会社の人")
    result = _run(world, GOOD)
    assert (result.created, result.updated) == (1, 1)
    updated = next(r for r in result.rows if r.action == "update")
    assert updated.changed == ("所属", "生年月日", "入社日", "メール")
    assert Employee.objects.get(company=world.company, employee_number="E001").department == "製造部"
    other.refresh_from_db()
    assert other.name == "別会社の人"  # another company's employee with the same number is untouched


def test_an_unchanged_row_writes_nothing(world):
    _run(world, GOOD)
    before = AuditEvent.objects.count()
    result = _run(world, GOOD)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert AuditEvent.objects.count() == before


def test_a_cp932_file(world):
    result = _run(world, GOOD, encoding="cp932")
    assert result.created == 2
    assert Employee.objects.filter(name="山田 花子").exists()


def test_a_utf8_file_with_bom(world):
    result = _run(world, GOOD.encode("utf-8-sig"))
    assert result.created == 2


def test_english_headers_in_any_order(world):
    text = "name,employee_number,birth_date,hired_on\n山田 花子,E001,1975-04-01,1998-04-01\n"
    assert _run(world, text).created == 1


def test_the_preview_says_what_would_happen_and_writes_nothing(world):
    EmployeeFactory(company=world.company, employee_number="E001", name="山田 花子", department="総務部")
    before = state()
    result = _run(world, GOOD, dry_run=True)
    assert state() == before
    assert result.applied is False
    assert [(r.employee_number, r.action) for r in result.rows] == [("E001", "update"), ("E002", "create")]
    assert result.digest == digest_of(GOOD.encode())


def test_a_bad_date_names_its_line_and_column(world):
    text = GOOD + "E003,鈴木 三郎,製造部,1975-13-40,5,8,2001-04-01,,\n"
    errors = _errors(world, text)
    assert errors == [RowError(4, "生年月日", messages.ROSTER_DATE)]
    assert str(errors[0]) == "4行目「生年月日」: 日付の形式が正しくありません（例: 1975-04-01）"


def test_several_errors_are_reported_at_once(world):
    text = (
        f"{HEADER}\n"
        "E001,山田 花子,製造部,昭和50年,5,7.5,1998-04-01,,\n"
        "E002,,営業部,1980-06-15,五,abc,2015-10-01,,\n"
        "E003,鈴木 三郎,製造部,1975-01-01,8,8,2001-04-01,,not-an-address\n"
    )
    errors = _errors(world, text)
    assert RowError(2, "生年月日", messages.ROSTER_DATE) in errors
    assert RowError(3, "氏名", messages.ROSTER_REQUIRED) in errors
    assert RowError(3, "週所定労働日数", messages.ROSTER_INTEGER) in errors
    assert RowError(3, "1日の所定労働時間", messages.ROSTER_DECIMAL) in errors
    assert {(e.line, e.column) for e in errors} >= {(4, "週所定労働日数"), (4, "メール")}


def test_a_missing_column(world):
    text = "社員番号,氏名,所属,入社日\nE001,山田 花子,製造部,1998-04-01\n"
    errors = _errors(world, text)
    assert errors == [RowError(1, "", messages.ROSTER_HEADER_MISSING.format(columns="生年月日"))]
    assert str(errors[0]) == "1行目: 見出し行に必要な列がありません: 生年月日"


def test_an_unknown_column_is_named(world):
    text = "社員番号,氏名,生年月日,入社日,性別\nE001,山田 花子,1975-04-01,1998-04-01,女\n"
    errors = _errors(world, text)
    assert [(e.line, e.column) for e in errors] == [(1, "性別")]


def test_a_duplicate_number_within_the_file(world):
    text = GOOD + "E001,山田 花子（重複）,製造部,1975-04-01,5,7.5,1998-04-01,,\n"
    errors = _errors(world, text)
    assert errors == [RowError(4, "社員番号", messages.ROSTER_DUPLICATE.format(number="E001", line=2))]
    assert str(errors[0]) == "4行目「社員番号」: 社員番号「E001」が2行目と重複しています。"


def test_undecodable_bytes(world):
    errors = _errors(world, b"\x81\xff\xfe" * 10)
    assert errors == [RowError(1, "", messages.ROSTER_ENCODING)]


def test_a_file_that_is_not_csv(world):
    xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"\x00" * 20
    assert _errors(world, xlsx) == [RowError(1, "", messages.ROSTER_NOT_CSV)]


def test_an_empty_file_and_a_header_only_file(world):
    assert _errors(world, b"") == [RowError(1, "", messages.ROSTER_EMPTY)]
    assert _errors(world, HEADER + "\n") == [RowError(2, "", messages.ROSTER_EMPTY)]


def test_the_size_is_bounded(world):
    big = (GOOD + "x" * MAX_BYTES).encode()
    assert _errors(world, big)[0].message == messages.ROSTER_TOO_LARGE.format(limit="2MB")


def test_a_row_with_the_wrong_number_of_cells(world):
    text = GOOD + "E003,鈴木 三郎\n"
    errors = _errors(world, text)
    assert errors == [RowError(4, "", messages.ROSTER_FIELD_COUNT.format(expected=9, actual=2))]


def test_one_bad_row_means_nothing_is_written_even_the_good_rows(world):
    EmployeeFactory(company=world.company, employee_number="E001", department="総務部")
    text = GOOD + "E003,鈴木 三郎,製造部,1975-01-01,5,8,2001-04-01,2000-01-01,\n"
    errors = _errors(world, text)
    assert errors == [RowError(4, "有期契約の終了日", messages.EMPLOYEE_TERM_BEFORE_HIRE)]
    assert Employee.objects.get(employee_number="E001").department == "総務部"
    assert not Employee.objects.filter(employee_number="E002").exists()


def test_only_hr_and_the_workplace_care_manager_import(world):
    assert _run(world, GOOD, actor=world.wcm_a).created == 2
    for who in (world.manager, world.employee, world.hr_b, world.cm_a):
        with pytest.raises(PermissionDenied):
            _run(world, GOOD, actor=who)


# -- the page ------------------------------------------------------------------------------------------


def _post(client, world, data: bytes, **extra: str):
    url = reverse("workcare:employee_import", args=[world.company.pk])
    return client.post(url, {"csv_file": SimpleUploadedFile("roster.csv", data), **extra})


def test_the_page_previews_then_applies_the_same_file(client, world):
    client.force_login(world.hr)
    page = client.get(reverse("workcare:employee_import", args=[world.company.pk])).content.decode()
    assert HEADER in page
    data = GOOD.encode("cp932")
    preview = _post(client, world, data).content.decode()
    assert "新規 2件" in preview and "この内容で取り込む" in preview
    assert not Employee.objects.exists()
    other = _post(client, world, data + b"\n", apply="1", digest=digest_of(data)).content.decode()
    assert str(messages.ROSTER_DIGEST_MISMATCH) in other
    assert not Employee.objects.exists()
    done = _post(client, world, data, apply="1", digest=digest_of(data)).content.decode()
    assert "取込が完了しました" in done
    assert Employee.objects.filter(company=world.company).count() == 2


def test_the_page_lists_the_errors_in_japanese(client, world):
    client.force_login(world.wcm_a)
    text = GOOD + "E003,鈴木 三郎,製造部,1975-13-40,5,8,2001-04-01,,\n"
    body = _post(client, world, text.encode()).content.decode()
    assert "4行目「生年月日」: 日付の形式が正しくありません（例: 1975-04-01）" in body
