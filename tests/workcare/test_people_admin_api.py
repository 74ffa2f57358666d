"""The roster's administration through the API: the CSV import previews first (nothing written,
the file's digest returned), applies only the previewed file, refuses a bad row naming line and
column; an invitation's link is answered once, never cached; a deactivated employee keeps the row."""

from __future__ import annotations

import base64
import json

import pytest

from carebridge.core.services import api_token_create
from carebridge.workcare import messages
from carebridge.workcare.models import Employee
from carebridge.workcare.roster_import import HEADER

from .factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def _post(client, url, body, user):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=user)}"}
    return client.post(url, json.dumps(body), content_type="application/json", **auth)


def test_the_roster_import_previews_then_applies_the_same_file(client, world):
    url = f"/api/v1/workcare/companies/{world.company.pk}/employees/import"
    good = f"{HEADER}\nC001,取込 次郎,総務部,1970-01-02,5,8,2000-04-01,,\n".encode()
    other = f"{HEADER}\nC002,取込 三郎,総務部,1970-01-02,5,8,2000-04-01,,\n".encode()
    content = base64.b64encode(good).decode()
    preview = _post(client, url, {"content_base64": content}, world.hr).json()
    assert preview["applied"] is False and preview["created"] == 1 and len(preview["digest"]) == 64
    assert not Employee.objects.filter(employee_number="C001").exists()
    wrong = {"content_base64": base64.b64encode(other).decode(), "dry_run": False, "digest": preview["digest"]}
    mismatch = _post(client, url, wrong, world.hr)
    assert mismatch.status_code == 422 and mismatch.json()["detail"][0]["code"] == messages.ROSTER_DIGEST_MISMATCH.code
    applied = _post(client, url, {"content_base64": content, "dry_run": False, "digest": preview["digest"]}, world.hr)
    assert applied.json()["applied"] is True
    assert Employee.objects.get(employee_number="C001").name == "取込 次郎"
    bad = f"{HEADER}\nC003,取込 四郎,総務部,1970-02-30,5,8,2000-04-01,,\n".encode()
    refused = _post(client, url, {"content_base64": base64.b64encode(bad).decode(), "dry_run": False}, world.hr)
    assert refused.status_code == 422
    (entry,) = refused.json()["detail"]
    assert entry["loc"][-1] == "content_base64" and entry["msg"].startswith("2行目")
    assert not Employee.objects.filter(employee_number="C003").exists()


def test_an_invitation_is_answered_once_and_a_deactivation_keeps_the_row(client, world):
    person = EmployeeFactory(company=world.company, email="jiro@example.com")
    invited = _post(client, f"/api/v1/workcare/employees/{person.pk}/invite", {}, world.wcm_a)
    assert invited.status_code == 201 and invited["Cache-Control"] == "no-store"
    assert "/workcare/invite/" in invited.json()["url"]
    done = _post(client, f"/api/v1/workcare/employees/{person.pk}/deactivate", {}, world.hr)
    assert done.status_code == 200 and done.json()["is_active"] is False
    assert Employee.objects.filter(pk=person.pk).exists()
    again = _post(client, f"/api/v1/workcare/employees/{person.pk}/invite", {}, world.wcm_a)
    assert again.status_code == 422 and again.json()["detail"][0]["code"] == messages.EMPLOYEE_INACTIVE.code
