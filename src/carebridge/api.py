"""The JSON API: /api/v1/, OpenAPI at /api/v1/openapi.json.

Errors map to HTTP here, once, always as JSON with a stable `code` beside the Japanese text:
a malformed body 400, no or a bad token 401, a missing role 403, a gate's Http404 404, a stale
write 409, a body over the size limit 413, a ValidationError or a schema refusal 422 (one entry
per field: `{loc, msg, type, code}`), too many requests 429, anything unforeseen 500 with the
request id to quote; the embedded database's write lock still taken after its waits 503 (nothing
saved, send again). Every operation documents these answers in the OpenAPI.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as SchemaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.throttling import AuthRateThrottle

from carebridge.assessments.api import router as assessments_router
from carebridge.billing.annex_api import router as billing_annex_router
from carebridge.billing.api_close import router as billing_close_router
from carebridge.billing.api_slips import router as billing_slips_router
from carebridge.billing.fee_api import router as billing_fee_router
from carebridge.billing.pdf_api import router as billing_pdf_router
from carebridge.billing.simulate_api import router as billing_simulate_router
from carebridge.careplans.api import router as careplans_router
from carebridge.careplans.prevention_api import router as prevention_router
from carebridge.casework.api import router as casework_router
from carebridge.clients.api import router as clients_router
from carebridge.compliance.api import router as compliance_router
from carebridge.core import messages, request_context
from carebridge.core.api_auth import api_auth
from carebridge.core.audit_api import router as audit_router
from carebridge.core.office_api import router as office_router
from carebridge.core.sqlite import is_database_busy
from carebridge.core.writes import StaleWriteError
from carebridge.desk.api import router as desk_router
from carebridge.directory.api import router as directory_router
from carebridge.interop.exchange_api import router as exchange_router
from carebridge.interop.exchange_plan_api import router as exchange_plan_router
from carebridge.interop.fhir_api import router as fhir_router
from carebridge.interop.office_api import router as office_archive_router
from carebridge.workcare.api import router as workcare_router

logger = logging.getLogger("carebridge.api")

ERROR = {
    "type": "object",
    "required": ["detail", "code"],
    "properties": {
        "detail": {"type": "string", "description": "日本語のメッセージ"},
        "code": {"type": "string", "description": "機械が読む安定した符号（例: not_found）"},
        "request_id": {"type": "string"},
    },
}
FIELD_ERRORS = {
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["loc", "msg", "type", "code"],
                "properties": {
                    "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
                    "msg": {"type": "string"},
                    "type": {"type": "string"},
                    "code": {"type": "string"},
                },
            },
        }
    },
}
ERROR_ANSWERS = {
    "400": ("本文をJSONとして読めません", "Error"),
    "401": ("トークンがない・無効・期限切れ・失効", "Error"),
    "403": ("この役割には許可されていません", "Error"),
    "404": ("記録がない、または他の事業所の記録です", "Error"),
    "409": ("読んだ後に別の操作で更新されています（updated_at）", "Error"),
    "413": ("本文が大きすぎます", "Error"),
    "422": ("入力の誤り（項目ごと）", "FieldErrors"),
    "429": ("要求が多すぎます。しばらく待ってください", "Error"),
    "500": ("サーバーの誤り（request_id を添えて連絡してください）", "Error"),
    "503": ("混み合っていて保存できませんでした（何も保存されていません。少し待って再送）", "Error"),
}


class CareBridgeAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Error"] = ERROR
        components["FieldErrors"] = FIELD_ERRORS
        for operations in schema["paths"].values():
            for operation in operations.values():
                answers = operation.setdefault("responses", {})
                for status, (description, name) in ERROR_ANSWERS.items():
                    answers.setdefault(
                        status,
                        {
                            "description": description,
                            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
                        },
                    )
        return schema


api = CareBridgeAPI(
    title="CareBridge API",
    version="1",
    description=(
        "CareBridge 居宅介護支援・両立支援 API. Bearer token (`carebridge createtoken USER`) or session. "
        "Errors: `{detail, code}`; 422 lists `{loc, msg, type, code}` per field."
    ),
    auth=api_auth,
    throttle=[AuthRateThrottle(settings.CAREBRIDGE_API_RATE)],
    urls_namespace="api",
)
for router in (
    clients_router,
    directory_router,
    assessments_router,
    careplans_router,
    prevention_router,
    casework_router,
    compliance_router,
    workcare_router,
    fhir_router,
    exchange_router,
    exchange_plan_router,
    office_archive_router,
    billing_simulate_router,
    billing_annex_router,
    billing_fee_router,
    billing_slips_router,
    billing_close_router,
    billing_pdf_router,
    audit_router,
    office_router,
    desk_router,
):
    api.add_router("/", router)


def error_body(message: messages.Message, **extra: object) -> dict[str, object]:
    return {"detail": str(message), "code": message.code, **extra}


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
    return api.create_response(request, error_body(messages.STALE_WRITE), status=409)


_KNOWN = {str(value): value for value in vars(messages).values() if isinstance(value, messages.Message)}


def _schema_message(error: dict[str, Any]) -> messages.Message:
    """What pydantic says about a malformed field, in Japanese."""
    kind = str(error.get("type"))
    context = error.get("ctx") or {}
    if (raised := _KNOWN.get(str(context.get("error", "")))) is not None:
        return raised  # one of ours, raised by a schema's validator (ninja hands it over as text)
    if kind in {"missing", "string_too_short"}:
        return messages.FIELD_REQUIRED
    if kind == "extra_forbidden":
        return messages.FIELD_NOT_EDITABLE
    if kind == "string_unicode":  # a lone surrogate: not text at all
        return messages.TEXT_FORBIDDEN_CHARACTER
    if kind == "string_too_long":
        return messages.TEXT_TOO_LONG.format(limit=f"{context.get('max_length', 0):,}")
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bound = context.get("ge") or context.get("le") or context.get("gt") or context.get("lt")
        # A date's bound arrives as "2100-12-31", or as "datetime.date(2100, 12, 31)" once a
        # validator runs before the bound (core/schemas.Date).
        is_date = isinstance(bound, dt.date) or (isinstance(bound, str) and ("-" in bound or "date(" in bound))
        return messages.DATE_OUT_OF_RANGE if is_date else messages.NUMBER_OUT_OF_RANGE
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return messages.FIELD_INTEGER
    if kind.startswith(("date", "time")):
        return messages.FIELD_DATE
    return messages.FIELD_FORMAT


@api.exception_handler(SchemaValidationError)
def on_schema_error(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    detail = []
    for error in exc.errors:
        message = _schema_message(error)
        loc = list(error.get("loc", []))
        detail.append({"loc": loc, "msg": str(message), "type": str(error.get("type")), "code": message.code})
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, error_body(messages.NOT_FOUND), status=404)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, error_body(messages.PERMISSION_DENIED), status=403)


_HTTP_MESSAGES = {
    400: messages.BODY_UNREADABLE,
    401: messages.NOT_AUTHENTICATED,
    403: messages.PERMISSION_DENIED,
    404: messages.NOT_FOUND,
    429: messages.TOO_MANY_REQUESTS,
}


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = _HTTP_MESSAGES.get(exc.status_code, messages.BODY_UNREADABLE)
    if isinstance(exc, AuthenticationError):
        message = messages.NOT_AUTHENTICATED
    if isinstance(exc, Throttled):
        message = messages.TOO_MANY_REQUESTS
    return api.create_response(request, error_body(message), status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return api.create_response(request, error_body(messages.BODY_TOO_LARGE), status=413)


@api.exception_handler(Exception)
def on_unforeseen(request: HttpRequest, exc: Exception) -> HttpResponse:
    request_id = request_context.current().request_id
    if is_database_busy(exc):  # the embedded database's write lock, beyond its waits (core/sqlite)
        logger.warning("API answered 503: database busy (request %s)", request_id)
        busy = api.create_response(request, error_body(messages.DATABASE_BUSY, request_id=request_id), status=503)
        busy["Retry-After"] = "2"
        return busy
    # Where and what kind, not the exception's text: it may quote personal data (a key value).
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    logger.error("API error %s at %s (request %s)", type(exc).__name__, where, request_id)
    return api.create_response(request, error_body(messages.SERVER_ERROR, request_id=request_id), status=500)
