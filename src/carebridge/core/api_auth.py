"""API authentication: Bearer tokens (carebridge createtoken) and the browser session."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from .models import ApiToken, User

_TOUCH_EVERY = dt.timedelta(minutes=5)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        now = timezone.now()
        row = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), revoked_at__isnull=True, user__is_active=True)
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
            .first()
        )
        if row is None:
            return None
        if row.last_used_at is None or now - row.last_used_at > _TOUCH_EVERY:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        return row.user


class StaffSessionAuth(SessionAuth):
    """Session auth (CSRF-checked for unsafe methods by ninja)."""

    def authenticate(self, request: HttpRequest, key: Any) -> User | None:
        user = super().authenticate(request, key)
        return user if isinstance(user, User) else None


api_auth = [TokenAuth(), StaffSessionAuth()]
