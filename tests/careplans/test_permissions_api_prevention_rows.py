"""Permission matrix of the deletion of a 支援計画 row through the API (see
tests/permission_matrix.py): care staff delete a draft's row, clerks get 403, another office 404."""

from __future__ import annotations

from ..permission_matrix import Case, matrix, removed
from .prevention_helpers import prow
from .test_permissions_prevention import WRITE, _api

CASES = [
    Case(
        "api prevention row delete",
        "delete",
        lambda o: f"{_api(o)}/rows/{prow(o).pk}",
        "DELETE /api/v1/prevention-plans/{plan_id}/rows/{row_id}",
        allowed=204,
        post=removed("prev_row"),
        **WRITE,
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
