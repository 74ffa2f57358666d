"""Request id / IP binding for the audit trail, and the two-factor gate."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from . import request_context

_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9\-_.]{8,64}$")


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        token = request_context.bind(
            request_context.RequestInfo(request_id=request_id, ip_address=request.META.get("REMOTE_ADDR") or None)
        )
        try:
            response = self.get_response(request)
        finally:
            request_context.unbind(token)
        response["X-Request-ID"] = request_id
        return response


class RequireOtpVerificationMiddleware:
    """A user who has a confirmed TOTP device must have passed it in this session.

    The login form asks for the code (django-otp's OTPAuthenticationForm); a session that is
    authenticated but not verified (e.g. the device was added elsewhere) is logged out.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()  # type: ignore[union-attr]
            and request.session.get("otp_required")
        ):
            logout(request)
            return redirect("login")
        return self.get_response(request)
