"""Logins, logouts, failed logins and lockouts in the audit trail (connected in CoreConfig.ready()).

Django sends `user_logged_in`, `user_logged_out` and `user_login_failed`; django-axes sends
`user_locked_out` when a failed login reaches the limit (and again for each attempt refused while
locked out). Each becomes one event of kind `auth` in the trail of the user's office:
`auth.login`, `auth.logout`, `auth.login_failed`, `auth.locked_out`; a right password with a wrong
two-factor code is `auth.otp_failed` (the login view records it: no signal tells it).

Nothing typed at the login form is stored: never the password, and the username only as the
account it names (`subject_id`) when such an account exists; an attempt on a name that is no
account is stored as an attempt on an unknown user (no subject id, no office), so a mistyped
password in the username field never lands in the trail.
"""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from .audit import append_event, user_office_id
from .models import AuditEvent, User

LOGIN = "auth.login"
LOGOUT = "auth.logout"
LOGIN_FAILED = "auth.login_failed"
LOCKED_OUT = "auth.locked_out"
OTP_FAILED = "auth.otp_failed"

LABELS = {
    LOGIN: "ログイン",
    LOGOUT: "ログアウト",
    LOGIN_FAILED: "ログイン失敗",
    LOCKED_OUT: "ロックアウト",
    OTP_FAILED: "ログイン失敗（二段階認証の確認コード）",
}

_USER_LABEL = User._meta.label_lower


def record(action: str, user: User | None, *, actor: User | None = None) -> AuditEvent:
    """One authentication event about `user` (None: a username that names no account)."""
    return append_event(
        actor=actor,
        office_id=user_office_id(user) if user is not None else None,
        subject_type=_USER_LABEL,
        subject_id=str(user.pk) if user is not None else "",
        event_type=AuditEvent.EventType.AUTH,
        action=action,
    )


def known_user(username: object) -> User | None:
    """The account a typed username names, if any (the same exact match the login uses)."""
    if not isinstance(username, str) or not username:
        return None
    return User.objects.filter(username=username).select_related("company").first()


def _logged_in(sender: object, request: object, user: User, **kwargs: Any) -> None:
    record(LOGIN, user, actor=user)


def _logged_out(sender: object, request: object, user: User | None, **kwargs: Any) -> None:
    if user is not None and user.pk is not None:  # logging out without a session logs out nobody
        record(LOGOUT, user, actor=user)


def _login_failed(sender: object, credentials: dict[str, Any], request: object = None, **kwargs: Any) -> None:
    record(LOGIN_FAILED, known_user(credentials.get("username")))


def _locked_out(sender: object, request: object = None, username: object = None, **kwargs: Any) -> None:
    record(LOCKED_OUT, known_user(username))


def connect() -> None:
    """Wire the receivers (CoreConfig.ready(); a dispatch_uid keeps it to once)."""
    user_logged_in.connect(_logged_in, dispatch_uid="carebridge.audit.login")
    user_logged_out.connect(_logged_out, dispatch_uid="carebridge.audit.logout")
    user_login_failed.connect(_login_failed, dispatch_uid="carebridge.audit.login_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="carebridge.audit.locked_out")
