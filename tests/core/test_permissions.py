"""Permission matrix of the kernel's pages: the audit log, office administration and two-factor
setup (see tests/permission_matrix.py). Office administration answers 403 to every non-admin of
the office, on records too (the role is checked before the id); another office's records are 404."""

from __future__ import annotations

from django_otp.plugins.otp_totp.models import TOTPDevice

from carebridge.core.models import ApiToken, User

from ..factories import PASSWORD
from ..permission_matrix import Case, answered, changed, landed, matrix

OFFICE = {
    "office_number": "",  # filled from the office itself (a valid number with its check digit)
    "name": "事業所A（本店）",
    "region_grade": "1",
    "prefecture": "東京都",
    "postal_code": "154-0017",
    "address": "東京都世田谷区世田谷4-21-27",
    "phone": "03-5432-1001",
}
NEW_PASSWORD = "kawaru-pass-2026"


def _office(o):
    return {**OFFICE, "office_number": o.world.office_a.office_number}


def _own_password_changed(o, actor, before):
    user = User.objects.get(pk=actor.pk)
    assert user.check_password(NEW_PASSWORD) and not user.check_password(PASSWORD), f"{actor} password unchanged"


def _password_works(o):
    user = User.objects.get(pk=o.world.cm_a.pk)
    return user.check_password(NEW_PASSWORD) and not user.check_password(PASSWORD)


CASES = [
    Case(
        "audit log",
        "get",
        lambda o: "/audit/",
        "audit_log",
        "admin_a",
        "cm_a",
        403,
        200,
        other_office=200,
        lists_clients=True,
    ),
    Case(
        "api audit log",
        "get",
        lambda o: "/api/v1/audit",
        "GET /api/v1/audit",
        "admin_a",
        "cm_a",
        403,
        200,
        other_office=200,
        lists_clients=True,
    ),
    Case("office", "get", lambda o: "/office/", "office:home", "admin_a", "cm_a", 403, 200, other_office=200),
    Case(
        "office edit form",
        "get",
        lambda o: "/office/edit/",
        "office:edit",
        "admin_a",
        "chief_a",
        403,
        200,
        other_office=200,
    ),
    Case(
        "office edit",
        "post",
        lambda o: "/office/edit/",
        "office:edit",
        "admin_a",
        "clerk_a",
        403,
        302,
        _office,
        other_office=200,
        post=answered(
            lambda o: o.world.office_a.__class__.objects.get(pk=o.world.office_a.pk).name == "事業所A（本店）",
            "office A was renamed",
        ),
    ),
    Case(
        "staff create form",
        "get",
        lambda o: "/office/users/new/",
        "office:staff_create",
        "admin_a",
        "cm_a",
        403,
        200,
        other_office=200,
    ),
    Case(
        "staff create",
        "post",
        lambda o: "/office/users/new/",
        "office:staff_create",
        "admin_a",
        "chief_a",
        403,
        302,
        {
            "username": "new_cm",
            "display_name": "新人 ケアマネ",
            "role": "care_manager",
            "care_manager_number": "13009999",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
        other_office=302,
        post=landed(User),
    ),
    Case(
        "staff edit form",
        "get",
        lambda o: f"/office/users/{o['staff'].pk}/edit/",
        "office:staff_edit",
        "admin_a",
        "cm_a",
        403,
        200,
    ),
    Case(
        "staff edit",
        "post",
        lambda o: f"/office/users/{o['staff'].pk}/edit/",
        "office:staff_edit",
        "admin_a",
        "clerk_a",
        403,
        302,
        {"display_name": "鈴木 恵", "role": "chief_care_manager", "care_manager_number": "13001002"},
        post=changed("staff", "role", "chief_care_manager"),
    ),
    Case(
        "staff password",
        "post",
        lambda o: f"/office/users/{o['staff'].pk}/password/",
        "office:staff_password",
        "admin_a",
        "cm_a",
        403,
        302,
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        post=answered(_password_works, "the new password works, the old one does not"),
    ),
    Case(
        "staff deactivate",
        "post",
        lambda o: f"/office/users/{o['staff'].pk}/deactivate/",
        "office:staff_deactivate",
        "admin_a",
        "chief_a",
        403,
        302,
        post=changed("staff", "is_active", False),
    ),
    Case(
        "staff reactivate",
        "post",
        lambda o: f"/office/users/{o['inactive_staff'].pk}/reactivate/",
        "office:staff_reactivate",
        "admin_a",
        "chief_a",
        403,
        302,
        post=changed("inactive_staff", "is_active", True),
    ),
    Case(
        "token form",
        "get",
        lambda o: "/office/tokens/new/",
        "office:token_create",
        "admin_a",
        "cm_a",
        403,
        200,
        other_office=200,
    ),
    Case(
        "token create",
        "post",
        lambda o: "/office/tokens/new/",
        "office:token_create",
        "admin_a",
        "chief_a",
        403,
        200,
        lambda o: {"user": o.world.cm_a.pk, "expires_on": "2099-12-31"},
        other_office=200,
        post=landed(ApiToken, office_path="user__office"),
    ),
    Case(
        "token revoke",
        "post",
        lambda o: f"/office/tokens/{o['token'].pk}/revoke/",
        "office:token_revoke",
        "admin_a",
        "cm_a",
        403,
        302,
        post=changed("token", "revoked_at", lambda v: v is not None),
    ),
    Case(
        "two-factor setup",
        "get",
        lambda o: "/accounts/two-factor/",
        "otp_setup",
        "cm_a",
        None,
        0,
        200,
        other_office=200,
        post=landed(TOTPDevice, office_path="user__office"),
    ),
    Case(
        "two-factor setup (company user)",
        "get",
        lambda o: "/accounts/two-factor/",
        "otp_setup",
        "hr",
        None,
        0,
        200,
        other_office=200,
        post=answered(
            lambda o: TOTPDevice.objects.filter(user=o.world.hr).exists(), "a pending authenticator for the HR user"
        ),
    ),
    # One's own password: every user, company users included; nobody else's is reachable here.
    *(
        Case(
            f"password change ({who})",
            "post",
            lambda o: "/accounts/password/",
            "password_change",
            who,
            None,
            0,
            302,
            data={"old_password": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
            other_office=302,
            post=_own_password_changed,
        )
        for who in ("cm_a", "hr")
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
