"""支援マップ (the support map) as a printable A4 sheet for the employee, drawn with documents/pdf.py.

Layout: A4 landscape, two columns. Left: the 地域包括支援センター, care service providers by type
and the social resources of the care recipient's municipality; right: the public systems that
apply (where to apply) and the office's specialists. A long map flows on to the next column and
page. Nothing about the employee's work is printed: only the first name label of the family member
and the municipality. Queries: none (the map is built by selectors.support_map).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from carebridge.documents.pdf import MARGIN, PAGE_WIDTH, Column, Frame, Pdf, Sheet, wareki_or_blank

if TYPE_CHECKING:
    from .selectors.consultations import SupportMap

GAP = 16.0
COLUMN_WIDTH = (PAGE_WIDTH - 2 * MARGIN - GAP) / 2
SIZE = 8.0


def support_map_pdf(support: SupportMap, *, employee_name: str = "") -> Pdf:
    sheet = Sheet(title="支援マップ")
    made_on = timezone.localdate()
    state = {"column": 0, "y": 0.0}

    def start_page() -> float:
        sheet.new_page()
        y = (
            sheet.header("両立支援", "支援マップ（介護の相談先と使える制度）", f"作成日　{wareki_or_blank(made_on)}")
            - 10
        )
        recipient = support.recipient
        who = f"{recipient.label}（{recipient.get_relation_display()}）" if recipient is not None else ""
        area = f"{support.prefecture}{support.municipality}" or "（未記録）"
        x = sheet.field(MARGIN, y, "お名前", employee_name, 150, 9, suffix="様")
        x = sheet.field(x + 12, y, "介護が必要なご家族", who, 150, 9)
        sheet.field(x + 12, y, "お住まいの地域", area, 170, 9)
        return y - 16

    page_top = {"y": start_page()}
    state["y"] = page_top["y"]

    def column_x() -> float:
        return MARGIN + (COLUMN_WIDTH + GAP) * state["column"]

    def next_frame() -> Frame:
        if state["column"] == 0:
            state["column"] = 1
        else:
            state["column"] = 0
            page_top["y"] = start_page()
        state["y"] = page_top["y"]
        return Frame(column_x(), page_top["y"], MARGIN)

    def section(title: str, columns: tuple[Column, ...], rows: list[list[str | None]], empty: str) -> None:
        if state["y"] < MARGIN + 60:
            next_frame()
        sheet.text(column_x(), state["y"] - 10, f"■ {title}", 10)
        frame = Frame(column_x(), state["y"] - 15, MARGIN)
        body = rows or [[empty, *([""] * (len(columns) - 1))]]
        state["y"] = sheet.table(columns, body, frame=frame, next_frame=next_frame, size=SIZE) - 8

    w = COLUMN_WIDTH
    section(
        "地域包括支援センター（介護の総合相談窓口・無料）",
        (Column("名称", w * 0.35), Column("所在地", w * 0.42), Column("電話", w * 0.23)),
        [[p.name, p.address, p.phone] for p in support.centers],
        "登録がありません。市区町村の介護保険窓口にお尋ねください。",
    )
    section(
        "介護サービス事業所（種類別）",
        (Column("種類", w * 0.25), Column("事業所名", w * 0.4), Column("電話", w * 0.35)),
        [[label, p.name, p.phone] for label, rows in support.providers_by_type for p in rows],
        "登録がありません。",
    )
    section(
        "地域の社会資源",
        (Column("分類", w * 0.2), Column("名称", w * 0.35), Column("内容・費用", w * 0.25), Column("電話", w * 0.2)),
        [[r.get_category_display(), r.name, r.cost_note or r.description, r.phone] for r in support.resources],
        "登録がありません。",
    )
    if state["column"] == 0:
        next_frame()
    section(
        "使える公的制度と申請先",
        (Column("制度", w * 0.3), Column("内容", w * 0.42), Column("申請・相談先", w * 0.28)),
        [[s.name, s.summary, s.where] for s in support.systems],
        "該当する制度はありません。",
    )
    section(
        "専門家（事業所の連携先）",
        (Column("専門職", w * 0.25), Column("氏名・所属", w * 0.5), Column("電話", w * 0.25)),
        [[s.get_profession_display(), f"{s.name}　{s.organization}".strip(), s.phone] for s in support.specialists],
        "登録がありません。",
    )
    note = "介護そのものの相談は地域包括支援センターやケアマネジャーへ、働き方の相談は会社の制度と産業ケアマネへ。"
    sheet.text(PAGE_WIDTH / 2, MARGIN - 12, note, 7.5, align="center")
    return sheet.finish()
