"""The whole-office archive through the API (issue 11 item 7, docs/office-archive.md): the
管理者's own office as the same zip as `carebridge export office`, with its hash, audited."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest

from carebridge.core.models import AuditEvent
from carebridge.core.services import api_token_create

from ..factories import ClientFactory

pytestmark = pytest.mark.django_db


def test_the_archive_holds_the_office_records_and_its_hash(client, world):
    ClientFactory(office=world.office_a, care_manager=world.cm_a, name="持出 花子")
    ClientFactory(office=world.office_b, care_manager=world.cm_b, name="別所 太郎")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=world.admin_a)}"}
    response = client.post("/api/v1/interop/office-archive?documents=false", **auth)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["X-CareBridge-Archive-SHA256"] == hashlib.sha256(response.content).hexdigest()
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
        text = b"".join(archive.read(n) for n in names).decode("utf-8", errors="replace")
    assert not [n for n in names if n.endswith(".pdf")]  # documents=false: the records only
    assert "持出 花子" in text and "別所 太郎" not in text
    assert manifest["office_number"] == world.office_a.office_number
    assert AuditEvent.objects.filter(office=world.office_a, action="office.exported", actor=world.admin_a).exists()
