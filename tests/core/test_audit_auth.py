"""Logins, logouts, failed logins and lockouts are audit events (core/auth_audit.py), with
nothing typed at the login form stored but the account a username names; the request id of an
event is always the server's own."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings
from django.test import Client

from carebridge.clients import services as client_services
from carebridge.core import services
from carebridge.core.models import AuditEvent

from ..factories import PASSWORD
from .test_two_factor import code, wrong

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
WRONG_PASSWORD = "not-the-password-9876"


def auth_events() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=AuditEvent.EventType.AUTH).order_by("id"))


def test_login_and_logout_are_events_of_the_user_office(world):
    browser = Client()
    response = browser.post(LOGIN, {"username": "cm_a1", "password": PASSWORD})
    assert response.status_code == 302
    response = browser.post("/accounts/logout/")
    assert response.status_code in (200, 302)
    login, logout = auth_events()
    for event, action in ((login, "auth.login"), (logout, "auth.logout")):
        assert (event.action, event.actor_id, event.office_id) == (action, world.cm_a.pk, world.office_a.pk)
        assert (event.subject_type, event.subject_id) == ("core.user", str(world.cm_a.pk))
        assert event.changes == {} and event.ip_address == "127.0.0.1"
    assert logout.prev_hash == login.hash


def test_company_user_login_is_in_the_contracting_office_trail(world):
    Client().post(LOGIN, {"username": "hr_sakura", "password": PASSWORD})
    (event,) = auth_events()
    assert (event.action, event.office_id) == ("auth.login", world.office_a.pk)


def test_a_failed_login_names_the_account_but_never_the_password(world):
    response = Client().post(LOGIN, {"username": "cm_a1", "password": WRONG_PASSWORD})
    assert response.status_code == 200
    (event,) = auth_events()
    assert (event.action, event.actor_id, event.office_id) == ("auth.login_failed", None, world.office_a.pk)
    assert event.subject_id == str(world.cm_a.pk)
    stored = json.dumps([list(e.values()) for e in AuditEvent.objects.values()], default=str)
    assert WRONG_PASSWORD not in stored and PASSWORD not in stored


def test_a_failed_login_on_an_unknown_name_stores_nothing_identifying(world):
    typed = "yamada-secret-typo"
    Client().post(LOGIN, {"username": typed, "password": WRONG_PASSWORD})
    (event,) = auth_events()
    assert (event.action, event.actor_id, event.office_id, event.subject_id) == ("auth.login_failed", None, None, "")
    stored = json.dumps([list(e.values()) for e in AuditEvent.objects.values()], default=str)
    assert typed not in stored and WRONG_PASSWORD not in stored


def test_repeated_failures_lock_out_and_the_lockout_is_an_event(world):
    browser = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = browser.post(LOGIN, {"username": "cm_a1", "password": WRONG_PASSWORD})
    assert response.status_code == 429
    actions = [e.action for e in auth_events()]
    limit = settings.AXES_FAILURE_LIMIT
    # The last failure locks out (axes hears of it before the trail does: its event comes first).
    assert actions[: limit - 1] == ["auth.login_failed"] * (limit - 1)
    assert sorted(actions[limit - 1 :]) == ["auth.locked_out", "auth.login_failed"]
    (locked,) = [e for e in auth_events() if e.action == "auth.locked_out"]
    assert (locked.subject_id, locked.office_id, locked.actor_id) == (str(world.cm_a.pk), world.office_a.pk, None)
    # Even the right password is refused now, and the refusal is recorded too.
    response = browser.post(LOGIN, {"username": "cm_a1", "password": PASSWORD})
    assert response.status_code == 429
    after = [e.action for e in auth_events()][len(actions) :]
    assert "auth.locked_out" in after and "auth.login" not in after


def test_a_wrong_two_factor_code_is_a_failed_login(world):
    device = services.totp_device_pending(actor=world.cm_a)
    assert services.totp_enable(actor=world.cm_a, device=device, token=code(device))
    response = Client().post(LOGIN, {"username": "cm_a1", "password": PASSWORD, "otp_token": wrong(device)})
    assert response.status_code == 200
    (event,) = auth_events()
    assert (event.action, event.subject_id, event.office_id) == (
        "auth.otp_failed",
        str(world.cm_a.pk),
        world.office_a.pk,
    )


def test_the_viewer_shows_the_auth_events_in_japanese(world):
    Client().post(LOGIN, {"username": "cm_a1", "password": WRONG_PASSWORD})
    browser = Client()
    browser.post(LOGIN, {"username": "admin_a", "password": PASSWORD})
    browser.post("/accounts/logout/")
    browser.post(LOGIN, {"username": "admin_a", "password": PASSWORD})
    response = browser.get("/audit/")
    assert response.status_code == 200
    shown = [(row.action, row.kind) for row in response.context["rows"]]
    assert shown == [("ログイン", "認証"), ("ログアウト", "認証"), ("ログイン", "認証"), ("ログイン失敗", "認証")]
    assert dict(response.context["form"].fields["action"].choices)["auth.login_failed"] == "ログイン失敗"


def test_the_request_id_is_the_server_own_and_the_caller_id_is_kept_apart(world, client_a):
    browser = Client()
    browser.force_login(world.cm_a)
    response = browser.get(f"/clients/{client_a.pk}/", HTTP_X_REQUEST_ID="caller-trace-42")
    server_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", server_id)
    event = AuditEvent.objects.filter(event_type="view").latest("id")
    assert (event.request_id, event.client_request_id) == (server_id, "caller-trace-42")

    for refused in ("x" * 65, "trace\u00e9", "trace\tid"):
        response = browser.get(f"/clients/{client_a.pk}/", HTTP_X_REQUEST_ID=refused)
        event = AuditEvent.objects.filter(event_type="view").latest("id")
        assert (event.request_id, event.client_request_id) == (response["X-Request-ID"], "")
        assert response["X-Request-ID"] != refused
    # Outside a request (a service called from the shell): neither.
    client_services.client_viewed(actor=world.cm_a, client=client_a)
    event = AuditEvent.objects.latest("id")
    assert (event.request_id, event.client_request_id, event.ip_address) == ("", "", None)
