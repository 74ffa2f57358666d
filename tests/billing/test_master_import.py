"""`carebridge master import FILE [--dry-run]` (docs/billing-master-csv.md): the seeded master
written as CSV reads back unchanged; additions and changes are listed per code; every error names
its line and column in Japanese; nothing is written unless the whole file is valid."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from carebridge.billing import master_messages as msg
from carebridge.billing.master_import import MasterImportError, plan_import
from carebridge.billing.master_services import service_master_apply
from carebridge.billing.models import ServiceCode, UnitPrice
from carebridge.core.models import AuditEvent
from carebridge.directory import service_types
from carebridge.directory.models import ServiceType

from .master_csv import rows_of, seed, to_csv

pytestmark = pytest.mark.django_db

HEADER = (
    "区分,コード,名称,サービス種類コード,単位数,算定単位,限度額管理,加算率,"
    "人件費割合,短期入所,地域区分,単価,適用開始日\r\n"
)


def errors_of(text: str, encoding: str = "utf-8") -> list:
    with pytest.raises(MasterImportError) as caught:
        plan_import(data=text.encode(encoding), file_name="m.csv")
    return caught.value.errors


def test_the_seed_reads_back_unchanged():
    plan = plan_import(data=to_csv(rows_of(seed())), file_name="seed.csv")
    assert plan.count("unchanged") == len(plan.changes) > 100
    assert plan.count("added") == plan.count("changed") == 0


def test_shift_jis_is_read_too():
    plan = plan_import(data=to_csv(rows_of(seed()), "cp932"), file_name="seed.csv")
    assert plan.count("unchanged") == len(plan.changes)


def test_added_changed_and_unchanged_per_code():
    text = (
        HEADER
        + "サービスコード,111211,身体介護2,11,390,回,1,,,,,,2024-04-01\r\n"  # 387 → 390
        + "サービスコード,111311,身体介護3（1時間以上1時間30分未満）,11,567,回,1,,,,,,2024-04-01\r\n"
        + "サービスコード,116279,訪問介護処遇改善加算Ⅰイ,11,,月,0,27.0,,,,,2026-06-01\r\n"
        + "単価,,,,,,,,70,,6,10.45,2027-04-01\r\n"
    )
    plan = plan_import(data=text.encode(), file_name="m.csv")
    assert [c.status for c in plan.changes] == ["changed", "unchanged", "added", "added"]
    assert plan.changes[0].changed == {"units": (387, 390), "name": ("身体介護2（30分以上1時間未満）", "身体介護2")}
    assert plan.changes[2].values["rate_permille"] == 270
    assert plan.changes[3].values["price_x100"] == 1045
    assert plan.summary() == "追加 2件、変更 1件、変更なし 1件"
    assert "変更: サービスコード 111211（2024-04-01〜） " in plan.changes[0].describe()


def test_errors_name_line_and_column_in_japanese():
    text = (
        HEADER
        + "サービスコード,11121,名前,11,387,回,1,,,,,,2024-04-01\r\n"  # line 2: code
        + "サービスコード,991111,名前,99,387,週,1,,,,,,2024-04-01\r\n"  # line 3: unknown type, basis
        + "単価,,,,,,,,70,,8,10.425,2024-13-01\r\n"  # line 4: grade, price, date
        + "サービスコード,111211,名前,11,387,回,はい,24.5,,,,,2024-04-01\r\n"  # line 5: units and rate
        + f"サービス種類,1,{'長' * 51},60,,,,,,,,,\r\n"  # line 6: type code, name, class, required date
        + "サービスコード,111211,名前,11\r\n"  # line 7: field count
        + "帳票,,,,,,,,,,,,2024-04-01\r\n"  # line 8: kind
    )
    found = {(e.line, e.column): e.message.code for e in errors_of(text)}
    assert found[(2, "コード")] == msg.CSV_SERVICE_CODE.code
    assert found[(3, "サービス種類コード")] == msg.CSV_UNKNOWN_TYPE.code
    assert found[(3, "算定単位")] == msg.CSV_CHOICE.code
    assert found[(4, "地域区分")] == msg.CSV_CHOICE.code
    assert found[(4, "単価")] == msg.CSV_PRICE.code
    assert found[(4, "適用開始日")] == msg.CSV_DATE.code
    assert found[(5, "加算率")] == msg.CSV_UNITS_AND_RATE.code
    assert found[(6, "コード")] == msg.CSV_TYPE_CODE.code
    assert found[(6, "人件費割合")] == msg.CSV_CHOICE.code
    assert found[(6, "名称")] == msg.CSV_TOO_LONG.code
    assert found[(6, "適用開始日")] == msg.CSV_REQUIRED.code
    assert found[(7, "")] == msg.CSV_FIELD_COUNT.code
    assert found[(8, "区分")] == msg.CSV_KIND.code
    shown = str(errors_of(HEADER + "単価,,,,,,,,70,,8,10.42,2024-04-01\r\n")[0])
    assert shown.startswith("m.csv:2 列「地域区分」: 「地域区分」は ")


def test_header_and_duplicates():
    assert errors_of("コード,名称\r\n")[0].message.code == msg.CSV_HEADER_MISSING.code
    assert errors_of("区分,適用開始日,色\r\n")[0].message.code == msg.CSV_HEADER_UNKNOWN.code
    assert errors_of(HEADER)[0].message.code == msg.CSV_EMPTY.code
    row = "サービスコード,111211,身体介護2,11,387,回,1,,,,,,2024-04-01\r\n"
    (error,) = errors_of(HEADER + row + row)
    assert (error.line, error.message.code) == (3, msg.CSV_DUPLICATE.code)
    assert "2行目" in error.message
    assert errors_of("\x81\xff".encode("latin-1").decode("latin-1"), "latin-1")[0].message.code == msg.CSV_ENCODING.code


def test_apply_writes_audited_rows_and_reloads_the_directory(world, django_capture_on_commit_callbacks):
    text = (
        HEADER
        + "サービス種類,2B,試験短期入所,,,,,,55,1,,,2024-04-01\r\n"
        + "サービスコード,2B1111,試験短期入所 要介護1,2B,700,日,1,,,,,,2024-04-01\r\n"
        + "サービスコード,111211,身体介護2,11,390,回,1,,,,,,2024-04-01\r\n"
    )
    plan = plan_import(data=text.encode(), file_name="m.csv")
    before = AuditEvent.objects.count()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            service_master_apply(actor=world.admin_a, plan=plan)
        assert AuditEvent.objects.count() == before + 3
        event = AuditEvent.objects.order_by("-id").first()
        assert event.action == "servicemaster.imported" and event.office_id is None
        assert ServiceCode.objects.get(code="111211", valid_from=dt.date(2024, 4, 1)).units == 390
        assert "2B" in service_types.short_stay_codes()
    finally:
        service_types.reload()


def test_command_dry_run_lists_and_writes_nothing(tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes((HEADER + "サービスコード,111211,身体介護2,11,390,回,1,,,,,,2024-04-01\r\n").encode())
    out = io.StringIO()
    call_command("master", "import", str(path), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "変更: サービスコード 111211" in out.getvalue()
    assert "（試行・未登録）追加 0件、変更 1件、変更なし 0件" in out.getvalue()
    assert ServiceCode.objects.get(code="111211").units == 387


def test_command_imports_all_or_nothing(tmp_path, world):
    path = tmp_path / "m.csv"
    good = "サービスコード,111211,身体介護2,11,390,回,1,,,,,,2024-04-01\r\n"
    path.write_bytes((HEADER + good + "単価,,,,,,,,70,,9,10.00,2024-04-01\r\n").encode())
    err = io.StringIO()
    with pytest.raises(CommandError, match="1件の誤り"):
        call_command("master", "import", str(path), stdout=io.StringIO(), stderr=err)
    assert "m.csv:3 列「地域区分」" in err.getvalue()
    assert ServiceCode.objects.get(code="111211").units == 387
    path.write_bytes((HEADER + good).encode())
    out = io.StringIO()
    call_command("master", "import", str(path), "--as", world.admin_a.username, stdout=out, stderr=io.StringIO())
    assert "登録しました。追加 0件、変更 1件、変更なし 0件" in out.getvalue()
    assert ServiceCode.objects.get(code="111211").units == 390
    assert UnitPrice.objects.count() == 32
    assert ServiceType.objects.filter(code="11").exists()
