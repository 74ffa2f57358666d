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
