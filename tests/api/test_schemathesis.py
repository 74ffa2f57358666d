"""schemathesis against the API's own OpenAPI document, with EVERY check it has: no answer is a
5xx, every answer matches what the document says (status, content type, body schema, headers),
invalid data is refused, an unauthenticated call is refused, and schema-valid data is accepted.

`positive_data_acceptance` runs with one status added to what it accepts: 422. The API's domain
rules go past what a JSON schema can say — an insurer number's check digit, an end date after
its start, a care manager of the same office, a date within 1868-01-25..2100-12-31 (JSON Schema
has no bounds for dates) — and refuse such data with a 422 naming the field, which is the
behaviour we want (tests/api/test_errors.py, tests/test_fuzz_inputs.py). So that 422 cannot
hide a schema refusal, `a_422_names_a_field` (added below) requires every 422 to carry
`{loc, msg, type, code}` entries with a Japanese message.

Bounded twice: SCHEMATHESIS_MAX_EXAMPLES examples per operation (default 10), and
SCHEMATHESIS_TIME_BUDGET seconds from the first operation on (default 300: the file runs once in
`make test`, on PostgreSQL when a server answers); an operation reached after the budget is spent is
skipped with a message saying so, so a slow run shows up as skips rather than as a hung CI.
SCHEMATHESIS_TIME_BUDGET=inf runs every operation whatever it takes."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.config._checks import POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES

from carebridge.core.services import api_token_create

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "10"))
TIME_BUDGET = float(os.environ.get("SCHEMATHESIS_TIME_BUDGET", "300"))
ACCEPTED = [*POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES, "422"]

config = SchemathesisConfig.from_dict({"checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}}})
# The schema served by the app itself, called in-process (the test's own database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application(), config=config)
schemathesis.checks.load_all_checks()


@schemathesis.check
def a_422_names_a_field(ctx: Any, response: Any, case: Any) -> bool | None:
    """A 422 is a refusal per field in Japanese (api.py's FieldErrors), never a bare status."""
    if response.status_code != 422:
        return None
    entries = response.json()["detail"]
    assert entries, "422 without entries"
    for entry in entries:
        assert {"loc", "msg", "type", "code"} <= entry.keys(), entry
        assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in entry["msg"]), entry
    return None


CHECKS = list(schemathesis.checks.CHECKS.get_all())
_clock: list[float] = []  # the first operation's start: collection (40 s and more) is not spent from the budget


def test_every_check_runs_and_422_counts_as_accepted_only_with_fields() -> None:
    names = {check.__name__ for check in CHECKS}
    assert {
        "not_a_server_error",
        "response_schema_conformance",
        "negative_data_rejection",
        "positive_data_acceptance",
        "a_422_names_a_field",
    } <= names
    assert "422" in schema.config.checks.positive_data_acceptance.expected_statuses


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
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_openapi_document(case, token):  # type: ignore[no-untyped-def]
    if not _clock:
        _clock.append(time.monotonic())
    if time.monotonic() - _clock[0] > TIME_BUDGET:
        pytest.skip(f"SCHEMATHESIS_TIME_BUDGET ({TIME_BUDGET:.0f} s) spent")
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
