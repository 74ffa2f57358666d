"""Every error of the API is JSON with a stable code and a Japanese message — 400, 401, 403, 404,
409, 413, 422, 429, 500, 503 — and the OpenAPI documents each of them for every operation."""

from __future__ import annotations

import json

import pytest
from django.test import Client as Browser
from django.test import override_settings

from carebridge.core import messages
from carebridge.core.services import api_token_create
from tests.factories import CertificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def auth(world):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=world.cm_a)}"}


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in body["detail"])
    return body


def test_a_body_that_is_not_json_is_400(client, auth):
    response = client.post("/api/v1/clients", "{not json", content_type="application/json", **auth)
    _error(response, 400, messages.BODY_UNREADABLE.code)


def test_no_token_and_a_bad_token_are_401(client):
    _error(client.get("/api/v1/clients"), 401, messages.NOT_AUTHENTICATED.code)
    _error(client.get("/api/v1/clients", HTTP_AUTHORIZATION="Bearer cb_nope"), 401, messages.NOT_AUTHENTICATED.code)


def test_a_missing_role_is_403_and_a_missing_record_or_route_404(world, client):
    token = api_token_create(actor=None, user=world.wcm_a)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    _error(client.get("/api/v1/clients", **headers), 403, messages.PERMISSION_DENIED.code)
    _error(client.get("/api/v1/clients/987654321", **headers), 404, messages.NOT_FOUND.code)
    _error(client.get("/api/v1/no-such-thing", **headers), 404, messages.NOT_FOUND.code)


def test_a_stale_patch_is_409(client, auth, client_a):
    response = client.patch(
        f"/api/v1/clients/{client_a.pk}",
        json.dumps({"phone": "03-1111-2222", "updated_at": "2001-01-01T00:00:00Z"}),
        content_type="application/json",
        **auth,
    )
    _error(response, 409, messages.STALE_WRITE.code)


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_the_limit_is_413(client, auth, client_a):
    body = json.dumps({"noted_on": "2026-11-01", "category": "phone", "content": "あ" * 2000})
    response = client.post(
        f"/api/v1/clients/{client_a.pk}/progress-notes", body, content_type="application/json", **auth
    )
    _error(response, 413, messages.BODY_TOO_LARGE.code)


