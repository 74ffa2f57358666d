"""The care cycle's pieces that the pages had and the API lacked (docs/api-coverage.md): consents
and 認定申請, intakes and tasks, the 第3表 weekly entries, the version diff, and the PDFs of
第4表 and 第5表. Each: it works, the gate holds (another office 404, a role without the permission
403), and bad input is a 422 naming the field."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from carebridge.casework.services import task_create
from carebridge.core import messages as core_messages
from carebridge.core.models import AuditEvent
from carebridge.core.services import api_token_create
from tests.careplan_helpers import agree_and_start, contract_and_home_assessment, draft_plan
from tests.factories import CertificationFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=user)}"}


def _post(browser, url, body, auth):
    return browser.post(url, json.dumps(body), content_type="application/json", **auth)


def _fields(response) -> set[str]:
    assert response.status_code == 422, response.content[:400]
    return {str(item["loc"][-1]) for item in response.json()["detail"]}


def _plan(world, client_a, *, agreed: bool = False):
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    CertificationFactory(client=client_a)
    contract_and_home_assessment(world.cm_a, client_a)
    plan = draft_plan(world.cm_a, client_a, providers)
    return agree_and_start(world.cm_a, plan, providers) if agreed else plan


def test_consents_are_recorded_listed_and_withdrawn(world, client, client_a):
    auth = _auth(world.cm_a)
    url = f"/api/v1/clients/{client_a.pk}/consents"
    body = {
        "scope": "基本情報・ケアプラン",
        "recipient_kind": "provider",
        "recipient": "デイA",
        "agreed_on": "2026-04-01",
    }
    made = _post(client, url, body, auth)
    assert made.status_code == 201, made.content
    assert client.get(url, **auth).json()[0]["recipient"] == "デイA"
    withdrawn = client.post(f"{url}/{made.json()['id']}/withdraw", **auth)
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_on"] == f"{timezone.localdate():%Y-%m-%d}"
    again = client.post(f"{url}/{made.json()['id']}/withdraw", **auth)
    assert again.status_code == 422  # already withdrawn: refused, the first date stays
    # the period's order (clients.services._check_consent), in Japanese, naming valid_until
    assert _fields(_post(client, url, {**body, "valid_until": "2026-03-01"}, auth)) == {"valid_until"}
    assert _fields(_post(client, url, {**body, "recipient_kind": "nobody"}, auth)) == {"recipient_kind"}


def test_consents_are_gated(world, client, client_a):
    url = f"/api/v1/clients/{client_a.pk}/consents"
    assert client.get(url, **_auth(world.cm_b)).status_code == 404
    assert client.get(url, **_auth(world.wcm_a)).status_code == 404  # not a client of the employer side
    body = {"scope": "基本情報", "recipient_kind": "provider", "recipient": "デイA", "agreed_on": "2026-04-01"}
    assert client.get(url, **_auth(world.clerk_a)).status_code == 200
    assert _post(client, url, body, _auth(world.clerk_a)).status_code == 403  # consents are care staff's


def test_a_renewal_application_is_recorded_and_refused_too_early(world, client, client_a):
    CertificationFactory(client=client_a, valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2026, 12, 31))
    auth = _auth(world.cm_a)
    url = f"/api/v1/clients/{client_a.pk}/applications"
    # 更新申請 opens 60 days before the end of the period (介護保険法施行規則第36条)
    early = _post(client, url, {"kind": "renewal", "filed_on": "2026-09-01"}, auth)
    assert _fields(early) == {"filed_on"}
    made = _post(client, url, {"kind": "renewal", "filed_on": "2026-11-15"}, auth)
    assert made.status_code == 201, made.content
    assert client.get(url, **auth).json()[0]["id"] == made.json()["id"]
    assert _fields(_post(client, url, {"kind": "renewal", "filed_on": "2026-02-30"}, auth)) == {"filed_on"}
    assert client.get(url, **_auth(world.cm_b)).status_code == 404


def test_intakes_are_recorded_and_listed_in_the_office(world, client):
    auth = _auth(world.cm_a)
    body = {
        "received_on": "2026-04-01",
        "route": "phone",
        "requester_name": "山田 一郎",
        "requester_relation": "長男",
        "subject_name": "山田 ハル",
        "main_complaint": "退院後の生活が心配",
    }
    made = _post(client, "/api/v1/intakes", body, auth)
    assert made.status_code == 201, made.content
    assert [row["id"] for row in client.get("/api/v1/intakes", **auth).json()] == [made.json()["id"]]
    assert client.get("/api/v1/intakes", **_auth(world.cm_b)).json() == []  # the other office sees none
    assert _post(client, "/api/v1/intakes", body, _auth(world.clerk_a)).status_code == 403
    assert _fields(_post(client, "/api/v1/intakes", {**body, "requester_name": ""}, auth)) == {"requester_name"}


def test_a_task_is_completed_once(world, client, client_a):
    task = task_create(actor=world.cm_a, client=client_a, assignee=world.cm_a, title="再アセスメント")
    auth = _auth(world.cm_a)
    assert [row["id"] for row in client.get("/api/v1/tasks", **auth).json()] == [task.pk]
    done = client.post(f"/api/v1/tasks/{task.pk}/done", **auth)
    assert done.status_code == 200 and done.json()["done_on"] == f"{timezone.localdate():%Y-%m-%d}"
    assert client.get("/api/v1/tasks", **auth).json() == []
    assert client.post(f"/api/v1/tasks/{task.pk}/done", **_auth(world.cm_b)).status_code == 404
    assert client.post("/api/v1/tasks/0/done", **auth).status_code == 404


def test_weekly_entries_of_a_draft(world, client, client_a):
    plan = _plan(world, client_a)
    auth = _auth(world.cm_a)
    url = f"/api/v1/careplans/{plan.pk}/weekly"
    made = _post(client, url, {"weekday": 3, "start_time": "09:00", "end_time": "09:30", "label": "訪問介護"}, auth)
    assert made.status_code == 201, made.content
    assert {row["label"] for row in client.get(url, **auth).json()} == {"通所介護", "訪問介護"}
    # 第3表: a block ends after it starts (careplans.services.weekly_entry_add)
    backwards = _post(client, url, {"weekday": 3, "start_time": "10:00", "end_time": "09:00", "label": "x"}, auth)
    assert _fields(backwards) == {"end_time"}
    assert _fields(
        _post(client, url, {"weekday": 7, "start_time": "10:00", "end_time": "11:00", "label": "x"}, auth)
    ) == {"weekday"}
    offset = {"weekday": 1, "start_time": "10:00+09:00", "end_time": "11:00", "label": "x"}
    assert _fields(_post(client, url, offset, auth)) == {"start_time"}
    assert client.delete(f"{url}/{made.json()['id']}", **auth).status_code == 204
    assert client.get(url, **_auth(world.cm_b)).status_code == 404


def test_an_agreed_plan_keeps_its_weekly_entries_and_shows_its_diff_and_pdfs(world, client, client_a):
    plan = _plan(world, client_a, agreed=True)
    auth = _auth(world.cm_a)
    locked = _post(
        client,
        f"/api/v1/careplans/{plan.pk}/weekly",
        {"weekday": 3, "start_time": "09:00", "end_time": "09:30", "label": "訪問介護"},
        auth,
    )
    assert locked.status_code == 422
    assert client.get(f"/api/v1/careplans/{plan.pk}/diff", **auth).json() == []  # the first version
    revised = _post(client, f"/api/v1/careplans/{plan.pk}/revise", {"drafted_on": "2026-05-01"}, auth).json()
    diff = client.get(f"/api/v1/careplans/{revised['id']}/diff", **auth).json()
    assert diff and {row["mark"] for row in diff} <= {" ", "-", "+"}
    conference = plan.conferences.get()
    pdf = client.get(f"/api/v1/careplans/conferences/{conference.pk}/pdf", **auth)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(f"/api/v1/careplans/conferences/{conference.pk}/pdf", **_auth(world.cm_b)).status_code == 404
    notes = client.get(f"/api/v1/clients/{client_a.pk}/progress-notes/pdf", **auth)
    assert notes.status_code == 200 and notes.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(client_id=client_a.pk, event_type="view").exists()
    assert client.get(f"/api/v1/clients/{client_a.pk}/progress-notes/pdf", **_auth(world.cm_b)).status_code == 404


def test_the_pdfs_are_documented_as_pdf(client):
    spec = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/careplans/conferences/{conference_id}/pdf", "/api/v1/careplans/{plan_id}/pdf"):
        answer = spec["paths"][path]["get"]["responses"]["200"]
        assert "application/pdf" in answer["content"]
        assert "X-CareBridge-Missing-Glyphs" in answer["headers"]


def test_a_bad_month_or_date_names_its_field_in_japanese(world, client, client_a):
    url = f"/api/v1/clients/{client_a.pk}/consents"
    body = {"scope": "x", "recipient_kind": "provider", "recipient": "y", "agreed_on": "2026-13-01"}
    response = _post(client, url, body, _auth(world.cm_a))
    assert _fields(response) == {"agreed_on"}
    assert response.json()["detail"][0]["code"] == core_messages.FIELD_DATE.code


def test_a_form_post_to_the_api_is_400_not_500(world, client, client_a):
    """A form body (curl -F, or no content type): the API reads JSON only; the middleware that
    checks form values for NUL must not consume the body first (core/middleware.py)."""
    response = client.post(f"/api/v1/clients/{client_a.pk}/consents", {"scope": "x"}, **_auth(world.cm_a))
    assert response.status_code == 400 and response.json()["code"] == core_messages.BODY_UNREADABLE.code


def test_a_date_or_time_is_text_not_a_number(world, client, client_a):
    """pydantic would read 0 (or "0" in a query) as Unix seconds; the OpenAPI promises YYYY-MM-DD
    and HH:MM (core/schemas.py), and schemathesis' negative data found the gap."""
    auth = _auth(world.cm_a)
    body = {"scope": "x", "recipient_kind": "provider", "recipient": "y", "agreed_on": 0}
    assert _fields(_post(client, f"/api/v1/clients/{client_a.pk}/consents", body, auth)) == {"agreed_on"}
    assert _fields(client.get("/api/v1/audit?date_to=0", **_auth(world.admin_a))) == {"date_to"}
    plan = _plan(world, client_a)
    entry = {"weekday": 1, "start_time": 36000, "end_time": "11:00", "label": "x"}
    assert _fields(_post(client, f"/api/v1/careplans/{plan.pk}/weekly", entry, auth)) == {"start_time"}
    stale = {"phone": "03-1111-2222", "updated_at": 0}
    response = client.patch(
        f"/api/v1/clients/{client_a.pk}", json.dumps(stale), content_type="application/json", **auth
    )
    assert _fields(response) == {"updated_at"}
