"""The shape of an audit recipe (tests/test_audit_every_service.py), and the recipes other test
packages add: each tests/<app>/audit_recipes*.py module holds a `RECIPES` dict of its services."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .permission_matrix import Objs

Call = Callable[[Objs], Callable[[], object]]


@dataclass(frozen=True)
class Recipe:
    ok: Call
    refused: Call | None  # None: the service has no way to refuse (say why in `why`)
    why: str = ""


def more_recipes() -> dict[str, Recipe]:
    found: dict[str, Recipe] = {}
    for path in sorted(Path(__file__).resolve().parent.glob("*/audit_recipes*.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
        found.update(module.RECIPES)
    return found
