"""面談シート兼介護支援プラン (A4 portrait), after the MHLW sheet used for the 三者面談 and as
the evidence of the 両立支援等助成金 介護離職防止支援コース: boxed sections 介護の状況,
困りごと・希望 (勤務時間, 休み, 出張), 利用したい制度, 業務の引継ぎ (誰に, いつ, どのように),
合意事項, and 出席者 with a signature line each. Drawn with documents/pdf.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils import timezone

from carebridge.documents.pdf import MARGIN, wareki_or_blank

from .pdf_plan import HEIGHT, LEFT, RIGHT, PortraitSheet

if TYPE_CHECKING:
    from carebridge.documents.pdf import Pdf

    from .models import MeetingAttendee, ThreePartyMeeting

LABEL = 88.0
SUB = 78.0


def _together(value: bool | None) -> str:
    if value is None:
        return "未確認"
    return "同居" if value else "別居"


def meeting_pdf(
    meeting: ThreePartyMeeting,
    attendees: Sequence[MeetingAttendee],
    *,
    office_name: str = "",
    made_on: dt.date | None = None,
) -> Pdf:
    employee = meeting.employee
    sheet = PortraitSheet(title=f"面談シート兼介護支援プラン {meeting.get_kind_display()}")
    size = 9
    made = made_on or timezone.localdate()
    sheet.new_page()
    y = sheet.portrait_header("面談シート兼介護支援プラン", f"作成日　{wareki_or_blank(made)}")
    kinds = ["初回面談", "プラン策定面談", "フォロー面談"]
    x = sheet.choices(LEFT, y, kinds, meeting.get_kind_display(), size)
    sheet.text(x + 20, y, f"実施日　{wareki_or_blank(meeting.held_on)}", size)
    y -= 16
    x = sheet.field(LEFT, y, "氏名", employee.name, 150, size, suffix="様")
    x = sheet.field(x + 10, y, "所属", employee.department, 110, size)
    sheet.field(x + 10, y, "企業", employee.company.name, RIGHT - x - 10 - size * 3, size)
    y -= 10

    def section(top: float, title: str, rows: Sequence[tuple[str, str, float]]) -> float:
        """A boxed section: its title cell spanning sub-rows of (label, text, height)."""
        height = sum(h for _, _, h in rows)
        sheet.rect(LEFT, top - height, RIGHT - LEFT, height)
        sheet.rect(LEFT, top - height, LABEL, height, fill=0.9)
        sheet.text_box(LEFT, top, LABEL, height, title, size, align="center", valign="middle")
        y = top
        for index, (label, text, h) in enumerate(rows):
            if index:
                sheet.line(LEFT + LABEL, y, RIGHT, y)
            if label:
                sheet.rect(LEFT + LABEL, y - h, SUB, h, fill=0.96)
                sheet.text_box(LEFT + LABEL, y, SUB, h, label, 8, align="center", valign="middle")
                sheet.text_box(LEFT + LABEL + SUB, y, RIGHT - LEFT - LABEL - SUB, h, text, size)
            else:
                sheet.text_box(LEFT + LABEL, y, RIGHT - LEFT - LABEL, h, text, size)
            y -= h
        return y

    situation = (
        f"{meeting.care_recipient_summary}（続柄: {meeting.relation or '—'}、{_together(meeting.lives_together)}）"
    )
    y = section(
        y,
        "介護の状況",
        [("介護が必要な方", situation, 30), ("家族の協力", meeting.family_help, 40)],
    )
    y = section(
        y,
        "困りごと・希望",
        [
            ("勤務時間", meeting.difficulty_hours, 46),
            ("休み", meeting.difficulty_days_off, 46),
            ("出張・転勤", meeting.difficulty_trips, 40),
        ],
    )
    y = section(y, "利用したい制度・働き方", [("", meeting.systems_wanted, 56)])
    y = section(
        y,
        "業務の引継ぎ",
        [
            ("誰に", meeting.handover_to, 22),
            ("いつ", meeting.handover_when, 22),
            ("どのように", meeting.handover_how, 44),
        ],
    )
    y = section(y, "合意事項", [("", meeting.agreements, 76)])
    next_on = wareki_or_blank(meeting.next_meeting_on) if meeting.next_meeting_on else "未定"
    y = section(y, "次回面談", [("", f"次回面談予定日　{next_on}", 20)])

    # 出席者: role, name, and a line to sign on
    rows = list(attendees) or []
    line_h = 20.0
    height = max(len(rows), 4) * line_h
    if y - height - 10 < MARGIN:
        sheet.new_page()
        y = HEIGHT - MARGIN - 20
    sheet.rect(LEFT, y - height, RIGHT - LEFT, height)
    sheet.rect(LEFT, y - height, LABEL, height, fill=0.9)
    sheet.text_box(LEFT, y, LABEL, height, "出席者", size, align="center", valign="middle")
    row_y = y
    for index in range(max(len(rows), 4)):
        if index:
            sheet.line(LEFT + LABEL, row_y, RIGHT, row_y)
        if index < len(rows):
            attendee = rows[index]
            sheet.text(LEFT + LABEL + 6, row_y - 13, attendee.get_role_display(), size)
            sheet.text(LEFT + LABEL + SUB + 6, row_y - 13, attendee.name, size)
        sheet.text(LEFT + LABEL + SUB + 170, row_y - 13, "署名", 8)
        sheet.line(LEFT + LABEL + SUB + 195, row_y - 15, RIGHT - 8, row_y - 15, 0.4)
        row_y -= line_h
    y -= height + 14
    if office_name:
        sheet.text(LEFT, y, f"記録　{office_name}", 8)
    return sheet.finish()
