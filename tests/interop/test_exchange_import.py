"""Import of the provider's actuals (UPJSK 第6表 実績情報, DLTJSK 実績情報削除) into the 第6表 actuals
(issue 11 Build 3 and its acceptance line): rules-v4.1.md §4 (keys), §5.1.2 (replace per provider and
type), §6 (MS932, header, line ends, quoting), §7 (202504 accepted), §10 (import checklist)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from carebridge.billing.annex_selectors import annex_of
from carebridge.billing.models import SlipStatus, UsageLine, UsageSlip
from carebridge.core.models import AuditEvent
from carebridge.interop.exchange_import_preview import preview_import
from carebridge.interop.exchange_import_services import exchange_actuals_import
from carebridge.interop.models import ExchangeSend, SendContent, SendDirection

from ..permission_matrix import state
from .jsk_helpers import csv_bytes, dltjsk_record, name, ready_slip, records_from_days, upjsk_record

pytestmark = pytest.mark.django_db

MAY = "202605"
PLANNED = "0000100000010000001000000100000"  # the 通所介護 lines: 5, 12, 19, 26 May (Tuesdays)
DONE = "0000100000010000001000000000000"  # the provider did not come on the 26th


@pytest.fixture
def setup(world):
    client, slip, lines = ready_slip(world)
    assert lines[0].planned_days == PLANNED
    return world, client, slip, lines


def _file(world, client, lines, days=DONE, **kw):
    office = world.office_a.office_number
    records = records_from_days(client, lines[0], days, office=office) + records_from_days(
        client, lines[1], days, office=office
    )
    provider = lines[0].provider.provider_number
    return name("UPJSK", month=MAY, provider=provider, office=office), csv_bytes(records, **kw)


def _actuals(slip):
    return list(UsageLine.objects.filter(slip=slip).order_by("position", "id").values_list("actual_days", flat=True))


def test_a_valid_upjsk_updates_the_actuals_and_the_7th_sheet(setup):
    world, client, slip, lines = setup
    result = exchange_actuals_import(actor=world.cm_a, office=world.office_a, files=[_file(world, client, lines)])
    assert result.changed_lines == 2
    # The provider's two lines take its report; the other provider's line is untouched (not entered).
    assert _actuals(slip) == [DONE, DONE, ""]
    slip.refresh_from_db()
    sheet = annex_of(client=client, slip=UsageSlip.objects.get(pk=slip.pk))
    group = next(g for g in sheet.groups if g.service_type == "15")
    # Hand-computed: 通所介護 658 × 3 days + 入浴介助加算 40 × 3 days = 2,094 units (was 4 days: 2,792).
    assert group.result.units == 658 * 3 + 40 * 3 == 2094
    # and the whole month: + 訪問看護 314 × 1 (its plan, no actuals yet) = 2,408.
    assert sheet.result.total_units == 2094 + 314 == 2408
    assert sheet.basis != "予定"
    # 費用総額 = floor(units × 単価) (billing rules): the sheet's own price, applied by hand.
    assert group.result.total_cost == 2094 * group.result.unit_price // 100


def test_the_receipt_is_recorded_with_the_file_hash_months_and_clients(setup):
    world, client, _slip, lines = setup
    file_name, data = _file(world, client, lines)
    exchange_actuals_import(actor=world.cm_a, office=world.office_a, files=[(file_name, data)], via="cli")
    send = ExchangeSend.objects.get()
    assert (send.direction, send.content, send.via) == (SendDirection.IMPORT, SendContent.ACTUALS, "cli")
    assert send.counterpart_number == lines[0].provider.provider_number and send.counterpart_type == "15"
    assert send.provider == lines[0].provider and send.stamp == "20260605101500"
    import hashlib

    assert send.files == [
        {"name": file_name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data), "records": 6}
    ]
    assert send.archive_sha256 == hashlib.sha256(data).hexdigest()
    assert send.months == [MAY] and list(send.clients.all()) == [client]
    assert AuditEvent.objects.filter(action="exchange.import", client_id=client.pk).count() == 1
    assert AuditEvent.objects.filter(action="slip_actuals_replace", client_id=client.pk).count() == 2


def test_importing_twice_gives_the_same_actuals_and_writes_no_line_again(setup):
    world, client, slip, lines = setup
    files = [_file(world, client, lines)]
    exchange_actuals_import(actor=world.cm_a, office=world.office_a, files=files)
    first = _actuals(slip)
    events = AuditEvent.objects.filter(action="slip_actuals_replace").count()
    again = exchange_actuals_import(actor=world.cm_a, office=world.office_a, files=files)
    assert _actuals(slip) == first and again.changed_lines == 0
    assert AuditEvent.objects.filter(action="slip_actuals_replace").count() == events
    assert ExchangeSend.objects.count() == 2  # each receipt is recorded


def test_a_later_report_replaces_the_earlier_one(setup):
    """Replace, not add (rules §5.1.2): a correction with all four days gives four, not seven."""
    world, client, slip, lines = setup
    exchange_actuals_import(actor=world.cm_a, office=world.office_a, files=[_file(world, client, lines)])
    exchange_actuals_import(actor=world.cm_a, office=world.office_a, files=[_file(world, client, lines, PLANNED)])
    assert _actuals(slip) == [PLANNED, PLANNED, ""]


def test_tolerates_a_header_line_lf_quoted_numbers_and_version_202504(setup):
    world, client, slip, lines = setup
    office = world.office_a.office_number
    records = []
    for line in lines[:2]:
        for record in records_from_days(client, line, DONE, office=office):
            record[0] = "202504"
            record[7] = f'"{record[7]}"'  # 単位数 quoted
            record[13] = f'"{record[13]}"'  # サービス回数 quoted
            records.append(record)
    header = ",".join(f"項目{i}" for i in range(1, 26))
    data = csv_bytes(records, ending="\n", header=header)
    file_name = name("UPJSK", month=MAY, provider=lines[0].provider.provider_number, office=office).replace(
        ".CSV", ".csv"
    )
    exchange_actuals_import(actor=world.cm_a, office=world.office_a, files=[(file_name, data)])
    assert _actuals(slip) == [DONE, DONE, ""]


def test_dltjsk_clears_the_actuals_of_the_provider_and_type(setup):
    world, client, slip, lines = setup
    exchange_actuals_import(actor=world.cm_a, office=world.office_a, files=[_file(world, client, lines)])
    office = world.office_a.office_number
    provider = lines[0].provider.provider_number
    record = dltjsk_record(
        insurer=client.insurer_number, insured=client.insured_number, month=MAY, provider=provider, service_type="15"
    )
    later = name("DLTJSK", month=MAY, provider=provider, office=office, stamp="20260606090000")
    exchange_actuals_import(actor=world.cm_a, office=world.office_a, files=[(later, csv_bytes([record]))])
    assert _actuals(slip) == ["", "", ""]


def test_files_are_taken_in_stamp_order(setup):
    """Send units are processed in ファイル連番 order (rules §3): a DLTJSK with an earlier stamp than
    the UPJSK given with it does not undo the UPJSK."""
    world, client, slip, lines = setup
    office = world.office_a.office_number
    provider = lines[0].provider.provider_number
    record = dltjsk_record(
        insurer=client.insurer_number, insured=client.insured_number, month=MAY, provider=provider, service_type="15"
    )
    earlier = name("DLTJSK", month=MAY, provider=provider, office=office, stamp="20260601090000")
    exchange_actuals_import(
        actor=world.cm_a, office=world.office_a, files=[_file(world, client, lines), (earlier, csv_bytes([record]))]
    )
    assert _actuals(slip) == [DONE, DONE, ""]


def test_a_closed_month_gets_a_new_version_never_an_edit(setup):
    """Billing's rule (docs/billing.md, house rule 4): a closed slip is never edited; a correction is
    a new version (slip_revise) — the import puts the actuals on that version."""
    world, client, slip, lines = setup
    UsageSlip.objects.filter(pk=slip.pk).update(status=SlipStatus.CLOSED)
    exchange_actuals_import(actor=world.cm_a, office=world.office_a, files=[_file(world, client, lines)])
    slip.refresh_from_db()
    assert slip.status == SlipStatus.SUPERSEDED and _actuals(slip) == ["", "", ""]
    new = UsageSlip.objects.get(replaces=slip)
    assert (new.version, new.status) == (2, SlipStatus.DRAFT)
    assert "実績の取込" in new.correction_reason
    assert _actuals(new) == [DONE, DONE, ""]
    # Idempotent there too: the same file again makes no third version.
    exchange_actuals_import(actor=world.cm_a, office=world.office_a, files=[_file(world, client, lines)])
    assert UsageSlip.objects.filter(client=client).count() == 2


# -- malformed files: precise errors, nothing changes ------------------------------------------------


def _refused(world, files) -> list[str]:
    before = state()
    with pytest.raises(ValidationError) as refused:
        exchange_actuals_import(actor=world.cm_a, office=world.office_a, files=files)
    assert state() == before, "a refused import changed the database"
    return refused.value.messages


def test_wrong_column_count_is_refused_with_file_and_line(setup):
    world, client, _slip, lines = setup
    file_name, data = _file(world, client, lines)
    rows = data.split(b"\r\n")
    rows[2] = rows[2] + b",extra"
    messages = _refused(world, [(file_name, b"\r\n".join(rows))])
    assert f"{file_name} 3行目: 項目数が26です（UPJSKは25項目）" in messages
    assert messages[0].startswith("取込ファイルに1件の誤りがあるため、何も取り込んでいません")


def test_a_bad_date_is_refused_with_line_and_column(setup):
    world, client, _slip, lines = setup
    office = world.office_a.office_number
    records = records_from_days(client, lines[0], DONE, office=office)
    records[1][9] = "20260231"
    file_name = name("UPJSK", month=MAY, provider=lines[0].provider.provider_number, office=office)
    messages = _refused(world, [(file_name, csv_bytes(records))])
    assert (
        f"{file_name} 2行目 10列目（サービス利用日）: 日付の形式が正しくありません（YYYYMMDD）（「20260231」）"
        in messages
    )


def test_a_date_outside_the_month_is_refused(setup):
    world, client, _slip, lines = setup
    office = world.office_a.office_number
    records = records_from_days(client, lines[0], DONE, office=office)
    records[0][9] = "20260605"
    file_name = name("UPJSK", month=MAY, provider=lines[0].provider.provider_number, office=office)
    messages = _refused(world, [(file_name, csv_bytes(records))])
    assert any(
        m.startswith(f"{file_name} 1行目 10列目（サービス利用日）: サービス利用日「20260605」") for m in messages
    )


def test_an_unknown_client_is_listed_and_blocks_until_confirmed(setup):
    world, client, slip, lines = setup
    office = world.office_a.office_number
    provider = lines[0].provider.provider_number
    stranger = upjsk_record(
        insurer=client.insurer_number, insured="9999999999", month=MAY, planner=office, provider=provider,
        day="20260505", code="151111", start="0900", end="1600",
    )  # fmt: skip
    file_name, data = _file(world, client, lines)
    data += csv_bytes([stranger])
    messages = _refused(world, [(file_name, data)])
    listed = (
        f"{file_name} 7行目: 保険者番号 {client.insurer_number}・被保険者番号 9999999999 の利用者が当事業所にいません"
    )
    assert listed in messages
    # The user confirms: the rest is applied, the stranger left out.
    result = exchange_actuals_import(
        actor=world.cm_a, office=world.office_a, files=[(file_name, data)], accept_unmatched=True
    )
    assert result.preview.unmatched == [listed]
    assert _actuals(slip) == [DONE, DONE, ""]


def test_bytes_that_are_not_ms932_are_refused_precisely(setup):
    world, client, _slip, lines = setup
    file_name, data = _file(world, client, lines)
    broken = data.replace("担当 ケアマネ".encode("cp932"), "担当 ケアマネ".encode(), 1)
    messages = _refused(world, [(file_name, broken)])
    offset = broken.index("担当".encode())
    problem = next(m for m in messages if "MS932" in m)
    assert problem.startswith(f"{file_name} 1行目: MS932（Shift_JIS）として読めないバイトがあります（")
    # 「担」 in UTF-8 is E6 8B 85: E6 8B happens to be an MS932 kanji, 85 E5 (row 0x85) is unassigned,
    # so the first byte that cannot be read is the third one — the error names it and shows it.
    assert f"（{offset + 3}バイト目、行の{offset + 3}バイト目: 85 E5）" in problem


def test_one_bad_file_blocks_every_file(setup):
    """All or nothing over every file given."""
    world, client, _slip, lines = setup
    office = world.office_a.office_number
    good = _file(world, client, lines)
    bad_name = name("UPJSK", month=MAY, provider=lines[2].provider.provider_number, office=office, provider_type="13")
    messages = _refused(world, [good, (bad_name, b"202407,1\r\n")])
    assert f"{bad_name} 1行目: 項目数が2です（UPJSKは25項目）" in messages


def test_a_file_for_another_office_or_of_another_kind_is_refused(setup):
    world, client, _slip, lines = setup
    file_name, data = _file(world, client, lines)
    other = file_name.replace(world.office_a.office_number, "1371299999")
    assert any("宛てのファイルではありません" in m for m in _refused(world, [(other, data)]))
    plan = file_name.replace("UPJSK", "UPPLAN")
    assert any("取り込めるのは実績（UPJSK）と実績の削除（DLTJSK）です" in m for m in _refused(world, [(plan, data)]))


def test_a_record_matching_no_line_is_listed(setup):
    world, client, _slip, lines = setup
    office = world.office_a.office_number
    records = records_from_days(client, lines[0], DONE, office=office)
    records[0][14] = "151234"
    file_name = name("UPJSK", month=MAY, provider=lines[0].provider.provider_number, office=office)
    messages = _refused(world, [(file_name, csv_bytes(records))])
    assert any(m.startswith(f"{file_name} 1行目:") and "151234" in m and "行がありません" in m for m in messages)


def test_a_stale_preview_is_refused(setup):
    world, client, _slip, lines = setup
    files = [_file(world, client, lines)]
    seen = preview_import(office=world.office_a, files=files).fingerprint
    UsageLine.objects.filter(pk=lines[0].pk).update(actual_days=PLANNED)
    before = state()
    with pytest.raises(ValidationError, match="確認のあとで利用票が変わりました"):
        exchange_actuals_import(actor=world.cm_a, office=world.office_a, files=files, expected_fingerprint=seen)
    assert state() == before


def test_mixed_csv_versions_in_one_file_are_refused(setup):
    """rules §7: a file must not mix CSVバージョン values (202407 and 202504 are each accepted alone)."""
    world, client, _slip, lines = setup
    file_name, data = _file(world, client, lines)
    rows = data.split(b"\r\n")
    rows[0] = rows[0].replace(b"202407,", b"202504,", 1)
    messages = _refused(world, [(file_name, b"\r\n".join(rows))])
    mixed = "1つのファイルにCSVバージョンが混在しています（202407・202504）"
    assert f"{file_name} 1列目（CSVバージョン）: {mixed}" in messages


def test_the_specs_swapped_type_tokens_are_read_by_value_not_position(setup):
    """rules §2: the spec's own UPJSK example swaps the service-type tokens (…_{provider}_43_{office}_15_…);
    the provider's type is the token that is not 43, and the office numbers decide the direction."""
    world, client, slip, lines = setup
    _name, data = _file(world, client, lines)
    provider, office = lines[0].provider.provider_number, world.office_a.office_number
    swapped = f"UPJSK_{MAY}_{provider}_43_{office}_15_20260605101500.CSV"
    exchange_actuals_import(actor=world.cm_a, office=world.office_a, files=[(swapped, data)])
    assert _actuals(slip) == [DONE, DONE, ""]
    assert ExchangeSend.objects.get().counterpart_type == "15"


