"""The service types in force, read from the service master (directory.ServiceType; ADR 0007).

One read per process: the list changes with a revision of the サービスコード表 (a few times a
year) through `carebridge master import`, which calls `reload()` once its transaction commits;
other processes see the change at their next start. A database whose table is empty (not yet
migrated, or flushed by a transactional test) falls back to the built-in list in rules.py, which
the master's seed (billing/data/master_2024.json) contains in full (tests/billing/test_master_seed.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from . import rules


@dataclass(frozen=True)
class ServiceTypes:
    names: dict[str, str]
    short_stay: frozenset[str]


_current: ServiceTypes | None = None


def load(on: dt.date | None = None) -> ServiceTypes:
    """The types valid on `on` (today in Japan when None), straight from the table."""
    from .models import ServiceType

    day = on or timezone.localdate()
    rows = list(
        ServiceType.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)
        .order_by("code", "valid_from")
        .values_list("code", "name", "short_stay")
    )
    if not rows:
        return ServiceTypes(dict(rules.BUILTIN_SERVICE_TYPES), rules.BUILTIN_SHORT_STAY_TYPES)
    names = {code: name for code, name, _ in rows}  # the latest valid_from wins
    short = frozenset(code for code, _, is_short in rows if is_short)
    return ServiceTypes(names, short)


def current() -> ServiceTypes:
    global _current
    if _current is None:
        _current = load()
    return _current


def reload() -> None:
    """Forget the cached list (after an import of the master commits)."""
    global _current
    _current = None


def names() -> dict[str, str]:
    return current().names


def short_stay_codes() -> frozenset[str]:
    return current().short_stay


def label(code: str) -> str:
    return current().names.get(code, code)
