"""Links a higher app adds to a lower app's page, without the lower app importing it (the page
counterpart of record_hooks, ADR 0006): e.g. interop adds "ケアプランデータ連携" to the care-plan
page. The higher app registers a function per place from its AppConfig.ready(); the lower app's
template asks for the links of its place with `{% page_links "careplans.plan" plan as links %}`.
A link function gets the page's subject and returns (label, url) or None; it must run no query.
Core knows no domain: a place is only a string."""

from __future__ import annotations

from collections.abc import Callable

Link = tuple[str, str]
LinkFunction = Callable[[object], Link | None]

_registry: dict[str, list[LinkFunction]] = {}


def register(place: str, function: LinkFunction) -> None:
    """Add a link function to a place (idempotent: the same function is added once)."""
    functions = _registry.setdefault(place, [])
    if function not in functions:
        functions.append(function)


def links(place: str, subject: object) -> list[Link]:
    """The links registered for a place, for this subject, in registration order."""
    found = (function(subject) for function in _registry.get(place, []))
    return [link for link in found if link is not None]
