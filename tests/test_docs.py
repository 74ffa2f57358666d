"""docs/architecture.md stays true to the code: its permission table is core/roles.PERMISSIONS,
its endpoint list the OpenAPI schema, its layer diagram carebridge/layers.py
(`uv run python scripts/update_docs.py` rewrites the generated parts)."""

from __future__ import annotations

from carebridge.layers import LAYERS

from .docs_tables import DOC, generated_names, rendered


def test_generated_tables_match_the_code():
    text = DOC.read_text(encoding="utf-8")
    assert generated_names(text) == {"permissions", "endpoints"}
    assert rendered(text) == text, "docs/architecture.md drifted: run `uv run python scripts/update_docs.py`"


def test_the_layer_diagram_names_every_layer_in_order():
    """The diagram draws the highest layer first: each row names its layer's apps."""
    text = DOC.read_text(encoding="utf-8")
    diagram = text[text.index("<!-- layers -->") : text.index("<!-- /layers -->")]
    rows = [line.split("  ")[1].strip() for line in diagram.splitlines() if line.startswith("  ") and "│" not in line]
    drawn = [tuple(name.strip() for name in row.split("·")) for row in rows]
    assert drawn == [tuple(layer) for layer in reversed(LAYERS)]