def test_refusals_are_422_naming_the_field_with_a_code(client, auth, client_a):
    response = client.patch(
        f"/api/v1/clients/{client_a.pk}",
        json.dumps({"name": "x" * 51, "birth_date": "1867-12-31", "care_manager_id": True, "note": "a\u0000b"}),
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422
    found = {item["loc"][-1]: item["code"] for item in response.json()["detail"]}
    assert found == {
        "name": messages.TEXT_TOO_LONG.code,
        "birth_date": messages.DATE_OUT_OF_RANGE.code,
        "care_manager_id": messages.FIELD_INTEGER.code,
        "note": messages.TEXT_FORBIDDEN_CHARACTER.code,
    }
    client_a.refresh_from_db()
    assert client_a.name != "x" * 51


def test_null_and_empty_for_values_that_must_be_there_are_422_not_a_crash(client, auth, client_a):
    """An optional text is emptied with "", not null; a required text cannot be "" (the OpenAPI
    says minLength 1); a required number cannot be null."""
    response = client.patch(
        f"/api/v1/clients/{client_a.pk}",
        json.dumps({"address": None, "name": ""}),
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422, response.content[:300]
    found = {item["loc"][-1]: item["code"] for item in response.json()["detail"]}
    assert found == {"name": messages.FIELD_REQUIRED.code}  # the schema refuses first, naming it
    response = client.patch(
        f"/api/v1/clients/{client_a.pk}", json.dumps({"address": None}), content_type="application/json", **auth
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["code"] == messages.FIELD_NULL.code
    cert = CertificationFactory(client=client_a)
    response = client.patch(
        f"/api/v1/certifications/{cert.pk}", json.dumps({"copay_rate": None}), content_type="application/json", **auth
    )
    assert response.status_code == 422
    assert response.json()["detail"][0] == {
        "loc": ["body", "copay_rate"],
        "msg": str(messages.FIELD_REQUIRED),
        "type": "value_error",
        "code": messages.FIELD_REQUIRED.code,
    }


def test_a_lone_surrogate_and_a_huge_offset_are_refused_not_crashed(client, auth, client_a):
    surrogate = '{"noted_on": "2026-11-01", "category": "phone", "content": "\\ud800"}'
    response = client.post(
        f"/api/v1/clients/{client_a.pk}/progress-notes", surrogate, content_type="application/json", **auth
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["code"] == messages.TEXT_FORBIDDEN_CHARACTER.code
    assert client.get("/api/v1/clients?offset=9223372036854775808", **auth).status_code == 422
    nul = client.get("/api/v1/clients?q=%00", **auth)
    assert nul.status_code == 422
    assert nul.json()["detail"][0] == {
        "loc": ["query", "q"],
        "msg": str(messages.TEXT_FORBIDDEN_CHARACTER),
        "type": "value_error",
        "code": "text_forbidden_character",
    }
    assert client.get("/api/v1/compliance?month=0001-01", **auth).status_code == 422
    assert client.get("/api/v1/compliance?month=9999-12", **auth).status_code == 422


def test_too_many_requests_is_429(world, client, auth):
    from carebridge.api import api

    throttle = api.throttle[0]
    previous = throttle.rate, throttle.num_requests, throttle.duration
    throttle.rate, throttle.num_requests, throttle.duration = "2/m", 2, 60
    try:
        answers = [client.get("/api/v1/providers", **auth).status_code for _ in range(3)]
        third = client.get("/api/v1/providers", **auth)
    finally:
        throttle.rate, throttle.num_requests, throttle.duration = previous
        from django.core.cache import cache

        cache.clear()
    assert answers[:2] == [200, 200]
    _error(third, 429, messages.TOO_MANY_REQUESTS.code)


def test_an_unforeseen_error_is_500_json_with_the_request_id(world, monkeypatch, auth):
    from carebridge.clients import api as clients_api

    def broken(**kwargs):
        raise RuntimeError("仮の障害 山田 ハル")  # a message with personal data must not leak

    monkeypatch.setattr(clients_api.selectors, "client_list", broken)
    browser = Browser(raise_request_exception=False)
    response = browser.get("/api/v1/clients", HTTP_X_REQUEST_ID="req-12345678", **auth)
    body = _error(response, 500, messages.SERVER_ERROR.code)
    assert body["request_id"] == response["X-Request-ID"]
    assert "山田" not in response.content.decode()


def test_the_openapi_documents_the_errors_the_limits_and_the_choices(client):
    spec = client.get("/api/v1/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            documented = set(operation["responses"])
            assert {"400", "401", "403", "404", "409", "413", "422", "429", "500", "503"} <= documented, (method, path)
    schemas = spec["components"]["schemas"]
    client_in = schemas["ClientIn"]["properties"]
    assert client_in["name"]["maxLength"] == 50
    assert client_in["name"]["title"] == "氏名"
    assert client_in["sex"]["enum"] == ["male", "female"]
    assert client_in["birth_date"]["format"] == "date"
    assert schemas["Error"]["required"] == ["detail", "code"]


def test_a_database_still_locked_after_its_waits_is_503_json_saying_nothing_was_saved(world, monkeypatch, auth):
    from django.db import OperationalError

    from carebridge.casework import api as casework_api
    from tests.factories import ClientFactory

    client_a = ClientFactory(office=world.office_a, care_manager=world.cm_a)

    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(casework_api.services, "progress_note_create", locked)
    browser = Browser(raise_request_exception=False)
    payload = {"noted_on": "2026-12-01", "category": "visit", "content": "訪問"}
    response = browser.post(
        f"/api/v1/clients/{client_a.pk}/progress-notes", payload, content_type="application/json", **auth
    )
    body = _error(response, 503, messages.DATABASE_BUSY.code)
    assert body["request_id"] == response["X-Request-ID"]
    assert response["Retry-After"] == "2"
