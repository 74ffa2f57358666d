"""Office administration (事業所の管理): the office's data, its staff accounts and their API tokens.

Services first (each writes its audit event with its action; a refusal writes nothing), then the
pages as the office's 管理者 (admin_a), as a care manager of the same office (403), as the
管理者 of another office (404) and as a company user (403).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.test import Client
from django.utils import timezone

from carebridge.core import messages, services
from carebridge.core.models import ApiToken, AuditEvent, Office, User
from carebridge.core.roles import Role
from carebridge.core.services import OfficeInput, StaffInput

from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "kaigo-shien-2026-spring"
USERNAME_TAKEN = User._meta.get_field("username").error_messages["unique"]


def written() -> QuerySet[AuditEvent]:
    """The events of the writes (each force_login is an auth.login event of its own)."""
    return AuditEvent.objects.exclude(event_type=AuditEvent.EventType.AUTH)


def actions() -> list[str]:
    return list(written().order_by("id").values_list("action", flat=True))


def state() -> tuple[object, ...]:
    """Everything an office administration write could touch."""
    return (
        list(written().order_by("id").values_list("id", flat=True)),
        list(
            User.objects.order_by("id").values_list("id", "username", "display_name", "role", "is_active", "password")
        ),
        list(ApiToken.objects.order_by("id").values_list("id", "revoked_at", "expires_at")),
        list(Office.objects.order_by("id").values()),
    )


def staff(display_name: str = "新人 花子", role: str = Role.CARE_MANAGER, number: str = "") -> StaffInput:
    return StaffInput(display_name=display_name, role=role, care_manager_number=number)


def office_input(office: Office, **changes: str) -> OfficeInput:
    values = {
        "office_number": office.office_number,
        "name": office.name,
        "region_grade": office.region_grade,
        "prefecture": office.prefecture,
        "postal_code": office.postal_code,
        "address": office.address,
        "phone": office.phone,
        **changes,
    }
    return OfficeInput(**values)


def log_in(username: str, password: str = PASSWORD) -> Client:
    """A browser that logged in through the login page (the real backends: axes, ModelBackend, OTP)."""
    browser = Client()
    response = browser.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[-2000:]
    return browser


def api(token: str) -> int:
    return Client().get("/api/v1/clients", HTTP_AUTHORIZATION=f"Bearer {token}").status_code


# -- the office's own data --------------------------------------------------------------------------


def test_office_update_is_audited_and_normalises_digits(world):
    office = world.office_a
    services.office_update(
        actor=world.admin_a,
        office=office,
        data=office_input(office, name="ケアプランセンターさくら", region_grade="3", phone="０３-１２３４-５６７８"),
    )
    office.refresh_from_db()
    assert (office.name, office.region_grade, office.phone) == ("ケアプランセンターさくら", "3", "03-1234-5678")
    event = written().get()
    assert (event.action, event.office_id, event.actor_id) == ("office.updated", office.pk, world.admin_a.pk)
    assert event.changes["region_grade"] == {"old": "1", "new": "3"}


@pytest.mark.parametrize("who", ["cm_a", "clerk_a", "chief_a", "admin_b", "hr"])
def test_office_update_is_refused_to_others_and_writes_nothing(world, who):
    before = state()
    with pytest.raises(PermissionDenied):
        services.office_update(
            actor=getattr(world, who), office=world.office_a, data=office_input(world.office_a, name="乗っ取り")
        )
    assert state() == before


def test_office_update_refuses_a_bad_office_number(world):
    before = state()
    with pytest.raises(ValidationError) as exc:
        services.office_update(
            actor=world.admin_a, office=world.office_a, data=office_input(world.office_a, office_number="1371200000")
        )
    assert exc.value.message_dict["office_number"] == [messages.OFFICE_NUMBER_CHECK_DIGIT]
    assert state() == before


# -- staff accounts ------------------------------------------------------------------------------------


def test_staff_create_makes_a_care_manager_who_can_log_in(world):
    user = services.staff_create(
        actor=world.admin_a, username=" new_cm ", password=NEW_PASSWORD, data=staff(number="１３００１００９")
    )
    assert (user.username, user.office_id, user.role, user.is_active) == (
        "new_cm",
        world.office_a.pk,
        "care_manager",
        True,
    )
    assert user.care_manager_number == "13001009"
    event = written().get()
    assert (event.action, event.event_type, event.office_id, event.actor_id) == (
        "user.created",
        "create",
        world.office_a.pk,
        world.admin_a.pk,
    )
    assert event.changes["username"]["new"] == "new_cm"
    assert "password" not in event.changes
    assert user.password not in json.dumps(event.changes)  # not even the hash
    browser = log_in("new_cm", NEW_PASSWORD)
    assert browser.get("/today/").status_code == 200


@pytest.mark.parametrize(
    ("username", "password", "data", "field", "message"),
    [
        ("cm_a1", NEW_PASSWORD, staff(), "username", USERNAME_TAKEN),
        ("CM_A1", NEW_PASSWORD, staff(), "username", messages.STAFF_USERNAME_CASE),
        ("new_cm", NEW_PASSWORD, staff(display_name="  "), "display_name", messages.STAFF_NAME_REQUIRED),
        ("new_cm", NEW_PASSWORD, staff(role=Role.COMPANY_HR), "role", messages.STAFF_ROLE_REQUIRED),
        ("new_cm", NEW_PASSWORD, staff(role=Role.EMPLOYEE), "role", messages.STAFF_ROLE_REQUIRED),
        ("new_cm", NEW_PASSWORD, staff(number="1234"), "care_manager_number", messages.CARE_MANAGER_NUMBER_FORMAT),
        ("new_cm", "short", staff(), "password", "このパスワードは短すぎます。最低 10 文字以上必要です。"),
        ("new_cm", "1234567890123", staff(), "password", "このパスワードは数字しか使われていません。"),
        ("new_cm", "password123", staff(), "password", "このパスワードは一般的すぎます。"),
        ("new_cm", "", staff(), "password", "このパスワードは短すぎます。最低 10 文字以上必要です。"),
    ],
)
def test_staff_create_refusals_name_the_field_and_write_nothing(world, username, password, data, field, message):
    before = state()
    with pytest.raises(ValidationError) as exc:
        services.staff_create(actor=world.admin_a, username=username, password=password, data=data)
    assert message in exc.value.message_dict[field]
    assert state() == before


def test_staff_create_reports_every_problem_at_once(world):
    with pytest.raises(ValidationError) as exc:
        services.staff_create(actor=world.admin_a, username="cm_a1", password="short", data=staff(display_name=""))
    assert set(exc.value.message_dict) == {"username", "password", "display_name"}


@pytest.mark.parametrize("who", ["cm_a", "chief_a", "clerk_a", "wcm_a", "hr", "employee"])
def test_staff_create_needs_office_admin(world, who):
    before = state()
    with pytest.raises(PermissionDenied):
        services.staff_create(actor=getattr(world, who), username="new_cm", password=NEW_PASSWORD, data=staff())
    assert state() == before


def test_staff_create_stays_in_the_admins_office(world):
    user = services.staff_create(actor=world.admin_b, username="new_b", password=NEW_PASSWORD, data=staff())
    assert user.office_id == world.office_b.pk
    assert written().get().office_id == world.office_b.pk


def test_staff_update_changes_name_and_role_with_the_right_action(world):
    services.staff_update(actor=world.admin_a, user=world.cm_a, data=staff(display_name="鈴木 恵美"))
    services.staff_update(
        actor=world.admin_a, user=world.cm_a, data=staff(display_name="鈴木 恵美", role=Role.CHIEF_CARE_MANAGER)
    )
    world.cm_a.refresh_from_db()
    assert (world.cm_a.display_name, world.cm_a.role) == ("鈴木 恵美", "chief_care_manager")
    first, second = written().order_by("id")
    assert first.action == "user.updated" and set(first.changes) == {"display_name"}
    assert second.action == "user.role_changed"
    assert second.changes == {"role": {"old": "care_manager", "new": "chief_care_manager"}}
    assert {first.office_id, second.office_id} == {world.office_a.pk}


def test_staff_update_without_a_change_writes_nothing(world):
    before = state()
    services.staff_update(
        actor=world.admin_a,
        user=world.cm_a,
        data=staff(display_name=world.cm_a.display_name, role=world.cm_a.role),
    )
    assert state() == before


def test_an_admin_cannot_demote_themselves(world):
    before = state()
    for role in (Role.CARE_MANAGER, Role.CLERK, Role.CHIEF_CARE_MANAGER):
        with pytest.raises(ValidationError) as exc:
            services.staff_update(actor=world.admin_a, user=world.admin_a, data=staff(role=role))
        assert exc.value.message_dict["role"] == [messages.STAFF_OWN_ROLE]
    assert state() == before
    # …but may change their own name, and another admin may change their role.
    services.staff_update(
        actor=world.admin_a, user=world.admin_a, data=staff(display_name="佐藤 美和", role="office_admin")
    )
    second = UserFactory(username="admin_a2", role=Role.OFFICE_ADMIN, office=world.office_a)
    services.staff_update(actor=second, user=world.admin_a, data=staff(display_name="佐藤 美和", role="care_manager"))
    assert actions() == ["user.updated", "user.role_changed"]


def test_staff_update_refuses_company_roles(world):
    before = state()
    with pytest.raises(ValidationError) as exc:
        services.staff_update(actor=world.admin_a, user=world.cm_a, data=staff(role=Role.COMPANY_HR))
    assert exc.value.message_dict["role"] == [messages.STAFF_ROLE_REQUIRED]
    assert state() == before


@pytest.mark.parametrize(
    "call",
    [
        lambda w, u: services.staff_update(actor=w.admin_a, user=u, data=staff()),
        lambda w, u: services.staff_password_reset(actor=w.admin_a, user=u, password=NEW_PASSWORD),
        lambda w, u: services.staff_deactivate(actor=w.admin_a, user=u),
        lambda w, u: services.staff_reactivate(actor=w.admin_a, user=u),
        lambda w, u: services.api_token_create(actor=w.admin_a, user=u),
    ],
    ids=["update", "password", "deactivate", "reactivate", "token"],
)
@pytest.mark.parametrize("target", ["cm_b", "admin_b", "hr", "employee"])
def test_accounts_outside_the_admins_office_are_refused(world, call, target):
    before = state()
    with pytest.raises(PermissionDenied):
        call(world, getattr(world, target))
    assert state() == before


@pytest.mark.parametrize(
    "call",
    [
        lambda w, a: services.staff_update(actor=a, user=w.clerk_a, data=staff()),
        lambda w, a: services.staff_password_reset(actor=a, user=w.clerk_a, password=NEW_PASSWORD),
        lambda w, a: services.staff_deactivate(actor=a, user=w.clerk_a),
        lambda w, a: services.staff_reactivate(actor=a, user=w.clerk_a),
        lambda w, a: services.api_token_create(actor=a, user=w.clerk_a),
    ],
    ids=["update", "password", "deactivate", "reactivate", "token"],
)
def test_staff_services_need_office_admin(world, call):
    before = state()
    with pytest.raises(PermissionDenied):
        call(world, world.chief_a)
    assert state() == before


def test_password_reset_is_audited_without_the_hash_and_ends_old_sessions(world):
    browser = log_in("cm_a1")
    old_hash = User.objects.get(pk=world.cm_a.pk).password
    services.staff_password_reset(actor=world.admin_a, user=world.cm_a, password=NEW_PASSWORD)
    event = written().get()
    assert (event.action, event.office_id) == ("user.password_reset", world.office_a.pk)
    assert event.changes == {"password": {"old": None, "new": messages.PASSWORD_CHANGED}}
    new_hash = User.objects.get(pk=world.cm_a.pk).password
    assert old_hash not in json.dumps(event.changes) and new_hash not in json.dumps(event.changes)
    assert browser.get("/today/").status_code == 302  # the session was tied to the old password
    log_in("cm_a1", NEW_PASSWORD)


def test_password_reset_refuses_a_weak_password_and_writes_nothing(world):
    before = state()
    with pytest.raises(ValidationError) as exc:
        services.staff_password_reset(actor=world.admin_a, user=world.cm_a, password="qwertyuiop")
    assert exc.value.message_dict["password"] == ["このパスワードは一般的すぎます。"]
    assert state() == before


# -- deactivation: sessions and tokens end ------------------------------------------------------------


def test_django_refuses_an_inactive_users_session_with_these_backends(world, settings):
    """The premise: with axes, ModelBackend and django-otp's middleware, a session of a user who
    became inactive is anonymous at its next request, even before anyone deletes it."""
    assert "django.contrib.auth.backends.ModelBackend" in settings.AUTHENTICATION_BACKENDS
    assert "django.contrib.auth.backends.AllowAllUsersModelBackend" not in settings.AUTHENTICATION_BACKENDS
    browser = log_in("cm_a1")
    assert browser.get("/today/").status_code == 200
    User.objects.filter(pk=world.cm_a.pk).update(is_active=False)  # no service: the bare flag
    response = browser.get("/today/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert browser.get("/api/v1/clients").status_code == 401


def test_deactivate_ends_sessions_and_revokes_every_token(world):
    browser = log_in("cm_a1")
    other = log_in("clerk_a")
    tokens = [services.api_token_create(actor=world.admin_a, user=world.cm_a) for _ in range(2)]
    services.api_token_create(actor=world.admin_a, user=world.cm_a, expires_at=timezone.now() + dt.timedelta(days=30))
    kept = services.api_token_create(actor=world.admin_a, user=world.clerk_a)
    assert all(api(t) == 200 for t in tokens)
    start = written().count()

    services.staff_deactivate(actor=world.admin_a, user=world.cm_a)

    new = list(written().order_by("id")[start:].values_list("action", "office_id", "actor_id"))
    assert new[0] == ("user.deactivated", world.office_a.pk, world.admin_a.pk)
    assert new[1:] == [("apitoken.revoked", world.office_a.pk, world.admin_a.pk)] * 3
    assert not ApiToken.objects.filter(user=world.cm_a, revoked_at__isnull=True).exists()
    assert all(api(t) == 401 for t in tokens)
    assert api(kept) == 200
    # Their session is gone (not only refused), other people's stay.
    sessions = [s.get_decoded().get(SESSION_KEY) for s in Session.objects.all()]
    assert str(world.cm_a.pk) not in sessions and str(world.clerk_a.pk) in sessions
    assert browser.get("/today/")["Location"].startswith("/accounts/login/")
    assert other.get("/today/").status_code == 200
    response = Client().post("/accounts/login/", {"username": "cm_a1", "password": PASSWORD})
    assert response.status_code == 200
    assert "ユーザー名またはパスワードが正しくありません。" in response.content.decode()

    # Reactivated, the account logs in again with its password; the old session and tokens stay dead.
    services.staff_reactivate(actor=world.admin_a, user=world.cm_a)
    assert written().latest("id").action == "user.reactivated"
    assert browser.get("/today/").status_code == 302
    assert all(api(t) == 401 for t in tokens)
    log_in("cm_a1")


def test_an_admin_cannot_deactivate_themselves(world):
    before = state()
    with pytest.raises(ValidationError) as exc:
        services.staff_deactivate(actor=world.admin_a, user=world.admin_a)
    assert exc.value.messages == [messages.STAFF_DEACTIVATE_SELF]
    assert state() == before


def test_deactivate_and_reactivate_twice_are_refused(world):
    services.staff_deactivate(actor=world.admin_a, user=world.cm_a)
    before = state()
    with pytest.raises(ValidationError) as exc:
        services.staff_deactivate(actor=world.admin_a, user=world.cm_a)
    assert exc.value.messages == [messages.STAFF_ALREADY_INACTIVE]
    with pytest.raises(ValidationError) as exc:
        services.staff_reactivate(actor=world.admin_a, user=world.clerk_a)
    assert exc.value.messages == [messages.STAFF_ALREADY_ACTIVE]
    assert state() == before


# -- API tokens -------------------------------------------------------------------------------------------


def test_token_issued_by_the_admin_is_audited_and_works(world):
    expires = timezone.now() + dt.timedelta(days=7)
    raw = services.api_token_create(actor=world.admin_a, user=world.cm_a, expires_at=expires)
    token = ApiToken.objects.get()
    assert raw.startswith("cb_") and token.prefix == raw[3:11] and raw not in token.key_hash
    event = written().get()
    assert (event.action, event.event_type, event.office_id, event.actor_id) == (
        "apitoken.issued",
        "token",
        world.office_a.pk,
        world.admin_a.pk,
    )
    assert event.changes["expires_at"]["new"] == expires.isoformat()
    assert raw not in json.dumps(event.changes)
    assert api(raw) == 200


def test_token_expiry_in_the_past_is_refused(world):
    before = state()
    for when in (timezone.now() - dt.timedelta(seconds=1), timezone.now() - dt.timedelta(days=1)):
        with pytest.raises(ValidationError) as exc:
            services.api_token_create(actor=world.admin_a, user=world.cm_a, expires_at=when)
        assert exc.value.message_dict["expires_at"] == [messages.TOKEN_EXPIRY_PAST]
    assert state() == before


def test_no_token_for_an_inactive_account(world):
    services.staff_deactivate(actor=world.admin_a, user=world.cm_a)
    before = state()
    with pytest.raises(ValidationError) as exc:
        services.api_token_create(actor=world.admin_a, user=world.cm_a)
    assert exc.value.message_dict["user"] == [messages.TOKEN_USER_INACTIVE]
    assert state() == before


def test_expired_token_gets_401(world):
    raw = services.api_token_create(
        actor=world.admin_a, user=world.cm_a, expires_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert api(raw) == 200
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))  # time passes
    assert api(raw) == 401


def test_revoke_is_audited_once_and_the_api_refuses_the_token(world):
    raw = services.api_token_create(actor=world.admin_a, user=world.cm_a)
    token = ApiToken.objects.get()
    services.api_token_revoke(actor=world.admin_a, token=token)
    services.api_token_revoke(actor=world.admin_a, token=token)  # already revoked: nothing more
    assert actions() == ["apitoken.issued", "apitoken.revoked"]
    assert written().latest("id").office_id == world.office_a.pk
    assert api(raw) == 401


@pytest.mark.parametrize("who", ["cm_a", "admin_b"])
def test_revoke_is_refused_to_others(world, who):
    services.api_token_create(actor=world.admin_a, user=world.clerk_a)
    before = state()
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(actor=getattr(world, who), token=ApiToken.objects.get())
    assert state() == before


def test_a_user_may_revoke_their_own_token(world):
    services.api_token_create(actor=world.admin_a, user=world.cm_a)
    token = services.api_token_revoke(actor=world.cm_a, token=ApiToken.objects.get())
    assert token.revoked_at is not None


# -- pages --------------------------------------------------------------------------------------------------


def admin_pages(world) -> list[tuple[str, str, dict[str, str]]]:
    """(method, url, data) of every office administration page, aimed at office A's records."""
    token = ApiToken.objects.get(user=world.cm_a)
    cm = world.cm_a.pk
    return [
        ("get", "/office/", {}),
        ("get", "/office/edit/", {}),
        ("post", "/office/edit/", {"name": "乗っ取り", "office_number": world.office_a.office_number}),
        ("get", "/office/users/new/", {}),
        (
            "post",
            "/office/users/new/",
            {
                "username": "x1",
                "display_name": "x",
                "role": "care_manager",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        ),
        ("get", f"/office/users/{cm}/edit/", {}),
        ("post", f"/office/users/{cm}/edit/", {"display_name": "x", "role": "clerk"}),
        ("get", f"/office/users/{cm}/password/", {}),
        ("post", f"/office/users/{cm}/password/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}),
        ("post", f"/office/users/{cm}/deactivate/", {}),
        ("post", f"/office/users/{User.objects.get(username='left_a').pk}/reactivate/", {}),
        ("get", "/office/tokens/new/", {}),
        ("post", "/office/tokens/new/", {"user": str(cm)}),
        ("post", f"/office/tokens/{token.pk}/revoke/", {}),
    ]


@pytest.fixture
def with_token(world):
    services.api_token_create(actor=None, user=world.cm_a)
    UserFactory(username="left_a", office=world.office_a, is_active=False)  # something to reactivate


@pytest.mark.parametrize("who", ["cm_a", "chief_a", "clerk_a", "wcm_a", "hr", "employee"])
def test_pages_refuse_everyone_but_the_admin_with_403(world, client, with_token, who):
    client.force_login(getattr(world, who))
    before = state()
    for method, url, data in admin_pages(world):
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (method, url)
    assert state() == before


def test_pages_of_office_a_records_are_not_found_for_office_bs_admin(world, client, with_token):
    client.force_login(world.admin_b)
    before = state()
    record_pages = [
        (m, url, data)
        for m, url, data in admin_pages(world)
        if ("/new/" not in url and "/office/users/" in url) or "/revoke/" in url
    ]
    assert len(record_pages) == 7
    for method, url, data in record_pages:
        assert getattr(client, method)(url, data).status_code == 404, (method, url)
    assert client.get(f"/office/users/{world.hr.pk}/edit/").status_code == 404  # company users: no office
    assert client.get("/office/users/abc/edit/").status_code == 404
    assert client.get(f"/office/users/{2**70}/edit/").status_code == 404
    assert state() == before
    # What office B's admin does reach (the office page, the pickers) is office B's own.
    body = client.get("/office/").content.decode()
    assert world.office_b.name in body and "cm_b1" in body
    assert "cm_a1" not in body and world.office_a.name not in body
    choices = client.get("/office/tokens/new/").context["form"].fields["user"].queryset
    assert set(choices) == {world.cm_b, world.admin_b}


def test_pages_send_anonymous_visitors_to_login(world, client, with_token):
    for method, url, data in admin_pages(world):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url


def test_admin_home_lists_the_office_staff_and_tokens(world, client):
    services.api_token_create(actor=world.admin_a, user=world.cm_a, expires_at=timezone.now() + dt.timedelta(days=3))
    revoked = services.api_token_create(actor=world.admin_a, user=world.clerk_a)
    services.api_token_revoke(actor=world.admin_a, token=ApiToken.objects.get(prefix=revoked[3:11]))
    client.force_login(world.admin_a)
    response = client.get("/office/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<a href="/office/">事業所の管理</a>' in body  # in the navigation
    for user in (world.admin_a, world.cm_a, world.clerk_a, world.wcm_a, world.chief_a):
        assert user.username in body
    assert "cm_b1" not in body and "hr_sakura" not in body
    assert world.office_a.office_number in body and "1級地" in body
    assert "まで" in body and "失効（" in body and "有効" in body
    assert f"/office/users/{world.admin_a.pk}/deactivate/" not in body  # not for oneself
    assert f"/office/users/{world.cm_a.pk}/deactivate/" in body


def test_navigation_offers_office_administration_only_to_the_admin(world, client):
    for who, shown in (("admin_a", True), ("cm_a", False), ("clerk_a", False), ("hr", False)):
        client.force_login(getattr(world, who))
        response = client.get("/", follow=True)
        assert response.status_code == 200
        assert ('<a href="/office/">事業所の管理</a>' in response.content.decode()) is shown, who


def test_create_page_makes_an_account(world, client):
    client.force_login(world.admin_a)
    form = client.get("/office/users/new/").context["form"]
    assert [value for value, _ in form.fields["role"].choices] == [
        "office_admin",
        "chief_care_manager",
        "care_manager",
        "clerk",
        "workplace_care_manager",
    ]
    response = client.post(
        "/office/users/new/",
        {
            "username": "new_cm",
            "display_name": "新人 花子",
            "role": "care_manager",
            "care_manager_number": "",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302 and response["Location"] == "/office/"
    user = User.objects.get(username="new_cm")
    assert (user.office_id, user.display_name) == (world.office_a.pk, "新人 花子")
    assert (
        "職員「新人 花子」のアカウントを作成しました（ユーザー名: new_cm）。" in client.get("/office/").content.decode()
    )


def post_create(client, **changes: str):
    data = {
        "username": "new_cm",
        "display_name": "新人 花子",
        "role": "care_manager",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **changes,
    }
    return client.post("/office/users/new/", data)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"password1": "short", "password2": "short"},
            "password1",
            "このパスワードは短すぎます。最低 10 文字以上必要です。",
        ),
        (
            {"password1": "new_cm_2026", "password2": "new_cm_2026"},
            "password1",
            "このパスワードは ユーザー名 と似すぎています。",
        ),
        ({"password2": "something-else-2026"}, "password2", messages.PASSWORDS_DIFFER),
        ({"username": "cm_a1"}, "username", USERNAME_TAKEN),
        ({"username": "Cm_A1"}, "username", messages.STAFF_USERNAME_CASE),
        ({"username": "new cm"}, "username", None),
        ({"display_name": ""}, "display_name", None),
        ({"role": "company_hr"}, "role", None),
    ],
)
def test_create_page_puts_each_error_on_its_field(world, client, changes, field, message):
    client.force_login(world.admin_a)
    before = state()
    response = post_create(client, **changes)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert not form.non_field_errors()
    if message is not None:
        assert message in form.errors[field]
        assert f"{form.fields[field].label}: {message}" in response.content.decode()
    assert state() == before


def test_edit_page_refuses_self_demotion_on_the_role_field(world, client):
    client.force_login(world.admin_a)
    before = state()
    response = client.post(f"/office/users/{world.admin_a.pk}/edit/", {"display_name": "佐藤", "role": "care_manager"})
    assert response.status_code == 200
    assert response.context["form"].errors["role"] == [messages.STAFF_OWN_ROLE]
    assert state() == before


def test_edit_page_changes_a_role(world, client):
    client.force_login(world.admin_a)
    response = client.get(f"/office/users/{world.cm_a.pk}/edit/")
    assert response.context["form"].initial["role"] == "care_manager"
    response = client.post(
        f"/office/users/{world.cm_a.pk}/edit/", {"display_name": "鈴木 恵", "role": "chief_care_manager"}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=world.cm_a.pk).role == "chief_care_manager"
    assert actions() == ["user.role_changed"]


def test_password_page_error_on_the_password_field(world, client):
    client.force_login(world.admin_a)
    before = state()
    response = client.post(
        f"/office/users/{world.cm_a.pk}/password/", {"password1": "1234567890", "password2": "1234567890"}
    )
    form = response.context["form"]
    assert "このパスワードは数字しか使われていません。" in form.errors["password1"]
    assert state() == before


def test_admin_resetting_their_own_password_stays_logged_in(world, client):
    client.force_login(world.admin_a)
    response = client.post(
        f"/office/users/{world.admin_a.pk}/password/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/office/").status_code == 200
    assert actions() == ["user.password_reset"]


def test_deactivate_page_and_self_refusal(world, client):
    client.force_login(world.admin_a)
    response = client.post(f"/office/users/{world.admin_a.pk}/deactivate/", follow=True)
    assert messages.STAFF_DEACTIVATE_SELF in response.content.decode()
    assert User.objects.get(pk=world.admin_a.pk).is_active
    assert actions() == []
    response = client.post(f"/office/users/{world.cm_a.pk}/deactivate/", follow=True)
    assert "職員「" in response.content.decode() and "無効にしました" in response.content.decode()
    assert not User.objects.get(pk=world.cm_a.pk).is_active
    assert client.get(f"/office/users/{world.cm_a.pk}/deactivate/").status_code == 405  # never by a link
    response = client.post(f"/office/users/{world.cm_a.pk}/reactivate/", follow=True)
    assert User.objects.get(pk=world.cm_a.pk).is_active
    assert actions() == ["user.deactivated", "user.reactivated"]


def test_token_page_shows_the_token_once_and_refuses_a_past_expiry(world, client):
    client.force_login(world.admin_a)
    page = client.get("/office/tokens/new/")
    choices = [label for _, label in page.context["form"].fields["user"].choices]
    assert f"{world.cm_a}（cm_a1）" in choices
    assert not any("cm_b1" in label or "hr_sakura" in label for label in choices)

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    before = state()
    response = client.post("/office/tokens/new/", {"user": world.cm_a.pk, "expires_on": yesterday.isoformat()})
    assert response.context["form"].errors["expires_on"] == [messages.TOKEN_EXPIRY_PAST]
    response = client.post("/office/tokens/new/", {"user": world.cm_b.pk})
    assert "user" in response.context["form"].errors  # another office's user is no choice
    assert state() == before

    today = timezone.localdate()
    response = client.post("/office/tokens/new/", {"user": world.cm_a.pk, "expires_on": today.isoformat()})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    raw = response.context["raw"]
    body = response.content.decode()
    assert raw in body
    # The header still names who is logged in (the token's holder once shadowed `user`).
    header = body.split("</header>")[0]
    assert f"{world.admin_a}（管理者）" in header and f"{world.cm_a}（介護支援専門員）" not in header
    token = ApiToken.objects.get()
    assert timezone.localtime(token.expires_at).date() == today  # until the end of the day chosen
    assert timezone.localtime(token.expires_at).time() == dt.time(23, 59, 59)
    assert api(raw) == 200
    listing = client.get("/office/").content.decode()
    assert raw not in listing and token.prefix in listing


def test_token_revoke_page(world, client):
    raw = services.api_token_create(actor=world.admin_a, user=world.cm_a)
    token = ApiToken.objects.get()
    client.force_login(world.admin_a)
    response = client.post(f"/office/tokens/{token.pk}/revoke/", follow=True)
    assert f"APIトークン（{token.prefix}…）を失効させました。" in response.content.decode()
    assert api(raw) == 401


def test_office_edit_page(world, client):
    client.force_login(world.admin_a)
    form = client.get("/office/edit/").context["form"]
    data = {
        **{k: v for k, v in form.initial.items() if v is not None},
        "name": "ケアプランセンターさくら",
        "region_grade": "2",
    }
    response = client.post("/office/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    office = Office.objects.get(pk=world.office_a.pk)
    assert (office.name, office.region_grade) == ("ケアプランセンターさくら", "2")
    assert actions() == ["office.updated"]
    # A form opened before that change is stale: refused, nothing written.
    before = state()
    response = client.post("/office/edit/", {**data, "name": "古い画面から"})
    assert messages.STALE_WRITE in response.content.decode()
    assert state() == before
