"""The exchange pages: a plan's destinations and downloads (the plan set and the DLT1KYO
withdrawal), the client's send record, the link from the client hub; constant query counts."""

from __future__ import annotations

import io
import zipfile

import pytest

from carebridge.core.models import AuditEvent
from carebridge.interop.exchange_check import check_file, read_file
from carebridge.interop.models import ExchangeSend

from ..careplan_helpers import draft_plan
from ..factories import ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world, client_a):
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    return draft_plan(world.cm_a, client_a, providers)


def _login(client, user):
    client.force_login(user)
    return client


def test_plan_page_lists_destinations_in_constant_queries(client, world, plan, django_assert_max_num_queries):
    _login(client, world.cm_a)
    before = AuditEvent.objects.count()
    with django_assert_max_num_queries(20):
        response = client.get(f"/interop/plans/{plan.pk}/exchange/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "連携データの取消" in html and "ダウンロード" in html
    assert html.count('name="destination"') == 6  # 3 destinations × (download, withdrawal)
    assert AuditEvent.objects.count() == before + 1  # the view of the client's record
    # more rows in the plan: the same number of queries
    extra = ProviderFactory(office=world.office_a, service_type_codes=["11"])
    from carebridge.careplans import services
    from carebridge.careplans.inputs import ServiceInput
    from carebridge.careplans.models import Goal

    short = Goal.objects.filter(need__plan=plan, term="short").first()
    for i in range(3):
        services.service_add(
            actor=world.cm_a,
            goal=short,
            data=ServiceInput(
                content=f"追加{i}",
                service_kind="訪問介護",
                provider=extra,
                frequency="週1回",
                period_start=short.period_start,
                period_end=short.period_end,
            ),
        )
    with django_assert_max_num_queries(20):
        assert client.get(f"/interop/plans/{plan.pk}/exchange/").status_code == 200


def test_download_one_destination_and_all(client, world, plan):
    _login(client, world.cm_a)
    response = client.post(f"/interop/plans/{plan.pk}/exchange/export/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as outer:
        inner_names = outer.namelist()
        assert len(inner_names) == 3  # one zip per destination
        with zipfile.ZipFile(io.BytesIO(outer.read(inner_names[0]))) as inner:
            names = sorted(inner.namelist())
            assert [n.split("_")[0] for n in names] == ["UP1KYO", "UP2KYO", "UP3KYO", "UPHOSOKU"]
            for name in names:
                assert check_file(name, inner.read(name)) == []
    assert ExchangeSend.objects.filter(office=world.office_a).count() == 3
    # one destination
    number = plan.needs.first().goals.filter(term="short").first().services.first().provider.provider_number
    response = client.post(f"/interop/plans/{plan.pk}/exchange/export/", {"destination": f"{number}_15"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="CAREPLAN_')
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert all(f"_43_{number}_15_" in n for n in archive.namelist())
    # not a destination: a message, no file, nothing recorded
    response = client.post(f"/interop/plans/{plan.pk}/exchange/export/", {"destination": "9999999999_15"})
    assert response.status_code == 302
    assert ExchangeSend.objects.filter(office=world.office_a).count() == 4


def test_withdrawal_button_makes_dlt1kyo(client, world, plan):
    _login(client, world.cm_a)
    response = client.post(f"/interop/plans/{plan.pk}/exchange/withdraw/")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as outer:
        for inner_name in outer.namelist():
            with zipfile.ZipFile(io.BytesIO(outer.read(inner_name))) as inner:
                (name,) = inner.namelist()
                assert name.startswith("DLT1KYO_")
                data = inner.read(name)
                assert check_file(name, data) == []
                assert read_file(data) == [
                    [
                        "202407",
                        plan.client.insurer_number,
                        plan.client.insured_number,
                        plan.drafted_on.strftime("%Y%m%d"),
                    ]
                ]
    assert set(ExchangeSend.objects.values_list("content", flat=True)) == {"plan_withdrawal"}


def test_send_record_listed_per_client(client, world, plan, django_assert_max_num_queries):
    _login(client, world.cm_a)
    client.post(f"/interop/plans/{plan.pk}/exchange/export/")
    send = ExchangeSend.objects.filter(clients=plan.client).first()
    assert send is not None and send.sent_by == world.cm_a and len(send.files) == 4
    assert all(len(f["sha256"]) == 64 for f in send.files)
    with django_assert_max_num_queries(20):
        response = client.get(f"/interop/clients/{plan.client_id}/exchange/")
    html = response.content.decode()
    assert response.status_code == 200
    assert send.stamp in html and send.files[0]["name"] in html and "第1版" in html
    # the client hub links to it
    hub = client.get(f"/clients/{plan.client_id}/").content.decode()
    assert f"/interop/clients/{plan.client_id}/exchange/" in hub
    assert f"/interop/plans/{plan.pk}/exchange/" in hub


def test_clerk_sees_but_cannot_export(client, world, plan):
    _login(client, world.clerk_a)
    html = client.get(f"/interop/plans/{plan.pk}/exchange/").content.decode()
    assert "ダウンロード" not in html
    assert client.post(f"/interop/plans/{plan.pk}/exchange/export/").status_code == 403


def test_plan_page_links_to_its_exchange_page(client, world, plan):
    """careplans does not import interop: the link comes through core.page_links."""
    _login(client, world.clerk_a)
    html = client.get(f"/careplans/{plan.pk}/").content.decode()
    assert f'href="/interop/plans/{plan.pk}/exchange/"' in html and "ケアプランデータ連携" in html


def test_a_name_outside_ms932_is_replaced_and_recorded(client, world):
    """rules-v4.1.md §6: characters outside MS932 are converted; the send records what was changed."""
    from ..factories import ClientFactory

    person = ClientFactory(office=world.office_a, care_manager=world.cm_a, name="𠮷田 ハル", kana="ヨシダ　ハル")
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    plan = draft_plan(world.cm_a, person, providers)
    _login(client, world.cm_a)
    response = client.post(f"/interop/plans/{plan.pk}/exchange/export/", {"destination": ""})
    with zipfile.ZipFile(io.BytesIO(response.content)) as outer:
        first = outer.read(outer.namelist()[0])
    with zipfile.ZipFile(io.BytesIO(first)) as inner:
        hosoku = next(n for n in inner.namelist() if n.startswith("UPHOSOKU_000000_"))
        assert read_file(inner.read(hosoku))[0][5] == "吉田 ハル"
    send = ExchangeSend.objects.filter(clients=person).first()
    assert any("𠮷" in note and "吉" in note for note in send.replacements)
    html = client.get(f"/interop/clients/{person.pk}/exchange/").content.decode()
    assert "置き換えた文字" in html


def test_a_send_records_the_delivery(client, world, plan):
    """Issue 11 item 5: a plan's 交付 recorded from a send (method ケアプランデータ連携)."""
    from carebridge.careplans import services
    from carebridge.careplans.inputs import ConferenceInput, PlanConsentInput
    from carebridge.careplans.models import PlanDelivery

    _login(client, world.cm_a)
    client.post(f"/interop/plans/{plan.pk}/exchange/export/")
    send = ExchangeSend.objects.filter(plans=plan).order_by("pk").first()
    page = f"/interop/plans/{plan.pk}/exchange/"
    # before consent: refused with a message, nothing recorded
    response = client.post(f"/interop/sends/{send.pk}/deliver/", {"next": page})
    assert response.status_code == 302 and response["Location"] == page
    assert not PlanDelivery.objects.exists()
    meeting = ConferenceInput(
        held_on=plan.drafted_on, place="自宅", items_discussed="x", discussion="x", conclusion="x"
    )
    services.conference_create(actor=world.cm_a, plan=plan, data=meeting)
    services.plan_consent_record(
        actor=world.cm_a, plan=plan, data=PlanConsentInput(consented_on=plan.drafted_on, signer_name="本人")
    )
    assert "交付として記録" in client.get(page).content.decode()
    client.post(f"/interop/sends/{send.pk}/deliver/", {"next": page})
    (delivery,) = PlanDelivery.objects.all()
    assert (delivery.provider_id, delivery.method) == (send.provider_id, "exchange_file")
    # twice: refused, still one
    client.post(f"/interop/sends/{send.pk}/deliver/", {"next": "//evil.example/"})
    assert PlanDelivery.objects.count() == 1


def test_send_record_listed_per_provider(client, world, plan, django_assert_max_num_queries):
    """Issue 11 item 5: the record shown per provider — what it received, when, for which clients
    and plan versions — in constant queries, the clients shown recorded as one list read."""
    _login(client, world.cm_a)
    client.post(f"/interop/plans/{plan.pk}/exchange/export/")
    client.post(f"/interop/plans/{plan.pk}/exchange/export/")  # a second send to every destination
    send = ExchangeSend.objects.filter(plans=plan).order_by("pk").first()
    provider = send.provider
    before = AuditEvent.objects.count()
    with django_assert_max_num_queries(15):
        response = client.get(f"/interop/providers/{provider.pk}/exchange/")
    html = response.content.decode()
    assert response.status_code == 200
    sends = ExchangeSend.objects.filter(provider=provider)
    assert sends.count() == 2
    for s in sends:
        assert s.stamp in html
    assert plan.client.name in html and "第1版" in html and send.files[0]["name"] in html
    # another provider's send is not listed
    other = ExchangeSend.objects.exclude(provider=provider).first()
    assert other.archive_name not in html  # (the stamp is shared by the destinations of a send unit)
    listed = AuditEvent.objects.order_by("pk")[before:]
    assert len(listed) == 1 and plan.client.pk in listed[0].changes.get("client_ids", [])
    # the provider list links to it (directory does not import interop: core.page_links)
    directory = client.get("/directory/").content.decode()
    assert f'href="/interop/providers/{provider.pk}/exchange/"' in directory
