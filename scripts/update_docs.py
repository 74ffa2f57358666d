"""Rewrite the generated tables of docs/architecture.md (permissions, API endpoints).

uv run python scripts/update_docs.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carebridge.settings.test")

import django  # noqa: E402

django.setup()

from tests.docs_tables import DOC, rendered  # noqa: E402

DOC.write_text(rendered(DOC.read_text(encoding="utf-8")), encoding="utf-8")
print(f"updated {DOC.relative_to(ROOT)}")
