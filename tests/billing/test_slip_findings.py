"""The 利用票's findings reach compliance through its registry (ADR 0008): the 運営基準 report and
今日 name the month's missing slip, consent and delivery with the slip page to act on."""

from __future__ import annotations

import datetime as dt

import pytest

from carebridge.billing import slip_rules, slip_services
from carebridge.compliance.finding_sources import sourced_findings, sources
from carebridge.compliance.worklist import action_url, work_list

from .slip_helpers import MAY, planned_client

pytestmark = pytest.mark.django_db


def test_registered():
    assert "billing.slips" in dict(sources())


def test_missing_then_consent_and_delivery(world):
    client, _plan, _providers = planned_client(world)
    today = dt.date(2026, 5, 2)
    codes = [
        f.code for f in sourced_findings(office_id=world.office_a.pk, client_ids=[client.pk], month=MAY, today=today)
    ]
    assert codes == ["slip_missing"]
    # No code from the master for this line (a lookup that knows none): the line stays blank.
    slip = slip_services.slip_generate(actor=world.cm_a, client=client, month=MAY, code_for=slip_rules.no_master)
    found = sourced_findings(office_id=world.office_a.pk, client_ids=[client.pk], month=MAY, today=today)
    assert {f.code for f in found} == {"slip_consent_missing", "slip_delivery_missing", "slip_lines_blank"}
    assert all(f.url.startswith(f"/billing/clients/{client.pk}/slips/2026-05/") for f in found)
    items = [i for i in work_list(actor=world.cm_a, today=today).items if i.url]
    assert {i.label for i in items} >= {"利用票を説明し同意を記録する", "提供票を事業所へ交付する"}
    assert action_url(items[0]).startswith("/billing/")
    line = slip.lines.get()
    slip_services.slip_consent_record(
        actor=world.cm_a, slip=slip, consented_on=today, method="visit", consented_by="本人"
    )
    slip_services.slip_delivery_record(
        actor=world.cm_a, slip=slip, provider_id=line.provider_id, delivered_on=today, method="fax"
    )
    found = sourced_findings(office_id=world.office_a.pk, client_ids=[client.pk], month=MAY, today=today)
    assert [f.code for f in found] == ["slip_lines_blank"]


def test_report_page_shows_them(world, client):
    patient, _plan, _providers = planned_client(world)
    slip_services.slip_generate(actor=world.cm_a, client=patient, month=MAY)
    client.force_login(world.cm_a)
    body = client.get("/care/compliance/?month=2026-05").content.decode()
    assert "利用票を説明し同意を記録する" in body and 'id="sourced"' in body
