"""Navigation entries for the shell, filtered by what the user may open."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from carebridge.core.access import has_permission
from carebridge.core.models import User
from carebridge.workcare.access import company_portal

NAV = (
    ("today", "今日", "client.view"),
    ("clients:list", "利用者", "client.view"),
    ("casework:intakes", "相談受付", "care.view"),
    ("compliance:report", "運営基準チェック", "care.view"),
    ("billing:home", "給付管理", "billing.view"),
    ("billing:fee", "居宅介護支援費", "billing.view"),
    ("workcare:home", "両立支援", "workcare.view"),
    ("directory:providers", "事業所・資源", "directory.view"),
    ("office:home", "事業所の管理", "office.admin"),
    ("audit_log", "監査ログ", "audit.view"),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {"nav_items": []}
    items = [{"url_name": name, "label": label} for name, label, perm in NAV if has_permission(user, perm)]
    portal = company_portal(user)  # HR, an employee, a manager: their own portal (workcare)
    if portal is not None:
        items.append({"url_name": portal, "label": "両立支援"})
    return {"nav_items": items}
