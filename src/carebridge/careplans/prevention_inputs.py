"""Typed inputs of the 介護予防 plan services (the editable fields; never status or consent)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carebridge.directory.models import Provider


@dataclass(frozen=True, kw_only=True)
class PreventionPlanInput:
    """The 介護予防サービス・支援計画書 itself: assessment areas, 目標とする生活, 総合的な方針."""

    drafted_on: dt.date
    plan_origin: str = "initial"
    commissioning_center: str = ""
    mobility_status: str = ""
    mobility_intention: str = ""
    mobility_issue: str = ""
    daily_life_status: str = ""
    daily_life_intention: str = ""
    daily_life_issue: str = ""
    social_status: str = ""
    social_intention: str = ""
    social_issue: str = ""
    health_status: str = ""
    health_intention: str = ""
    health_issue: str = ""
    overall_issues: str = ""
    proposal: str = ""
    proposal_intention: str = ""
    goal_day: str = ""
    goal_year: str = ""
    policy: str = ""


@dataclass(frozen=True, kw_only=True)
class SupportRowInput:
    """One row of 支援計画."""

    goal: str
    period_start: dt.date
    period_end: dt.date
    support_point: str = ""
    self_care: str = ""
    insured_service: str = ""
    service_kind: str = ""
    provider: Provider | None = None
    provider_name: str = ""
