"""The layers of CareBridge, lowest first. An app imports only from the layers below its own
(never from its own layer's other apps, never upward); tests/test_layers.py enforces it on every
import in src/carebridge, imports inside functions included. Add a new app here."""

from __future__ import annotations

LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),  # kernel: offices, users, roles, audit, generic gates, writes, 和暦
    ("documents",),  # kernel: the PDF drawing toolkit (uses core's 和暦)
    ("clients", "directory"),
    ("assessments",),
    ("careplans",),
    ("casework",),  # intake, contract, notes 第5表, monitoring, tasks
    ("compliance",),  # the 運営基準 engine, its report and API
    ("workcare", "billing"),  # the employer side (両立支援) | 給付管理 (第6・7表, close, 国保連 CSV, fee)
    ("interop",),  # ケアプランデータ連携 CSV, FHIR: nothing imports it
    ("desk",),  # top: home, 今日, the client page, navigation, the demo
)

# Modules of the package root: the composition root, which wires every app together.
ROOT_MODULES = frozenset({"urls", "api", "cli", "wsgi", "asgi", "settings", "layers"})
