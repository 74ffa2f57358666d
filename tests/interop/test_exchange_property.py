"""Property: any text written into a free-text column reads back as written (after the MS932
replacements the writer reports), the file passes the checker, and nothing else moves."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from carebridge.interop.exchange_check import check_file, read_file
from carebridge.interop.exchange_layout import layout
from carebridge.interop.exchange_writer import CRLF, encode_record, ms932_safe, write_file

NAME = "UP1KYO_0300000100_43_0300000005_11_20191025200201.CSV"
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


def _first_sheet(policy: str, intentions: str) -> list[object]:
    row: list[object] = [""] * 28
    row[1:5] = ["131128", "0000012345", "20260405", ""]
    row[7], row[8], row[12], row[13], row[14] = "鈴木 恵", "さくら", "1371200013", "20260405", "20260405"
    row[21], row[23] = intentions, policy
    return row


def _expected(text: str) -> str:
    safe, _ = ms932_safe(text)
    return safe.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=150, deadline=None)
@given(policy=TEXT, intentions=TEXT)
def test_free_text_round_trips(policy: str, intentions: str) -> None:
    written = write_file("UP1KYO", [_first_sheet(policy, intentions)])
    assert check_file(NAME, written.data) == []
    (values,) = read_file(written.data)
    assert len(values) == 28
    assert values[21] == _expected(intentions)
    assert values[23] == _expected(policy)
    assert values[12] == "1371200013" and values[0] == "202407"
    assert len(written.replacements) == len(ms932_safe(policy)[1]) + len(ms932_safe(intentions)[1])


VALUE = st.one_of(
    st.none(), st.integers(min_value=0, max_value=10**9), TEXT, st.sampled_from(["", "a,b", '"', "x\r\ny"])
)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.lists(VALUE, min_size=27, max_size=27), max_size=4))
def test_the_fast_writer_gives_the_field_by_field_bytes(rows: list[list[object]]) -> None:
    """Any values in any column (commas, quotes and line breaks where well-formed data has none,
    numbers, None, characters outside MS932): the file-at-once path of write_file writes what the
    per-column reference (encode_record, rules §6 and §10.1) writes, record by record."""
    kind_layout = layout("UP1KYO")
    full = [["202407", *row] for row in rows]
    expected = "".join(encode_record(kind_layout, values, n)[0] + CRLF for n, values in enumerate(full, start=1))
    written = write_file("UP1KYO", rows)
    assert written.data == expected.encode("cp932")
    assert written.records == len(rows)
