"""`POST /api/v1/workcare/entitlements`: the entitlement calculator of 育児・介護休業法 (the JSON of
workcare/entitlement_json.py, the same as `carebridge workcare entitlements`). A calculator with
no personal data: any logged-in user may call it; nothing is stored or logged."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from carebridge.core.access import actor_of

from .entitlement_json import EntitlementInputError, evaluate

router = Router(tags=["両立支援"])


class EntitlementCareLeaveOut(Schema):
    family_id: str
    days_used: int
    days_left: int
    periods_used: int
    periods_left: int


class EntitlementCareDaysOffOut(Schema):
    fiscal_year_start: str
    entitled_days: int
    used_hours: int
    left_days: int
    left_hours: int


class EntitlementReasonOut(Schema):
    code: str
    article: str
    message: str


class EntitlementRequestOut(Schema):
    allowed: bool
    reasons: list[EntitlementReasonOut]


class EntitlementsOut(Schema):
    care_leave: list[EntitlementCareLeaveOut]
    care_days_off: EntitlementCareDaysOffOut
    request: EntitlementRequestOut | None


_DATE = {"type": "string", "format": "date"}
_USE = {
    "type": "object",
    "required": ["kind"],
    "properties": {
        "kind": {
            "type": "string",
            "enum": [
                "care_leave",
                "care_days_off",
                "overtime_exemption",
                "overtime_limit",
                "night_work_limit",
                "reduced_hours_measure",
                "telework",
            ],
        },
        "family_id": {"type": "string"},
        "start": _DATE,
        "end": _DATE,
        "date": _DATE,
        "hours": {"type": ["integer", "null"]},
        "requested_on": _DATE,
    },
}
INPUT_SCHEMA = {
    "type": "object",
    "required": ["as_of", "employee", "company", "family"],
    "properties": {
        "as_of": _DATE,
        "employee": {
            "type": "object",
            "required": ["weekly_days", "daily_hours", "hired_on"],
            "properties": {
                "weekly_days": {"type": "integer", "minimum": 1, "maximum": 7},
                "daily_hours": {"anyOf": [{"type": "string"}, {"type": "number"}], "example": "7.5"},
                "hired_on": _DATE,
                "fixed_term_end": {"type": ["string", "null"], "format": "date"},
            },
        },
        "company": {
            "type": "object",
            "required": ["fiscal_year_start"],
            "properties": {
                "fiscal_year_start": {"type": "string", "example": "04-01"},
                "labor_agreement_excludes": {
                    "type": "array",
                    "items": {
                        "type": "string",
                        "enum": ["under_1_year", "leaving_within_93_days", "weekly_2_days_or_less"],
                    },
                },
                "care_leave_days": {"type": "integer"},
                "care_leave_periods": {"type": "integer"},
                "care_days_off_one": {"type": "integer"},
                "care_days_off_two": {"type": "integer"},
                "reduced_hours_uses": {"type": "integer"},
                "reduced_hours_years": {"type": "integer"},
            },
        },
        "family": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "properties": {"id": {"type": "string"}, "relation": {"type": "string"}},
            },
        },
        "history": {"type": "array", "items": _USE},
        "request": {"anyOf": [_USE, {"type": "null"}]},
    },
}


@router.post(
    "/entitlements",
    response=EntitlementsOut,
    summary="介護休業・介護休暇等の残りと申出の可否（育児・介護休業法）",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": INPUT_SCHEMA}}}},
)
def entitlements(request: HttpRequest) -> Any:
    actor_of(request)  # any logged-in user: a calculator, no personal data
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise HttpError(400, "body") from None
    try:
        return evaluate(data)
    except EntitlementInputError as exc:
        raise ValidationError({exc.field: exc.message}) from exc
