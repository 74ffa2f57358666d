"""The 403, 404 and 500 pages are Japanese, in the app's layout, with a way home; the 500 page
shows the request id to quote to support (and reads nothing from the database)."""

from __future__ import annotations

import re

import pytest
from django.test import Client as Browser

from carebridge.core import messages

pytestmark = pytest.mark.django_db


def test_not_found_is_a_japanese_page_with_a_way_home(world, client):
    client.force_login(world.cm_a)
    response = client.get("/clients/987654321/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "ページまたは記録が見つかりません" in body
    assert 'href="/"' in body and "ホームへ戻る" in body
    assert 'class="topbar"' in body  # the app's layout, navigation included


def test_permission_denied_is_a_japanese_page_with_a_way_home(world, client, client_a):
    client.force_login(world.clerk_a)
    response = client.get(f"/clients/{client_a.pk}/consents/new/")
    body = response.content.decode()
    assert response.status_code == 403
    assert "この操作を行う権限がありません" in body
    assert "ホームへ戻る" in body


def test_a_server_error_shows_the_request_id(world, monkeypatch):
    from carebridge.desk import views

    def broken(**kwargs: object) -> None:
        raise RuntimeError("a failure inside a page")

    monkeypatch.setattr(views.client_selectors, "client_list", broken)
    browser = Browser(raise_request_exception=False)
    browser.force_login(world.cm_a)
    response = browser.get("/today/", HTTP_X_REQUEST_ID="support-1234abcd")
    body = response.content.decode()
    assert response.status_code == 500
    # The id to quote is the server's own, never the one the caller sent.
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert "お問い合わせ番号" in body and request_id in body and "support-1234abcd" not in body
    assert "エラーが発生しました" in body and "ホームへ戻る" in body
    assert "RuntimeError" not in body and "a failure" not in body


def test_the_api_answers_errors_with_codes(world, client):
    from carebridge.core.services import api_token_create

    token = api_token_create(actor=None, user=world.clerk_a)
    response = client.get("/api/v1/clients/987654321", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert (response.status_code, response.json()) == (404, {"detail": messages.NOT_FOUND, "code": "not_found"})
    response = client.post(
        "/api/v1/providers", "{}", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 422
    assert {item["code"] for item in response.json()["detail"]} == {"field_required"}


@pytest.mark.parametrize("where", ["view", "session"])
def test_a_database_still_locked_after_its_waits_is_a_japanese_503_page(world, client_a, monkeypatch, where):
    """The write lock of the embedded database still taken after the busy timeout and the retries
    of BEGIN (core/sqlite): 503, nothing saved, try again — raised in the view or in a middleware."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import OperationalError

    from carebridge.casework import views

    def locked(*args: object, **kwargs: object) -> None:
        raise OperationalError("database is locked")

    if where == "view":
        monkeypatch.setattr(views.services, "progress_note_create", locked)
    browser = Browser(raise_request_exception=False)
    browser.force_login(world.cm_a)
    if where == "session":
        monkeypatch.setattr(SessionStore, "save", locked)
    form = {"noted_on": "2026-12-01", "category": "visit", "content": "訪問"}
    response = browser.post(f"/care/clients/{client_a.pk}/notes/", form, HTTP_X_REQUEST_ID="busy-1234abcd")
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert str(messages.DATABASE_BUSY) in body
    assert response["X-Request-ID"] in body and "busy-1234abcd" not in body  # the server's id to quote
    assert "ホームへ戻る" in body
