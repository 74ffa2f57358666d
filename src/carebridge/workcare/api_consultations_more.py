"""API of a consultation's 判断基準 (reference only) and of a referral's status, as the pages
(views/consultations.py) do them, through the same services."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import Strict

from carebridge.core.access import actor_of
from carebridge.core.schemas import Date, Flag, InputSchema, fits

from . import criteria
from .access import access_consultation, access_referral
from .api_consultations import ReferralOut
from .inputs import SituationAssessmentInput
from .models import Referral, SituationAssessment
from .models.choices import ReferralStatus
from .services import consultations as services

router = Router(tags=["両立支援：相談"])

Level = Annotated[int, Strict(), Field(ge=1, le=3)]


class AssessmentIn(InputSchema):
    assessed_on: Date
    item_levels: dict[Annotated[str, Field(pattern=r"^([1-9]|1[0-2])$")], Level] = Field(
        default_factory=dict, description='項目①〜⑫の評価 {"1": 1〜3, …}（評価しない項目は1とみなします）'
    )
    care_level_2_or_above: Flag = False
    note: Annotated[str, fits(SituationAssessment, "note")] = ""


class AssessmentOut(Schema):
    id: int
    consultation_id: int
    criteria_version: dt.date
    item_levels: dict[str, int]
    care_level_2_or_above: bool
    assessed_on: dt.date
    note: str
    meets: bool = Field(
        description="判断基準（参考）の「常時介護を必要とする状態」にあたるか — 参考であり、事業主は柔軟に運用"
    )
    reasons: list[str]


@router.post(
    "/consultations/{consultation_id}/assessment",
    response={201: AssessmentOut},
    summary="判断基準（常時介護を必要とする状態、参考）による確認の記録",
    description=criteria.REFERENCE_NOTICE,
)
def record_assessment(request: HttpRequest, consultation_id: int, payload: AssessmentIn) -> Status[Any]:
    actor = actor_of(request)
    consultation = access_consultation(actor, consultation_id, for_edit=True)
    data = SituationAssessmentInput(**payload.dict())
    row = services.situation_assessment_record(actor=actor, consultation=consultation, data=data)
    version = criteria.version_of(row.criteria_version) or criteria.version_on(row.assessed_on)
    result = criteria.evaluate(version, row.item_levels, care_level_2_or_above=row.care_level_2_or_above)
    return Status(
        201,
        {
            "id": row.pk,
            "consultation_id": consultation.pk,
            "criteria_version": row.criteria_version,
            "item_levels": row.item_levels,
            "care_level_2_or_above": row.care_level_2_or_above,
            "assessed_on": row.assessed_on,
            "note": row.note,
            "meets": result.meets,
            "reasons": list(result.reasons),
        },
    )


class ReferralStatusIn(InputSchema):
    status: Literal["referred", "completed", "declined"] = Field(description="紹介済み / 対応完了 / 見送り")
    outcome: Annotated[str, fits(Referral, "outcome")] = ""


@router.post(
    "/referrals/{referral_id}/status",
    response=ReferralOut,
    summary="紹介の状態の更新（提案→紹介済み→対応完了、または見送り）",
)
def update_referral_status(request: HttpRequest, referral_id: int, payload: ReferralStatusIn) -> Any:
    actor = actor_of(request)
    referral = access_referral(actor, referral_id, for_edit=True)
    return services.referral_update_status(
        actor=actor, referral=referral, status=ReferralStatus(payload.status), outcome=payload.outcome
    )
