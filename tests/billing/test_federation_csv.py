"""The 国保連 file of 給付管理票 (kyotaku.md 給付管理票: 8222 records, data kind 821, MS932, CRLF,
control/data/end records; the insurer number 8 digits zero padded; the processing month is the
review month; media kind 7). The layout is (verify) against the federation's interface spec."""

from __future__ import annotations

from carebridge.billing import federation_csv as f

HEADER = f.FileHeader(office_number="1371200017", processing_month="202606")


def statement(kind: str = "1", lines: int = 2) -> f.Statement:
    return f.Statement(
        service_month="202605",
        insurer_number="131128",
        insured_number="0000000001",
        statement_kind=kind,
        creator_kind="1",
        birth_date="19400401",
        sex="2",
        care_level="22",
        limit_from="20260401",
        limit_to="20270331",
        limit_units=19705,
        care_manager_number="12345678",
        lines=tuple(f.ProviderLine(f"13712500{i}{i}", "1", "11", 1000 * (i + 1)) for i in range(lines)),
    )


def test_the_file_is_ms932_with_crlf_and_parses_back():
    content = f.write(HEADER, [statement(), statement(lines=1)])
    assert content.endswith(b"\r\n")
    assert b"\n" not in content.replace(b"\r\n", b"")
    content.decode("cp932")
    parsed = f.parse(content)
    assert parsed.errors == []
    assert parsed.control["data_kind"] == "821"
    assert parsed.control["media_kind"] == "7"
    assert parsed.control["processing_month"] == "202606"
    assert parsed.control["office_number"] == "1371200017"
    assert parsed.control["record_count"] == "5"  # 2 + 1 detail lines, 2 total lines
    assert len(parsed.details) == 3
    assert len(parsed.totals) == 2
    assert parsed.end["record_kind"] == "3"
    assert parsed.end["record_number"] == "7"


def test_detail_lines_01_to_98_and_total_99():
    parsed = f.parse(f.write(HEADER, [statement(lines=3)]))
    assert [d["line_number"] for d in parsed.details] == ["01", "02", "03"]
    total = parsed.totals[0]
    assert total["line_number"] == "99"
    assert total["exchange_id"] == "8222"
    assert total["insurer_number"] == "00131128"  # 8 digits, zero padded
    assert total["limit_units"] == "19705"
    assert total["total_units"] == str(1000 + 2000 + 3000)
    assert total["care_manager_number"] == "12345678"
    assert all(d["exchange_id"] == "8222" for d in parsed.details)


def test_more_than_98_lines_is_refused():
    import pytest

    with pytest.raises(ValueError, match="98"):
        f.write(HEADER, [statement(lines=99)])


def test_the_parser_finds_broken_files():
    good = f.write(HEADER, [statement()])
    assert f.parse(good.replace(b"\r\n", b"\n")).errors
    assert f.parse(good.replace(b",821,", b",999,")).errors
    assert "MS932" in f.parse(b"1,\x82\xff\r\n").errors[0]
    truncated = b"\r\n".join(good.split(b"\r\n")[:-2]) + b"\r\n"  # no end record
    assert f.parse(truncated).errors


def test_designation_by_service_type():
    assert f.designation_for("11") == "1"
    assert f.designation_for("78") == "3"  # 地域密着型通所介護
