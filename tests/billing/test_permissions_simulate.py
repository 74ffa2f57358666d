"""Permission matrix of the benefit simulation (POST /api/v1/billing/simulate): care staff and
clerks of any office (a calculator on the figures sent: no office data, nothing stored); the
workplace care manager and company roles never."""

from __future__ import annotations

from typing import Any

from carebridge.core.models import AuditEvent

from ..permission_matrix import Case, matrix, state
from .test_simulate import EXAMPLE


def nothing_stored(o: Any, actor: Any, before: dict[str, Any]) -> None:
    """The calculator keeps nothing and writes no event."""
    assert state() == before
    assert AuditEvent.objects.count() == len(before[AuditEvent._meta.label])


CASES = [
    Case(
        "API billing simulate: care staff and clerks",
        "post",
        lambda o: "/api/v1/billing/simulate",
        "POST /api/v1/billing/simulate",
        "clerk_a",
        "wcm_a",
        403,
        200,
        data=EXAMPLE,
        other_office=200,
        post=nothing_stored,
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
