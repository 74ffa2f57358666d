"""API shape, errors and tokens."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from carebridge.core import messages as core_messages
from carebridge.core.services import api_token_create

from ..factories import ClientFactory

pytestmark = pytest.mark.django_db


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_openapi_is_published(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["info"]["title"] == "CareBridge API"
    for path in (
        "/api/v1/clients",
        "/api/v1/clients/{client_id}",
        "/api/v1/providers",
        "/api/v1/contacts/{contact_id}",
    ):
        assert path in spec["paths"]


def test_list_clients_shape_and_scope(world, client):
    mine = ClientFactory(office=world.office_a)
    ClientFactory(office=world.office_b)
    token = api_token_create(actor=None, user=world.cm_a)
    body = client.get("/api/v1/clients", **auth(token)).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert {"id", "name", "kana", "insurer_number", "insured_number"} <= set(item)
    assert item["id"] == mine.pk


def test_create_with_bad_values_answers_422_with_field_errors_in_japanese(world, client):
    token = api_token_create(actor=None, user=world.cm_a)
    payload = {
        "name": "佐藤 キヨ",
        "kana": "さとう",
        "birth_date": "1938-05-03",
        "sex": "female",
        "insurer_number": "131129",
        "insured_number": "0000012345",
    }
    response = client.post("/api/v1/clients", json.dumps(payload), content_type="application/json", **auth(token))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert {
        "loc": ["body", "insurer_number"],
        "msg": core_messages.INSURER_NUMBER_CHECK_DIGIT,
        "type": "value_error",
        "code": "insurer_number_check_digit",
    } in detail


def test_patch_changes_only_given_fields(world, client):
    target = ClientFactory(office=world.office_a, address="旧住所")
    token = api_token_create(actor=None, user=world.cm_a)
    response = client.patch(
        f"/api/v1/clients/{target.pk}",
        json.dumps({"phone": "03-1234-5678"}),
        content_type="application/json",
        **auth(token),
    )
    assert response.status_code == 200
    assert response.json()["phone"] == "03-1234-5678"
    assert response.json()["address"] == "旧住所"


def test_createtoken_command_then_office_scoped_api(world, client, capsys):
    a_client = ClientFactory(office=world.office_a)
    b_client = ClientFactory(office=world.office_b)
    call_command("createtoken", "cm_a1")
    token = capsys.readouterr().out.strip()
    assert token.startswith("cb_")
    listing = client.get("/api/v1/clients", **auth(token)).json()
    assert [item["id"] for item in listing["items"]] == [a_client.pk]
    assert client.get(f"/api/v1/clients/{b_client.pk}", **auth(token)).status_code == 404
    assert client.get(f"/api/v1/clients/{a_client.pk}", **auth(token)).status_code == 200


def test_session_auth_works_for_reads(world, client):
    ClientFactory(office=world.office_a)
    client.force_login(world.cm_a)
    assert client.get("/api/v1/clients").json()["count"] == 1


def test_bad_token_is_401(client):
    assert client.get("/api/v1/clients", **auth("cb_nope")).status_code == 401
