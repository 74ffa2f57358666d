"""第5表 居宅介護支援経過 PDF, checked with the real poppler tools."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from carebridge.casework.models import ProgressNote
from carebridge.casework.pdf import progress_notes_pdf
from carebridge.documents.pdf import wareki_or_blank
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db

CATEGORIES = ["phone", "visit", "meeting", "coordination", "record"]


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pair_text(path: Path, page: int, right: bool) -> str:
    """The text of one column pair of one page (pdftotext crops in points)."""
    x = "421" if right else "0"
    args = ("-f", str(page), "-l", str(page), "-x", x, "-y", "0", "-W", "421", "-H", "596")
    return re.sub(r"\s+", "", run("pdftotext", *args, str(path), "-"))


def page_count(path: Path, out: Path) -> int:
    out.mkdir(exist_ok=True)
    run("pdftoppm", "-r", "50", "-png", str(path), str(out / "page"))
    return len(list(out.glob("page*.png")))


@pytest.fixture
def client(world):
    return ClientFactory(office=world.office_a, name="経過 記子", kana="ケイカ　キコ")


def make_notes(world, client, count: int) -> list[ProgressNote]:
    start = dt.date(2026, 4, 1)
    return [
        ProgressNote.objects.create(
            office=world.office_a,
            client=client,
            noted_on=start + dt.timedelta(days=i),
            category=CATEGORIES[i % len(CATEGORIES)],
            content=f"記録{i:02d}：長女より電話。デイサービスでの入浴の様子を伝え、次回訪問の日程を調整した。"
            + ("体調に変化なし。食事も摂れている。" * (i % 5)),
            author=world.cm_a,
        )
        for i in range(count)
    ]


def test_sixty_notes_flow_over_several_pages_oldest_first(world, client, tmp_path):
    make_notes(world, client, 60)
    notes = ProgressNote.objects.filter(client=client)  # default ordering is newest first
    path = tmp_path / "notes.pdf"
    path.write_bytes(
        progress_notes_pdf(
            client, notes, author_name="鈴木 次郎", office_name="事業所A", created_on=dt.date(2026, 6, 1)
        ).data
    )

    layout = run("pdftotext", "-layout", str(path), "-")
    text = re.sub(r"\s+", "", layout)
    pages = page_count(path, tmp_path / "png")
    assert pages >= 3
    assert text.count("居宅介護支援経過") == pages  # the heading repeats on every page
    for expected in ("経過記子", "鈴木次郎", "令和8年6月1日", "令和8年4月1日", "連絡調整", "記録59"):
        assert expected in text, expected
    # Oldest first: down the left pair, then the right pair, then the next page.
    flow = "".join(pair_text(path, page, right) for page in range(1, pages + 1) for right in (False, True))
    positions = [flow.index(f"記録{i:02d}") for i in range(60)]
    assert positions == sorted(positions)

    fonts = run("pdffonts", str(path))
    line = next(row for row in fonts.splitlines() if "IPAexGothic" in row)
    assert line.split()[-5] == "yes"  # emb


def test_no_notes_gives_one_empty_sheet(world, client, tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(progress_notes_pdf(client, []).data)
    assert "居宅介護支援経過" in re.sub(r"\s+", "", run("pdftotext", "-layout", str(path), "-"))
    assert page_count(path, tmp_path / "png") == 1


def test_a_very_long_note_is_split_across_pages(world, client, tmp_path):
    note = make_notes(world, client, 1)[0]
    note.content = "長い記録の本文です。" * 400
    path = tmp_path / "long.pdf"
    path.write_bytes(progress_notes_pdf(client, [note]).data)
    assert page_count(path, tmp_path / "png") >= 2
    text = run("pdftotext", "-layout", str(path), "-")
    assert text.count("本") == 400  # wrapped lines interleave in the text layer: count one character


def test_emoji_in_a_note_print_as_the_marker_and_the_page_warns(world, client, tmp_path):
    from django.test import Client as Browser

    from carebridge.documents.http import MISSING_GLYPHS_HEADER, missing_glyphs_message

    client.name = "𠮷田 記子"
    client.care_manager = world.cm_a
    client.save(update_fields=["name", "care_manager"])
    note = make_notes(world, client, 1)[0]
    note.content = "長女より電話。本人は元気とのこと👍🏽。"
    note.save(update_fields=["content"])

    drawn = progress_notes_pdf(client, [note])
    assert drawn.missing == ("👍🏽",)
    path = tmp_path / "notes.pdf"
    path.write_bytes(drawn.data)
    text = re.sub(r"\s+", "", run("pdftotext", "-layout", str(path), "-"))
    assert "𠮷田記子" in text
    assert "本人は元気とのこと〓。" in text

    browser = Browser()
    browser.force_login(world.cm_a)
    response = browser.get(f"/care/clients/{client.pk}/notes/pdf/")
    assert response.status_code == 200
    assert response[MISSING_GLYPHS_HEADER] == "U+1F44D U+1F3FD"
    notes_page = browser.get(f"/care/clients/{client.pk}/notes/").content.decode()
    assert missing_glyphs_message(["👍🏽"], "居宅介護支援経過") in notes_page


def test_the_date_column_holds_the_longest_date_on_one_line(world, client, tmp_path):
    """Issue 9 item 11: 令和8年10月10日 wrapped its 日 onto a second line of the 年月日 column. The
    widest dates (two-digit year, month and day) fit the column's inner width at its font size,
    measured with reportlab's stringWidth, and print on one line (pdftotext -layout)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from carebridge.casework.pdf import COLUMNS
    from carebridge.documents.pdf import FONT, PAD, register_fonts

    register_fonts()
    date_column = COLUMNS[0]
    for day in (dt.date(2026, 10, 10), dt.date(2028, 12, 31), dt.date(2027, 11, 30)):
        text = wareki_or_blank(day)
        assert stringWidth(text, FONT, date_column.font_size) <= date_column.width - 2 * PAD, text
    notes = make_notes(world, client, 2)
    notes[0].noted_on, notes[1].noted_on = dt.date(2026, 10, 10), dt.date(2028, 12, 31)
    path = tmp_path / "dates.pdf"
    path.write_bytes(progress_notes_pdf(client, notes).data)
    layout = run("pdftotext", "-layout", str(path), "-")
    assert re.search(r"令和8年10月10日", layout), layout
    assert re.search(r"令和10年12月31日", layout), layout
