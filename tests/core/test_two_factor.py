"""Two-factor authentication (TOTP) for every role: enabling it goes through a service and is
audited (auth.totp_enabled); afterwards the login asks for the code — company users included."""

from __future__ import annotations

import json
import time

import pytest
from django.test import Client
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from carebridge.core import services
from carebridge.core.models import AuditEvent

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db

ALL_USERS = ["admin_a", "chief_a", "cm_a", "clerk_a", "wcm_a", "hr", "employee"]


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def next_code(device: TOTPDevice) -> str:
    """The code of the next 30-second step (a code is accepted once; the device tolerates ±1 step)."""
    counter = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    counter.time = time.time() + device.step
    return f"{counter.token():0{device.digits}d}"


def wrong(device: TOTPDevice) -> str:
    return f"{(int(code(device)) + 1) % 10**device.digits:0{device.digits}d}"


def test_pending_device_is_created_once_and_audited_without_its_key(world):
    first = services.totp_device_pending(actor=world.cm_a)
    again = services.totp_device_pending(actor=world.cm_a)
    assert first.pk == again.pk and not first.confirmed
    event = AuditEvent.objects.get()
    assert (event.action, event.actor_id, event.office_id) == (
        "auth.totp_setup_started",
        world.cm_a.pk,
        world.office_a.pk,
    )
    assert "key" not in event.changes and first.key not in json.dumps(event.changes)


@pytest.mark.parametrize("who", ["cm_a", "hr"])
def test_totp_enable_with_a_valid_code_is_audited(world, who):
    user = getattr(world, who)
    device = services.totp_device_pending(actor=user)
    assert services.totp_enable(actor=user, device=device, token=code(device)) is True
    device.refresh_from_db()
    assert device.confirmed
    event = AuditEvent.objects.get(action="auth.totp_enabled")
    assert event.actor_id == user.pk
    assert event.office_id == world.office_a.pk  # a company user's: the contracting office
    assert event.subject_type == "otp_totp.totpdevice"
    assert event.changes == {"confirmed": {"old": False, "new": True}}  # never the secret key


@pytest.mark.parametrize("token", ["wrong", "", "12345678901234567890"])
def test_totp_enable_with_a_wrong_code_writes_nothing(world, token):
    device = services.totp_device_pending(actor=world.cm_a)
    events = AuditEvent.objects.count()
    attempt = wrong(device) if token == "wrong" else token
    assert services.totp_enable(actor=world.cm_a, device=device, token=attempt) is False
    device.refresh_from_db()
    assert not device.confirmed
    assert device.throttling_failure_count == 1  # brute force is still slowed down
    assert AuditEvent.objects.count() == events


def test_totp_enable_refuses_someone_elses_device(world):
    device = services.totp_device_pending(actor=world.cm_a)
    events = AuditEvent.objects.count()
    assert services.totp_enable(actor=world.clerk_a, device=device, token=code(device)) is False
    device.refresh_from_db()
    assert not device.confirmed
    assert AuditEvent.objects.count() == events


def test_a_code_is_accepted_once(world):
    device = services.totp_device_pending(actor=world.cm_a)
    token = code(device)
    assert services.totp_enable(actor=world.cm_a, device=device, token=token)
    assert services.totp_enable(actor=world.cm_a, device=device, token=token) is False  # already confirmed
    assert AuditEvent.objects.filter(action="auth.totp_enabled").count() == 1


@pytest.mark.parametrize("who", ALL_USERS)
def test_the_two_factor_page_is_offered_to_every_role(world, client, who):
    client.force_login(getattr(world, who))
    home = client.get("/", follow=True)
    assert 'href="/accounts/two-factor/"' in home.content.decode()
    response = client.get("/accounts/two-factor/")
    assert response.status_code == 200  # no silent redirect
    assert "data:image/svg+xml;base64," in response.content.decode()


@pytest.mark.parametrize("who", ["hr", "employee", "cm_a"])
def test_enabling_on_the_page_then_login_asks_for_the_code(world, settings, who):
    # django-otp throttles after a failure (1 s, then 2 s, …): a person retypes slower than a test.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = getattr(world, who)
    browser = Client()
    assert browser.post("/accounts/login/", {"username": user.username, "password": PASSWORD}).status_code == 302
    browser.get("/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    response = browser.post("/accounts/two-factor/", {"token": wrong(device)})
    assert response.status_code == 200
    assert "確認コードが正しくありません" in response.content.decode()
    assert AuditEvent.objects.filter(action="auth.totp_enabled").count() == 0

    response = browser.post("/accounts/two-factor/", {"token": code(device)}, follow=True)
    assert response.status_code == 200
    assert "二段階認証を有効にしました。次回からログイン時に確認コードが必要です。" in response.content.decode()
    assert AuditEvent.objects.get(action="auth.totp_enabled").actor_id == user.pk

    # The next login asks for the code, and a wrong one is refused.
    fresh = Client()
    response = fresh.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "二段階認証の確認コードを入力してください。" in response.content.decode()
    response = fresh.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD, "otp_token": wrong(device)}
    )
    assert response.status_code == 200
    assert "確認コードが正しくありません。" in response.content.decode()
    assert fresh.get("/", follow=True).redirect_chain[-1][0].startswith("/accounts/login/")

    device.refresh_from_db()
    response = fresh.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD, "otp_token": next_code(device)}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    home = fresh.get("/", follow=True)
    assert home.status_code == 200 and user.display_name in home.content.decode()
