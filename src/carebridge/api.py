"""The JSON API: /api/v1/, OpenAPI at /api/v1/openapi.json.

Domain errors map to HTTP here, once: ValidationError → 422 with field errors, a gate's
Http404 → 404, a missing role → 403.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI

from carebridge.careplans.api import router as careplans_router
from carebridge.casework.api import router as casework_router
from carebridge.clients.api import router as clients_router
from carebridge.core import messages
from carebridge.core.api_auth import api_auth
from carebridge.directory.api import router as directory_router

api = NinjaAPI(
    title="CareBridge API",
    version="1",
    description=("CareBridge 居宅介護支援・両立支援 API. Bearer token (`carebridge createtoken USER`) or session."),
    auth=api_auth,
    urls_namespace="api",
)
api.add_router("/", clients_router)
api.add_router("/", directory_router)
api.add_router("/", careplans_router)
api.add_router("/", casework_router)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = []
    errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    for field, field_messages in errors.items():
        loc = ["body"] if field == NON_FIELD_ERRORS else ["body", field]
        detail.extend({"loc": loc, "msg": message, "type": "value_error"} for message in field_messages)
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": messages.NOT_FOUND}, status=404)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": messages.PERMISSION_DENIED}, status=403)
