"""The audit trail's hash chain: each event is linked to the previous event of its office, the
canonical form is the same whatever the database or a backup round trip, and `carebridge audit
verify` finds an altered or a removed event (and says which)."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from collections.abc import Iterator

import pytest
from django.core import serializers

from carebridge.clients import services as client_services
from carebridge.core.audit import chained_fields
from carebridge.core.audit_chain import (
    GENESIS,
    ChainedFields,
    StoredEvent,
    canonical,
    event_hash,
    utc_millis,
    verify_chain,
)
from carebridge.core.models import AuditEvent

from ..factories import ClientFactory

pytestmark = pytest.mark.django_db

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def fields(**overrides: object) -> ChainedFields:
    values: dict[str, object] = {
        "created_at": dt.datetime(2026, 12, 2, 14, 41, 20, 123456, tzinfo=TOKYO),
        "actor_id": 3,
        "office_id": 1,
        "subject_type": "clients.client",
        "subject_id": "7",
        "client_id": 7,
        "event_type": "update",
        "action": "client.updated",
        "changes": {"name": {"old": "山田 ハル", "new": "山田 はる"}, "care_level": {"old": 1, "new": 2.5}},
        "request_id": "0123456789abcdef0123456789abcdef",
        "client_request_id": "",
        "ip_address": "127.0.0.1",
    }
    values.update(overrides)
    return ChainedFields(**values)  # type: ignore[arg-type]


# -- the canonical form (pure) -----------------------------------------------------------------


def test_canonical_form_is_compact_sorted_utf8_json_in_utc_to_the_millisecond():
    text = canonical(fields(), GENESIS).decode("utf-8")
    document = json.loads(text)
    assert list(document) == sorted(document)
    assert document["created_at"] == "2026-12-02T05:41:20.123Z"
    assert "山田 ハル" in text and ", " not in text and ": " not in text
    assert document["prev_hash"] == GENESIS
    assert list(document["changes"]) == ["care_level", "name"]


def test_the_hash_does_not_depend_on_how_a_database_hands_the_values_back():
    base = event_hash(fields(), GENESIS)
    same_moment_in_utc = fields(created_at=dt.datetime(2026, 12, 2, 5, 41, 20, 123999, tzinfo=dt.UTC))
    assert event_hash(same_moment_in_utc, GENESIS) == base
    reordered = fields(changes={"care_level": {"new": 2.5, "old": 1}, "name": {"new": "山田 はる", "old": "山田 ハル"}})
    assert event_hash(reordered, GENESIS) == base
    ipv6 = event_hash(fields(ip_address="::ffff:1.2.3.4"), GENESIS)
    assert event_hash(fields(ip_address="::FFFF:102:304"), GENESIS) == ipv6


@pytest.mark.parametrize(
    "change",
    [
        {"created_at": dt.datetime(2026, 12, 2, 14, 41, 20, 124000, tzinfo=TOKYO)},
        {"actor_id": 4},
        {"actor_id": None},
        {"office_id": 2},
        {"subject_type": "clients.contact"},
        {"subject_id": "8"},
        {"client_id": None},
        {"event_type": "view"},
        {"action": "client.status_changed"},
        {"changes": {"name": {"old": "山田 ハル", "new": "山田 はる"}}},
        {"changes": {"name": {"old": "山田 ハル", "new": "山田 はる"}, "care_level": {"old": 1, "new": 2.4}}},
        {"request_id": "f" * 32},
        {"client_request_id": "abc"},
        {"ip_address": "127.0.0.2"},
        {"ip_address": None},
    ],
)
def test_every_stored_value_is_covered_by_the_hash(change):
    assert event_hash(fields(**change), GENESIS) != event_hash(fields(), GENESIS)


def test_the_hash_covers_the_previous_hash_and_naive_times_are_refused():
    assert event_hash(fields(), GENESIS) != event_hash(fields(), "1" * 64)
    with pytest.raises(ValueError, match="aware"):
        utc_millis(dt.datetime(2026, 12, 2, 14, 41, 20))


# -- written by the write door ------------------------------------------------------------------


def stored(events: object) -> Iterator[StoredEvent]:
    for event in events:  # type: ignore[attr-defined]
        yield StoredEvent(id=event.pk, fields=chained_fields(event), prev_hash=event.prev_hash, hash=event.hash)


def test_each_event_links_to_the_previous_event_of_its_office(world, client_a):
    client_b = ClientFactory(office=world.office_b, care_manager=world.cm_b)
    client_services.client_viewed(actor=world.cm_a, client=client_a)
    client_services.client_viewed(actor=world.cm_b, client=client_b)
    client_services.client_status_change(actor=world.cm_a, client=client_a, status="ended")
    a1, a2 = AuditEvent.objects.filter(office=world.office_a).order_by("id")
    (b1,) = AuditEvent.objects.filter(office=world.office_b)
    assert a1.prev_hash == GENESIS and b1.prev_hash == GENESIS
    assert a2.prev_hash == a1.hash
    for event in (a1, a2, b1):
        assert len(event.hash) == 64
        assert event.hash == event_hash(chained_fields(event), event.prev_hash)
    report = verify_chain(world.office_a.pk, stored(AuditEvent.objects.filter(office=world.office_a).order_by("id")))
    assert (report.count, report.last_hash, report.broken) == (2, a2.hash, None)


def test_events_restored_from_a_dumpdata_backup_still_verify(world, client_a):
    """Django's JSON serializer keeps milliseconds and a JSON copy of `changes`: the chain holds."""
    client_services.client_viewed(actor=world.cm_a, client=client_a)
    client_services.client_status_change(actor=world.cm_a, client=client_a, status="ended")
    events = AuditEvent.objects.filter(office=world.office_a).order_by("id")
    dump = serializers.serialize("json", events)
    restored = [item.object for item in serializers.deserialize("json", dump)]
    assert [e.pk for e in restored] == [e.pk for e in events]
    report = verify_chain(world.office_a.pk, stored(restored))
    assert report.broken is None and report.count == 2
    assert report.last_hash == events.last().hash  # type: ignore[union-attr]
