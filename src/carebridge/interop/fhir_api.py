"""FHIR R4 export of a client's current plan: GET /api/v1/clients/{client_id}/fhir."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from carebridge.clients.access import access_care_client
from carebridge.clients.services import client_viewed
from carebridge.core.access import actor_of, require_permission
from carebridge.core.schemas import Date

from . import fhir, fhir_messages

router = Router(tags=["interop"])


class FhirQuery(Schema):
    on: Date | None = Field(None, description="この日に実施中の計画（省略時は今日、ISO 8601）")


class FhirBundle(Schema):
    """A FHIR R4 Bundle (type transaction); see docs/interop-fhir.md for the mapping."""

    resourceType: str = Field(description="Bundle")
    type: str = Field(description="transaction")
    timestamp: str
    entry: list[dict[str, Any]] = Field(description="fullUrl (urn:uuid), resource, request (POST)")


@router.get(
    "/clients/{client_id}/fhir",
    response=FhirBundle,
    summary="現在の居宅サービス計画の FHIR R4 Bundle（transaction）",
    description="Patient・Practitioner・Organization・Coverage・CarePlan（replaces で以前の版）・Goal・"
    "CareTeam・Consent。実施中の計画がなければ 404（code no_current_plan）。",
)
def client_fhir(request: HttpRequest, client_id: int, query: Query[FhirQuery]) -> Any:
    actor = actor_of(request)
    require_permission(actor, "care.view")  # company and workplace roles: 403 whatever the id
    client = access_care_client(actor, client_id)
    day = query.on or timezone.localdate()
    plan, versions = fhir.current_plan(client=client, on=day)
    if plan is None:
        body = {"detail": str(fhir_messages.NO_CURRENT_PLAN), "code": fhir_messages.NO_CURRENT_PLAN.code}
        return HttpResponse(json.dumps(body, ensure_ascii=False), status=404, content_type="application/json")
    client_viewed(actor=actor, client=client)
    return fhir.plan_bundle(plan=plan, versions=versions, now=timezone.now())
