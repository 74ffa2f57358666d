"""documents/pdf.py: wrap() by character width, dates, and the flowing table."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from carebridge.documents.pdf import (
    BLANK_DATE,
    Column,
    Frame,
    Sheet,
    register_fonts,
    text_width,
    wareki_or_blank,
    wareki_range,
    wrap,
)

ALPHABET = "あいうえおかきくけこ介護保険居宅サービス計画書、。「」（）ー・ABCxyz019 .,\n"
texts = st.text(alphabet=ALPHABET, max_size=300)


@given(text=texts, size=st.floats(6, 14), chars=st.floats(1.2, 60))
def test_every_line_fits_and_nothing_is_lost(text, size, chars):
    width = size * chars  # at least one full-width character wide
    lines = wrap(text, size, width)
    for line in lines:
        assert stringWidth(line, register_fonts(), size) <= width + 1e-6
    assert "".join(lines) == text.replace("\n", "")
    assert len(lines) >= text.count("\n") + 1  # every newline starts a line


def test_newlines_are_kept_and_empty_paragraphs_give_empty_lines():
    assert wrap("一行目\n\n三行目", 9, 500) == ["一行目", "", "三行目"]
    assert wrap("", 9, 500) == [""]


def test_japanese_breaks_by_width():
    assert wrap("あいうえおかきく", 10, 30) == ["あいう", "えおか", "きく"]


def test_closing_punctuation_does_not_start_a_line():
    lines = wrap("あいう。えお", 10, 30)
    assert lines == ["あい", "う。え", "お"]
    assert not any(line.startswith("。") for line in lines)


def test_a_character_wider_than_the_width_gets_its_own_line():
    assert wrap("あい", 10, 5) == ["あ", "い"]


def test_text_width_matches_reportlab():
    assert abs(text_width("介護 ABC", 9) - stringWidth("介護 ABC", register_fonts(), 9)) < 1e-6


def test_wareki_dates():
    assert wareki_or_blank(dt.date(2025, 4, 1)) == "令和7年4月1日"
    assert wareki_or_blank(None) == BLANK_DATE
    assert wareki_range(dt.date(2025, 4, 1), dt.date(2025, 9, 30)) == "令和7年4月1日〜\n令和7年9月30日"
    assert wareki_range(None, None) == ""


def test_table_flows_into_new_frames_with_the_header_repeated(tmp_path):
    sheet = Sheet(title="test")
    pages = 0

    def next_frame() -> Frame:
        nonlocal pages
        sheet.new_page()
        pages += 1
        sheet.header("第9表", "試験の表")
        return Frame(40, 500, 40)

    columns = [Column("番号", 60, align="center"), Column("内容", 300)]
    rows = [[str(i), "折り返しのある本文です。" * (i % 5 + 1)] for i in range(80)]
    y = sheet.table(columns, rows, frame=next_frame(), next_frame=next_frame, size=9)
    assert 40 <= y < 500
    path = tmp_path / "table.pdf"
    path.write_bytes(sheet.finish().data)
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "poppler-utils (pdftotext) is needed"
    text = subprocess.run([pdftotext, str(path), "-"], check=True, capture_output=True, text=True).stdout
    text = re.sub(r"\s+", "", text)
    assert pages >= 3
    assert text.count("番号") == pages  # the header row repeats on every page
    assert "79" in text


def _table_pages(rows: list[list[str]], heights: list[float] | float, **options: int) -> list[str]:
    """Draw a label/text table into frames 431.7 → 40, page after page; the text of each page
    (pdftotext, whitespace removed)."""
    sheet = Sheet(title="test")

    def next_frame() -> Frame:
        sheet.new_page()
        return Frame(40, 431.7, 40)

    columns = [Column("", 100, align="center"), Column("", 600)]
    sheet.table(
        columns,
        rows,
        frame=next_frame(),
        next_frame=next_frame,
        size=9,
        header=False,
        min_row_height=heights,
        **options,
    )
    text = subprocess.run(["pdftotext", "-", "-"], input=sheet.finish().data, check=True, capture_output=True).stdout
    return [re.sub(r"\s+", "", page) for page in text.decode().split("\f") if page.strip()]


def test_rows_whose_heights_add_up_to_the_frame_exactly_stay_in_it():
    """431.7 − 40 shared 18/37/20/25 % adds up to 0.00000000000004 pt more than the frame in floating
    point: the last row once went to a page of its own (issue 9 item 11, 第4表)."""
    room = 431.7 - 40
    rows = [["一", "短い"], ["二", "短い"], ["三", "短い"], ["四", "短い"]]
    pages = _table_pages(rows, [room * share for share in (0.18, 0.37, 0.2, 0.25)])
    assert pages == ["一短い二短い三短い四短い"]


# 23 lines (the last paragraph is empty) leave room for 9 lines of 9 pt below them in a 391.7 pt frame.
BEFORE = ["前", "前の行\n" * 22]


def _sentences(lines: int) -> tuple[str, list[str]]:
    """Numbered sentences that wrap to exactly `lines` lines of the text column, and those lines."""
    count = 1
    while len(wrap(text := "".join(f"第{i:03d}文。" for i in range(count)), 9, 600 - 5)) < lines:
        count += 1
    return text, wrap(text, 9, 600 - 5)


def test_split_rows_fills_the_foot_of_the_frame_and_keeps_no_lone_line_at_either_end():
    """With split_rows=3 a long row that does not fit the rest of the frame starts there and goes on
    in the next one (its label repeated) instead of leaving the foot of the page empty; without it,
    the row moves to the next frame whole."""
    long, lines = _sentences(20)
    first, second = _table_pages([BEFORE, ["後", long]], 0.0, split_rows=3)
    assert first.endswith("後" + "".join(lines[:9]))  # the foot of the first page is used
    assert second == "後" + "".join(lines[9:])  # the rest, its label repeated: every character, in order

    first, second = _table_pages([BEFORE, ["後", long]], 0.0)
    assert "後" not in first and second == "後" + long  # moved whole

    almost, lines = _sentences(10)  # one line too many for the foot of the first page
    first, second = _table_pages([BEFORE, ["後", almost]], 0.0, split_rows=3)
    assert first.endswith("後" + "".join(lines[:7]))
    assert second == "後" + "".join(lines[7:])  # three lines go on, not one
