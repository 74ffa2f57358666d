"""Golden tests of the exchange writer, names and checker, written by hand from
../shared/domain/careplan-exchange/rules-v4.1.md (ケアプランデータ連携標準仕様 v4.1, 令和6年10月)."""

from __future__ import annotations

import datetime as dt

import pytest

from carebridge.interop.exchange_check import check_file, parse, read_file
from carebridge.interop.exchange_layout import in_scope, layout
from carebridge.interop.exchange_names import file_name, parse_name
from carebridge.interop.exchange_writer import write_file

SENDER = "0300000100"
RECEIVER = "0300000005"
STAMP = "20191025200201"


def test_names_match_the_annex_examples() -> None:
    """§2: the annex examples, character for character (v4.1 form with service-type tokens)."""
    common = {"sender_number": SENDER, "receiver_number": RECEIVER, "receiver_type": "11", "stamp": STAMP}
    assert file_name("UP1KYO", **common) == "UP1KYO_0300000100_43_0300000005_11_20191025200201.CSV"
    assert file_name("DLT1KYO", **common) == "DLT1KYO_0300000100_43_0300000005_11_20191025200201.CSV"
    assert file_name("UPHOSOKU", month="000000", **common) == (
        "UPHOSOKU_000000_0300000100_43_0300000005_11_20191025200201.CSV"
    )
    assert file_name("UPHOSOKU", month="201909", **common) == (
        "UPHOSOKU_201909_0300000100_43_0300000005_11_20191025200201.CSV"
    )
    assert file_name("UPPLAN", month="201912", **common) == (
        "UPPLAN_201912_0300000100_43_0300000005_11_20191025200201.CSV"
    )


@pytest.mark.parametrize(
    ("kind", "changes"),
    [
        ("UP1KYO", {"month": "201912"}),  # no month token on the 1表 family
        ("UPPLAN", {}),  # month required
        ("UP1KYO", {"sender_number": "123456789"}),  # §2.4's 9-digit typo
        ("UP1KYO", {"stamp": "201911110102233"}),  # §2.5's 15-digit typo
        ("UP1KYO", {"receiver_type": "011"}),  # v4.0's 3-digit token
    ],
)
def test_bad_name_tokens_are_refused(kind: str, changes: dict[str, str]) -> None:
    args = {"sender_number": SENDER, "receiver_number": RECEIVER, "receiver_type": "11", "stamp": STAMP, **changes}
    with pytest.raises(ValueError, match=r"."):
        file_name(kind, **args)


def test_names_parse_back_in_any_case() -> None:
    parsed = parse_name("uphosoku_000000_0300000100_43_0300000005_11_20191025200201.csv")
    assert (parsed.kind, parsed.month, parsed.sender_number, parsed.receiver_type, parsed.stamp) == (
        "UPHOSOKU",
        "000000",
        SENDER,
        "11",
        STAMP,
    )


def _second_sheet(**texts: str) -> list[object]:
    row: list[object] = [
        "131128", "0000012345", "20260405", "20260405",
        1, texts.get("need", "課題"), 1, "長期", "短期", "期間1", "期間2", 1, texts.get("content", "内容"),
        "Y", "通所介護", "1371200011", "デイ", "週2回", "期間3", "1371200019", "",
    ]  # fmt: skip
    return row


def test_free_text_is_quoted_with_commas_quotes_and_newlines_kept() -> None:
    """§6: free text in "…", `"` doubled, commas and line breaks kept; other columns unquoted;
    no header; CRLF after every record; CSVバージョン 202407 (§7); every column written."""
    written = write_file("UP2KYO", [_second_sheet(need='入浴, 着替え「"できる"」', content="朝\n夕")])
    expected = (
        '202407,131128,0000012345,20260405,20260405,1,"入浴, 着替え「""できる""」",1,"長期","短期",'
        '"期間1","期間2",1,"朝\r\n夕",Y,"通所介護",1371200011,"デイ","週2回","期間3",1371200019,\r\n'
    )
    assert written.data == expected.encode("cp932")
    assert written.records == 1 and written.replacements == ()
    assert read_file(written.data)[0][6] == '入浴, 着替え「"できる"」'
    assert read_file(written.data)[0][13] == "朝\n夕"
    assert check_file(f"UP2KYO_{SENDER}_43_{RECEIVER}_15_{STAMP}.CSV", written.data) == []


