"""/api/v1/billing: generate-all for the office's month (a draft for every client with a plan in
effect and no slip; the ones that cannot be made reported with the reason) and moving a line."""

from __future__ import annotations

import json

import pytest

from carebridge.billing.models import UsageSlip
from carebridge.core.services import api_token_create

from ..factories import CertificationFactory, ClientFactory
from .slip_helpers import planned_client

pytestmark = pytest.mark.django_db


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=user)}"}


def test_generate_all_makes_the_missing_drafts_once(world, client):
    first, _plan, _providers = planned_client(world)
    second, _plan2, _providers2 = planned_client(world, name="請求 次郎", kana="セイキュウ　ジロウ")
    without_plan = ClientFactory(office=world.office_a, care_manager=world.cm_a)
    CertificationFactory(client=without_plan)
    auth = _auth(world.clerk_a)
    made = client.post("/api/v1/billing/months/2026-05/slips", **auth)
    assert made.status_code == 200, made.content
    body = made.json()
    assert sorted(s["client_id"] for s in body["made"]) == sorted([first.pk, second.pk])
    assert all(s["status"] == "draft" and s["month"] == "2026-05-01" for s in body["made"])
    assert body["failed"] == []  # a client with no plan in effect is not in the month at all
    again = client.post("/api/v1/billing/months/2026-05/slips", **auth).json()
    assert again == {"made": [], "failed": []}
    assert UsageSlip.objects.filter(month="2026-05-01").count() == 2
    bad = client.post("/api/v1/billing/months/2026-5/slips", **auth)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][-1] == "month"


def test_a_line_moves_up_and_down_on_a_draft_only(world, client):
    patient, _plan, _providers = planned_client(world)
    auth = _auth(world.cm_a)
    slip = client.post(f"/api/v1/billing/clients/{patient.pk}/slips/2026-05", **auth).json()
    lines = f"/api/v1/billing/slips/{slip['id']}/lines"
    added = client.post(
        lines, json.dumps({"service_name": "追加", "provider_name": "他社"}), content_type="application/json", **auth
    ).json()
    moved = client.post(
        f"{lines}/{added['id']}/move", json.dumps({"direction": "up"}), content_type="application/json", **auth
    )
    assert moved.status_code == 200
    assert [line["id"] for line in moved.json()] == [added["id"], slip["lines"][0]["id"]]
    odd = client.post(
        f"{lines}/{added['id']}/move", json.dumps({"direction": "left"}), content_type="application/json", **auth
    )
    assert odd.status_code == 422 and odd.json()["detail"][0]["loc"][-1] == "direction"
