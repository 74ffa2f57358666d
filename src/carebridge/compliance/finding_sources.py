"""Findings that apps above compliance add to the 運営基準 report and the 今日 work list (ADR 0008).

Compliance sits below billing in the layers (src/carebridge/layers.py), so it cannot ask billing
whether a month's 利用票 was consented or its 提供票 delivered. Instead an upper app registers a
source here from its `AppConfig.ready()`; the report and the work list call every registered
source with the office, the clients and the month, and show what comes back with its action
(a label and the page that does it) and deadline. Nothing here is a Django signal: sources are
named, registered once, and the registry is small enough to read in one go.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class SourcedFinding:
    """What a source found for a client in a month: the text, what to do (label, page) and by when."""

    source: str  # the registering app's name, e.g. "billing.slips"
    code: str  # stable, e.g. "slip_consent_missing"
    client_id: int
    month: dt.date
    text: str
    deadline: dt.date
    action_label: str
    url: str
    basis: str = ""


# (office_id, client_ids or None for all, month (first day), today) -> findings
Source = Callable[[int, Sequence[int] | None, dt.date, dt.date], list[SourcedFinding]]

_SOURCES: dict[str, Source] = {}


def register(name: str, source: Source) -> None:
    """Add (or replace, when the app registry is readied again) the source called `name`."""
    _SOURCES[name] = source


def sources() -> tuple[tuple[str, Source], ...]:
    return tuple(sorted(_SOURCES.items()))


def sourced_findings(
    *, office_id: int, client_ids: Sequence[int] | None, month: dt.date, today: dt.date
) -> list[SourcedFinding]:
    """Every registered source's findings for the office's clients in a month, soonest deadline first."""
    found: list[SourcedFinding] = []
    for _name, source in sources():
        found.extend(source(office_id, client_ids, month.replace(day=1), today))
    return sorted(found, key=lambda f: (f.deadline, f.client_id, f.code))
