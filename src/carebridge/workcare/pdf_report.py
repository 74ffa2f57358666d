"""The company report as a PDF (A4 landscape, IPAexGothic embedded): the same suppressed figures
as the page, with bar charts drawn as reportlab graphics. No query: it draws a CompanyReport."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics import renderPDF

from carebridge.core.japanese import wareki
from carebridge.documents.pdf import MARGIN, PAGE_HEIGHT, PAGE_WIDTH, Column, Frame, Pdf, Sheet

from . import charts
from . import report_rules as rr
from .selectors.report import CompanyReport

LEFT = MARGIN
RIGHT = PAGE_WIDTH - MARGIN
LEGEND = "「<5」は5人未満の数、「＊」は他の数から逆算されないよう伏せた数です。個人が特定される情報は含みません。"


def _frame(top: float, x: float = LEFT) -> Frame:
    return Frame(x=x, top=top, bottom=MARGIN)


def _distribution_rows(d: rr.Distribution) -> list[list[str | None]]:
    rows: list[list[str | None]] = [[label, cell.label] for label, cell in d.rows]
    return [*rows, ["合計", d.total.label]]


def _small_table(sheet: Sheet, x: float, top: float, title: str, rows: Sequence[Sequence[str | None]]) -> float:
    columns = [Column(title, 150), Column("人数・件数", 70, align="center")]
    return sheet.table(columns, rows, frame=_frame(top, x), next_frame=lambda: _frame(PAGE_HEIGHT - MARGIN, x))


def _chart(sheet: Sheet, x: float, top: float, title: str, bars: Sequence[charts.Bar], width: float = 340) -> float:
    drawing = charts.drawing_bars(title, bars, width=width)
    renderPDF.draw(drawing, sheet.canvas, x, top - drawing.height)
    return top - drawing.height


def report_pdf(report: CompanyReport) -> Pdf:
    sheet = Sheet(title=f"両立支援レポート {report.company.name}")
    y = sheet.header("", f"仕事と介護の両立支援レポート　{report.company.name}", f"{wareki(report.as_of)}現在")
    period = f"集計期間：{wareki(report.period_start)}〜{wareki(report.as_of)}（直近12か月）"
    sheet.text(LEFT, y - 4, period, 9)
    sheet.text(LEFT, y - 16, f"在籍従業員数：{report.employees.label}名　　{LEGEND}", 8)
    y -= 26

    # -- page 1: consultations by month and channel -------------------------------------------------
    t = report.consultations
    columns = [Column("月", 80), *(Column(c, 52, align="center") for c in t.columns), Column("計", 52, align="center")]
    rows: list[list[str | None]] = [
        [label, *(c.label for c in cells), total.label]
        for label, cells, total in zip(t.rows, t.cells, t.row_totals, strict=True)
    ]
    rows.append(["合計", *(c.label for c in t.column_totals), t.total.label])
    sheet.text(LEFT, y - 4, "相談件数（月別・相談方法別）", 10)
    sheet.table(columns, rows, frame=_frame(y - 10), next_frame=lambda: _frame(PAGE_HEIGHT - MARGIN))
    right = LEFT + 80 + 52 * 5 + 30
    below = _chart(sheet, right, y, "月別の相談件数", report.month_bars())
    _chart(sheet, right, below - 12, "相談方法別の件数", report.channel_bars())

    # -- page 2: urgency, systems, duties, plans ------------------------------------------------------
    sheet.new_page()
    top = PAGE_HEIGHT - MARGIN - 10
    sheet.text(LEFT, top, "緊急度・制度の利用・会社の義務の実施状況", 12)
    y = _small_table(sheet, LEFT, top - 12, "緊急度（相談件数）", _distribution_rows(report.urgency))
    systems: list[list[str | None]] = [[s.label, s.people.label] for s in report.systems]
    y = _small_table(sheet, LEFT, y - 10, "制度の利用（利用した人数）", systems)
    x2 = LEFT + 240
    y2 = _small_table(
        sheet,
        x2,
        top - 12,
        f"40歳情報提供（{report.fiscal_year}年度・対象者）",
        [*_distribution_rows(report.early_window), ["提供率", report.early_rate]],
    )
    y2 = _small_table(
        sheet,
        x2,
        y2 - 10,
        "個別周知・意向確認（件数）",
        [*_distribution_rows(report.notices), ["期限内の割合", report.notices_on_time_rate]],
    )
    _small_table(
        sheet,
        x2,
        y2 - 10,
        "両立プラン合意済みの従業員",
        [*_distribution_rows(report.plans), ["フォロー面談の回数", report.follow_up_meetings.label]],
    )
    x3 = LEFT + 480
    below = _chart(sheet, x3, top - 12, "緊急度の分布", report.urgency_bars(), width=300)
    _chart(sheet, x3, below - 14, "制度別の利用人数", report.system_bars(), width=300)
    sheet.text(LEFT, MARGIN - 12, LEGEND, 7)
    return sheet.finish()
