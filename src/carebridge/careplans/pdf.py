"""居宅サービス計画書 第1〜3表 and 第4表 サービス担当者会議の要点 (様式: 老企第29号, revised 2021).

Drawn with the shared toolkit in documents/pdf.py, A4 landscape, IPAexGothic embedded (and Noto
Sans JP for characters IPAex lacks).
Queries: the code iterates .all() and filters in Python, so the caller's prefetches are used.
With select_related("client", "office", "certification", "author", "consent") and
prefetch_related("needs__goals__short_goals__services__provider", "weekly_entries"), plan_pdf
runs no query of its own; with select_related("plan__client", "plan__author", "author") and
prefetch_related("attendees", "inquiries"), neither does conference_pdf (both asserted in tests).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist

from carebridge.careplans.models import PLAN_ORIGIN_MARKS
from carebridge.documents.pdf import (
    LEADING,
    MARGIN,
    PAD,
    PAGE_WIDTH,
    Column,
    Frame,
    Pdf,
    Sheet,
    wareki_or_blank,
    wareki_range,
    wrap,
)

if TYPE_CHECKING:
    from carebridge.careplans.models import CareConference, CarePlan, Goal, Need, PlannedService, WeeklyScheduleEntry

LEFT = MARGIN
RIGHT = PAGE_WIDTH - MARGIN
WIDTH = RIGHT - LEFT
CARE_LEVELS = ("要介護1", "要介護2", "要介護3", "要介護4", "要介護5")
SHEETS: dict[str, str] = {"1": "居宅サービス計画書（1）", "2": "居宅サービス計画書（2）", "3": "週間サービス計画表"}


def person_name(user: Any) -> str:
    """A staff member's name as printed: display_name, else the full name, else the login."""
    if user is None:
        return ""
    return user.display_name or user.get_full_name() or user.username


def _client_name_line(sheet: Sheet, name: str, y: float, size: float = 10) -> float:
    return sheet.field(LEFT, y, "利用者名", name, 170, size, suffix="殿")


def _consent(plan: CarePlan) -> Any:
    try:
        return getattr(plan, "consent", None)
    except ObjectDoesNotExist:
        return None


# -- 第1表 ----------------------------------------------------------------------------------------


def _made_on(plan: CarePlan) -> str:
    """作成年月日 at the top right of 第1〜3表: the day this version's document was made."""
    return f"作成年月日　{wareki_or_blank(plan.made_on)}"


def consent_wording(sheets: Sequence[str] = ("1", "2", "3")) -> str:
    """The 説明・同意・交付 line of 第1表, naming the sheets of the plan set it covers (第1〜3表 today;
    第6・7表 join when they are printed with the plan)."""
    groups: list[list[int]] = []
    for n in sorted(int(s) for s in sheets):
        if groups and groups[-1][-1] == n - 1:
            groups[-1].append(n)
        else:
            groups.append([n])
    covered = "・".join(f"{g[0]}〜{g[-1]}" if len(g) > 2 else "・".join(map(str, g)) for g in groups)
    return f"居宅サービス計画書（第{covered}表）について説明を受け、内容に同意し交付を受けました。"


