"""The audit trail: one event per service write with old/new values; view events; append-only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from carebridge.clients import services
from carebridge.clients.inputs import ApplicationInput, CertificationInput, ClientInput, ConsentInput, ContactInput
from carebridge.core import messages
from carebridge.core.inputs import input_from
from carebridge.core.models import AuditEvent
from carebridge.directory import services as directory_services
from carebridge.directory.inputs import ProviderInput

from ..factories import CertificationFactory, ContactFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def events():
    return list(AuditEvent.objects.order_by("id"))


def test_client_create_writes_one_event_with_new_values(world):
    before = AuditEvent.objects.count()
    client = services.client_create(
        actor=world.cm_a,
        data=ClientInput(
            name="佐藤 キヨ",
            kana="さとう きよ",
            birth_date=dt.date(1938, 5, 3),
            sex="female",
            insurer_number="131128",
            insured_number="0000012345",
        ),
    )
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert (event.event_type, event.subject_type, event.subject_id) == (
        "create",
        "clients.client",
        str(client.pk),
    )
    assert event.actor == world.cm_a
    assert event.office_id == world.office_a.pk
    assert event.client_id == client.pk  # the audit viewer's client filter finds the creation too
    assert event.changes["name"] == {"old": None, "new": "佐藤 キヨ"}
    assert event.changes["kana"] == {"old": None, "new": "サトウ\u3000キヨ"}
    assert event.changes["birth_date"] == {"old": None, "new": "1938-05-03"}


def test_client_update_records_old_and_new_of_changed_fields_only(world, client_a):
    before = AuditEvent.objects.count()
    services.client_update(
        actor=world.cm_a,
        client=client_a,
        data=input_from(ClientInput, {"address": "東京都世田谷区1-2-3", "name": client_a.name}, base=client_a),
    )
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert event.event_type == "update"
    assert event.client_id == client_a.pk
    assert event.changes == {"address": {"old": "", "new": "東京都世田谷区1-2-3"}}


def test_update_without_change_writes_nothing(world, client_a):
    before = AuditEvent.objects.count()
    services.client_update(
        actor=world.cm_a, client=client_a, data=input_from(ClientInput, {"name": client_a.name}, base=client_a)
    )
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("make", "call"),
    [
        (
            lambda w, c: None,
            lambda w, c, o: services.contact_create(
                actor=w.cm_a, client=c, data=ContactInput(name="山田 一郎", relationship="長男")
            ),
        ),
        (
            lambda w, c: ContactFactory(client=c),
            lambda w, c, o: services.contact_update(
                actor=w.cm_a, contact=o, data=input_from(ContactInput, {"phone": "03-1111-2222"}, base=o)
            ),
        ),
        (
            lambda w, c: None,
            lambda w, c, o: services.certification_create(
                actor=w.cm_a,
                client=c,
                status="applied",
                data=CertificationInput(valid_from=dt.date(2026, 4, 1), valid_to=dt.date(2026, 9, 30)),
            ),
        ),
        (
            lambda w, c: CertificationFactory(client=c),
            lambda w, c, o: services.certification_update(
                actor=w.cm_a, certification=o, data=input_from(CertificationInput, {"copay_rate": 20}, base=o)
            ),
        ),
        (
            lambda w, c: None,
            lambda w, c, o: services.certification_application_create(
                actor=w.cm_a, client=c, data=ApplicationInput(kind="new", filed_on=dt.date(2026, 4, 1))
            ),
        ),
        (
            lambda w, c: None,
            lambda w, c, o: services.consent_create(
                actor=w.cm_a,
                client=c,
                data=ConsentInput(
                    scope="基本情報", recipient_kind="provider", recipient="A", agreed_on=dt.date(2026, 4, 1)
                ),
            ),
        ),
        (
            lambda w, c: None,
            lambda w, c, o: directory_services.provider_create(
                actor=w.clerk_a,
                data=ProviderInput(
                    name="訪問看護ステーションいずみ", provider_number="1371201011", service_type_codes=["13"]
                ),
            ),
        ),
        (
            lambda w, c: ProviderFactory(office=w.office_a),
            lambda w, c, o: directory_services.provider_update(
                actor=w.clerk_a, provider=o, data=input_from(ProviderInput, {"fax": "03-9999-0000"}, base=o)
            ),
        ),
    ],
    ids=[
        "contact_create",
        "contact_update",
        "cert_create",
        "cert_update",
        "application_create",
        "consent_create",
        "provider_create",
        "provider_update",
    ],
)
def test_each_service_write_creates_exactly_one_event_with_old_and_new(world, client_a, make, call):
    obj = make(world, client_a)
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    result = call(world, client_a, obj)
    written = list(AuditEvent.objects.filter(id__gt=last).order_by("id"))
    own = [e for e in written if e.subject_type == result._meta.label_lower]
    assert len(own) == 1
    # The only other event a write may bring is the 第5表 entry it adds (issue 9 item 19, ADR 0006).
    assert {e.subject_type for e in written} <= {result._meta.label_lower, "casework.progressnote"}
    (event,) = own
    assert event.subject_id == str(result.pk)
    assert event.changes, "changes must list the fields with old and new values"
    assert all(set(change) == {"old", "new"} for change in event.changes.values())
    if obj is not None:
        assert event.event_type == "update"
        assert all(change["old"] != change["new"] for change in event.changes.values())


def test_failed_write_leaves_no_event_and_no_row(world, client_a):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        services.contact_create(actor=world.cm_a, client=client_a, data=ContactInput(name="", relationship="長男"))
    assert AuditEvent.objects.count() == before
    assert client_a.contacts.count() == 0


def test_viewing_a_client_page_writes_a_view_event(world, client_a, client):
    client.force_login(world.cm_a)
    before = AuditEvent.objects.filter(event_type="view").count()
    response = client.get(f"/clients/{client_a.pk}/")
    assert response.status_code == 200
    views = AuditEvent.objects.filter(event_type="view")
    assert views.count() == before + 1
    event = views.latest("id")
    assert (event.actor, event.client_id, event.subject_type) == (world.cm_a, client_a.pk, "clients.client")
    assert event.request_id == response["X-Request-ID"]
    assert event.ip_address == "127.0.0.1"


def test_model_refuses_to_resave_an_event(world, client_a):
    services.client_viewed(actor=world.cm_a, client=client_a)
    event = AuditEvent.objects.latest("id")
    event.event_type = "update"
    with pytest.raises(ValidationError) as exc:
        event.save()
    assert exc.value.messages == [messages.AUDIT_APPEND_ONLY]


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditevent SET event_type = 'update' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ],
    ids=["update", "delete"],
)
def test_database_trigger_refuses_update_and_delete(world, client_a, sql):
    """On SQLite a trigger refuses UPDATE and DELETE of audit rows; on PostgreSQL the application
    role has no UPDATE or DELETE privilege on the table, and the owner meets the same trigger
    (tests/core/test_db_roles.py)."""
    services.client_viewed(actor=world.cm_a, client=client_a)
    event_id = AuditEvent.objects.latest("id").pk
    refused = "append-only" if connection.vendor == "sqlite" else "permission denied for table core_auditevent"
    with (
        pytest.raises(DatabaseError, match=refused),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event_id])
    assert AuditEvent.objects.get(pk=event_id).event_type == "view"
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event_id).delete()
    assert AuditEvent.objects.filter(pk=event_id).exists()


def test_opening_the_edit_form_is_a_view_of_the_record(world, client_a, client):
    client.force_login(world.cm_a)
    before = AuditEvent.objects.filter(event_type="view", client_id=client_a.pk).count()
    assert client.get(f"/clients/{client_a.pk}/edit/").status_code == 200
    assert AuditEvent.objects.filter(event_type="view", client_id=client_a.pk).count() == before + 1


@pytest.mark.parametrize(("proxies", "expected"), [(0, "10.0.0.9"), (1, "203.0.113.7"), (2, "198.51.100.1")])
def test_client_ip_behind_trusted_proxies(settings, rf, proxies, expected):
    from carebridge.core.middleware import client_ip

    settings.CAREBRIDGE_PROXY_COUNT = proxies
    request = rf.get("/", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7", REMOTE_ADDR="10.0.0.9")
    assert client_ip(request) == expected
