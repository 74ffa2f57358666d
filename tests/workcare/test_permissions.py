"""Permission matrix of the work–care pages and API: each area keeps its cases in its own
tests/workcare/test_permissions_<area>.py (tests/test_matrix_complete.py reads them all)."""

from __future__ import annotations

CASES: list[object] = []