def _sheet1(sheet: Sheet, plan: CarePlan) -> None:
    client, cert = plan.client, plan.certification
    size = 9.5
    y = sheet.header("第1表", SHEETS["1"], _made_on(plan))
    # 初回・紹介・継続 and 認定済・申請中, boxed on the right under the date.
    box_top, box_h = y + 6, 16
    cert_status = cert.get_status_display() if cert else None
    for x, labels, chosen in (
        (RIGHT - 205, ("初回", "紹介", "継続"), PLAN_ORIGIN_MARKS.get(plan.plan_origin, ())),
        (RIGHT - 95, ("認定済", "申請中"), cert_status),
    ):
        w = 100 if len(labels) == 3 else 95
        sheet.rect(x, box_top - box_h, w, box_h)
        sheet.choices(x + 8, box_top - box_h + 4.5, labels, chosen, 9)

    y -= 25
    address = f"〒{client.postal_code}　{client.address}" if client.postal_code else client.address
    x = _client_name_line(sheet, client.name, y, size)
    x = sheet.field(x + 10, y, "生年月日", wareki_or_blank(client.birth_date), 105, size)
    sheet.field(x + 10, y, "住所", address, RIGHT - x - 10 - size * 3, size)
    y -= 17
    sheet.field(LEFT, y, "居宅サービス計画作成者氏名", person_name(plan.author), 220, size)
    y -= 17
    office = plan.office
    office_text = "　".join(
        p for p in (office.name, f"〒{office.postal_code}" if office.postal_code else "", office.address) if p
    )
    sheet.field(LEFT, y, "居宅介護支援事業者・事業所名及び所在地", office_text, 520, size)
    y -= 17
    x = sheet.field(LEFT, y, "居宅サービス計画作成（変更）日", wareki_or_blank(plan.drafted_on), 110, size)
    sheet.field(x + 20, y, "初回居宅サービス計画作成日", wareki_or_blank(plan.first_created_on), 110, size)
    y -= 17
    x = sheet.field(LEFT, y, "認定日", wareki_or_blank(cert.certified_on if cert else None), 110, size)
    valid = f"{wareki_or_blank(cert.valid_from)}〜{wareki_or_blank(cert.valid_to)}" if cert else ""
    sheet.field(x + 20, y, "認定の有効期間", valid or f"{wareki_or_blank(None)}〜{wareki_or_blank(None)}", 230, size)

    # The bordered table: label column on the left, contents on the right.
    top, label_w = y - 12, 118
    bottom = MARGIN + 34  # the consent line sits below
    fixed = {"level": 22.0, "board": 46.0, "reason": 22.0}
    free = top - bottom - sum(fixed.values())
    board_opinion = plan.board_opinion or (cert.board_opinion if cert else "")
    rows: list[tuple[str, float, Callable[[float, float], None]]] = [
        ("要介護状態区分", fixed["level"], lambda t, h: _care_level(sheet, cert, t, h)),
        (
            "利用者及び家族の生活に対する意向を踏まえた課題分析の結果",
            free * 0.52,
            lambda t, h: sheet.text_box(LEFT + label_w, t, WIDTH - label_w, h, plan.intentions, 9),
        ),
        (
            "介護認定審査会の意見及びサービスの種類の指定",
            fixed["board"],
            lambda t, h: sheet.text_box(LEFT + label_w, t, WIDTH - label_w, h, board_opinion, 9),
        ),
        (
            "総合的な援助の方針",
            free * 0.48,
            lambda t, h: sheet.text_box(LEFT + label_w, t, WIDTH - label_w, h, plan.policy, 9),
        ),
        ("生活援助中心型の算定理由", fixed["reason"], lambda t, h: _living_support(sheet, plan, t, h)),
    ]
    sheet.rect(LEFT, bottom, WIDTH, top - bottom, width=0.8)
    sheet.line(LEFT + label_w, top, LEFT + label_w, bottom)
    t = top
    for label, h, draw in rows:
        sheet.text_box(LEFT, t, label_w, h, label, 8.5, align="center", valign="middle")
        draw(t, h)
        t -= h
        if t > bottom + 1:
            sheet.line(LEFT, t, RIGHT, t)

    # 説明・同意 line under the table.
    consent = _consent(plan)
    signer = ""
    if consent is not None:
        relation = consent.signer_relation
        signer = consent.signer_name + (f"（{relation}）" if relation and relation != "本人" else "")
    y = MARGIN + 12
    x = LEFT + sheet.text(LEFT, y, consent_wording(), 9.5) + 18
    x = sheet.field(x, y, "説明・同意日", wareki_or_blank(consent.consented_on if consent else None), 110, 9.5)
    sheet.field(x + 10, y, "利用者同意欄", signer, RIGHT - x - 10 - 70, 9.5)


def _care_level(sheet: Sheet, cert: Any, top: float, h: float) -> None:
    label = cert.get_care_level_display() if cert and cert.care_level else ""
    y = top - h / 2 - 3.2
    x = sheet.choices(LEFT + 130, y, CARE_LEVELS, label, 9.5)
    if label and label not in CARE_LEVELS:  # 要支援・事業対象者: not on this form's scale
        sheet.text(x + 12, y, f"（{label}）", 9.5)


def _living_support(sheet: Sheet, plan: CarePlan, top: float, h: float) -> None:
    note = plan.living_support_note
    labels = ("1. 一人暮らし", "2. 家族等が障害、疾病等", f"3. その他（{note or '　　　　　　　'}）")
    chosen = {"1": labels[0], "2": labels[1], "3": labels[2]}.get(plan.living_support_reason)
    x, y = LEFT + 130, top - h / 2 - 3.2
    for label in labels:
        if label == chosen:
            sheet.circle_text(x, y, label, 9.5)
        x += sheet.text(x, y, label, 9.5) + 28


