"""The actuals import page (/interop/imports/, care.edit): upload UPJSK/DLTJSK files → the errors
(nothing applied) or the preview of the changes (before → after per client, month, provider and
service code) → 「取り込む」 applies them. The uploaded bytes wait in the user's server-side session
between the two steps (never in the page), keyed by a random token, and are parsed and checked again
on confirm; the confirm carries the preview's fingerprint, so a slip changed in between is refused."""

from __future__ import annotations

import base64
import secrets

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from carebridge.clients.models import Client
from carebridge.core.access import actor_of, require_permission
from carebridge.core.models import Office
from carebridge.core.services import records_listed

from .exchange_import_preview import ImportPreview, preview_import
from .exchange_import_services import exchange_actuals_import

SESSION_KEY = "interop_actuals_import"
MAX_BYTES = 5 * 1024 * 1024  # every file of one import together
MAX_FILES = 200


def _office(request: HttpRequest) -> Office:
    actor = actor_of(request)
    require_permission(actor, "care.edit")
    assert actor.office is not None  # noqa: S101 - care.edit is an office role
    return actor.office


def _log_shown(request: HttpRequest, preview: ImportPreview) -> None:
    if preview.client_ids:  # the preview names clients: the read is logged (house rule 3)
        records_listed(actor=actor_of(request), subject=Client, client_ids=preview.client_ids)


def _page(request: HttpRequest, context: dict[str, object]) -> HttpResponse:
    template = "interop/_import_result.html" if request.headers.get("HX-Request") else "interop/imports.html"
    return render(request, template, context)


@login_required
@require_GET
def imports(request: HttpRequest) -> HttpResponse:
    _office(request)
    return render(request, "interop/imports.html", {"max_mb": MAX_BYTES // (1024 * 1024)})


@login_required
@require_POST
def import_preview(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    uploads = request.FILES.getlist("files")
    context: dict[str, object] = {"max_mb": MAX_BYTES // (1024 * 1024)}
    if not uploads:
        context["error"] = "ファイルを選んでください。"
        return _page(request, context)
    if len(uploads) > MAX_FILES or sum(u.size or 0 for u in uploads) > MAX_BYTES:
        context["error"] = f"一度に取り込めるのは{MAX_FILES}ファイル・合計{MAX_BYTES // (1024 * 1024)}MBまでです。"
        return _page(request, context)
    files = [(str(u.name), u.read()) for u in uploads]
    preview = preview_import(office=office, files=files)
    _log_shown(request, preview)
    context["preview"] = preview
    if not preview.blocked:
        token = secrets.token_urlsafe(16)
        request.session[SESSION_KEY] = {
            "token": token,
            "office": office.pk,
            "files": [[name, base64.b64encode(data).decode()] for name, data in files],
        }
        context["token"] = token
    return _page(request, context)


@login_required
@require_POST
def import_apply(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    stored = request.session.get(SESSION_KEY) or {}
    if not stored or stored.get("token") != request.POST.get("token") or stored.get("office") != office.pk:
        flash.error(request, "確認した取込データが見つかりません。もう一度ファイルを選んでください。")
        return redirect("interop:imports")
    files = [(str(name), base64.b64decode(data)) for name, data in stored["files"]]
    try:
        result = exchange_actuals_import(
            actor=actor_of(request),
            office=office,
            files=files,
            accept_unmatched=request.POST.get("accept_unmatched") == "1",
            expected_fingerprint=str(request.POST.get("fingerprint", "")),
        )
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages[:5]))
        return redirect("interop:imports")
    del request.session[SESSION_KEY]
    flash.success(
        request,
        f"実績を取り込みました（{len(files)}ファイル、変更した行 {result.changed_lines}行、"
        f"利用者 {len(result.preview.client_ids)}人）。",
    )
    return redirect("interop:imports")
