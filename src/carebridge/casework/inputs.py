"""Typed inputs of the casework services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from carebridge.careplans.models import Goal


@dataclass(frozen=True, kw_only=True)
class IntakeInput:
    received_on: dt.date
    route: str
    requester_name: str
    requester_relation: str
    subject_name: str
    main_complaint: str
    requester_phone: str = ""
    urgency: str = "normal"
    outcome: str = "pending"


@dataclass(frozen=True, kw_only=True)
class ContractInput:
    contracted_on: dt.date
    multiple_providers_explained: bool
    explanation_note: str = ""


@dataclass(frozen=True, kw_only=True)
class NoteInput:
    noted_on: dt.date
    category: str
    content: str


@dataclass(frozen=True, kw_only=True)
class EvaluationInput:
    goal: Goal
    result: str
    comment: str = ""


@dataclass(frozen=True, kw_only=True)
class MonitoringInput:
    visited_on: dt.date
    method: str = "home"
    video_consent_on: dt.date | None = None
    team_agreed_on: dt.date | None = None
    service_status: str = ""
    condition_changes: str = ""
    client_view: str = ""
    family_view: str = ""
    reassessment_needed: bool = False
    evaluations: tuple[EvaluationInput, ...] = field(default_factory=tuple)


@dataclass(frozen=True, kw_only=True)
class SpecialCircumstanceInput:
    """特段の事情 of a month: a client-side reason and the evidence (経緯・根拠)."""

    reason: str
    evidence: str
