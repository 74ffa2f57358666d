"""第6表 サービス利用票（兼居宅（介護予防）サービス計画）for the client, and サービス提供票 for one
provider (only that provider's lines): A4 landscape, the official layout — the header (対象年月,
保険者番号, 被保険者番号, 氏名, 要介護状態区分, 区分支給限度基準額, 作成者), then per line its 提供時間帯,
サービス内容, 事業所名, a 予定 and a 実績 row of days 1–31 with their counts. Holidays are marked
「祝」 under the day number; the care manager confirmed whether each one is served."""

from __future__ import annotations

from typing import Any

from carebridge.core.japanese import wareki, wareki_month
from carebridge.documents.pdf import MARGIN, PAGE_WIDTH, Column, Frame, Pdf, Sheet

from .slip_selectors import LineRow, ProviderRow, SlipPage

LEFT = MARGIN
WIDTH = PAGE_WIDTH - 2 * MARGIN
DAY_W = 15.5
FIXED = [("提供時間帯", 62.0), ("サービス内容", 90.0), ("サービス事業者・事業所名", 96.0), ("", 22.0)]
TOTAL_W = 28.0


def _time(row: LineRow) -> str:
    line = row.line
    if line.start_time and line.end_time:
        return f"{line.start_time:%H:%M}〜{line.end_time:%H:%M}"
    return ""


def _provider_name(row: LineRow) -> str:
    line = row.line
    return line.provider.name if line.provider else line.provider_name


def _of_provider(row: LineRow, provider: ProviderRow) -> bool:
    line = row.line
    if provider.provider_id is not None:
        return line.provider_id == provider.provider_id
    return line.provider_id is None and line.provider_name == provider.name


def slip_rows(page: SlipPage, provider: ProviderRow | None) -> list[list[str | None]]:
    """Two rows per line (予定, 実績): the fixed cells span both (None continues the cell above)."""
    out: list[list[str | None]] = []
    for row in page.rows:
        if provider is not None and not _of_provider(row, provider):
            continue
        planned = [c if c != "0" else "" for c in row.planned]
        actual = [c if c not in ("0", "") else "" for c in row.actual]
        pad = [""] * (31 - len(page.days))
        service = row.line.service_name + (f"\n{row.line.service_code}" if row.line.service_code else "")
        out.append([_time(row), service, _provider_name(row), "予定", *planned, *pad, str(row.planned_count)])
        actual_total = "" if row.actual_count is None else str(row.actual_count)
        out.append([None, None, None, "実績", *actual, *pad, actual_total])
    return out


def render_slip(page: SlipPage, *, cert: Any, provider: ProviderRow | None) -> Pdf:
    slip = page.slip
    client = slip.client
    title = "サービス利用票（兼居宅サービス計画）" if provider is None else "サービス提供票"
    sheet = Sheet(title=f"{title} {wareki_month(slip.month)} {client.name}")
    columns = [Column(t, w) for t, w in FIXED]
    for i, day in enumerate(page.days):
        mark = "祝" if day in page.holidays else page.weekdays[i]
        columns.append(Column(f"{day}\n{mark}", DAY_W, align="center", font_size=7.5))
    columns.extend(Column(f"{d}\n", DAY_W, align="center") for d in range(len(page.days) + 1, 32))
    columns.append(Column("合計\n回数", TOTAL_W, align="center"))

    def head() -> float:
        sheet.new_page()
        y = sheet.header("第6表", title, f"作成年月日 {wareki(slip.confirmed_at.date()) if slip.confirmed_at else ''}")
        y -= 6
        x = sheet.field(LEFT, y, "対象年月", wareki_month(slip.month), 90, 9)
        x = sheet.field(x, y, "保険者番号", client.insurer_number, 70, 9)
        x = sheet.field(x, y, "被保険者番号", client.insured_number, 90, 9)
        x = sheet.field(x, y, "被保険者氏名", f"{client.name}（{client.kana}）", 190, 9)
        sheet.field(x, y, "版", f"第{slip.version}版", 40, 9)
        y -= 16
        level = cert.get_care_level_display() if cert else ""
        limit = cert.benefit_limit_units if cert else None
        x = sheet.field(LEFT, y, "要介護状態区分", level, 70, 9)
        x = sheet.field(x, y, "区分支給限度基準額", f"{limit:,}" if limit else "", 70, 9, suffix="単位/月")
        office = slip.office.name
        x = sheet.field(x, y, "居宅介護支援事業者・事業所名", office, 170, 9)
        if provider is not None:
            sheet.field(x, y, "提供先", provider.name, 150, 9)
        return y - 10

    def next_frame() -> Frame:
        return Frame(LEFT, head(), MARGIN + 20)

    rows = slip_rows(page, provider)
    y = sheet.table(
        columns,
        rows or [["", "（行がありません）", "", "予定", *[""] * 31, ""]],
        frame=next_frame(),
        next_frame=next_frame,
        size=7.5,
    )
    holidays = "、".join(f"{d}日 {name}" for d, name in page.holidays.items())
    if holidays:
        sheet.text(LEFT, max(y - 12, MARGIN + 6), f"祝日: {holidays}", 7.5)
    return sheet.finish()
