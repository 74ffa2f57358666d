"""Provider CSV import: all or nothing; every error names file, line and column."""

from __future__ import annotations

import pytest

from carebridge.core import messages as core_messages
from carebridge.core.models import AuditEvent
from carebridge.directory import messages
from carebridge.directory.inputs import ProviderInput
from carebridge.directory.models import Provider
from carebridge.directory.provider_import import ProviderImportError, RowError, import_providers

from ..factories import ProviderFactory

pytestmark = pytest.mark.django_db

HEADER = "事業所番号,事業所名,サービス種類コード,種別,郵便番号,所在地,電話番号,FAX番号\n"
GOOD = (
    HEADER
    + "1371201011,ヘルパーステーションひだまり,11,,154-0017,東京都世田谷区1-1-1,03-1111-1010,03-1111-1019\n"
    + "1371201029,訪問看護ステーションあおば,13 14,介護保険サービス事業所,,東京都世田谷区2-2-2,03-2222-2020,\n"
    + "1371201037,地域包括支援センター中央,,地域包括支援センター,,,03-3333-3030,\n"
)


def run(world, text, *, encoding="utf-8", name="providers.csv"):
    return import_providers(actor=world.clerk_a, data=text.encode(encoding), file_name=name)


def test_valid_file_creates_every_row_with_an_audit_event_each(world):
    before = AuditEvent.objects.count()
    # 地域包括 has no service codes: the header requires the column, the value may be empty only
    # for kinds other than a service provider.
    text = GOOD.replace("1371201037,地域包括支援センター中央,,", "1371201037,地域包括支援センター中央,43,")
    result = run(world, text)
    assert (result.created, result.updated) == (3, 0)
    assert Provider.objects.filter(office=world.office_a).count() == 3
    assert AuditEvent.objects.count() == before + 3
    assert Provider.objects.get(provider_number="1371201029").service_type_codes == ["13", "14"]


def test_shift_jis_file_is_read(world):
    text = HEADER + "1371201011,ヘルパーステーションひだまり,11,,,,,\n"
    assert run(world, text, encoding="cp932").created == 1


def test_reimport_updates_existing_rows(world):
    ProviderFactory(office=world.office_a, provider_number="1371201011", name="旧名称")
    result = run(world, HEADER + "1371201011,ヘルパーステーションひだまり,11,,,,,\n")
    assert (result.created, result.updated) == (0, 1)
    assert Provider.objects.get(provider_number="1371201011").name == "ヘルパーステーションひだまり"


def test_errors_name_file_line_and_column_and_nothing_is_written(world):
    text = (
        HEADER
        + "1371201011,ヘルパーステーションひだまり,11,,,,,\n"  # line 2: fine
        + "1371201012,あおば,13,,,,,\n"  # line 3: bad check digit
        + "1371201029,,99,,1540,,,\n"  # line 4: name missing, unknown code, bad postal code
        + "1371201011,重複,11,,,,,\n"  # line 5: duplicate of line 2
        + "1371201037,短い行\n"  # line 6: field count
        + "1371201045,リハ,14,病院ではない,,,,\n"  # line 7: unknown kind
    )
    before = AuditEvent.objects.count()
    with pytest.raises(ProviderImportError) as exc:
        run(world, text, name="2026-11.csv")
    errors = exc.value.errors
    assert (
        RowError(
            "2026-11.csv",
            3,
            "事業所番号",
            core_messages.OFFICE_NUMBER_CHECK_DIGIT,
        )
        in errors
    )
    assert RowError("2026-11.csv", 4, "事業所名", messages.CSV_REQUIRED.format(column="事業所名")) in errors
    assert RowError("2026-11.csv", 4, "サービス種類コード", messages.UNKNOWN_SERVICE_TYPE.format(codes="99")) in errors
    assert RowError("2026-11.csv", 4, "郵便番号", core_messages.POSTAL_CODE_FORMAT) in errors
    assert (
        RowError("2026-11.csv", 5, "事業所番号", messages.CSV_DUPLICATE_IN_FILE.format(number="1371201011", line=2))
        in errors
    )
    assert RowError("2026-11.csv", 6, "", messages.CSV_FIELD_COUNT.format(expected=8, actual=2)) in errors
    assert any(e.line == 7 and e.column == "種別" for e in errors)
    assert Provider.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_service_level_errors_are_mapped_to_columns(world):
    text = HEADER + "1371201029,あおば,99,,1540,,,\n"
    with pytest.raises(ProviderImportError) as exc:
        run(world, text)
    columns = {(e.line, e.column) for e in exc.value.errors}
    assert (2, "サービス種類コード") in columns
    assert Provider.objects.count() == 0


def test_missing_required_header(world):
    with pytest.raises(ProviderImportError) as exc:
        run(world, "事業所番号,名称\n1371201011,あ\n")
    assert exc.value.errors == [
        RowError("providers.csv", 1, "", messages.CSV_HEADER_MISSING.format(columns="事業所名、サービス種類コード"))
    ]


def test_binary_garbage_is_reported(world):
    with pytest.raises(ProviderImportError) as exc:
        import_providers(actor=world.clerk_a, data=b"\xff\xfe\x00\x81\xff", file_name="x.csv")
    assert exc.value.errors[0].message == messages.CSV_ENCODING


def test_import_page_shows_errors_and_writes_nothing(world, client):
    client.force_login(world.clerk_a)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("bad.csv", (HEADER + "1371201012,あおば,13,,,,,\n").encode())
    response = client.post("/directory/providers/import/", {"file": upload})
    assert response.status_code == 200
    body = response.content.decode()
    assert "bad.csv" in body and "事業所番号の検証番号" in body and "何も登録していません" in body
    assert Provider.objects.count() == 0


def test_duplicate_provider_number_gives_one_message(world):
    from carebridge.directory import services

    services.provider_create(
        actor=world.clerk_a, data=ProviderInput(name="A", provider_number="1371201011", service_type_codes=["11"])
    )
    with pytest.raises(Exception) as exc:  # noqa: PT011 - the ValidationError's messages are asserted below
        services.provider_create(
            actor=world.clerk_a, data=ProviderInput(name="B", provider_number="1371201011", service_type_codes=["11"])
        )
    assert exc.value.messages == [messages.PROVIDER_DUPLICATE]


def test_reimport_with_full_width_digits_updates_the_same_provider(world):
    ProviderFactory(office=world.office_a, provider_number="1371201011", name="旧名称")
    result = run(world, HEADER + "１３７１２０１０１１,新名称,11,,,,,\n")
    assert (result.created, result.updated) == (0, 1)
    assert Provider.objects.get().name == "新名称"
