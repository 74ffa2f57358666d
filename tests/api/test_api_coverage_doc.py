"""docs/api-coverage.md stays true: every operation it names exists in the OpenAPI document, and
every operation of the document is named there (a new endpoint is listed with its capability)."""

from __future__ import annotations

import re
from pathlib import Path

from carebridge.api import api

DOC = Path(__file__).resolve().parents[2] / "docs" / "api-coverage.md"
NAMED = re.compile(r"`(GET|POST|PUT|PATCH|DELETE) (/api/v1/[^`\s]*)`")


def _documented() -> set[tuple[str, str]]:
    return {(method, path) for method, path in NAMED.findall(DOC.read_text(encoding="utf-8"))}


def _served() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {(method.upper(), path) for path, operations in paths.items() for method in operations}


def test_every_operation_named_in_the_coverage_doc_exists() -> None:
    assert _documented(), "no operation found in docs/api-coverage.md"
    assert not _documented() - _served(), sorted(_documented() - _served())


def test_every_operation_of_the_api_is_in_the_coverage_doc() -> None:
    assert not _served() - _documented(), sorted(_served() - _documented())
