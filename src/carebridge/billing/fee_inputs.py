"""Inputs of the fee services (forms and the API build them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class FeeEventInput:
    kind: str
    day: dt.date
    info_on: dt.date | None = None
    after_hours: bool = False
    contacts: int = 1
    conference: bool = False
    confirmed: bool = True
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class FeeSettingInput:
    valid_from: dt.date
    tier: str = "1"
    special: str = ""
    bcp_missing: bool = False
    abuse_prevention_missing: bool = False
    same_building: bool = False
