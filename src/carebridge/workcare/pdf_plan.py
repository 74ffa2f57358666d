"""両立プラン PDF (A4 portrait): the goals and the timeline table, each company measure with its
period and the article it rests on; drawn with documents/pdf.py.

The toolkit's Sheet draws A4 landscape forms; `PortraitSheet` turns the page and brings its own
header (the drawing helpers take coordinates, so they work unchanged). pdf_meeting.py uses it too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from django.utils import timezone
from reportlab.lib.pagesizes import A4

from carebridge.documents.pdf import MARGIN, Column, Frame, Pdf, Sheet, wareki_or_blank

if TYPE_CHECKING:
    from .models import WorkCarePlan
    from .selectors.plans import CheckedItem

WIDTH: float = A4[0]
HEIGHT: float = A4[1]
LEFT = MARGIN
RIGHT = WIDTH - MARGIN

# The article each company measure rests on (育児・介護休業法).
ARTICLES = {
    "care_leave": "第11条〜第15条",
    "care_days_off": "第16条の5・第16条の6",
    "overtime_exemption": "第16条の9",
    "overtime_limit": "第18条",
    "night_work_limit": "第20条",
    "reduced_hours_measure": "第23条第3項",
    "telework": "第24条第4項（努力義務）",
}


class PortraitSheet(Sheet):
    """An A4 portrait sheet."""

    def __init__(self, *, title: str = "") -> None:
        super().__init__(title=title)
        self.canvas.setPageSize((WIDTH, HEIGHT))

    def portrait_header(self, title: str, right: str = "", left: str = "") -> float:
        """Title centred, e.g. 作成日 top right; returns the y below."""
        top = HEIGHT - MARGIN
        if left:
            self.text(LEFT, top - 10, left, 9)
        self.text(WIDTH / 2, top - 16, title, 15, align="center")
        if right:
            self.text(RIGHT, top - 10, right, 9, align="right")
        return top - 28

    def box(self, top: float, height: float, title: str, body: str, size: float = 9, label_width: float = 90) -> float:
        """A boxed section: the label cell on the left, the wrapped text on the right; returns the y below."""
        self.rect(LEFT, top - height, RIGHT - LEFT, height)
        self.rect(LEFT, top - height, label_width, height, fill=0.92)
        self.text_box(LEFT, top, label_width, height, title, size, align="center", valign="middle")
        self.text_box(LEFT + label_width, top, RIGHT - LEFT - label_width, height, body, size)
        return top - height


def period_text(start: dt.date, end: dt.date | None, hours: int | None) -> str:
    if hours:
        return f"{wareki_or_blank(start)} {hours}時間"
    if end is None or end == start:
        return wareki_or_blank(start)
    return f"{wareki_or_blank(start)}〜\n{wareki_or_blank(end)}"


def check_text(row: CheckedItem) -> str:
    check = row.check
    if check is None:
        return "—"
    if check.allowed is True:
        return "可"
    lines = ["不可" if check.allowed is False else "未確認"]
    lines += [f"{r.message}（{r.article}）" if r.article else r.message for r in check.reasons]
    return "\n".join(lines)


COLUMNS = (
    Column("区分", 50, align="center", font_size=7.5),
    Column("項目", 105),
    Column("期間", 120, font_size=7.5),
    Column("内容", 120),
    Column("根拠条文", 70, font_size=7),
    Column("確認", RIGHT - LEFT - 50 - 105 - 120 - 120 - 70, font_size=7),
)


def plan_pdf(
    plan: WorkCarePlan, rows: Sequence[CheckedItem], *, office_name: str = "", made_on: dt.date | None = None
) -> Pdf:
    """One version of the plan: who, the goals and wishes, the timeline, and the agreement."""
    employee = plan.employee
    sheet = PortraitSheet(title=f"両立プラン 第{plan.version}版")
    made = made_on or timezone.localdate()
    size = 9

    def frames() -> Iterator[Frame]:
        first = True
        while True:
            sheet.new_page()
            y = sheet.portrait_header(
                "仕事と介護の両立プラン",
                f"作成日　{wareki_or_blank(made)}",
                f"第{plan.version}版（{plan.get_status_display()}）",
            )
            if first:
                first = False
                y = head(y)
            yield Frame(LEFT, y - 6, MARGIN + 70)

    def head(y: float) -> float:
        x = sheet.field(LEFT, y, "氏名", employee.name, 150, size, suffix="様")
        x = sheet.field(x + 10, y, "所属", employee.department, 120, size)
        sheet.field(x + 10, y, "企業", employee.company.name, RIGHT - x - 10 - size * 3, size)
        y -= 12
        y = sheet.box(y, 70, "目標", plan.goals)
        y = sheet.box(y, 50, "働き方の希望", plan.work_wishes)
        y -= 10
        sheet.text(LEFT, y, "タイムライン（会社の制度と介護の手続き）", 10)
        return y - 4

    pages = frames()
    table_rows: list[list[str | None]] = [
        [
            "会社の制度" if row.is_measure else "介護の手続き",
            row.item.get_kind_display(),
            period_text(row.item.starts_on, row.item.ends_on, row.item.hours),
            row.item.detail,
            ARTICLES.get(row.item.kind, ""),
            check_text(row),
        ]
        for row in rows
    ] or [["", "", "", "", "", ""]]
    y = sheet.table(COLUMNS, table_rows, frame=next(pages), next_frame=lambda: next(pages), size=8)
    if y < MARGIN + 70:
        next(pages)
        y = HEIGHT - MARGIN - 40
    y -= 18
    agreed = wareki_or_blank(plan.agreed_on)
    sheet.text(LEFT, y, f"本人の同意日　{agreed}", size)
    sheet.field(LEFT + 250, y, "本人署名", "", RIGHT - LEFT - 250 - 50, size)
    y -= 18
    sheet.text(LEFT, y, f"作成　{office_name}　産業ケアマネ（両立支援担当）", 8)
    sheet.text(
        LEFT,
        y - 12,
        "※ 確認欄は育児・介護休業法と会社の両立支援制度による確認結果です。"
        "判断基準は制度の利用を拒む理由になりません。",
        7,
    )
    return sheet.finish()
