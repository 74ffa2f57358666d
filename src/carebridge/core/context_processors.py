"""Navigation entries for the shell, filtered by what the user may open."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .access import has_permission

_NAV = (
    ("today", "今日", "client.view"),
    ("clients:list", "利用者", "client.view"),
    ("casework:intakes", "相談受付", "care.view"),
    ("casework:compliance", "運営基準チェック", "care.view"),
    ("directory:providers", "事業所・資源", "directory.view"),
    ("audit_log", "監査ログ", "audit.view"),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [{"url_name": name, "label": label} for name, label, perm in _NAV if has_permission(user, perm)]
    return {"nav_items": items}
