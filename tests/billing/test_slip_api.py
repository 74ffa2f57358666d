"""/api/v1/billing: a client's slips, generation, line edits, actuals, confirm, revise, consent and
delivery; bad input answers 422 naming the field, never 500."""

from __future__ import annotations

import json

import pytest

from carebridge.core.services import api_token_create

from .slip_helpers import planned_client

pytestmark = pytest.mark.django_db


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=user)}"}


def _send(client, method, url, body, auth):
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json", **auth)


def test_api_journey(world, client):
    patient, _plan, _providers = planned_client(world)
    auth = _auth(world.cm_a)
    base = f"/api/v1/billing/clients/{patient.pk}/slips"
    bad = client.post(f"{base}/2026-13", **auth)
    assert bad.status_code == 422 and "month" in json.dumps(bad.json())
    made = client.post(f"{base}/2026-05", **auth)
    assert made.status_code == 201, made.content
    slip = made.json()
    assert slip["holidays"]["5"] == "こどもの日" and len(slip["lines"]) == 1
    assert client.get(base, **auth).json()[0]["id"] == slip["id"]
    assert client.get(f"{base}/2026-05", **auth).json()["id"] == slip["id"]
    assert client.get(f"{base}/2026-09", **auth).status_code == 404
    line = slip["lines"][0]
    lines = f"/api/v1/billing/slips/{slip['id']}/lines"
    refused = _send(
        client, "post", lines, {"service_name": "手すり", "service_type": "17", "service_code": "171111"}, auth
    )
    assert refused.status_code == 422 and "product_code" in json.dumps(refused.json())
    schema = _send(client, "post", lines, {"service_name": "x", "planned_days": "12"}, auth)
    assert schema.status_code == 422 and "planned_days" in json.dumps(schema.json())
    patched = _send(
        client,
        "patch",
        f"{lines}/{line['id']}",
        {"service_type": "15", "service_code": "151111", "units": 658, "updated_at": line["updated_at"]},
        auth,
    )
    assert patched.status_code == 200 and patched.json()["units"] == 658
    stale = _send(client, "patch", f"{lines}/{line['id']}", {"units": 1, "updated_at": line["updated_at"]}, auth)
    assert stale.status_code == 409
    extra = _send(client, "post", lines, {"service_name": "追加", "provider_name": "他社"}, auth).json()
    assert client.delete(f"{lines}/{extra['id']}", **auth).status_code == 204
    confirmed = client.post(f"/api/v1/billing/slips/{slip['id']}/confirm", **auth)
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    locked = _send(client, "patch", f"{lines}/{line['id']}", {"units": 2}, auth)
    assert locked.status_code == 422
    actual = _send(
        client,
        "put",
        f"{lines}/{line['id']}/actuals",
        {"actual_days": patched.json()["planned_days"]},
        _auth(world.clerk_a),
    )
    assert actual.status_code == 200 and actual.json()["actual_count"] == 4
    consent = _send(
        client,
        "post",
        f"/api/v1/billing/slips/{slip['id']}/consents",
        {"consented_on": "2026-04-28", "method": "visit", "consented_by": "本人"},
        auth,
    )
    assert consent.status_code == 201
    nowhere = _send(
        client,
        "post",
        f"/api/v1/billing/slips/{slip['id']}/deliveries",
        {"provider_name": "知らない", "delivered_on": "2026-04-28", "method": "fax"},
        auth,
    )
    assert nowhere.status_code == 422 and "provider" in json.dumps(nowhere.json())
    delivered = _send(
        client,
        "post",
        f"/api/v1/billing/slips/{slip['id']}/deliveries",
        {"provider_id": line["provider_id"], "delivered_on": "2026-04-28", "method": "fax"},
        auth,
    )
    assert delivered.status_code == 201
    revised = _send(client, "post", f"/api/v1/billing/slips/{slip['id']}/revise", {"reason": "実績訂正"}, auth)
    assert revised.status_code == 201 and revised.json()["version"] == 2
    assert client.get(f"{base}/2026-05", **_auth(world.wcm_a)).status_code == 404
    assert client.post(f"{base}/2026-06", **_auth(world.cm_b)).status_code == 404


def test_openapi_documents_billing(client):
    spec = client.get("/api/v1/openapi.json").json()
    paths = [p for p in spec["paths"] if p.startswith("/api/v1/billing/")]
    assert "/api/v1/billing/slips/{slip_id}/lines/{line_id}/actuals" in paths and len(paths) >= 7
