"""A damaged archive changes nothing and names the problem (docs/office-archive.md, "Import"):
bad JSON, a missing member, another schema_version, a changed member, a bad value, a dangling key."""

from __future__ import annotations

import hashlib
import json

import pytest

from carebridge.clients.models import Client
from carebridge.core.models import AuditEvent, Office
from carebridge.interop.office_services import ArchiveRefused, office_import

from .office_archive_helpers import demo_archive, manifest, members, rezip

pytestmark = pytest.mark.django_db
CLIENTS = "data/clients/client.json"


@pytest.fixture(scope="module")
def archive(django_db_setup: None, django_db_blocker) -> bytes:
    with django_db_blocker.unblock():
        return demo_archive()


def _refused(data: bytes) -> ArchiveRefused:
    before = (Office.objects.count(), Client.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ArchiveRefused) as refused:
        office_import(actor=None, data=data)
    assert (Office.objects.count(), Client.objects.count(), AuditEvent.objects.count()) == before
    return refused.value


def _resealed(files: dict[str, bytes], member: str, body: bytes) -> bytes:
    """The archive with one member replaced and the manifest's SHA-256 of it updated."""
    files = dict(files)
    files[member] = body
    listed = manifest(files)
    for entry in listed["entities"]:
        if entry["member"] == member:
            entry["sha256"] = hashlib.sha256(body).hexdigest()
    files["manifest.json"] = json.dumps(listed).encode()
    return rezip(files)


def test_not_a_zip():
    assert "ZIP" in _refused(b"not a zip").rows[0].message


def test_bad_json_names_the_member(archive):
    error = _refused(_resealed(members(archive), CLIENTS, b"{not json")).rows[0]
    assert error.file == CLIENTS and "JSON" in error.message


def test_a_missing_member_is_named(archive):
    files = members(archive)
    del files[CLIENTS]
    error = _refused(rezip(files)).rows[0]
    assert error.file == CLIENTS and "ありません" in error.message


def test_another_schema_version_is_refused(archive):
    files = members(archive)
    listed = manifest(files)
    listed["schema_version"] = 99
    files["manifest.json"] = json.dumps(listed).encode()
    error = _refused(rezip(files)).rows[0]
    assert (error.file, error.column) == ("manifest.json", "schema_version") and "99" in error.message


def test_a_member_changed_after_export_is_refused(archive):
    files = members(archive)
    files[CLIENTS] = files[CLIENTS].replace("山田".encode(), "山口".encode(), 1)
    error = _refused(rezip(files)).rows[0]
    assert error.file == CLIENTS and "SHA-256" in error.message


def test_a_bad_value_names_the_record_and_field(archive):
    files = members(archive)
    payload = json.loads(files[CLIENTS])
    payload["records"][2]["birth_date"] = "1945-13-45"
    payload["records"][4]["sex"] = "unknown"
    errors = _refused(_resealed(files, CLIENTS, json.dumps(payload).encode())).rows
    assert [(e.file, e.line, e.column) for e in errors] == [(CLIENTS, 3, "birth_date"), (CLIENTS, 5, "sex")]


def test_a_dangling_reference_names_the_record(archive):
    files = members(archive)
    member = "data/careplans/careplan.json"
    payload = json.loads(files[member])
    payload["records"][0]["client"] = 99999
    error = _refused(_resealed(files, member, json.dumps(payload).encode())).rows[0]
    assert (error.file, error.line, error.column) == (member, 1, "client")


def test_an_older_archive_without_an_added_field_takes_its_default(archive):
    """docs/office-archive.md, Versions: a column added with a default needs no new schema_version."""
    files = members(archive)
    payload = json.loads(files[CLIENTS])
    for record in payload["records"]:
        del record["note"]  # as if `note` had been added after the archive was written
    imported = office_import(actor=None, data=_resealed(files, CLIENTS, json.dumps(payload).encode()))
    assert set(Client.objects.filter(office=imported.office).values_list("note", flat=True)) == {""}


def test_an_unknown_field_is_named(archive):
    files = members(archive)
    payload = json.loads(files[CLIENTS])
    payload["records"][1]["nickname"] = "x"
    error = _refused(_resealed(files, CLIENTS, json.dumps(payload).encode())).rows[0]
    assert (error.file, error.line, error.column) == (CLIENTS, 2, "nickname")
