"""Office administration through the API (docs/api-coverage.md): the office's data read and edited
through core.services.office_update (stale edits refused, fields named), the staff list, a
deactivation that revokes the account's tokens, and the verification of the office's own audit
chain (an altered event found, as `carebridge audit verify` finds it)."""

from __future__ import annotations

import json

import pytest
from django.db import transaction

from carebridge.core import messages
from carebridge.core.audit import audit_record
from carebridge.core.models import ApiToken, AuditEvent
from carebridge.core.services import api_token_create

from ..factories import ClientFactory
from .test_audit_verify import owner, tamper  # noqa: F401 - `owner` is a fixture


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=user)}"}


def _patch(browser, url, body, auth):
    return browser.patch(url, json.dumps(body), content_type="application/json", **auth)


@pytest.mark.django_db
def test_the_office_is_read_and_edited_and_a_stale_edit_is_refused(client, world):
    auth = _auth(world.admin_a)
    read = client.get("/api/v1/office", **auth).json()
    assert read["office_number"] == world.office_a.office_number and read["id"] == world.office_a.pk
    edited = _patch(client, "/api/v1/office", {"phone": "03-1234-5678", "updated_at": read["updated_at"]}, auth)
    assert edited.status_code == 200 and edited.json()["phone"] == "03-1234-5678"
    stale = _patch(client, "/api/v1/office", {"phone": "03-0000-0000", "updated_at": read["updated_at"]}, auth)
    assert stale.status_code == 409 and stale.json()["code"] == messages.STALE_WRITE.code
    empty = _patch(client, "/api/v1/office", {"name": ""}, auth)
    assert empty.status_code == 422 and empty.json()["detail"][0]["loc"][-1] == "name"
    assert client.get("/api/v1/office", **auth).json()["phone"] == "03-1234-5678"


@pytest.mark.django_db
def test_staff_listed_and_a_deactivation_revokes_tokens_but_not_oneself(client, world):
    auth = _auth(world.admin_a)
    token = api_token_create(actor=None, user=world.cm_a)
    staff = client.get("/api/v1/office/staff", **auth).json()
    assert {s["username"] for s in staff} >= {"admin_a", "cm_a1", "clerk_a"}
    assert all(s["username"] != "cm_b1" for s in staff)  # another office's account is not listed
    done = client.post(f"/api/v1/office/staff/{world.cm_a.pk}/deactivate", **auth)
    assert done.status_code == 200 and done.json()["is_active"] is False
    assert ApiToken.objects.get(user=world.cm_a).revoked_at is not None
    assert client.get("/api/v1/clients", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    own = client.post(f"/api/v1/office/staff/{world.admin_a.pk}/deactivate", **auth)
    assert own.status_code == 422 and own.json()["detail"][0]["code"] == messages.STAFF_DEACTIVATE_SELF.code


def test_the_office_chain_verifies_and_an_altered_event_is_found(owner, db, client, world):  # noqa: F811
    for name in ("一", "二", "三"):
        client_row = ClientFactory(office=world.office_a, care_manager=world.cm_a, name=f"検証 {name}")
        audit_record(
            actor=world.cm_a, office_id=world.office_a.pk, subject=client_row, event_type="update", changes={"x": 1}
        )
    auth = _auth(world.admin_a)
    report = client.get("/api/v1/audit/verify", **auth).json()
    chain = AuditEvent.objects.filter(office=world.office_a).order_by("id")
    assert report["ok"] is True and report["broken"] is None
    assert report["last_hash"] == chain.last().hash
    assert report["count"] == chain.count() >= 3
    middle = list(chain.values_list("id", flat=True))[1]
    update = "UPDATE core_auditevent SET action = %s WHERE id = %s"
    with transaction.atomic():
        tamper(update, ["client.改ざん", middle])
        broken = client.get("/api/v1/audit/verify", **auth).json()
        transaction.set_rollback(True)
    assert broken["ok"] is False
    assert (broken["broken"]["event_id"], broken["broken"]["reason"]) == (middle, "hash")
