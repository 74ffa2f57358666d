"""The clerk's, the workplace care manager's and the admin's pieces the pages had and the API
lacked (docs/api-coverage.md): the office's month of slips and the billing PDFs (第6表 利用票・
提供票, 第7表, 集中減算), a consultation's start and close, the support map and company report
PDFs, and the audit trail. Each: it works, the gate holds, bad input is a 422 naming the field."""

from __future__ import annotations

import json

import pytest

from carebridge.core.models import AuditEvent
from carebridge.core.services import api_token_create
from tests.billing.slip_helpers import may_slip, planned_client
from tests.workcare.factories import ConsultationFactory, EmployeeFactory

pytestmark = pytest.mark.django_db


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=user)}"}


def _post(browser, url, body, auth):
    return browser.post(url, json.dumps(body), content_type="application/json", **auth)


def _fields(response) -> set[str]:
    assert response.status_code == 422, response.content[:400]
    return {str(item["loc"][-1]) for item in response.json()["detail"]}


def _is_pdf(response) -> bool:
    return (
        response.status_code == 200
        and response["Content-Type"] == "application/pdf"
        and response.content[:4] == b"%PDF"
    )


def test_the_office_month_and_the_billing_pdfs(world, client):
    patient, _plan, _providers = planned_client(world)
    auth = _auth(world.clerk_a)
    month = client.get("/api/v1/billing/months/2026-05/slips", **auth).json()
    assert [(row["client_id"], row["slip"]) for row in month] == [(patient.pk, None)]  # no slip yet
    slip = may_slip(world, patient)
    row = client.get("/api/v1/billing/months/2026-05/slips", **auth).json()[0]
    assert row["slip"]["id"] == slip.pk and row["consented"] is False
    assert _fields(client.get("/api/v1/billing/months/2026-5/slips", **auth)) == {"month"}
    assert _is_pdf(client.get(f"/api/v1/billing/slips/{slip.pk}/pdf", **auth))
    assert _is_pdf(client.get(f"/api/v1/billing/slips/{slip.pk}/pdf/providers/0", **auth))
    assert client.get(f"/api/v1/billing/slips/{slip.pk}/pdf/providers/99", **auth).status_code == 404
    assert _is_pdf(client.get(f"/api/v1/billing/clients/{patient.pk}/slips/2026-05/annex/pdf", **auth))
    assert client.get(f"/api/v1/billing/clients/{patient.pk}/slips/2026-13/annex/pdf", **auth).status_code == 422
    assert _is_pdf(client.get("/api/v1/billing/concentration/2026H1/pdf", **auth))
    assert _fields(client.get("/api/v1/billing/concentration/2026X/pdf", **auth)) == {"period"}
    assert AuditEvent.objects.filter(client_id=patient.pk, event_type="view").exists()


def test_the_billing_pdfs_are_gated(world, client):
    patient, _plan, _providers = planned_client(world)
    slip = may_slip(world, patient)
    other = _auth(world.cm_b)
    assert client.get(f"/api/v1/billing/slips/{slip.pk}/pdf", **other).status_code == 404
    assert client.get(f"/api/v1/billing/clients/{patient.pk}/slips/2026-05/annex/pdf", **other).status_code == 404
    assert client.get("/api/v1/billing/months/2026-05/slips", **other).json() == []
    hr = _auth(world.hr)
    assert client.get("/api/v1/billing/months/2026-05/slips", **hr).status_code == 403
    assert client.get("/api/v1/billing/concentration/2026H1/pdf", **hr).status_code == 403


def test_a_consultation_is_started_and_closed(world, client):
    consultation = ConsultationFactory(employee=EmployeeFactory(company=world.company))
    auth = _auth(world.wcm_a)
    base = f"/api/v1/workcare/consultations/{consultation.pk}"
    # not before it was requested (workcare.services.consultations.consultation_start)
    assert _fields(_post(client, f"{base}/start", {"held_on": "2026-11-01"}, auth)) == {"held_on"}
    started = _post(client, f"{base}/start", {"held_on": "2026-11-03"}, auth)
    assert started.status_code == 200 and started.json()["status"] == "in_progress", started.content
    assert _post(client, f"{base}/start", {}, auth).status_code == 422  # already in progress
    closed = _post(client, f"{base}/close", {}, auth)
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert _fields(_post(client, f"{base}/close", {"closed_on": "2026-02-30"}, auth)) == {"closed_on"}
    assert _post(client, f"{base}/close", {}, _auth(world.cm_a)).status_code in {403, 404}
    assert _post(client, f"{base}/close", {}, _auth(world.hr)).status_code in {403, 404}


def test_the_support_map_and_the_company_report_as_pdf(world, client):
    consultation = ConsultationFactory(employee=EmployeeFactory(company=world.company))
    auth = _auth(world.wcm_a)
    assert _is_pdf(client.get(f"/api/v1/workcare/consultations/{consultation.pk}/map/pdf", **auth))
    assert _is_pdf(client.get(f"/api/v1/workcare/companies/{world.company.pk}/report/pdf", **auth))
    assert _is_pdf(client.get(f"/api/v1/workcare/companies/{world.company.pk}/report/pdf", **_auth(world.hr)))
    # another company's HR and an employee see no report (aggregates are the company's own)
    assert (
        client.get(f"/api/v1/workcare/companies/{world.company.pk}/report/pdf", **_auth(world.hr_b)).status_code == 404
    )
    assert client.get(f"/api/v1/workcare/consultations/{consultation.pk}/map/pdf", **_auth(world.cm_b)).status_code in {
        403,
        404,
    }


def test_the_audit_trail_for_the_admin_only(world, client, client_a):
    client.get(f"/api/v1/clients/{client_a.pk}", **_auth(world.cm_a))
    auth = _auth(world.admin_a)
    body = client.get(f"/api/v1/audit?client_id={client_a.pk}", **auth).json()
    assert body["count"] >= 1 and all(item["client_id"] in {client_a.pk, None} for item in body["items"])
    assert client.get("/api/v1/audit", **_auth(world.cm_a)).status_code == 403
    other = client.get("/api/v1/audit", **_auth(world.admin_b)).json()
    assert all(item["client_id"] != client_a.pk for item in other["items"])  # office B sees only its own
    assert _fields(client.get("/api/v1/audit?date_from=2026-13-01", **auth)) == {"date_from"}
    assert _fields(client.get("/api/v1/audit?event_type=nope", **auth)) == {"event_type"}
    # reading the trail is itself recorded (MHLW guideline: access logs)
    assert AuditEvent.objects.filter(actor=world.admin_a, subject_type__icontains="auditevent").exists()
