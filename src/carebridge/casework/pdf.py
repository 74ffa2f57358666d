"""第5表 居宅介護支援経過 (様式: 老企第29号, revised 2021), drawn with documents/pdf.py.

Layout choice: like the official form, two column pairs 「年月日 | 項目 | 内容」 side by side. The
notes run down the left pair, then the right pair, then onto the next page (each page repeats
the heading). Each 内容 column is about 35 characters wide at 8 pt, which reads comfortably.

Queries: iterating `notes` once (pass a list or a queryset); get_category_display() and
client.name need none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from django.utils import timezone

from carebridge.documents.pdf import MARGIN, PAGE_WIDTH, Column, Frame, Pdf, Sheet, wareki_or_blank

if TYPE_CHECKING:
    from carebridge.casework.models import ProgressNote
    from carebridge.clients.models import Client

LEFT = MARGIN
RIGHT = PAGE_WIDTH - MARGIN
HALF = (RIGHT - LEFT) / 2
# 年月日 holds the widest date of the era on one line at 7.5 pt: 令和10年12月31日 is 64.9 pt wide with
# IPAex's half-width digits, 67 pt inside the cell's padding (令和8年10月10日, 61.1 pt, once wrapped in 66).
DATE_COLUMN_WIDTH = 72.0
COLUMNS = (
    Column("年月日", DATE_COLUMN_WIDTH, align="center", font_size=7.5),
    Column("項目", 42, align="center"),
    Column("内容", HALF - DATE_COLUMN_WIDTH - 42),
)


def progress_notes_pdf(
    client: Client,
    notes: Iterable[ProgressNote],
    *,
    author_name: str = "",
    office_name: str = "",
    created_on: dt.date | None = None,
) -> Pdf:
    """第5表 for one client: the given notes oldest first, as many pages as needed.

    created_on (作成年月日) defaults to today in the project's time zone.
    """
    ordered = sorted(notes, key=lambda n: (n.noted_on, n.pk or 0))
    made_on = created_on or timezone.localdate()
    sheet = Sheet(title=f"居宅介護支援経過 {client.name}")
    size = 9.5

    def frames() -> Iterator[Frame]:
        while True:
            sheet.new_page()
            y = sheet.header("第5表", "居宅介護支援経過", f"作成年月日　{wareki_or_blank(made_on)}") - 12
            x = sheet.field(LEFT, y, "利用者名", client.name, 170, size, suffix="殿")
            x = sheet.field(x + 20, y, "居宅サービス計画作成者氏名", author_name, 150, size)
            if office_name:
                sheet.field(x + 20, y, "事業所名", office_name, RIGHT - x - 20 - size * 5, size)
            top = y - 12
            yield Frame(LEFT, top, MARGIN)
            yield Frame(LEFT + HALF, top, MARGIN)

    pages = frames()
    used = 0

    def next_frame() -> Frame:
        nonlocal used
        used += 1
        return next(pages)

    rows: list[list[str | None]] = [
        [wareki_or_blank(n.noted_on), n.get_category_display(), n.content] for n in ordered
    ] or [["", "", ""]]
    sheet.table(COLUMNS, rows, frame=next_frame(), next_frame=next_frame, size=8, fill=True)
    if used % 2:  # the right pair of the last page stays an empty grid, as on the printed form
        sheet.table(COLUMNS, [["", "", ""]], frame=next_frame(), next_frame=next_frame, size=8, fill=True)
    return sheet.finish()
