"""The JSON API: /api/v1/, OpenAPI at /api/v1/openapi.json.

Domain errors map to HTTP here, once: ValidationError → 422 with field errors, a stale write →
409, a gate's Http404 → 404, a missing role → 403. Every error carries a stable `code` (the
message constant's code, see core/messages.py) beside the Japanese text.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError as SchemaValidationError

from carebridge.assessments.api import router as assessments_router
from carebridge.careplans.api import router as careplans_router
from carebridge.casework.api import router as casework_router
from carebridge.clients.api import router as clients_router
from carebridge.compliance.api import router as compliance_router
from carebridge.core import messages
from carebridge.core.api_auth import api_auth
from carebridge.core.writes import StaleWriteError
from carebridge.directory.api import router as directory_router

api = NinjaAPI(
    title="CareBridge API",
    version="1",
    description=(
        "CareBridge 居宅介護支援・両立支援 API. Bearer token (`carebridge createtoken USER`) or session. "
        "Errors: `{detail, code}`; 422 lists `{loc, msg, type, code}` per field."
    ),
    auth=api_auth,
    urls_namespace="api",
)
for router in (
    clients_router,
    directory_router,
    assessments_router,
    careplans_router,
    casework_router,
    compliance_router,
):
    api.add_router("/", router)


def _field_errors(exc: ValidationError) -> list[dict[str, Any]]:
    detail = []
    items = exc.error_dict.items() if hasattr(exc, "error_dict") else [(NON_FIELD_ERRORS, exc.error_list)]
    for field, errors in items:
        loc = ["body"] if field == NON_FIELD_ERRORS else ["body", field]
        for error in errors:
            text = error.message % error.params if error.params else error.message
            code = messages.code_of(error.message, default=error.code or "invalid")
            detail.append({"loc": loc, "msg": str(text), "type": "value_error", "code": code})
    return detail


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": _field_errors(exc)}, status=422)


@api.exception_handler(StaleWriteError)
def on_stale_write(request: HttpRequest, exc: StaleWriteError) -> HttpResponse:
    body = {"detail": messages.STALE_WRITE, "code": messages.STALE_WRITE.code}
    return api.create_response(request, body, status=409)


# What pydantic says about a malformed body, in Japanese (the field is named by `loc`).
_SCHEMA_MESSAGES = {
    "missing": messages.FIELD_REQUIRED,
    "extra_forbidden": messages.FIELD_NOT_EDITABLE,
}


@api.exception_handler(SchemaValidationError)
def on_schema_error(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    detail = []
    for error in exc.errors:
        message = _SCHEMA_MESSAGES.get(str(error.get("type")), messages.FIELD_FORMAT)
        detail.append(
            {"loc": list(error.get("loc", [])), "msg": str(message), "type": error.get("type"), "code": message.code}
        )
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": messages.NOT_FOUND, "code": messages.NOT_FOUND.code}, status=404)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    body = {"detail": messages.PERMISSION_DENIED, "code": messages.PERMISSION_DENIED.code}
    return api.create_response(request, body, status=403)
