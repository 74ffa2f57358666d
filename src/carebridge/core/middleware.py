"""Request id / client IP binding for the audit trail; no caching of what a view answers."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from . import limits, messages, request_context

# A caller's own X-Request-ID is kept only when it is 1–64 printable ASCII characters.
_CLIENT_REQUEST_ID_RE = re.compile(r"^[\x20-\x7e]{1,64}$")


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address: REMOTE_ADDR, or behind CAREBRIDGE_PROXY_COUNT trusted proxies the
    address those proxies saw (counted from the right of X-Forwarded-For, which they append to)."""
    proxies = settings.CAREBRIDGE_PROXY_COUNT
    if proxies:
        hops = [h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    """Binds the request's id and the caller's address for the audit trail.

    The id is always the server's own (`uuid4().hex`), so an audit event's request id cannot be
    chosen by the caller; a caller's `X-Request-ID` (at most 64 printable ASCII characters, else
    dropped) is stored apart as `client_request_id` to correlate with the caller's logs. The
    response carries the server's id in `X-Request-ID`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = uuid.uuid4().hex
        incoming = request.headers.get("X-Request-ID", "")
        info = request_context.RequestInfo(
            request_id=request_id,
            ip_address=client_ip(request),
            client_request_id=incoming if _CLIENT_REQUEST_ID_RE.fullmatch(incoming) else "",
        )
        token = request_context.bind(info)
        try:
            response = self.get_response(request)
        finally:
            request_context.unbind(token)
        response["X-Request-ID"] = request_id
        return response


NO_STORE = "no-store, private"


class NoStore:
    """`Cache-Control: no-store, private` on every answer a view makes — pages, HTMX fragments,
    API answers, PDFs — since any of them may carry a client's personal data, and a shared
    computer's browser or a proxy must keep none of it. Static files never get here: WhiteNoise,
    above this middleware, answers them with its own long caching. A view that set its own
    Cache-Control (`never_cache`, stricter still) keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = NO_STORE
        return response


class RefuseForbiddenCharacters:
    """A query or form value with NUL or a lone surrogate is refused — before any view can hand it
    to the database — with a Japanese message naming the parameter (core/limits.py): a 400 page,
    or in the API the 422 every other field error gets there."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The API's bodies are JSON, checked by its schemas (core/schemas.py); reading a form body
        # here would consume the stream the API then reads (a 500 for a form POST to the API).
        form = request.method == "POST" and not request.path.startswith("/api/")
        for source in (request.GET, request.POST if form else None):
            if source is None:
                continue
            for name, values in source.lists():
                if any(limits.text_error(text) for text in (name, *values)):
                    return refuse(request, name)
        return self.get_response(request)


def refuse(request: HttpRequest, parameter: str) -> HttpResponse:
    message = messages.TEXT_FORBIDDEN_CHARACTER
    shown = parameter.replace("\x00", "") or "?"
    if request.path.startswith("/api/"):
        body = {"detail": [{"loc": ["query", shown], "msg": str(message), "type": "value_error", "code": message.code}]}
        return JsonResponse(body, status=422, json_dumps_params={"ensure_ascii": False})
    return render(request, "400.html", {"message": message, "parameter": shown}, status=400)
