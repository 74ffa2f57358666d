"""介護予防サービス・支援計画書 (様式: 介護予防支援業務に係る関連様式例, 老振発第1031001号 as revised),
drawn with documents/pdf.py like careplans/pdf.py: A4 landscape, IPAexGothic embedded.

Page 1: the plan's header (利用者, 認定, 計画作成者, 委託の場合の事業所, 担当地域包括支援センター, dates),
目標とする生活 (1日・1年) and the assessment table of the four areas with 総合的課題, 提案 and 意向.
Then 支援計画 (one row per goal, flowing over pages), 総合的な方針 and the consent line.
With prevention_selectors.prevention_plans_with_rows() the drawing runs no query of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from carebridge.documents.pdf import MARGIN, PAGE_WIDTH, Column, Frame, Pdf, Sheet, wareki_or_blank, wareki_range

from .pdf import person_name
from .prevention_models import AREAS

if TYPE_CHECKING:
    from .prevention_models import PreventionPlan

LEFT = MARGIN
RIGHT = PAGE_WIDTH - MARGIN
WIDTH = RIGHT - LEFT
TITLE = "介護予防サービス・支援計画書"
LEVELS = ("要支援1", "要支援2", "事業対象者")

ASSESSMENT_COLUMNS = (
    Column("アセスメント領域と現在の状況", 150),
    Column("本人・家族の意欲・意向", 125),
    Column("領域における課題（背景・原因）", 125),
    Column("総合的課題", 135),
    Column("課題に対する目標と具体策の提案", 135),
    Column("具体策についての意向\n本人・家族", WIDTH - 670),
)
SUPPORT_COLUMNS = (
    Column("目標", 105),
    Column("目標についての支援のポイント", 110),
    Column("本人等のセルフケアや家族の支援、インフォーマルサービス", 140),
    Column("介護保険サービス又は地域支援事業", 130),
    Column("サービス種別", 85),
    Column("事業所", 95),
    Column("期間", WIDTH - 665, font_size=7.5),
)


def assessment_rows(plan: PreventionPlan) -> list[list[str | None]]:
    """One row per area; 総合的課題, 提案 and 意向 are written once and span the four rows."""
    rows: list[list[str | None]] = []
    for index, (prefix, heading) in enumerate(AREAS):
        status = getattr(plan, f"{prefix}_status")
        area = f"{heading}\n{status}" if status else heading
        shared: list[str | None] = (
            [plan.overall_issues, plan.proposal, plan.proposal_intention] if index == 0 else [None, None, None]
        )
        rows.append([area, getattr(plan, f"{prefix}_intention"), getattr(plan, f"{prefix}_issue"), *shared])
    return rows


def support_rows(plan: PreventionPlan) -> list[list[str | None]]:
    rows: list[list[str | None]] = [
        [
            row.goal,
            row.support_point,
            row.self_care,
            row.insured_service,
            row.service_kind,
            row.provider_label,
            wareki_range(row.period_start, row.period_end),
        ]
        for row in plan.support_rows.all()
    ]
    return rows or [[""] * len(SUPPORT_COLUMNS)]


def prevention_pdf(plan: PreventionPlan) -> Pdf:
    client, cert, office = plan.client, plan.certification, plan.office
    sheet = Sheet(title=f"{TITLE} {client.name}")
    size = 9.0
    made_on = f"計画作成（変更）日　{wareki_or_blank(plan.drafted_on)}"

    def page() -> float:
        sheet.new_page()
        return sheet.header(f"No.{plan.version}", TITLE, made_on)

    y = page() - 12
    x = sheet.field(LEFT, y, "利用者名", client.name, 150, size, suffix="様")
    x = sheet.field(x + 8, y, "認定年月日", wareki_or_blank(cert.certified_on if cert else None), 105, size)
    valid = f"{wareki_or_blank(cert.valid_from)}〜{wareki_or_blank(cert.valid_to)}" if cert else ""
    sheet.field(x + 8, y, "認定の有効期間", valid, RIGHT - x - 8 - size * 8, size)
    y -= 17
    level = cert.get_care_level_display() if cert and cert.care_level else None
    x = LEFT + sheet.text(LEFT, y, "区分", size) + 8
    x = sheet.choices(x, y, LEVELS, level, size) + 18
    x = sheet.choices(x, y, ("初回", "紹介", "継続"), plan.get_plan_origin_display(), size) + 18
    x = sheet.choices(x, y, ("認定済", "申請中"), cert.get_status_display() if cert else None, size) + 18
    sheet.field(x, y, "計画作成者氏名", person_name(plan.author), RIGHT - x - size * 8, size)
    y -= 17
    office_text = "　".join(p for p in (office.name, office.address, office.phone) if p)
    commissioned = bool(plan.commissioning_center)
    sheet.field(
        LEFT,
        y,
        "委託の場合：計画作成事業者・事業所名及び所在地（連絡先）",
        office_text if commissioned else "",
        WIDTH - 270,
        size,
    )
    y -= 17
    center = plan.commissioning_center or "（指定介護予防支援事業所として作成）"
    x = sheet.field(LEFT, y, "担当地域包括支援センター", center, 230, size)
    x = sheet.field(x + 8, y, "計画作成（変更）日", wareki_or_blank(plan.drafted_on), 105, size)
    sheet.field(x + 8, y, "初回作成日", wareki_or_blank(plan.first_created_on), RIGHT - x - 8 - size * 6, size)

    # 目標とする生活
    y -= 20
    label_w, box_h = 80.0, 34.0
    sheet.rect(LEFT, y - box_h, WIDTH, box_h, width=0.8)
    half = (WIDTH - 2 * label_w) / 2
    for i, (label, text) in enumerate((("1日", plan.goal_day), ("1年", plan.goal_year))):
        bx = LEFT + i * (label_w + half)
        sheet.line(bx + label_w, y, bx + label_w, y - box_h)
        if i:
            sheet.line(bx, y, bx, y - box_h)
        sheet.text_box(bx, y, label_w, box_h, f"目標とする生活\n{label}", 8.5, align="center", valign="middle")
        sheet.text_box(bx + label_w, y, half, box_h, text, 9)
    y -= box_h + 8

    # アセスメント
    sheet.table(
        ASSESSMENT_COLUMNS,
        assessment_rows(plan),
        frame=Frame(LEFT, y, MARGIN),
        next_frame=lambda: Frame(LEFT, page() - 8, MARGIN),
        size=8.5,
        min_row_height=(y - 30 - MARGIN) / 4,
    )

    # 支援計画 (a new page), 総合的な方針 and the consent line under it.
    def support_page() -> Frame:
        top = page() - 4
        sheet.text(LEFT, top - 10, "支援計画", 10)
        return Frame(LEFT, top - 16, MARGIN)

    y = sheet.table(SUPPORT_COLUMNS, support_rows(plan), frame=support_page(), next_frame=support_page, size=8.5)
    closing_h = 110.0
    if y - closing_h < MARGIN:
        y = page() - 8
    y -= 10
    policy_h = 60.0
    sheet.rect(LEFT, y - policy_h, WIDTH, policy_h, width=0.8)
    sheet.line(LEFT + 120, y, LEFT + 120, y - policy_h)
    label = "総合的な方針\n生活不活発病の改善・予防のポイント"
    sheet.text_box(LEFT, y, 120, policy_h, label, 8.5, align="center", valign="middle")
    sheet.text_box(LEFT + 120, y, WIDTH - 120, policy_h, plan.policy, 9)
    y -= policy_h + 18
    signer = plan.consent_signer
    x = LEFT + sheet.text(LEFT, y, "計画に関する同意　上記計画について、同意いたします。", 9.5) + 18
    x = sheet.field(x, y, "同意日", wareki_or_blank(plan.consented_on), 110, 9.5)
    sheet.field(x + 10, y, "氏名", signer, RIGHT - x - 10 - 40, 9.5)
    return sheet.finish()
