"""The 特定事業所集中減算 report as a PDF (A4, drawn with documents/)."""

from __future__ import annotations

from carebridge.core.japanese import wareki
from carebridge.documents.pdf import MARGIN, PAGE_HEIGHT, PAGE_WIDTH, Column, Frame, Pdf, Sheet

from .concentration_selectors import ConcentrationReport


def concentration_pdf(report: ConcentrationReport) -> Pdf:
    period = report.period
    sheet = Sheet(title=f"特定事業所集中減算 {period.label}")
    y = sheet.header("", "特定事業所集中減算に係る判定", f"判定期間 {wareki(period.start)}〜{wareki(period.end)}")
    verdict = "減算あり" if report.penalty else "減算なし"
    sheet.text(
        MARGIN,
        y - 14,
        f"判定結果: {verdict}（減算適用期間 {wareki(period.penalty_from)}〜{period.penalty_to:%Y年%m月}）",
        10,
    )
    y -= 30
    columns = [
        Column("サービス種類", 150),
        Column("計画数", 60, "center"),
        Column("法人名", 230),
        Column("件数", 50, "center"),
        Column("割合（%）", 70, "center"),
        Column("80%超", 50, "center"),
        Column("正当な理由", PAGE_WIDTH - 2 * MARGIN - 610),
    ]
    rows: list[list[str | None]] = []
    for result in report.results:
        reason = report.reasons.get(result.group)
        first = True
        for share in result.shares or ():
            rows.append(
                [
                    result.name if first else None,
                    str(result.plans) if first else None,
                    share.corporation,
                    str(share.plans),
                    share.percent,
                    ("該当" if result.flagged else "—") if first else None,
                    (reason.reason if reason else "") if first else None,
                ]
            )
            first = False
        if not result.shares:
            rows.append([result.name, "0", "（該当なし）", "0", "—", "—", ""])

    def next_frame() -> Frame:
        sheet.new_page()
        return Frame(MARGIN, PAGE_HEIGHT - MARGIN, MARGIN)

    sheet.table(columns, rows, frame=Frame(MARGIN, y, MARGIN), next_frame=next_frame, size=9)
    return sheet.finish()
