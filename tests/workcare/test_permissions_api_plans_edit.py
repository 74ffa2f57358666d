"""Permission matrix of the edits of a draft 両立プラン, its diff, a meeting's edits and attendees,
and the deletion of a ledger record through the API (tests/permission_matrix.py), case for case as
their pages in test_permissions_plans.py and test_permissions_ledger.py."""

from __future__ import annotations

from carebridge.workcare.models import MeetingAttendee

from ..permission_matrix import Case, changed, landed, matrix, removed
from .factories_ledger import leave_record
from .test_permissions_plans import ITEM, STAFF, A, attendee, item, meeting, plan, revised

CASES = [
    Case("API plan edit", "patch", lambda o: f"{A}/plans/{plan(o).pk}", "PATCH /api/v1/workcare/plans/{plan_id}",
         allowed=200, data={"goals": "新しい目標"}, post=changed("wc_plan", "goals", "新しい目標"), **STAFF),
    Case("API plan item edit", "patch", lambda o: f"{A}/plans/{plan(o).pk}/items/{item(o).pk}",
         "PATCH /api/v1/workcare/plans/{plan_id}/items/{item_id}", allowed=200,
         data={**ITEM, "kind": "contact_center", "detail": "電話で相談"},
         post=changed("wc_item", "detail", "電話で相談"), **STAFF),
    Case("API plan item delete", "delete", lambda o: f"{A}/plans/{plan(o).pk}/items/{item(o).pk}",
         "DELETE /api/v1/workcare/plans/{plan_id}/items/{item_id}", allowed=204, post=removed("wc_item"), **STAFF),
    Case("API plan diff", "get", lambda o: f"{A}/plans/{revised(o).pk}/diff",
         "GET /api/v1/workcare/plans/{plan_id}/diff", allowed=200, reads_client=True, **STAFF),
    Case("API meeting edit", "patch", lambda o: f"{A}/meetings/{meeting(o).pk}",
         "PATCH /api/v1/workcare/meetings/{meeting_id}", allowed=200, data={"agreements": "再来月に見直す"},
         post=changed("wc_meeting", "agreements", "再来月に見直す"), **STAFF),
    Case("API meeting attendee add", "post", lambda o: f"{A}/meetings/{meeting(o).pk}/attendees",
         "POST /api/v1/workcare/meetings/{meeting_id}/attendees", allowed=201,
         data={"role": "other", "name": "産業医 三郎"}, post=landed(MeetingAttendee), **STAFF),
    Case("API meeting attendee delete", "delete", lambda o: f"{A}/meetings/{meeting(o).pk}/attendees/{attendee(o).pk}",
         "DELETE /api/v1/workcare/meetings/{meeting_id}/attendees/{attendee_id}", allowed=204,
         post=removed("wc_attendee"), **STAFF),
    Case("API ledger record delete", "delete", lambda o: f"{A}/ledger/records/{leave_record(o).pk}",
         "DELETE /api/v1/workcare/ledger/records/{record_id}", "wcm_a", "employee", 403, 204,
         post=removed("ledger_record")),
]  # fmt: skip

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