# -- 第2表 ----------------------------------------------------------------------------------------

SHEET2_COLUMNS = (
    Column("生活全般の解決すべき課題（ニーズ）", 101),
    Column("長期目標", 89),
    Column("（期間）", 69, font_size=7.5),
    Column("短期目標", 89),
    Column("（期間）", 69, font_size=7.5),
    Column("サービス内容", 106),
    Column("※1", 20, align="center"),
    Column("サービス種別", 62),
    Column("※2", 75),
    Column("頻度", 37),
    Column("期間", 69, font_size=7.5),
)
SHEET2_GROUPS = ((None, 1), ("目標", 4), ("援助内容", 6))
SHEET2_NOTES = (
    "※1「保険給付の対象となるかどうかの区分」について、保険給付対象内サービスについては○印を付す。",
    "※2「当該サービス提供を行う事業所」について記入する。",
)


def sheet2_rows(needs: Iterable[Need]) -> list[list[str | None]]:
    """One row per service; need and goal cells are printed once and continued (None) below."""
    rows: list[list[str | None]] = []
    for need in needs:
        need_cell: str | None = need.text
        longs: list[Goal | None] = [g for g in need.goals.all() if g.term == "long"] or [None]
        for long in longs:
            long_cells: list[str | None] = (
                [long.text, wareki_range(long.period_start, long.period_end)] if long else ["", ""]
            )
            shorts: list[Goal | None] = (list(long.short_goals.all()) if long else []) or [None]
            for short in shorts:
                short_cells: list[str | None] = (
                    [short.text, wareki_range(short.period_start, short.period_end)] if short else ["", ""]
                )
                services: list[PlannedService | None] = (list(short.services.all()) if short else []) or [None]
                for service in services:
                    service_cells = ["", "", "", "", "", ""]
                    if service is not None:
                        service_cells = [
                            service.content,
                            "○" if service.insured else "",
                            service.service_kind,
                            service.provider_label,
                            service.frequency,
                            wareki_range(service.period_start, service.period_end),
                        ]
                    rows.append([need_cell, *long_cells, *short_cells, *service_cells])
                    need_cell, long_cells, short_cells = None, [None, None], [None, None]
    return rows


def _sheet2(sheet: Sheet, plan: CarePlan) -> None:
    made_on = _made_on(plan)

    def page() -> Frame:
        sheet.new_page()
        y = sheet.header("第2表", SHEETS["2"], made_on)
        _client_name_line(sheet, plan.client.name, y - 12)
        for i, note in enumerate(SHEET2_NOTES):
            sheet.text(LEFT, MARGIN + 12 - i * 11, note, 8)
        return Frame(LEFT, y - 24, MARGIN + 24)

    rows = sheet2_rows(plan.needs.all()) or [[""] * len(SHEET2_COLUMNS)]
    sheet.table(SHEET2_COLUMNS, rows, frame=page(), next_frame=page, size=8, groups=SHEET2_GROUPS, fill=True)


# -- 第3表 ----------------------------------------------------------------------------------------

BANDS = (("深夜", 0, 6), ("早朝", 6, 8), ("午前", 8, 12), ("午後", 12, 18), ("夜間", 18, 22), ("深夜", 22, 24))
DAYS = "月火水木金土日"
_TIMED_LINE = re.compile(r"^\s*(\d{1,2})[:：](\d{2})\s*(.*)$")


def _lanes(entries: Sequence[WeeklyScheduleEntry]) -> list[tuple[WeeklyScheduleEntry, int, int]]:
    """Side-by-side lanes for overlapping entries of one day: (entry, lane, lanes in its cluster)."""
    placed: list[tuple[WeeklyScheduleEntry, int]] = []
    cluster: list[int] = []  # indexes into placed of the current overlap cluster
    result: list[tuple[WeeklyScheduleEntry, int, int]] = []
    cluster_end: dt.time | None = None

    def flush() -> None:
        count = max((placed[i][1] for i in cluster), default=-1) + 1
        result.extend((placed[i][0], placed[i][1], count) for i in cluster)

    for entry in sorted(entries, key=lambda e: (e.start_time, e.end_time)):
        if cluster_end is not None and entry.start_time >= cluster_end:
            flush()
            cluster, cluster_end = [], None
        busy = {placed[i][1] for i in cluster if placed[i][0].end_time > entry.start_time}
        lane = next(n for n in range(len(cluster) + 1) if n not in busy)
        placed.append((entry, lane))
        cluster.append(len(placed) - 1)
        cluster_end = max(cluster_end or entry.end_time, entry.end_time)
    flush()
    return result


