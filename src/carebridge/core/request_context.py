"""The current request's id and client IP, for audit events written deep inside services."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestInfo:
    request_id: str = ""
    ip_address: str | None = None


_EMPTY = RequestInfo()  # frozen: safe to share as the default
_current: contextvars.ContextVar[RequestInfo] = contextvars.ContextVar("carebridge_request", default=_EMPTY)


def current() -> RequestInfo:
    return _current.get()


def bind(info: RequestInfo) -> contextvars.Token[RequestInfo]:
    return _current.set(info)


def unbind(token: contextvars.Token[RequestInfo]) -> None:
    _current.reset(token)
