"""Typed input of the assessment services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, kw_only=True)
class AssessmentInput:
    assessed_on: dt.date
    reason: str
    place: str = "自宅"
    at_home: bool = True  # 運営基準第13条第7号: held at the home, interviewing client and family
    client_interviewed: bool = False
    family_interviewed: bool = False
    reason_note: str = ""
    strengths: str = ""
    # 課題分析標準項目: {"11": {"walking": "見守り", "text": "…"}, …} (see items.py)
    items: dict[str, dict[str, str]] = field(default_factory=dict)
