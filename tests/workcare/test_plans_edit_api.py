"""A draft 両立プラン edited through the API and what was agreed never edited (house rule 4); the
diff with the previous version (workcare/plan_rules.diff: the text fields, and the steps matched
as a multiset — same kind and start with other values is "changed"); a meeting's attendees."""

from __future__ import annotations

import json

import pytest

from carebridge.core.services import api_token_create
from carebridge.workcare import messages, services

from . import factories_plans as fp

pytestmark = pytest.mark.django_db


def _call(client, method, url, body, user):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=user)}"}
    if method in ("get", "delete"):
        return getattr(client, method)(url, **auth)
    return getattr(client, method)(url, json.dumps(body), content_type="application/json", **auth)


def test_an_agreed_plan_is_never_edited_and_its_revision_diffs_against_it(client, world):
    employee = fp.employee_of(world)
    agreed = fp.agreed_plan(world, employee)
    step = agreed.items.get()
    locked = _call(client, "patch", f"/api/v1/workcare/plans/{agreed.pk}", {"goals": "別の目標"}, world.wcm_a)
    assert locked.status_code == 422 and locked.json()["detail"][0]["code"] == messages.WORKCARE_PLAN_LOCKED.code
    gone = _call(client, "delete", f"/api/v1/workcare/plans/{agreed.pk}/items/{step.pk}", None, world.wcm_a)
    assert gone.status_code == 422
    draft = services.workcareplan_revise(actor=world.wcm_a, plan=agreed)
    new_step = draft.items.get()
    base = f"/api/v1/workcare/plans/{draft.pk}"
    assert _call(client, "patch", base, {"goals": "短時間勤務で続ける"}, world.wcm_a).status_code == 200
    edited = _call(client, "patch", f"{base}/items/{new_step.pk}", {"detail": "センターを訪問"}, world.wcm_a)
    assert edited.status_code == 200 and edited.json()["detail"] == "センターを訪問"
    fp.add(world, draft, "apply_certification", fp.days(10), detail="要介護認定を申請")
    diff = _call(client, "get", f"{base}/diff", None, world.wcm_a).json()
    assert diff["previous_id"] == agreed.pk
    assert [(f["name"], f["new"]) for f in diff["fields"]] == [("goals", "短時間勤務で続ける")]
    assert [(c["old"]["detail"], c["new"]["detail"]) for c in diff["changed"]] == [
        ("地域包括支援センターに電話", "センターを訪問")
    ]  # same kind (contact_center) and start, another detail
    assert [a["kind"] for a in diff["added"]] == ["apply_certification"] and diff["removed"] == []
    first = _call(client, "get", f"/api/v1/workcare/plans/{agreed.pk}/diff", None, world.wcm_a)
    assert first.status_code == 404  # the first version has nothing to compare with


def test_a_meetings_attendees_are_added_and_removed(client, world):
    employee = fp.employee_of(world)
    made = _call(
        client,
        "post",
        f"/api/v1/workcare/employees/{employee.pk}/meetings",
        {
            "kind": "initial",
            "held_on": fp.today().isoformat(),
            "attendees": [{"role": "employee", "name": "両立 花子"}],
        },
        world.wcm_a,
    ).json()
    url = f"/api/v1/workcare/meetings/{made['id']}"
    added = _call(client, "post", f"{url}/attendees", {"role": "other", "name": "産業医 三郎"}, world.wcm_a)
    assert added.status_code == 201
    assert _call(client, "delete", f"{url}/attendees/{added.json()['id']}", None, world.wcm_a).status_code == 204
    edited = _call(client, "patch", url, {"agreements": "来月もう一度話す"}, world.wcm_a).json()
    assert edited["agreements"] == "来月もう一度話す"
    assert [a["name"] for a in edited["attendees"]] == ["両立 花子"]
