"""第7表 サービス利用票別表 as a PDF: A4 landscape, the official layout (老企第29号 別紙様式): the
header (対象年月, 被保険者番号, 利用者名, 区分支給限度基準額), 区分支給限度管理・利用者負担計算 per
provider and service with subtotals and totals, 種類別支給限度管理, 短期入所利用日数, 和暦 dates.

Draws from the computed sheet (billing/annex.py) and the client and slip already read: no query.
"""

from __future__ import annotations

from typing import Any

from carebridge.core.japanese import wareki, wareki_month
from carebridge.documents.pdf import MARGIN, PAGE_WIDTH, Column, Frame, Pdf, Sheet

from .annex import UsageAnnex

LEFT = MARGIN
RIGHT = PAGE_WIDTH - MARGIN
WIDTH = RIGHT - LEFT
BOTTOM = MARGIN

# The 15 columns of 区分支給限度管理・利用者負担計算 (their widths share the page's width).
_COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("事業所名", 80, "left"),
    ("事業所番号", 52, "center"),
    ("サービス内容/種類", 82, "left"),
    ("サービスコード", 40, "center"),
    ("単位数", 36, "center"),
    ("回数", 30, "center"),
    ("サービス単位/金額", 44, "center"),
    ("区分支給限度基準を超える単位数", 50, "center"),
    ("区分支給限度基準内単位数", 50, "center"),
    ("単位数単価", 34, "center"),
    ("費用総額（保険対象分）", 52, "center"),
    ("給付率（%）", 30, "center"),
    ("保険給付額", 50, "center"),
    ("利用者負担（保険対象分）", 52, "center"),
    ("利用者負担（全額負担分）", 52, "center"),
)


def _columns() -> list[Column]:
    scale = WIDTH / sum(width for _, width, _ in _COLUMNS)
    return [Column(title, width * scale, align) for title, width, align in _COLUMNS]


def _n(value: int) -> str:
    return f"{value:,}"


def _rows(annex: UsageAnnex) -> list[list[str | None]]:
    rows: list[list[str | None]] = []
    for group in annex.groups:
        for line in group.lines:
            row, result = line.row, line.result
            rows.append(
                [
                    row.provider_name,
                    row.provider_number,
                    row.service_name + ("" if row.limit_managed else "（限度額管理対象外）"),
                    row.service_code,
                    f"{row.rate_permille}‰" if row.rate_permille else _n(row.units),
                    str(row.count),
                    _n(result.units),
                    _n(result.over_limit_units) if result.over_limit_units else "",
                    _n(result.in_limit_units),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
        g = group.result
        rows.append(
            [
                group.provider_name,
                group.provider_number,
                f"種類{group.service_type} 小計",
                "",
                "",
                "",
                _n(g.units),
                _n(g.over_limit_units),
                _n(g.in_limit_units),
                group.unit_price_text,
                _n(g.total_cost),
                str(annex.benefit_rate),
                _n(g.insurance_claim),
                _n(g.copay),
                _n(g.full_pay),
            ]
        )
    t = annex.totals
    rows.append(
        [
            "合計",
            "",
            f"区分支給限度基準額 {_n(annex.limit_units)}単位",
            "",
            "",
            "",
            _n(annex.result.total_units),
            _n(annex.result.over_limit_units),
            _n(annex.result.in_limit_units),
            "",
            _n(t.total_cost),
            "",
            _n(t.insurance_claim),
            _n(t.copay),
            _n(t.full_pay),
        ]
    )
    return rows


def annex_pdf(*, client: Any, slip: Any, annex: UsageAnnex) -> Pdf:
    sheet = Sheet(title=f"サービス利用票別表 {wareki_month(annex.month)}")

    def page_header() -> float:
        top = sheet.header("第7表", "サービス利用票別表", f"{wareki_month(annex.month)}分")
        y = top - 6
        sheet.field(LEFT, y, "被保険者番号", client.insured_number, 90)
        sheet.field(LEFT + 170, y, "利用者名", client.name, 140, suffix="殿")
        sheet.field(LEFT + 360, y, "要介護状態区分", annex.care_level or "なし", 70)
        sheet.field(LEFT + 510, y, "区分支給限度基準額", f"{_n(annex.limit_units)}単位", 90)
        y -= 14
        levels = "・".join(annex.levels)
        sheet.text(
            LEFT,
            y,
            f"回数: {annex.basis}　利用者負担割合 {annex.copay_rate // 10}割　"
            f"{'月途中の区分変更: ' + levels + '（高い方の限度額）　' if len(annex.levels) > 1 else ''}"
            f"第{slip.version}版　作成日 {wareki(slip.updated_at.date()) if getattr(slip, 'updated_at', None) else ''}",
            8,
        )
        return y - 8

    y = page_header()

    def next_frame() -> Frame:
        sheet.new_page()
        return Frame(LEFT, page_header(), BOTTOM)

    sheet.text(LEFT, y - 9, "区分支給限度管理・利用者負担計算", 9)
    y = sheet.table(_columns(), _rows(annex), frame=Frame(LEFT, y - 13, BOTTOM), next_frame=next_frame, size=7)

    lines = [annex.plain_words]
    if annex.is_over:
        names = "、".join(
            f"{line.row.provider_name}「{line.row.service_name}」{_n(line.result.over_limit_units)}単位"
            for line in annex.over_lines
        )
        lines.append(f"区分支給限度基準を超える単位数 {_n(annex.over_limit_units)}単位（{names}）は全額負担です。")
    blocks: list[tuple[str, list[Column], list[list[str | None]]]] = []
    kind_rows: list[list[str | None]] = [
        [r.service_type, _n(r.limit_units), _n(r.total_units), _n(r.over_limit_units)] for r in annex.kind_rows
    ] or [["（設定なし）", "", "", ""]]
    blocks.append(
        (
            "種類別支給限度管理",
            [
                Column("サービス種類", 90),
                Column("種類支給限度基準額（単位）", 110, "center"),
                Column("合計単位数", 80, "center"),
                Column("種類支給限度基準を超える単位数", 120, "center"),
            ],
            kind_rows,
        )
    )
    stay = annex.short_stay
    uncovered = "、".join(f"{d.month}月{d.day}日" for d in stay.uncovered)
    blocks.append(
        (
            "短期入所利用日数",
            [
                Column("前月までの利用日数", 100, "center"),
                Column(f"当月の{'実績' if annex.basis == '実績' else '計画'}利用日数", 100, "center"),
                Column("累計利用日数", 100, "center"),
                Column("連続30日を超えた日（全額負担）", 150, "center"),
            ],
            [[str(stay.before), str(stay.this_month), str(stay.total), uncovered or "なし"]],
        )
    )
    for title, columns, rows in blocks:
        if y - 60 < BOTTOM:
            y = next_frame().top
        sheet.text(LEFT, y - 12, title, 9)
        y = sheet.table(columns, rows, frame=Frame(LEFT, y - 16, BOTTOM), next_frame=next_frame, size=7.5)
    for text in lines:
        if y - 16 < BOTTOM:
            y = next_frame().top
        sheet.text_box(LEFT, y - 4, WIDTH, 24, text, 8)
        y -= 24
    return sheet.finish()
