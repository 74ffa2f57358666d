"""Monitoring rules — pure Python, no Django.

指定居宅介護支援等の事業の人員及び運営に関する基準 (平成11年厚生省令第38号) 第13条第14号: monitoring
at least once a month at the client's home. Since 2024-04 a visit by video call (テレビ電話装置等)
may take its place when the client agreed in writing, the team (サービス担当者会議 等) agreed, and
the home was visited the month before (a home visit at least every second month). One rule:
the monitoring service checks it when a visit is recorded, compliance when it reports a month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from carebridge.core.dates import month_start, next_month, previous_month


@dataclass(frozen=True)
class VisitFacts:
    month: dt.date  # 1st of the month
    visited_on: dt.date
    method: str  # "home" or "video"
    video_consent_on: dt.date | None = None
    team_agreed_on: dt.date | None = None


class VideoRequirement(StrEnum):
    WRITTEN_CONSENT = "written_consent"
    TEAM_AGREEMENT = "team_agreement"
    HOME_VISIT_LAST_MONTH = "home_visit_last_month"


def video_visit_missing(visit: VisitFacts, visits: Iterable[VisitFacts]) -> list[VideoRequirement]:
    """The requirements a video visit does not meet (none for a home visit). Consent and agreement
    must be given on or before the visit day."""
    if visit.method != "video":
        return []
    missing = []
    if visit.video_consent_on is None or visit.video_consent_on > visit.visited_on:
        missing.append(VideoRequirement.WRITTEN_CONSENT)
    if visit.team_agreed_on is None or visit.team_agreed_on > visit.visited_on:
        missing.append(VideoRequirement.TEAM_AGREEMENT)
    last_month = previous_month(visit.month)
    if not any(v.month == last_month and v.method == "home" for v in visits):
        missing.append(VideoRequirement.HOME_VISIT_LAST_MONTH)
    return missing


def video_visit_allowed(visit: VisitFacts, visits: Iterable[VisitFacts]) -> bool:
    return not video_visit_missing(visit, visits)


# -- 特段の事情 -------------------------------------------------------------------------------------
# 運営基準第13条第14号 asks for the monthly home visit 「特段の事情のない限り」; the 解釈通知 (老企第22号
# 第二の3(8)⑭) explains 特段の事情 as the client's own circumstances that keep the care manager from
# the home (入院・入所, the client's refusal …) and says the care manager's own circumstances are not
# included. The reason must be recorded in the 支援経過 (第5表). Only client-side reasons are offered:
# there is no choice for the care manager's circumstances, nor for a failed video connection.


class SpecialCircumstanceReason(StrEnum):
    HOSPITAL = "hospital"  # 入院
    FACILITY = "facility"  # 入所
    REFUSAL = "refusal"  # 本人の拒否
    OTHER_CLIENT = "other_client"  # その他利用者側の事情


SPECIAL_CIRCUMSTANCE_LABELS: dict[SpecialCircumstanceReason, str] = {
    SpecialCircumstanceReason.HOSPITAL: "入院",
    SpecialCircumstanceReason.FACILITY: "入所",
    SpecialCircumstanceReason.REFUSAL: "本人の拒否",
    SpecialCircumstanceReason.OTHER_CLIENT: "その他利用者側の事情",
}


@dataclass(frozen=True)
class SpecialCircumstanceFacts:
    month: dt.date  # 1st of the month
    reason: str  # a SpecialCircumstanceReason value


# -- when a monitoring record can no longer be corrected ---------------------------------------------
# There is no billing month-close yet. Until there is, a month's monitoring record may be corrected
# up to and including the 10th of the following month: the 国保連 submission deadline for the
# month's 給付管理票 and 居宅介護支援費 claim (介護給付費等の請求: 翌月10日まで). After that the
# record backs a claim already sent, so it stays as it is. This is the one definition; billing
# replaces its body with its own month-close when it has one.
CORRECTION_DAY_OF_NEXT_MONTH = 10


def correction_deadline(month: dt.date) -> dt.date:
    """The last day a monitoring record of `month` can be corrected: the 10th of the next month."""
    return next_month(month_start(month)).replace(day=CORRECTION_DAY_OF_NEXT_MONTH)


def monitoring_month_closed(month: dt.date, today: dt.date) -> bool:
    """True once the month is closed for corrections (see correction_deadline)."""
    return today > correction_deadline(month)
