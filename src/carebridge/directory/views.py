"""Directory pages: one list/create/edit trio per kind of entry, and the provider CSV import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from carebridge.core.access import actor_of, has_permission, require_permission
from carebridge.core.forms import ServiceModelForm, call_service

from . import selectors, service_types, services
from .access import Entry, access_provider, access_resource, access_specialist
from .forms import ProviderForm, ProviderImportForm, ResourceForm, SpecialistForm
from .models import ProviderKind
from .provider_import import ProviderImportError, import_providers


@dataclass(frozen=True)
class Section:
    title: str
    access: Callable[..., Entry]  # the gate of this kind of entry
    form: type[ServiceModelForm]
    create: Any
    update: Any
    update_arg: str
    list_selector: Any


SECTIONS = {
    "providers": Section(
        "サービス事業所・医療機関",
        access_provider,
        ProviderForm,
        services.provider_create,
        services.provider_update,
        "provider",
        selectors.provider_list,
    ),
    "resources": Section(
        "社会資源",
        access_resource,
        ResourceForm,
        services.resource_create,
        services.resource_update,
        "resource",
        selectors.resource_list,
    ),
    "specialists": Section(
        "専門家",
        access_specialist,
        SpecialistForm,
        services.specialist_create,
        services.specialist_update,
        "specialist",
        selectors.specialist_list,
    ),
}


def _section(name: str) -> Section:
    try:
        return SECTIONS[name]
    except KeyError:
        raise Http404 from None


@login_required
def entry_list(request: HttpRequest, section: str = "providers") -> HttpResponse:
    actor = actor_of(request)
    require_permission(actor, "directory.view")
    sec = _section(section)
    query = request.GET.get("q", "").strip()
    filters: dict[str, str] = {}
    if section == "providers":
        filters = {"kind": request.GET.get("kind", ""), "service_type": request.GET.get("service_type", "")}
    rows = sec.list_selector(actor=actor, query=query, **filters)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "section": section,
        "sec": sec,
        "sections": SECTIONS,
        "page": page,
        "q": query,
        "filters": filters,
        "kinds": ProviderKind.choices,
        "service_types": service_types.names(),
        "can_edit": has_permission(actor, "directory.edit"),
    }
    return render(request, f"directory/{section}.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request: HttpRequest, section: str) -> HttpResponse:
    actor = actor_of(request)
    require_permission(actor, "directory.edit")
    sec = _section(section)
    form = sec.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry = call_service(form, lambda: sec.create(actor=actor, data=form.to_input()))
        if entry is not None:
            flash.success(request, f"「{entry}」を登録しました。")
            return redirect("directory:list", section=section)
    return render(request, "core/form_page.html", {"form": form, "title": f"{sec.title}の登録"})


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, section: str, entry_id: int) -> HttpResponse:
    actor = actor_of(request)
    sec = _section(section)
    entry = sec.access(actor, entry_id, for_edit=True)
    form = sec.form(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: sec.update(
                actor=actor,
                data=form.to_input(base=entry),
                expected_updated_at=form.expected_updated_at(),
                **{sec.update_arg: entry},
            ),
        )
        if saved is not None:
            flash.success(request, f"「{entry}」を更新しました。")
            return redirect("directory:list", section=section)
    return render(request, "core/form_page.html", {"form": form, "title": f"{sec.title}の編集"})


@login_required
@require_http_methods(["GET", "POST"])
def provider_import(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    require_permission(actor, "directory.edit")
    form = ProviderImportForm(request.POST or None, request.FILES or None)
    errors: list[Any] = []
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_providers(actor=actor, data=upload.read(), file_name=upload.name)
        except ProviderImportError as exc:
            errors = exc.errors
    context = {"form": form, "errors": errors, "result": result}
    template = "directory/_import_result.html" if request.htmx and request.method == "POST" else "directory/import.html"  # type: ignore[attr-defined]
    return render(request, template, context)