def _sheet3(sheet: Sheet, plan: CarePlan) -> None:
    y = sheet.header("第3表", SHEETS["3"], _made_on(plan))
    _client_name_line(sheet, plan.client.name, y - 12)
    band_w, time_w, day_w = 20.0, 34.0, 78.0
    days_x = LEFT + band_w + time_w
    act_x = days_x + 7 * day_w
    top, head_h = y - 24, 18.0
    other_h = 40.0
    bottom = MARGIN + other_h + 8
    body_top = top - head_h
    hour_h = (body_top - bottom) / 24

    def at(hours: float) -> float:
        return body_top - hours * hour_h

    # Frame, header row, day columns.
    sheet.rect(LEFT, bottom, WIDTH, top - bottom, width=0.8)
    sheet.line(LEFT, body_top, RIGHT, body_top)
    for i, day in enumerate(DAYS):
        x = days_x + i * day_w
        sheet.line(x, top, x, bottom)
        sheet.text(x + day_w / 2, top - 12.5, day, 9.5, align="center")
    sheet.line(act_x, top, act_x, bottom)
    sheet.line(LEFT + band_w, body_top, LEFT + band_w, bottom)
    sheet.text_box(act_x, top, RIGHT - act_x, head_h, "主な日常生活上の活動", 9, align="center", valign="middle")
    # Hour guides: thin dotted at each hour, solid every 2 hours with a label; bands at the left.
    c = sheet.canvas
    for hour in range(1, 24):
        if hour % 2:
            c.setDash(1, 2)
            sheet.line(days_x, at(hour), act_x, at(hour), 0.25)
            c.setDash()
        else:
            sheet.line(LEFT + band_w, at(hour), RIGHT, at(hour), 0.4)
    for hour in range(0, 24, 2):
        sheet.text(LEFT + band_w + time_w - 3, at(hour) - 8.5, f"{hour}:00", 7.5, align="right")
    sheet.text(LEFT + band_w + time_w - 3, at(24) + 2.5, "24:00", 7.5, align="right")
    for label, start, end in BANDS:
        if start:
            sheet.line(LEFT, at(start), LEFT + band_w, at(start), 0.6)
        sheet.vertical_text(LEFT + band_w / 2, at(start), at(start) - at(end), label, 9)

    # Entries as labelled boxes in their weekday column.
    by_day: dict[int, list[WeeklyScheduleEntry]] = {}
    for entry in plan.weekly_entries.all():
        by_day.setdefault(entry.weekday, []).append(entry)
    for weekday, entries in by_day.items():
        for entry, lane, lanes in _lanes(entries):
            begins = entry.start_time.hour + entry.start_time.minute / 60
            ends = entry.end_time.hour + entry.end_time.minute / 60
            lane_w = (day_w - 4) / lanes
            x, box_top, h = days_x + weekday * day_w + 2 + lane * lane_w, at(begins), at(begins) - at(ends)
            sheet.rect(x, box_top - h, lane_w, h, width=0.6, fill=0.9)
            text = f"{entry.label}\n{entry.start_time:%H:%M}〜{entry.end_time:%H:%M}"
            if len(wrap(text, 6, lane_w - 2 * PAD)) * 6 * LEADING > h - 2 * PAD:
                text = entry.label  # a small box: the service matters more than the times
            sheet.text_box(x, box_top, lane_w, h, text, 7, min_size=4.5)

    _activities(sheet, plan.daily_activities, act_x, RIGHT - act_x, body_top, at)
    # 週単位以外のサービス
    label_w = band_w + time_w + 60
    sheet.rect(LEFT, MARGIN, WIDTH, other_h, width=0.8)
    sheet.line(LEFT + label_w, MARGIN + other_h, LEFT + label_w, MARGIN)
    sheet.text_box(
        LEFT, MARGIN + other_h, label_w, other_h, "週単位以外の\nサービス", 9, align="center", valign="middle"
    )
    sheet.text_box(LEFT + label_w, MARGIN + other_h, WIDTH - label_w, other_h, plan.non_weekly_services, 9)