def test_characters_outside_ms932_are_replaced_and_reported() -> None:
    """§6/§10.1: no character outside MS932 and no 外字; replace and report. NEC/IBM extensions
    (髙, 﨑, ①) are MS932 and stay."""
    row = _second_sheet(need="𠮷田さん\ue000と髙﨑さん①", content="〜−")
    written = write_file("UP2KYO", [row])
    values = read_file(written.data)[0]
    assert values[6] == "吉田さん〓と髙﨑さん①"
    assert values[13] == "～－"
    assert [(r.line, r.column_no, r.original, r.written) for r in written.replacements] == [
        (1, 7, "𠮷", "吉"),
        (1, 7, "\ue000", "〓"),
        (1, 14, "〜", "～"),
        (1, 14, "−", "－"),
    ]
    assert "MS932で書けない" in written.replacements[0].message()


def test_every_column_is_written_even_when_empty() -> None:
    written = write_file("UPHOSOKU", [[""] * 62])
    assert written.data.count(b",") == 62  # 63 columns
    with pytest.raises(ValueError, match="項目数が10です"):
        write_file("UPHOSOKU", [[""] * 10])


def test_scope_is_dated_data() -> None:
    """§11: 看多機 77/79 in scope, 特定施設 33 and 住宅改修 42 out; unknown types out."""
    on = dt.date(2026, 4, 1)
    assert in_scope("77", on) and in_scope("79", on) and in_scope("15", on)
    assert not in_scope("33", on) and not in_scope("42", on) and not in_scope("99", on)
    assert not in_scope("15", dt.date(2020, 1, 1))  # before the table's first row


def test_layout_widths_follow_the_spec() -> None:
    """§6 column counts."""
    widths = {k: layout(k).width for k in ("UPHOSOKU", "UP1KYO", "UP2KYO", "UP3KYO", "UPPLAN", "UPJSK", "UPSIKYU")}
    assert widths == {
        "UPHOSOKU": 63,
        "UP1KYO": 28,
        "UP2KYO": 22,
        "UP3KYO": 13,
        "UPPLAN": 25,
        "UPJSK": 25,
        "UPSIKYU": 37,
    }
    assert {k: layout(k).width for k in ("DLT1KYO", "DLTPLAN", "DLTJSK")} == {"DLT1KYO": 4, "DLTPLAN": 4, "DLTJSK": 6}


# -- checker ---------------------------------------------------------------------------------------

NAME_2 = f"UP2KYO_{SENDER}_43_{RECEIVER}_15_{STAMP}.CSV"


def _messages(name: str, data: bytes) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.message) for f in check_file(name, data)]


def test_checker_reports_line_and_column() -> None:
    good = write_file("UP2KYO", [_second_sheet()]).data
    bad_date = good.replace(b"20260405,20260405", b"20260405,20260231")
    assert _messages(NAME_2, bad_date) == [
        (1, 5, "居宅サービス計画作成（変更）日はYYYYMMDD の日付です（「20260231」）")
    ]
    lf = good + good.replace(b"\r\n", b"\n")
    assert _messages(NAME_2, lf) == [(2, 0, "レコードの終わりが CRLF ではありません（LF）")]
    short = b"202407,131128\r\n"
    assert _messages(NAME_2, short) == [(1, 0, "項目数が2です（UP2KYOは22項目）")]
    unquoted = good.replace('"課題"'.encode("cp932"), "課題".encode("cp932"))
    assert [(f[0], f[1]) for f in _messages(NAME_2, unquoted)] == [(1, 7)]
    bad_code = good.replace(b",Y,", b",X,")
    assert [(f[0], f[1]) for f in _messages(NAME_2, bad_code)] == [(1, 15)]


