"""Login, lockout, two-factor, session expiry, security headers, deploy settings."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_page_uses_django_field_names(client):
    body = client.get("/accounts/login/").content.decode()
    assert 'name="username"' in body and 'name="password"' in body
    assert "ログイン" in body


def test_login_and_logout(world, client):
    response = client.post("/accounts/login/", {"username": "cm_a1", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/today/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/today/").status_code == 302


def test_wrong_password_message_is_japanese(world, client):
    body = client.post("/accounts/login/", {"username": "cm_a1", "password": "wrong"}).content.decode()
    assert "ユーザー名またはパスワードが正しくありません。" in body


def test_argon2_is_the_password_hasher():
    from carebridge.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_lockout_after_repeated_failures(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "cm_a1", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "cm_a1", "password": PASSWORD})
    assert response.status_code == 429
    assert "ロックされています" in response.content.decode()
    assert client.get("/today/").status_code == 302


def test_two_factor_is_required_once_set_up(world, client):
    device = TOTPDevice.objects.create(user=world.cm_a, name="phone", confirmed=True)
    response = client.post("/accounts/login/", {"username": "cm_a1", "password": PASSWORD})
    assert response.status_code == 200
    assert "二段階認証の確認コードを入力してください。" in response.content.decode()
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    response = client.post("/accounts/login/", {"username": "cm_a1", "password": PASSWORD, "otp_token": f"{token:06d}"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert client.get("/today/").status_code == 200


def test_two_factor_setup_page(world, client):
    client.force_login(world.cm_a)
    body = client.get("/accounts/two-factor/").content.decode()
    assert "data:image/svg+xml;base64," in body
    device = TOTPDevice.objects.get(user=world.cm_a, confirmed=False)
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    response = client.post("/accounts/two-factor/", {"token": f"{token:06d}"})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed


def test_session_expires_when_idle():
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_security_headers_and_csp(client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert len(response["X-Request-ID"]) >= 16


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "carebridge.settings.production",
        "CAREBRIDGE_SECRET_KEY": secrets.token_urlsafe(60),
        "CAREBRIDGE_ALLOWED_HOSTS": "carebridge.example.jp",
        "CAREBRIDGE_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "carebridge.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_company_users_reach_no_client_record(world, client):
    """Moved from the old permission matrix: company users pass no client gate."""
    from carebridge.core.services import api_token_create

    from ..factories import ClientFactory

    record = ClientFactory(office=world.office_a, care_manager=world.cm_a)
    for user in (world.hr, world.employee):
        client.force_login(user)
        assert client.get(f"/clients/{record.pk}/").status_code == 404
        assert client.get("/clients/").status_code == 403
        token = api_token_create(actor=None, user=user)
        assert client.get(f"/api/v1/clients/{record.pk}", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404


@pytest.mark.django_db
def test_revoked_and_expired_tokens_are_refused(world, client):
    import datetime as dt

    from carebridge.core.models import ApiToken
    from carebridge.core.services import api_token_create

    token = api_token_create(actor=None, user=world.cm_a)
    ApiToken.objects.update(revoked_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert client.get("/api/v1/clients", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    soon = api_token_create(actor=None, user=world.cm_a, expires_at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC))
    assert client.get("/api/v1/clients", HTTP_AUTHORIZATION=f"Bearer {soon}").status_code == 200
    ApiToken.objects.filter(revoked_at__isnull=True).update(expires_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert client.get("/api/v1/clients", HTTP_AUTHORIZATION=f"Bearer {soon}").status_code == 401
