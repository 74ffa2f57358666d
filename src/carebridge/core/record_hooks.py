"""Explicit hooks for "a fact of the care record was recorded" (ADR 0006).

A lower app (clients, careplans) records a fact — a meeting, a consent, a delivery, an answer to
a 照会, a filed application — and a higher app (casework) wants to write something of its own
about it (a 第5表 entry), without the lower app importing the higher one. The lower app's service
calls `publish()` inside its own `transaction.atomic()` block, after its rows are written; the
handlers that the higher app subscribed from its `AppConfig.ready()` run right there, in the same
transaction: if a handler fails the whole write is rolled back, and if the write is rolled back
later so is what the handler wrote. Nothing here is a Django signal: publishers call it by name,
the kinds are declared as constants by the app that publishes them, and the registry is small
enough to read in one go. Core knows no domain: a kind is only a string.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from .models import User


@dataclass(frozen=True, kw_only=True)
class Recorded:
    """What was recorded: its kind (`<app>.<what>`), who recorded it, for which client, the day it
    happened, a short text a person would write about it, and the row it is (model label, id)."""

    kind: str
    actor: User | None
    office_id: int
    client_id: int
    on: dt.date
    summary: str
    subject: str
    subject_id: int


Handler = Callable[[Recorded], object]  # what a handler returns is not used

_HANDLERS: dict[str, list[Handler]] = {}


def subscribe(kind: str, handler: Handler) -> None:
    """Run `handler` whenever a fact of `kind` is recorded (once per handler, however often the
    app registry is readied)."""
    handlers = _HANDLERS.setdefault(kind, [])
    if handler not in handlers:
        handlers.append(handler)


def handlers_of(kind: str) -> tuple[Handler, ...]:
    return tuple(_HANDLERS.get(kind, ()))


def publish(event: Recorded) -> None:
    """Call every handler of the event's kind, in the caller's transaction (a service's atomic
    block: outside one, a handler's write could outlive a failed service, so it is refused)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_hooks.publish() must be called inside the service's transaction.atomic()")
    for handler in handlers_of(event.kind):
        handler(event)
