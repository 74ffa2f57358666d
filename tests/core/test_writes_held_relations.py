"""core/writes.validate skips the existence query of a foreign key whose row the instance holds
(read from the database by a gate or a selector), and still validates a key set by id."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carebridge.clients.models import Contact
from carebridge.core.writes import held_relations, validate
from tests.factories import ClientFactory


def _contact(**keys: object) -> Contact:
    return Contact(name="山田 花子", relationship="長女", **keys)


def test_a_held_row_is_not_queried_again(world) -> None:
    client = ClientFactory(office=world.office_a, care_manager=world.cm_a)
    contact = _contact(client=client, office=world.office_a)
    assert set(held_relations(contact)) == {"client", "office"}
    with CaptureQueriesContext(connection) as queries:
        validate(contact, None)
    table = client._meta.db_table
    assert not [q for q in queries.captured_queries if table in q["sql"]]


def test_a_key_set_by_id_is_still_validated(world) -> None:
    client = ClientFactory(office=world.office_a, care_manager=world.cm_a)
    assert held_relations(_contact(client_id=client.pk, office_id=world.office_a.pk)) == []
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError) as refused:
        validate(_contact(client_id=2**31 - 1, office=world.office_a), None)
    assert "client" in refused.value.message_dict
    assert [q for q in queries.captured_queries if client._meta.db_table in q["sql"]]


def test_an_unsaved_row_is_not_held(world) -> None:
    client = ClientFactory.build(office=world.office_a, care_manager=world.cm_a)
    client.pk = 2**31 - 1
    contact = _contact(client=client, office=world.office_a)
    assert held_relations(contact) == ["office"]