def test_a_utf8_bom_is_refused_and_a_damaged_version_is_checked_not_skipped_as_a_header(setup):
    """A BOM's bytes happen to decode as MS932 (rules §6: MS932 has no BOM): it is named, not read
    as a heading. A first line with a damaged version still carries a 保険者番号: it is data."""
    world, client, _slip, lines = setup
    file_name, data = _file(world, client, lines)
    messages = _refused(world, [(file_name, b"\xef\xbb\xbf" + data)])
    assert any(m.startswith(f"{file_name} 1行目: 先頭にBOMがあります") for m in messages)
    damaged = b"v2024" + data[6:]
    messages = _refused(world, [(file_name, damaged)])
    assert f"{file_name} 1行目 1列目（CSVバージョン）: 年月の形式が正しくありません（YYYYMM）（「v2024」）" in messages


def test_our_own_writers_upjsk_of_the_plan_gives_actuals_equal_to_the_plan(setup):
    """The shape of the lead's property test (issue 11 acceptance): every line's plan written as
    UPJSK records (one per line and day, as the UPPLAN is) with our writer, then imported: the
    actuals equal the plan, for every provider and type."""
    from carebridge.interop.exchange_writer import write_file

    world, client, slip, lines = setup
    office = world.office_a.office_number
    by_provider: dict[str, list[list[str]]] = {}
    for line in lines:
        for record in records_from_days(client, line, line.planned_days, office=office):
            values = [v.strip('"') for v in record]  # the writer quotes free text itself
            by_provider.setdefault(line.provider.provider_number, []).append(values[1:])
    files = []
    for provider, rows in by_provider.items():
        written = write_file("UPJSK", rows, month=MAY)
        files.append((name("UPJSK", month=MAY, provider=provider, office=office), written.data))
    exchange_actuals_import(actor=world.cm_a, office=world.office_a, files=files)
    assert _actuals(slip) == [line.planned_days for line in lines]
