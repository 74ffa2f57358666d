"""The generated parts of docs/architecture.md: the permission table (from core/roles.py) and the
endpoint list (from the OpenAPI schema). tests/test_docs.py fails when the document drifts;
`uv run python scripts/update_docs.py` rewrites those parts."""

from __future__ import annotations

import re
from pathlib import Path

from carebridge.core.roles import PERMISSIONS, Role

DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"
MARK = re.compile(r"(<!-- generated:(?P<name>[a-z-]+) -->\n)(?P<body>.*?)(<!-- /generated:(?P=name) -->)", re.S)


def permission_table() -> str:
    roles = list(Role)
    head = "| permission | " + " | ".join(f"{r.label} `{r.value}`" for r in roles) + " |"
    rule = "|---|" + "---|" * len(roles)
    rows = [
        f"| `{name}` | " + " | ".join("✓" if r in allowed else "–" for r in roles) + " |"
        for name, allowed in PERMISSIONS.items()
    ]
    return "\n".join([head, rule, *rows]) + "\n"


def endpoint_list() -> str:
    from carebridge.api import api

    schema = api.get_openapi_schema()
    lines = ["| method | path | what |", "|---|---|---|"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            lines.append(f"| {method.upper()} | `{path}` | {operation.get('summary', '')} |")
    return "\n".join(lines) + "\n"


GENERATED = {"permissions": permission_table, "endpoints": endpoint_list}


def rendered(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        return match.group(1) + GENERATED[match.group("name")]() + match.group(4)

    return MARK.sub(replace, text)


def generated_names(text: str) -> set[str]:
    return {m.group("name") for m in MARK.finditer(text)}
