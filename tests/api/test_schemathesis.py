"""schemathesis against the API's own OpenAPI document: no answer is a 5xx, every answer matches
what the document says (status, content type, body schema, headers), invalid data is refused,
an unauthenticated call is refused. Bounded in examples per operation.

Left out, on purpose: `positive_data_acceptance` ("schema-valid data must be accepted"). The
API's domain rules go past what a JSON schema can say — an insurer number's check digit, an end
date after its start, a care manager of the same office, a date within 1868-01-25..2100-12-31
(JSON Schema has no bounds for dates) — and refuse such data with a 422 naming the field, which
is the behaviour we want (tests/api/test_errors.py, tests/test_fuzz_inputs.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from carebridge.core.services import api_token_create

# The schema served by the app itself, called in-process (the test's own database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
schemathesis.checks.load_all_checks()
LEFT_OUT = {"positive_data_acceptance"}
CHECKS = [check for check in schemathesis.checks.CHECKS.get_all() if check.__name__ not in LEFT_OUT]


def test_every_check_but_the_one_left_out_runs() -> None:
    names = {check.__name__ for check in CHECKS}
    assert {"not_a_server_error", "response_schema_conformance", "negative_data_rejection"} <= names
    assert not names & LEFT_OUT


@pytest.fixture
def token(world, client_a):  # type: ignore[no-untyped-def]
    return api_token_create(actor=None, user=world.admin_a)


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """The WSGI handler closes the database connection at each request's start and end; within a
    test's transaction that closes the test's own connection (PostgreSQL). Django's test client
    unhooks the same signals for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_openapi_document(case, token):  # type: ignore[no-untyped-def]
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
