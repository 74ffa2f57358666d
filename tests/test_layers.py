"""Layers (carebridge/layers.py): an app imports only from lower layers; the import graph of
src/carebridge has no cycle and the kernel (core) imports no domain app."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from carebridge.layers import LAYERS

from .layering import app_cycles, import_graph, violations

SRC = Path(__file__).resolve().parents[1] / "src" / "carebridge"


def test_no_app_imports_upward_or_sideways():
    found = violations(SRC)
    assert found == [], "\n".join(str(v) for v in found)


def test_the_import_graph_has_no_cycle_and_core_imports_no_domain_app():
    assert app_cycles(SRC) == []
    kernel_imports = {
        imported for _p, _l, module, imported in import_graph(SRC) if module.startswith("carebridge.core")
    }
    assert {m.split(".")[1] for m in kernel_imports} <= {"core"}


def test_every_installed_app_has_a_layer():
    installed = {app.split(".")[1] for app in settings.INSTALLED_APPS if app.startswith("carebridge.")}
    listed = {app for layer in LAYERS for app in layer}
    assert installed <= listed, f"add {sorted(installed - listed)} to carebridge/layers.py"


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "carebridge"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_an_upward_import_inside_a_function_is_caught(tmp_path):
    root = _tree(
        tmp_path,
        {
            "__init__.py": "",
            "core/__init__.py": "",
            "core/access.py": "def gate():\n    from carebridge.clients.models import Client\n    return Client\n",
            "clients/__init__.py": "",
            "clients/models.py": "from carebridge.core import access\n",
        },
    )
    found = violations(root)
    assert [(v.importer, v.imported, v.why) for v in found] == [
        ("carebridge.core.access", "carebridge.clients.models", "upward import"),
        ("carebridge.core.access", "carebridge.clients.models.Client", "upward import"),
    ]
    assert app_cycles(root) == [["clients", "core", "clients"]]


def test_same_layer_relative_and_type_checking_imports_are_caught(tmp_path):
    root = _tree(
        tmp_path,
        {
            "clients/__init__.py": "",
            "clients/views.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n"
                "    from carebridge.directory.models import Provider\n"
                "from . import models\n"
            ),
            "clients/models.py": "",
            "directory/models.py": "",
            "casework/views.py": "from carebridge import urls\n",
        },
    )
    found = {(v.importer, v.imported, v.why) for v in violations(root)}
    assert found == {
        ("carebridge.clients.views", "carebridge.directory.models", "same-layer import"),
        ("carebridge.clients.views", "carebridge.directory.models.Provider", "same-layer import"),
        ("carebridge.casework.views", "carebridge.urls", "an app imports the composition root"),
    }  # `from . import models` inside clients is fine
