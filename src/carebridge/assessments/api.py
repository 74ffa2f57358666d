"""API of assessments (課題分析): the versions of a client, a new version, edits."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from carebridge.clients.access import access_care_client
from carebridge.clients.services import client_viewed
from carebridge.core.access import actor_of
from carebridge.core.inputs import input_from
from carebridge.core.schemas import Date, Flag, InputSchema, PatchSchema, fits

from . import selectors, services
from .access import access_assessment
from .inputs import AssessmentInput
from .models import Assessment

router = Router(tags=["assessments"])


class AssessmentOut(Schema):
    id: int
    client_id: int
    version: int
    assessed_on: dt.date
    place: str
    at_home: bool
    client_interviewed: bool
    family_interviewed: bool
    reason: str
    reason_note: str
    strengths: str
    items: dict[str, dict[str, str]]
    agreed_on: dt.date | None
    updated_at: dt.datetime


class AssessmentIn(InputSchema):
    assessed_on: Annotated[Date, fits(Assessment, "assessed_on")]
    reason: Annotated[str, fits(Assessment, "reason")]
    place: Annotated[str, fits(Assessment, "place")] = "自宅"
    at_home: Flag = True
    client_interviewed: Flag = False
    family_interviewed: Flag = False
    reason_note: Annotated[str, fits(Assessment, "reason_note")] = ""
    strengths: Annotated[str, fits(Assessment, "strengths")] = ""
    items: dict[str, dict[str, str]] = {}
    copy_from_last: Flag = False


class AssessmentPatch(PatchSchema):
    assessed_on: Annotated[Date, fits(Assessment, "assessed_on")] | None = None
    reason: Annotated[str, fits(Assessment, "reason")] | None = None
    place: Annotated[str, fits(Assessment, "place")] | None = None
    at_home: Flag | None = None
    client_interviewed: Flag | None = None
    family_interviewed: Flag | None = None
    reason_note: Annotated[str, fits(Assessment, "reason_note")] | None = None
    strengths: Annotated[str, fits(Assessment, "strengths")] | None = None
    items: dict[str, dict[str, str]] | None = None


@router.get("/clients/{client_id}/assessments", response=list[AssessmentOut], summary="アセスメントの版")
def list_assessments(request: HttpRequest, client_id: int) -> Any:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    return list(selectors.assessment_list(client=client))


@router.post("/clients/{client_id}/assessments", response={201: AssessmentOut}, summary="アセスメントの記録")
def create_assessment(request: HttpRequest, client_id: int, payload: AssessmentIn) -> Status[Any]:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    values = payload.dict()
    copy = values.pop("copy_from_last")
    data = input_from(AssessmentInput, values)
    return Status(201, services.assessment_create(actor=actor, client=client, data=data, copy_from_last=copy))


@router.patch("/assessments/{assessment_id}", response=AssessmentOut, summary="アセスメントの更新（同意前のみ）")
def update_assessment(request: HttpRequest, assessment_id: int, payload: AssessmentPatch) -> Any:
    actor = actor_of(request)
    assessment = access_assessment(actor, assessment_id)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(AssessmentInput, values, base=assessment)
    return services.assessment_update(actor=actor, assessment=assessment, data=data, expected_updated_at=expected)
