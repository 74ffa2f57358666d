"""Invitations to log in: a random token whose SHA-256 hash alone is stored, 14 days, one use,
sent by e-mail; the public page makes a User linked to the employee. Wrong, used and expired
tokens answer one Japanese page, never a 500."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from carebridge.core.models import User
from carebridge.workcare import messages
from carebridge.workcare.models import EmployeeInvitation
from carebridge.workcare.services import people as services
from tests.permission_matrix import state

from .factories import EmployeeFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "kaigo-ryoritsu-2026"


def _employee(world, **kwargs):
    return EmployeeFactory(company=world.company, name="招待 花子", email="hanako@example.com", **kwargs)


def _invite_by_page(client, world, employee, **data: str) -> str:
    client.force_login(world.hr)
    response = client.post(reverse("workcare:employee_invite", args=[employee.pk]), data)
    assert response.status_code == 200
    client.logout()
    match = re.search(r"/workcare/invite/([A-Za-z0-9_-]+)/", response.content.decode())
    assert match is not None
    return match.group(1)


def test_the_invitation_stores_only_the_hash_and_lasts_14_days(world):
    employee = _employee(world)
    invitation, token = services.employee_invite(actor=world.hr, employee=employee)
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in invitation.token_hash
    left = invitation.expires_at - timezone.now()
    assert dt.timedelta(days=13, hours=23) < left <= dt.timedelta(days=14)
    assert invitation.invited_by == world.hr


def test_the_page_shows_the_link_and_mails_it(client, world):
    employee = _employee(world)
    token = _invite_by_page(client, world, employee)
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["hanako@example.com"]
    assert f"/workcare/invite/{token}/" in sent.body


def test_an_invitation_needs_an_email_and_no_login_yet(world):
    no_mail = EmployeeFactory(company=world.company, email="")
    with pytest.raises(ValidationError) as exc:
        services.employee_invite(actor=world.hr, employee=no_mail)
    assert exc.value.message_dict["email"] == [messages.INVITE_NEEDS_EMAIL]
    linked = _employee(world, user=world.employee)
    with pytest.raises(ValidationError) as exc:
        services.employee_invite(actor=world.hr, employee=linked)
    assert exc.value.message_dict["user"] == [messages.INVITE_HAS_LOGIN]


@pytest.mark.parametrize("who", ["manager", "employee", "hr_b", "cm_a"])
def test_only_hr_and_the_workplace_care_manager_invite(world, who):
    with pytest.raises(PermissionDenied):
        services.employee_invite(actor=getattr(world, who), employee=_employee(world))


def test_success_makes_an_employee_login_that_works(client, world):
    employee = _employee(world)
    token = _invite_by_page(client, world, employee)
    url = reverse("workcare:invitation_accept", args=[token])
    page = client.get(url)
    assert page.status_code == 200 and "招待 花子" in page.content.decode()
    response = client.post(url, {"username": "hanako", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(username="hanako")
    employee.refresh_from_db()
    assert employee.user == user
    assert (user.role, user.company_id, user.office_id) == ("employee", world.company.pk, None)
    assert EmployeeInvitation.objects.get(employee=employee).accepted_at is not None
    login = client.post("/accounts/login/", {"username": "hanako", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert client.get(reverse("workcare:my_family")).status_code == 200


def test_a_manager_invitation_makes_a_manager(client, world):
    employee = _employee(world)
    token = _invite_by_page(client, world, employee, as_manager="1")
    services.invitation_accept(token=token, username="boss", password=NEW_PASSWORD)
    assert User.objects.get(username="boss").role == "company_manager"


def test_a_used_token_is_refused(client, world):
    employee = _employee(world)
    _invitation, token = services.employee_invite(actor=world.hr, employee=employee)
    services.invitation_accept(token=token, username="hanako", password=NEW_PASSWORD)
    url = reverse("workcare:invitation_accept", args=[token])
    before = state()
    response = client.post(url, {"username": "again", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert response.status_code == 410
    assert "招待リンクが無効です" in response.content.decode()
    assert state() == before
    with pytest.raises(ValidationError) as exc:
        services.invitation_accept(token=token, username="again", password=NEW_PASSWORD)
    assert exc.value.messages == [messages.INVITE_INVALID]


def test_an_expired_token_is_refused(client, world):
    employee = _employee(world)
    invitation, token = services.employee_invite(actor=world.hr, employee=employee)
    EmployeeInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(reverse("workcare:invitation_accept", args=[token]))
    assert response.status_code == 410
    assert "有効期限" in response.content.decode()
    with pytest.raises(ValidationError):
        services.invitation_accept(token=token, username="late", password=NEW_PASSWORD)
    assert not User.objects.filter(username="late").exists()


@pytest.mark.parametrize("token", ["wrong-token-wrong-token-wrong", "x", "a" * 500, "%00%00"])
def test_a_wrong_token_is_refused_without_a_500(client, world, token):
    services.employee_invite(actor=world.hr, employee=_employee(world))
    before = state()
    response = client.get(f"/workcare/invite/{token}/")
    assert response.status_code in (404, 410)
    response = client.post(f"/workcare/invite/{token}/", {"username": "x", "password": "y", "password_again": "y"})
    assert response.status_code in (404, 410)
    assert state() == before


def test_weak_passwords_and_taken_usernames_are_refused_in_japanese(client, world):
    employee = _employee(world)
    _invitation, token = services.employee_invite(actor=world.hr, employee=employee)
    url = reverse("workcare:invitation_accept", args=[token])
    before = state()
    weak = client.post(url, {"username": "hanako", "password": "12345678", "password_again": "12345678"})
    assert weak.status_code == 200
    assert "パスワード" in weak.content.decode()
    taken = client.post(url, {"username": "hr_sakura", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert str(messages.INVITE_USERNAME_TAKEN) in taken.content.decode()
    mismatch = client.post(url, {"username": "hanako", "password": NEW_PASSWORD, "password_again": "other"})
    assert str(messages.INVITE_PASSWORD_MISMATCH) in mismatch.content.decode()
    assert state() == before