def test_checker_reports_encoding_version_and_required() -> None:
    utf8 = write_file("UP2KYO", [_second_sheet()]).data.decode("cp932").encode("utf-8")
    assert "MS932" in _messages(NAME_2, utf8)[0][2]
    gaiji = write_file("UP2KYO", [_second_sheet()]).data.replace("課題".encode("cp932"), b"\xf0\x40")
    assert any("外字" in m for _, _, m in _messages(NAME_2, gaiji))
    old = write_file("UP2KYO", [_second_sheet()]).data.replace(b"202407", b"202208", 1)
    assert [(f[0], f[1]) for f in _messages(NAME_2, old)] == [(1, 1)]
    no_insured = write_file("UP2KYO", [_second_sheet()]).data.replace(b",0000012345,", b",,")
    assert _messages(NAME_2, no_insured) == [(1, 3, "被保険者番号は必須です")]


def test_checker_checks_the_name_and_the_month_sentinels() -> None:
    """§6 sentinels: UPHOSOKU with the 1表 family carries 000000 in its name and No.63."""
    row: list[object] = ["131128", "0000012345", "20260405", "ヤマダ", "山田", "1", "19400101"] + [""] * 54 + ["000000"]
    data = write_file("UPHOSOKU", [row]).data
    good = f"UPHOSOKU_000000_{SENDER}_43_{RECEIVER}_15_{STAMP}.CSV"
    assert _messages(good, data) == []
    wrong_month = f"UPHOSOKU_202604_{SENDER}_43_{RECEIVER}_15_{STAMP}.CSV"
    assert [(f[0], f[1]) for f in _messages(wrong_month, data)] == [(1, 63)]
    assert _messages("UP2KYO_123_43.CSV", b"")[0][0:2] == (0, 0)


def test_parse_keeps_line_numbers_across_quoted_newlines() -> None:
    text = '202407,"a\r\nb"\r\n202407,"c"\r\n'
    records = parse(text)
    assert [(r.line, r.values) for r in records] == [(1, ["202407", "a\nb"]), (3, ["202407", "c"])]


def _seventh(code: str, office: str, units: str = "0") -> list[object]:
    row: list[object] = [""] * 37  # No.1 left empty: the writer fills the CSVバージョン
    row[1:5] = ["131128", "0000012345", "20261101", "202611"]
    row[5], row[6], row[8], row[12], row[15], row[32] = "事業所", office, code, units, "1", "0"
    return row


def test_checker_wants_the_seventh_sheet_total_and_subtotals() -> None:
    """§6/§8: exactly one 999999 / 9999999999 total row; {種類}AAAA subtotal when a type has
    several rows; subtotal and total rows carry 単位数 0 and empty 割引後 columns."""
    name = f"UPSIKYU_202611_{SENDER}_43_{RECEIVER}_15_{STAMP}.CSV"
    details = [_seventh("151111", "1371201037", "600"), _seventh("155301", "1371201037", "50")]
    subtotal = _seventh("15AAAA", "1371201037")
    total = _seventh("999999", "9999999999")
    assert _messages(name, write_file("UPSIKYU", [*details, subtotal, total], month="202611").data) == []
    missing = _messages(name, write_file("UPSIKYU", details, month="202611").data)
    assert [m for _, _, m in missing] == [
        "131128-0000012345 202611: 種類15は明細が2行あるので小計行（15AAAA）が必要です",
        "131128-0000012345 202611: 合計行（999999）が0行あります（1行のはずです）",
    ]
    bad_total = _seventh("999999", "1371201037", "650")
    found = _messages(name, write_file("UPSIKYU", [*details, subtotal, bad_total], month="202611").data)
    assert [(line, col) for line, col, _ in found] == [(4, 7), (4, 13)]
