"""The portals: the employee's home and sharing page, HR's and the manager's consented views, and
the workplace care manager's home. Pages of the other areas are linked by plain hrefs."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods, require_POST

from carebridge.core import messages as core_messages
from carebridge.core.access import actor_of
from carebridge.core.models import User
from carebridge.core.services import records_listed

from .. import messages, services
from ..access import is_hr, is_manager, is_workplace_staff, own_employee, require_own_employee
from ..models import Employee
from ..models.choices import ShareAudience, ShareItem
from ..selectors import portal as selectors


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(core_messages.PERMISSION_DENIED)


# -- the workplace care manager ----------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    _require(is_workplace_staff(actor))
    return render(request, "workcare/portal_staff_home.html", {"rows": selectors.staff_company_rows(actor)})


# -- the employee ---------------------------------------------------------------------------------


@login_required
def my_home(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    employee = require_own_employee(actor)
    context = {"employee": employee, "counts": selectors.own_counts(employee)}
    return render(request, "workcare/portal_my_home.html", context)


def _sharing_context(employee: Employee) -> dict[str, object]:
    choices = selectors.sharing_choices(employee)
    rows = [
        {"item": item, "label": label, "cells": [c for c in choices if c.item == item]}
        for item, label in ShareItem.choices
    ]
    return {
        "employee": employee,
        "rows": rows,
        "audiences": ShareAudience.choices,
        "any_shared": any(c.shared for c in choices),
    }


def _apply_choice(actor: User, data: dict[str, str]) -> str:
    """Grant or withdraw one item for one audience; the message to show."""
    item, audience, action = data.get("item", ""), data.get("audience", ""), data.get("action", "")
    if action == "grant":
        services.sharing_grant(actor=actor, item=item, audience=audience)
        template = messages.SHARING_GRANTED
    elif action == "withdraw":
        services.sharing_withdraw(actor=actor, item=item, audience=audience)
        template = messages.SHARING_WITHDRAWN
    else:
        raise ValidationError({"action": messages.SHARING_ACTION_UNKNOWN})
    return template.format(audience=ShareAudience(audience).label, item=ShareItem(item).label)


@login_required
@require_http_methods(["GET", "POST"])
def my_sharing(request: HttpRequest) -> HttpResponse:
    """What HR and the manager may see, item by item; each toggle is a POST (HTMX swaps the table)."""
    actor = actor_of(request)
    employee = require_own_employee(actor)
    status = 200
    notice = ""
    errors: list[str] = []
    if request.method == "POST":
        try:
            notice = _apply_choice(actor, {k: request.POST.get(k, "") for k in ("item", "audience", "action")})
        except ValidationError as error:
            errors = [str(m) for m in error.messages]
            status = 200 if request.htmx else 422  # type: ignore[attr-defined] # HTMX swaps 2xx only
        if not errors and not request.htmx:  # type: ignore[attr-defined]
            flash.success(request, notice)
            return redirect("workcare:my_sharing")
    context = {**_sharing_context(employee), "notice": notice, "errors": errors}
    template = "workcare/portal_sharing_table.html" if request.htmx else "workcare/portal_sharing.html"  # type: ignore[attr-defined]
    return render(request, template, context, status=status)


@login_required
@require_POST
def my_sharing_withdraw_all(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    employee = require_own_employee(actor)
    services.sharing_withdraw_all(actor=actor)
    if request.htmx:  # type: ignore[attr-defined]
        context = {**_sharing_context(employee), "notice": messages.SHARING_ALL_WITHDRAWN, "errors": []}
        return render(request, "workcare/portal_sharing_table.html", context)
    flash.success(request, messages.SHARING_ALL_WITHDRAWN)
    return redirect("workcare:my_sharing")


# -- HR -----------------------------------------------------------------------------------------------


@login_required
def hr_home(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    _require(is_hr(actor))
    context = {"company": actor.company, "sharing": selectors.hr_sharing_count(actor)}
    return render(request, "workcare/portal_hr_home.html", context)


@login_required
def hr_shared_list(request: HttpRequest) -> HttpResponse:
    """The employees who share the fact of caregiving with HR now (consented summaries only)."""
    actor = actor_of(request)
    _require(is_hr(actor))
    rows = selectors.hr_shared_list(actor)
    records_listed(actor=actor, subject=Employee, client_ids=[], record_ids=[r.employee.pk for r in rows])
    return render(request, "workcare/portal_hr_shared_list.html", {"company": actor.company, "rows": rows})


# -- the manager ------------------------------------------------------------------------------------


@login_required
def manager_home(request: HttpRequest) -> HttpResponse:
    """What the employees of the manager's own department share with their manager now."""
    actor = actor_of(request)
    _require(is_manager(actor))
    rows = selectors.manager_shared_list(actor)
    records_listed(actor=actor, subject=Employee, client_ids=[], record_ids=[r.employee.pk for r in rows])
    me = own_employee(actor)
    context = {"rows": rows, "department": me.department if me is not None else ""}
    return render(request, "workcare/portal_manager_home.html", context)


urlpatterns: list[URLPattern] = [
    path("", home, name="home"),
    path("me/", my_home, name="my_home"),
    path("me/sharing/", my_sharing, name="my_sharing"),
    path("me/sharing/withdraw-all/", my_sharing_withdraw_all, name="my_sharing_withdraw_all"),
    path("hr/", hr_home, name="hr_home"),
    path("hr/employees/", hr_shared_list, name="hr_shared_list"),
    path("manager/", manager_home, name="manager_home"),
]
