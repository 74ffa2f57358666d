"""The month's exchange page (利用票 of a client's month): destinations, downloads of the month set,
the DLTPLAN withdrawal, the month's sends, the link from billing's 第6表 page; constant queries."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carebridge.billing.annex_selectors import month_annexes
from carebridge.interop.exchange_check import check_file
from carebridge.interop.exchange_month import build_month_sets
from carebridge.interop.models import ExchangeSend
from tests.billing.annex_helpers import APRIL, over_limit_slip
from tests.factories import CertificationFactory, ClientFactory

pytestmark = pytest.mark.django_db

URL = "/interop/clients/{}/months/2026-04/exchange/"


def _client_with_slip(world, extra_lines: int = 0):
    client = ClientFactory(office=world.office_a, care_manager=world.cm_a, name="月次 花子")
    CertificationFactory(client=client, care_level="care_2")
    return over_limit_slip(world.office_a, world.cm_a, client=client, extra_lines=extra_lines)


def test_page_lists_destinations_and_sends_in_constant_queries(client, world, django_assert_max_num_queries):
    few = _client_with_slip(world)
    many = _client_with_slip(world, extra_lines=25)
    client.force_login(world.cm_a)
    for slip in (few, many):
        with django_assert_max_num_queries(25):
            response = client.get(URL.format(slip.client_id))
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count('name="destination"') == 4  # 2 destinations × (download, withdrawal)
        assert "利用票の取消" in html and "第7表" in html


def test_download_then_the_send_is_listed(client, world):
    slip = _client_with_slip(world)
    client.force_login(world.cm_a)
    response = client.post(URL.format(slip.client_id) + "export/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as outer:
        inner_names = outer.namelist()
        assert len(inner_names) == 2  # one zip per destination, inside one download
        for inner_name in inner_names:
            with zipfile.ZipFile(io.BytesIO(outer.read(inner_name))) as inner:
                assert [n.split("_")[0] for n in inner.namelist()] == ["UPHOSOKU", "UPPLAN", "UPSIKYU"]
                assert all(check_file(n, inner.read(n)) == [] for n in inner.namelist())
    sends = ExchangeSend.objects.filter(clients=slip.client, content="month")
    assert sends.count() == 2 and all(s.sent_by == world.cm_a and s.months == ["202604"] for s in sends)
    page = client.get(URL.format(slip.client_id)).content.decode()
    assert page.count("利用票（6表・7表・補足情報）") == 2


def test_one_destination_and_its_withdrawal(client, world):
    slip = _client_with_slip(world)
    destination = slip.lines.filter(service_type="15").first().provider.provider_number + "_15"
    client.force_login(world.cm_a)
    response = client.post(URL.format(slip.client_id) + "withdraw/", {"destination": destination})
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        (name,) = archive.namelist()
        assert name.startswith("DLTPLAN_202604_") and f"_{destination}_" in name
    assert ExchangeSend.objects.filter(content="month_withdrawal").count() == 1


def test_clerk_sees_but_cannot_export(client, world):
    slip = _client_with_slip(world)
    client.force_login(world.clerk_a)
    html = client.get(URL.format(slip.client_id)).content.decode()
    assert 'name="destination"' not in html
    assert client.post(URL.format(slip.client_id) + "export/").status_code == 403


def test_slip_page_links_to_the_month_exchange(client, world):
    slip = _client_with_slip(world)
    client.force_login(world.cm_a)
    html = client.get(f"/billing/clients/{slip.client_id}/slips/2026-04/").content.decode()
    assert f'href="{URL.format(slip.client_id)}"' in html


def test_a_bad_month_is_not_found(client, world):
    slip = _client_with_slip(world)
    client.force_login(world.cm_a)
    assert client.get(f"/interop/clients/{slip.client_id}/months/2026-13/exchange/").status_code == 404


def test_rows_of_an_office_in_a_fixed_number_of_queries(world) -> None:
    """A few queries whatever the number of clients (the bench's 10,000 depend on it)."""
    _client_with_slip(world)
    with CaptureQueriesContext(connection) as one:
        build_month_sets(month_annexes(office_id=world.office_a.pk, month=APRIL), world.office_a, APRIL)
    for _ in range(4):
        _client_with_slip(world)
    with CaptureQueriesContext(connection) as five:
        result = build_month_sets(month_annexes(office_id=world.office_a.pk, month=APRIL), world.office_a, APRIL)
    assert sum(len(s.clients) for s in result.sets) == 10  # 5 clients × 2 destinations
    assert len(five.captured_queries) == len(one.captured_queries) <= 10
