"""Typed inputs of the care-plan services (the editable fields of each entity; never status)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from carebridge.directory.models import Provider


@dataclass(frozen=True, kw_only=True)
class PlanInput:
    """第1表 and the 第3表 fields of a plan version."""

    drafted_on: dt.date
    made_on: dt.date | None = None  # 作成年月日; None: the same day as drafted_on (作成（変更）日)
    reason: str = "new"
    plan_origin: str = "initial"
    intentions: str = ""
    board_opinion: str = ""
    policy: str = ""
    living_support_reason: str = ""
    living_support_note: str = ""
    daily_activities: str = ""
    non_weekly_services: str = ""


@dataclass(frozen=True, kw_only=True)
class ServiceInput:
    """第2表 援助内容 under a short-term goal."""

    content: str
    service_kind: str
    frequency: str
    period_start: dt.date
    period_end: dt.date
    insured: bool = True
    provider: Provider | None = None
    provider_name: str = ""
    service_type_code: str = ""
    short_stay_days: int = 0


@dataclass(frozen=True, kw_only=True)
class WeeklyEntryInput:
    weekday: int
    start_time: dt.time
    end_time: dt.time
    label: str


@dataclass(frozen=True, kw_only=True)
class AttendeeInput:
    """A 担当者 (or the client, family) invited to the meeting: present, or absent with the reason.

    The name may be blank while a provider has not said who comes (the affiliation names it)."""

    kind: str
    name: str = ""
    affiliation: str = ""
    relation: str = ""
    attended: bool = True
    absence_reason: str = ""


@dataclass(frozen=True, kw_only=True)
class InquiryInput:
    recipient: str
    sent_on: dt.date
    question: str
    answer: str = ""
    answered_on: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class ConferenceInput:
    """第4表 サービス担当者会議の要点, with its attendees and 照会."""

    held_on: dt.date
    place: str
    items_discussed: str
    discussion: str
    conclusion: str
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    count: int = 1
    remaining_issues: str = ""
    next_date: str = ""
    attendees: tuple[AttendeeInput, ...] = field(default_factory=tuple)
    inquiries: tuple[InquiryInput, ...] = field(default_factory=tuple)


@dataclass(frozen=True, kw_only=True)
class PlanConsentInput:
    consented_on: dt.date
    signer_name: str
    signer_relation: str = "本人"
    method: str = "signature"
