"""Issue 11, acceptance: "Office export → import into an empty database → export again gives the
same archive content" (docs/office-archive.md). The entity JSON members are compared byte for byte,
and the manifest's counts and SHA-256 of them; the official files (CSV with a time stamp, PDFs
with today's date) are checked for presence only."""

from __future__ import annotations

import json

import pytest

from carebridge.core.models import AuditEvent, Office, User
from carebridge.interop.office_schema import SCHEMA_VERSION, entities
from carebridge.interop.office_services import office_export, office_import

from .office_archive_helpers import OFFICE_A, demo_archive, manifest, members

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def archive(django_db_setup: None, django_db_blocker) -> bytes:
    with django_db_blocker.unblock():
        return demo_archive()


def _entity_view(files: dict[str, bytes]) -> tuple[dict[str, bytes], list[tuple[str, int, str]]]:
    data = {name: body for name, body in files.items() if name.startswith("data/")}
    listed = [(e["member"], e["count"], e["sha256"]) for e in manifest(files)["entities"]]
    return data, listed


def test_export_import_export_gives_the_same_records(archive):
    assert not Office.objects.filter(office_number=OFFICE_A).exists()  # the demo was rolled back
    imported = office_import(actor=None, data=archive)
    again = office_export(actor=None, office=imported.office, documents=True)
    first, second = members(archive), members(again.data)
    assert _entity_view(first) == _entity_view(second)
    # the official files are there both times (names of the PDFs do not depend on ids or dates)
    pdfs = sorted(n for n in first if n.startswith("pdf/"))
    assert pdfs and pdfs == sorted(n for n in second if n.startswith("pdf/"))
    assert any(n.startswith("official/careplan-exchange/") for n in first)


def test_the_archive_carries_every_kind_the_demo_fills(archive):
    files = members(archive)
    counts = {e["model"]: e["count"] for e in manifest(files)["entities"]}
    # a closed month, its 給付管理票, and a send with its plans and clients (many-to-many) are carried
    for label in ("clients.Client", "careplans.CarePlan", "careplans.Goal", "billing.UsageSlip",
                  "billing.MonthClose", "interop.ExchangeSend", "workcare.Employee", "core.User"):  # fmt: skip
        assert counts[label] > 0, label
    # the 国保連 file of the closed month: its bytes in the record (base64) and as an official file
    assert counts["billing.FederationSend"] == 1 and counts["billing.BenefitStatement"] > 0
    assert [n for n in files if n.startswith("official/kokuhoren/")]
    sends = json.loads(files["data/interop/exchangesend.json"])["records"]
    assert all(s["plans"] and s["clients"] for s in sends)
    assert manifest(files)["schema_version"] == SCHEMA_VERSION
    assert [e["member"] for e in manifest(files)["entities"]][1:] == [f"data/{e.member}" for e in entities()]


def test_no_database_id_and_no_password_leaves(archive):
    files = members(archive)
    users = json.loads(files["data/core/user.json"])["records"]
    assert users and all("password" not in u and "id" not in u for u in users)
    clients = json.loads(files["data/clients/client.json"])["records"]
    assert [c["key"] for c in clients] == list(range(1, len(clients) + 1))
    assert all("id" not in c and "office" not in c for c in clients)


def test_imported_users_must_set_a_password_and_the_import_is_audited(archive):
    imported = office_import(actor=None, data=archive)
    users = User.objects.filter(office=imported.office)
    assert users.exists() and not any(u.has_usable_password() for u in users)
    events = AuditEvent.objects.filter(office=imported.office)
    assert list(events.values_list("action", flat=True)) == ["office.imported"]
    event = events.get()
    assert event.changes["counts"]["clients.Client"] == imported.counts["clients.Client"]
    assert len(event.changes["archive_sha256"]) == 64


def test_an_office_already_there_is_refused_naming_it(archive):
    from carebridge.interop.office_services import ArchiveRefused

    office_import(actor=None, data=archive)
    with pytest.raises(ArchiveRefused) as refused:
        office_import(actor=None, data=archive)
    first = refused.value.rows[0]
    assert (first.file, first.column) == ("data/core/office.json", "office_number")
    assert OFFICE_A in first.message
    assert Office.objects.filter(office_number=OFFICE_A).count() == 1


def test_the_import_runs_a_few_queries_per_table_not_per_record(archive, django_assert_max_num_queries):
    """Rows go in with bulk_create (docs/office-archive.md, Import): the queries follow the number
    of tables (and of goals whose long-term goal is in the same batch), not of records."""
    files = members(archive)
    records = sum(e["count"] for e in manifest(files)["entities"])
    goals = manifest(files)["entities"]
    goal_count = next(e["count"] for e in goals if e["model"] == "careplans.Goal")
    with django_assert_max_num_queries(4 * len(entities()) + goal_count + 20):
        office_import(actor=None, data=archive)
    assert records > 4 * len(entities()) + goal_count + 20
