"""Issue 7 items 6–8: token expiry and revocation, login throttling per user name and per address,
the proxy header believed only behind a declared proxy."""

from __future__ import annotations

import datetime as dt
import io
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from carebridge.core.models import ApiToken, AuditEvent
from carebridge.core.services import api_token_create

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-long-passphrase-42"


def _api(client, token: str) -> int:
    return client.get("/api/v1/clients", HTTP_AUTHORIZATION=f"Bearer {token}").status_code


# -- tokens --------------------------------------------------------------------------------------


def test_a_token_expires_after_the_configured_days_by_default(world):
    before = timezone.now()
    api_token_create(actor=world.admin_a, user=world.cm_a)
    token = ApiToken.objects.get(user=world.cm_a)
    assert token.expires_at is not None
    expected = before + dt.timedelta(days=settings.CAREBRIDGE_TOKEN_DAYS)
    assert expected <= token.expires_at <= expected + dt.timedelta(minutes=1)
    assert settings.CAREBRIDGE_TOKEN_DAYS == 90


def test_an_expired_token_answers_401(world, client):
    raw = api_token_create(actor=None, user=world.cm_a)
    assert _api(client, raw) == 200
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert _api(client, raw) == 401


def test_the_token_page_sets_an_expiry_per_token_and_revokes(world, client):
    client.force_login(world.admin_a)
    on = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    response = client.post("/office/tokens/new/", {"user": world.cm_a.pk, "expires_on": on})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=world.cm_a)
    assert timezone.localtime(token.expires_at).date().isoformat() == on
    page = client.get("/office/").content.decode()
    assert "最終利用" in page and token.prefix in page
    client.post(f"/office/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="apitoken.revoked", subject_id=str(token.pk)).exists()


def test_last_use_is_recorded_and_shown(world, client):
    raw = api_token_create(actor=None, user=world.cm_a)
    assert _api(client, raw) == 200
    token = ApiToken.objects.get(user=world.cm_a)
    assert token.last_used_at is not None
    client.force_login(world.admin_a)
    row = next(line for line in client.get("/office/").content.decode().splitlines() if token.prefix in line)
    assert "—" not in row.split("</td>")[0:4][-1]  # the 最終利用 cell has a time, not the dash


def test_changing_ones_password_revokes_ones_tokens_and_keeps_the_session(world, client):
    raw = api_token_create(actor=None, user=world.cm_a)
    other = api_token_create(actor=None, user=world.cm_b)
    client.force_login(world.cm_a)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/today/").status_code == 200  # this session stays
    assert _api(client.__class__(), raw) == 401
    assert _api(client.__class__(), other) == 200  # another user's token is untouched
    assert AuditEvent.objects.filter(action="user.password_changed", subject_id=str(world.cm_a.pk)).exists()
    world.cm_a.refresh_from_db()
    assert world.cm_a.check_password(NEW_PASSWORD)


def test_a_wrong_old_password_changes_nothing_and_names_the_field(world, client):
    raw = api_token_create(actor=None, user=world.cm_a)
    client.force_login(world.cm_a)
    response = client.post(
        "/accounts/password/",
        {"old_password": "not-it", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "現在のパスワードが正しくありません。" in response.content.decode()
    assert _api(client.__class__(), raw) == 200
    world.cm_a.refresh_from_db()
    assert world.cm_a.check_password(PASSWORD)


def test_an_admins_password_reset_and_a_deactivation_revoke_the_users_tokens(world, client):
    first = api_token_create(actor=None, user=world.cm_a)
    client.force_login(world.admin_a)
    client.post(f"/office/users/{world.cm_a.pk}/password/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert _api(client.__class__(), first) == 401
    second = api_token_create(actor=None, user=world.cm_a)
    client.post(f"/office/users/{world.cm_a.pk}/deactivate/")
    assert _api(client.__class__(), second) == 401


def test_revoketoken_by_prefix_and_by_user(world, client):
    one = api_token_create(actor=None, user=world.cm_a)
    two = api_token_create(actor=None, user=world.clerk_a)
    three = api_token_create(actor=None, user=world.clerk_a)
    out = io.StringIO()
    call_command("revoketoken", one[3:11], stdout=out)
    assert _api(client, one) == 401 and _api(client, two) == 200
    call_command("revoketoken", "--user", "clerk_a", stdout=out)
    assert _api(client, two) == 401 and _api(client, three) == 401
    assert "2 件" in out.getvalue()
    with pytest.raises(CommandError, match="有効なトークンはありません"):
        call_command("revoketoken", "zzzzzzzz")
    assert AuditEvent.objects.filter(action="apitoken.revoked", actor__isnull=True).count() == 3


def test_createtoken_days(world):
    call_command("createtoken", "cm_a1", "--days", "7", stdout=io.StringIO())
    token = ApiToken.objects.get(user=world.cm_a)
    assert token.expires_at is not None
    assert dt.timedelta(days=6, hours=23) < token.expires_at - timezone.now() <= dt.timedelta(days=7)
    with pytest.raises(CommandError, match="--days"):
        call_command("createtoken", "cm_a1", "--days", "0")


# -- login throttling ------------------------------------------------------------------------------


def _login(client, username: str, password: str, ip: str) -> int:
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip).status_code


def test_many_addresses_cannot_try_one_user(world, client):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "cm_a1", "wrong", f"198.51.100.{n + 1}")
    assert _login(client, "cm_a1", PASSWORD, "203.0.113.9") == 429
    assert _login(client, "clerk_a", PASSWORD, "203.0.113.9") == 302  # another user is not locked


def test_one_address_cannot_try_every_user(world, client):
    users = ["cm_a1", "clerk_a", "admin_a", "chief_a", "cm_b1", "admin_b"]
    for username in users[: settings.AXES_FAILURE_LIMIT]:
        _login(client, username, "wrong", "198.51.100.7")
    assert _login(client, "wcm_a1", PASSWORD, "198.51.100.7") == 429
    assert _login(client, "wcm_a1", PASSWORD, "198.51.100.8") == 302  # from elsewhere it works


# -- proxies ---------------------------------------------------------------------------------------


def _production_setting(name: str, proxy_count: str | None, tmp_path) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "carebridge.settings.production",
        "CAREBRIDGE_SECRET_KEY": secrets.token_urlsafe(60),
        "CAREBRIDGE_VAR_DIR": str(tmp_path),
    }
    env.pop("CAREBRIDGE_PROXY_COUNT", None)
    if proxy_count is not None:
        env["CAREBRIDGE_PROXY_COUNT"] = proxy_count
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_forwarded_proto_header_is_believed_only_behind_a_declared_proxy(tmp_path):
    assert _production_setting("SECURE_PROXY_SSL_HEADER", None, tmp_path) == "None"
    assert _production_setting("SECURE_PROXY_SSL_HEADER", "1", tmp_path) == "('HTTP_X_FORWARDED_PROTO', 'https')"
