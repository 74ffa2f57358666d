"""The month close and the 国保連 export (billing/close_services.py): the pre-send check first,
confirmed slips locked, drafts listed and left; 作成区分 1 新規 / 2 修正 / 3 取消 across sends
(給付管理票 様式第十一, kyotaku.md); constant queries whatever the number of clients."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from carebridge.billing import close_selectors, close_services, federation_csv
from carebridge.billing.models import BenefitStatement, FederationSend, SlipStatus, UsageSlip
from carebridge.core.models import AuditEvent

from ..factories import ClientFactory, ProviderFactory
from .close_helpers import MONTH, confirmed_slip, home_help, ready_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def cm(world):
    world.cm_a.care_manager_number = "12345678"
    world.cm_a.save()
    return world.cm_a


def test_close_locks_confirmed_slips_and_makes_new_statements(world, cm):
    client = ready_client(world.office_a, cm)
    draft_client = ClientFactory(office=world.office_a, care_manager=cm, name="下書き 花子")
    confirmed_slip(draft_client, [], status=SlipStatus.DRAFT)
    close = close_services.month_close(actor=world.clerk_a, month=MONTH)
    assert close.slips_locked == 1
    assert close.drafts_left == 1
    assert UsageSlip.objects.get(client=client).status == SlipStatus.CLOSED
    assert UsageSlip.objects.get(client=draft_client).status == SlipStatus.DRAFT
    st = BenefitStatement.objects.get(client=client)
    assert st.kind == "1"
    assert st.total_units == 387 * 8
    assert st.limit_units == 19705  # 要介護2 (告示第33号, 2019-10 onwards)
    assert st.lines == [
        {
            "provider_number": st.lines[0]["provider_number"],
            "designation": "1",
            "service_type": "11",
            "planned_units": 3096,
        }
    ]
    assert st.header["care_manager_number"] == "12345678"
    assert AuditEvent.objects.filter(action="month_close.closed").count() == 1


def test_close_is_refused_with_the_presend_errors(world, cm):
    client = ready_client(world.office_a, cm)
    client.insured_number = "12"
    client.save()
    with pytest.raises(ValidationError) as info:
        close_services.month_close(actor=world.clerk_a, month=MONTH)
    text = " ".join(info.value.messages)
    assert "被保険者番号" in text and client.name in text
    assert UsageSlip.objects.get(client=client).status == SlipStatus.CONFIRMED


def test_over_the_limit_is_reported_in_limit_units_only(world, cm):
    client = ready_client(world.office_a, cm)
    provider = ProviderFactory(office=world.office_a)
    slip = UsageSlip.objects.get(client=client)
    confirmed_slip(client, [home_help(provider, count=31, units=999)], version=2, replaces=None)
    slip.status = SlipStatus.SUPERSEDED
    slip.save()
    close_services.month_close(actor=world.clerk_a, month=MONTH)
    st = BenefitStatement.objects.get(client=client)
    assert st.total_units == 19705  # the excess is the client's, not the statement's


def test_export_makes_a_file_that_parses_and_records_the_send(world, cm):
    ready_client(world.office_a, cm)
    ready_client(world.office_a, cm, name="締め 次郎")
    close_services.month_close(actor=world.clerk_a, month=MONTH)
    send = close_services.federation_export(actor=world.clerk_a, month=MONTH)
    parsed = federation_csv.parse(bytes(send.content))
    assert parsed.errors == []
    assert parsed.control["processing_month"] == "202606"
    assert len(parsed.totals) == 2
    assert send.client_count == 2 and send.statement_count == 2 and send.record_count == 4
    assert not BenefitStatement.objects.filter(send__isnull=True).exists()
    with pytest.raises(ValidationError):
        close_services.federation_export(actor=world.clerk_a, month=MONTH)  # nothing left to send


def test_correction_after_a_send_is_kind_2_and_unchanged_is_not_resent(world, cm):
    client = ready_client(world.office_a, cm)
    other = ready_client(world.office_a, cm, name="変更なし 花子")
    close_services.month_close(actor=world.clerk_a, month=MONTH)
    close_services.federation_export(actor=world.clerk_a, month=MONTH)
    old = UsageSlip.objects.get(client=client)
    provider = ProviderFactory(office=world.office_a)
    confirmed_slip(client, [home_help(provider, count=4)], version=2, replaces=old)
    close_services.month_close(actor=world.clerk_a, month=MONTH)
    old.refresh_from_db()
    assert old.status == SlipStatus.SUPERSEDED
    pending = list(BenefitStatement.objects.filter(send__isnull=True))
    assert [(s.client_id, s.kind, s.total_units) for s in pending] == [(client.pk, "2", 387 * 4)]
    assert not BenefitStatement.objects.filter(client=other, send__isnull=True).exists()
    send = close_services.federation_export(actor=world.clerk_a, month=MONTH)
    assert federation_csv.parse(bytes(send.content)).totals[0]["statement_kind"] == "2"


def test_withdrawn_services_after_a_send_are_kind_3(world, cm):
    client = ready_client(world.office_a, cm)
    close_services.month_close(actor=world.clerk_a, month=MONTH)
    close_services.federation_export(actor=world.clerk_a, month=MONTH)
    old = UsageSlip.objects.get(client=client)
    confirmed_slip(client, [], version=2, replaces=old)
    close_services.month_close(actor=world.clerk_a, month=MONTH)
    st = BenefitStatement.objects.get(client=client, send__isnull=True)
    assert st.kind == "3"
    send = close_services.federation_export(actor=world.clerk_a, month=MONTH)
    parsed = federation_csv.parse(bytes(send.content))
    assert parsed.details == [] and parsed.totals[0]["statement_kind"] == "3"


def test_a_second_close_without_changes_is_refused(world, cm):
    ready_client(world.office_a, cm)
    close_services.month_close(actor=world.clerk_a, month=MONTH)
    with pytest.raises(ValidationError):
        close_services.month_close(actor=world.clerk_a, month=MONTH)


def test_other_roles_may_not_close(world, cm):
    from django.core.exceptions import PermissionDenied

    ready_client(world.office_a, cm)
    with pytest.raises(PermissionDenied):
        close_services.month_close(actor=world.wcm_a, month=MONTH)


def _clients(office, cm, n):
    provider = ProviderFactory(office=office)
    for i in range(n):
        ready_client(office, cm, name=f"件数 {i}", provider=provider)


def _queries(call) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        call()
    return len(ctx.captured_queries)


def test_close_and_export_run_in_constant_queries(world, cm):
    """Office A with 1 client and office B with 6: the same number of queries."""
    world.cm_b.care_manager_number = "87654321"
    world.cm_b.save()
    _clients(world.office_a, cm, 1)
    _clients(world.office_b, world.cm_b, 6)
    counts = {}
    for actor in (world.clerk_a, world.admin_b):
        counts[actor.username] = (
            _queries(lambda a=actor: close_selectors.month_clients(office=a.office, month=MONTH)),
            _queries(lambda a=actor: close_services.month_close(actor=a, month=MONTH)),
            _queries(lambda a=actor: close_services.federation_export(actor=a, month=MONTH)),
        )
    assert counts["clerk_a"] == counts["admin_b"], counts
    assert FederationSend.objects.get(office=world.office_b).client_count == 6


def test_a_support_level_client_of_a_designated_office_is_creator_kind_3(world, cm):
    """様式第十一 作成区分 3 介護予防支援事業所作成: 要支援 clients of an office designated for
    介護予防支援 (possible since 2024-04-01); plans in effect are checked the same way."""
    import datetime as dt

    from carebridge.clients.models import Certification

    world.office_a.prevention_designated = True
    world.office_a.prevention_designated_on = dt.date(2024, 4, 1)
    world.office_a.save()
    client = ready_client(world.office_a, cm)
    Certification.objects.filter(client=client).update(care_level="support_2")
    close_services.month_close(actor=world.clerk_a, month=MONTH)
    st = BenefitStatement.objects.get(client=client)
    assert st.creator_kind == "3"
    assert st.limit_units == 10531  # 要支援2
    assert st.header["care_level"] == "13"


def test_the_send_event_keeps_the_file_hash_not_its_bytes(world, cm):
    ready_client(world.office_a, cm)
    close_services.month_close(actor=world.clerk_a, month=MONTH)
    send = close_services.federation_export(actor=world.clerk_a, month=MONTH)
    event = AuditEvent.objects.get(action="federation_send.created")
    assert event.changes["content"]["new"] == {"bytes": send.size, "sha256": send.sha256}