def _activities(sheet: Sheet, text: str, x: float, w: float, top: float, at: Callable[[float], float]) -> None:
    """主な日常生活上の活動: lines starting with a time (「7:00 起床」) sit at that time, else flow from the top."""
    lines = [line for line in text.splitlines() if line.strip()]
    timed = [_TIMED_LINE.match(line) for line in lines]
    if not lines or not all(m and int(m.group(1)) < 24 for m in timed):
        sheet.text_box(x, top, w, top - at(24), text, 8.5)
        return
    for m in timed:
        assert m is not None  # noqa: S101 - checked above
        hour = int(m.group(1)) + int(m.group(2)) / 60
        label = f"{int(m.group(1))}:{m.group(2)} {m.group(3)}"
        sheet.text(x + PAD, min(at(hour), top) - 9, wrap(label, 8, w - 2 * PAD)[0], 8)


# -- the plan set -----------------------------------------------------------------------------

_DRAW: dict[str, Callable[[Sheet, CarePlan], None]] = {"1": _sheet1, "2": _sheet2, "3": _sheet3}


def plan_pdf(plan: CarePlan, *, sheets: Sequence[str] = ("1", "2", "3")) -> Pdf:
    """第1〜3表 of one plan version in one PDF; each sheet starts on a new page.

    Returns the bytes with what was printed as 〓 (characters no embedded font has).
    """
    unknown = [s for s in sheets if s not in _DRAW]
    if unknown:
        raise ValueError(f"unknown sheet(s): {unknown}; choose from 1, 2, 3")
    sheet = Sheet(title=f"居宅サービス計画書 {plan.client.name} 第{plan.version}版")
    for number in sheets:
        sheet.new_page()
        _DRAW[number](sheet, plan)
    return sheet.finish()


# -- 第4表 ----------------------------------------------------------------------------------------


def _time_range(start: dt.time | None, end: dt.time | None) -> str:
    if not start and not end:
        return ""
    return (f"{start:%H:%M}" if start else "") + "〜" + (f"{end:%H:%M}" if end else "")


def _inquiry_text(inquiries: Iterable[Any]) -> str:
    parts = []
    for q in inquiries:
        answer = q.answer or "（未回答）"
        answered = f"（回答日：{wareki_or_blank(q.answered_on)}）" if q.answered_on else ""
        parts.append(
            f"照会先：{q.recipient}　照会日：{wareki_or_blank(q.sent_on)}\n"
            f"照会内容：{q.question}\n回答：{answer}{answered}"
        )
    return "【照会】\n" + "\n".join(parts) if parts else ""


BODY_SIZE = 9.0
BODY_LABEL_W = 110.0
# How the printed form shares the page among 検討した項目, 検討内容, 結論 and 残された課題.
BODY_SHARES = (0.18, 0.37, 0.2, 0.25)


def body_row_heights(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], size: float, *, room: float
) -> list[float] | None:
    """Heights for the four text rows of 第4表 that fill `room` exactly, or None when their text
    cannot fit it (the rows then flow over pages at the height their text needs).

    Each row gets at least the height its text needs; the rest of the room is shared among the
    rows that need less than their share (BODY_SHARES), in proportion to their shares.
    """
    lead = size * LEADING
    needed = [
        max(len(wrap(text, c.font_size or size, c.width - 2 * PAD)) for c, text in zip(columns, row, strict=True))
        * lead
        + 2 * PAD
        for row in rows
    ]
    if sum(needed) > room:
        return None
    free = set(range(len(rows)))
    while True:
        shares = sum(BODY_SHARES[i] for i in free)
        left = room - sum(needed[i] for i in range(len(rows)) if i not in free)
        crowded = {i for i in free if needed[i] > left * BODY_SHARES[i] / shares}
        if not crowded:
            break
        free -= crowded
    return [left * BODY_SHARES[i] / shares if i in free else needed[i] for i in range(len(rows))]


