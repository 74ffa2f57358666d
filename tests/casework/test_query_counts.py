"""The 今日 page, the client page and the monthly 運営基準 report cost the same number of queries
whether a client has a year and a half of history or three years of it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carebridge.casework import services
from carebridge.casework.models import MonitoringVisit, ProgressNote

from ..careplan_helpers import agree_and_start, draft_plan
from ..factories import CertificationFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def queries(django_client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = django_client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def add_history(client, office, months: int, *, first: int = 0) -> None:
    start = dt.date(2023, 1, 1)
    for i in range(first, first + months):
        month = dt.date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1)
        MonitoringVisit.objects.create(office=office, client=client, month=month, visited_on=month.replace(day=10))
        ProgressNote.objects.bulk_create(
            ProgressNote(office=office, client=client, noted_on=month.replace(day=d), category="phone", content="連絡")
            for d in (3, 10, 20)
        )


def test_pages_do_not_grow_with_history(world, client, client_a):
    CertificationFactory(client=client_a)
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    services.task_create(actor=world.cm_a, client=client_a, assignee=world.cm_a, title="再アセスメント")
    client.force_login(world.cm_a)
    urls = [
        "/today/",
        f"/clients/{client_a.pk}/",
        "/care/compliance/?month=2026-06",
        f"/care/clients/{client_a.pk}/notes/",
    ]
    add_history(client_a, world.office_a, 18)  # a year and a half: the notes list already has pages
    before = {url: queries(client, url) for url in urls}
    add_history(client_a, world.office_a, 18, first=18)  # three years
    after = {url: queries(client, url) for url in urls}
    assert after == before