def conference_pdf(conference: CareConference) -> Pdf:
    """第4表 サービス担当者会議の要点 for one meeting."""
    plan = conference.plan
    client_name = plan.client.name
    author = person_name(conference.author or plan.author)
    sheet = Sheet(title=f"サービス担当者会議の要点 {client_name}")
    size = 9.5

    def page() -> float:
        sheet.new_page()
        y = sheet.header("第4表", "サービス担当者会議の要点", f"作成年月日　{wareki_or_blank(conference.held_on)}")
        y -= 12
        x = _client_name_line(sheet, client_name, y, size)
        sheet.field(x + 20, y, "居宅サービス計画作成者（担当者）氏名", author, 170, size)
        return y - 10

    y = page() - 8
    x = sheet.field(LEFT, y, "開催日", wareki_or_blank(conference.held_on), 110, size)
    x = sheet.field(x + 14, y, "開催場所", conference.place, 220, size)
    x = sheet.field(x + 14, y, "開催時間", _time_range(conference.start_time, conference.end_time), 90, size)
    sheet.field(x + 14, y, "開催回数", f"{conference.count}回", RIGHT - x - 14 - size * 5, size)

    # 会議出席者: presence of the client and family, then (所属（職種）, 氏名) in three pairs.
    everyone = list(conference.attendees.all())
    attendees = [a for a in everyone if a.attended]
    absentees = [a for a in everyone if not a.attended]
    client_present = any(a.kind == "client" for a in attendees)
    family = [a for a in attendees if a.kind == "family"]
    relations = "、".join(a.relation for a in family if a.relation)
    top, label_w = y - 10, 70.0
    presence = (
        f"利用者・家族の出席　本人：【{'○' if client_present else '　'}】　"
        f"家族：【{'○' if family else '　'}】（続柄：{relations or '　　　'}）"
    )
    sheet.rect(LEFT + label_w, top - 16, WIDTH - label_w, 16)
    sheet.text(LEFT + label_w + PAD * 2, top - 11.5, presence, 9)
    others = [a for a in attendees if a.kind != "client"]
    pair_w = (WIDTH - label_w) / 3
    columns = [Column("所属（職種）", pair_w * 0.55), Column("氏名", pair_w * 0.45)] * 3
    cells = [(_affiliation(a), a.name) for a in others]
    cells += [("", "")] * (max(6, -(-len(cells) // 3) * 3) - len(cells))  # whole rows, at least two
    rows = [[text for pair in cells[i : i + 3] for text in pair] for i in range(0, len(cells), 3)]

    def overflow() -> Frame:  # more attendees than fit under the heading: go on on a new page
        return Frame(LEFT + label_w, page(), MARGIN)

    y = sheet.table(
        columns, rows, frame=Frame(LEFT + label_w, top - 16, MARGIN), next_frame=overflow, size=8.5, min_row_height=17
    )
    if absentees:  # 記載要領: those who could not attend, with 所属（職種）・氏名 and the reason
        y = sheet.table(
            [Column("", WIDTH - label_w)],
            [["\n".join(_absentee(a) for a in absentees)]],
            frame=Frame(LEFT + label_w, y, MARGIN),
            next_frame=overflow,
            size=8.5,
            header=False,
        )
    sheet.rect(LEFT, y, label_w, top - y)
    sheet.text_box(LEFT, top, label_w, top - y, "会議出席者", 9, align="center", valign="middle")

    # The four text rows share the rest of the page as the printed form does (the last one reaching
    # its foot); only when their text cannot fit there do they flow over pages, a long row split
    # line by line with its label repeated.
    # 記載要領: 検討した項目 also holds the 照会 to those who could not attend (date, content, answer).
    inquiries = _inquiry_text(conference.inquiries.all())
    items = "\n".join(p for p in (conference.items_discussed, inquiries) if p)
    remaining = conference.remaining_issues
    if conference.next_date:
        remaining = f"{remaining}\n（次回の開催時期：{conference.next_date}）".strip()
    body = [
        ["検討した項目", items],
        ["検討内容", conference.discussion],
        ["結論", conference.conclusion],
        ["残された課題\n（次回の開催時期）", remaining],
    ]
    body_columns = [Column("", BODY_LABEL_W, align="center"), Column("", WIDTH - BODY_LABEL_W)]
    heights = body_row_heights(body_columns, body, BODY_SIZE, room=y - 6 - MARGIN)
    sheet.table(
        body_columns,
        body,
        frame=Frame(LEFT, y - 6, MARGIN),
        next_frame=lambda: Frame(LEFT, page() - 4, MARGIN),
        size=BODY_SIZE,
        header=False,
        min_row_height=heights or 0.0,
        fill=True,
        split_rows=3,
    )
    return sheet.finish()


def _absentee(attendee: Any) -> str:
    """「欠席：所属（職種）　氏名（欠席理由：…）」; the name may still be blank for a provider."""
    who = "　".join(p for p in (_affiliation(attendee), attendee.name) if p)
    return f"欠席：{who}（欠席理由：{attendee.absence_reason}）"


def _affiliation(attendee: Any) -> str:
    if attendee.kind == "family":
        return f"家族（{attendee.relation}）" if attendee.relation else "家族"
    return attendee.affiliation or attendee.get_kind_display()
