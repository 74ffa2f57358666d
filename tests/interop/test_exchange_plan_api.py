"""The exchange's plan side through the API (docs/api-coverage.md): the plan set (rules-v4.1.md §3:
UPHOSOKU, UP1KYO, UP2KYO, UP3KYO per destination), its withdrawal DLT1KYO and a month's DLTPLAN
(§4 send units 3 and 4), the send records per client and provider (issue 11 item 5), the 交付
recorded from a send, and the checker over uploaded files (issue 11 item 4)."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile

import pytest

from carebridge.careplans import services as plan_services
from carebridge.careplans.inputs import ConferenceInput, PlanConsentInput
from carebridge.careplans.models import PlanDelivery
from carebridge.core.services import api_token_create
from carebridge.interop.exchange_writer import write_file
from carebridge.interop.models import ExchangeSend, SendContent
from tests.billing.annex_helpers import over_limit_slip

from ..careplan_helpers import draft_plan
from ..factories import ProviderFactory
from .test_exchange_property import NAME, _first_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world, client_a):
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    return draft_plan(world.cm_a, client_a, providers)


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=user)}"}


def _post(browser, url, body, auth):
    return browser.post(url, json.dumps(body), content_type="application/json", **auth)


def _zips(response) -> dict[str, list[str]]:
    """{inner zip name: [file kinds]} of an answer that is a zip of zips (several destinations)."""
    with zipfile.ZipFile(io.BytesIO(response.content)) as outer:
        out = {}
        for name in outer.namelist():
            with zipfile.ZipFile(io.BytesIO(outer.read(name))) as inner:
                out[name] = sorted(n.split("_")[0] for n in inner.namelist())
    return out


def test_the_plan_set_comes_per_destination_and_leaves_send_records(client, world, plan):
    response = _post(client, f"/api/v1/interop/careplans/{plan.pk}/exchange", {}, _auth(world.cm_a))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/zip"
    zips = _zips(response)
    assert len(zips) == 3  # 通所介護, 訪問看護, 福祉用具貸与
    assert all(kinds == ["UP1KYO", "UP2KYO", "UP3KYO", "UPHOSOKU"] for kinds in zips.values())
    sends = ExchangeSend.objects.filter(office=world.office_a, via="api", content=SendContent.PLAN)
    assert sends.count() == 3


def test_one_destination_only_and_both_fields_needed(client, world, client_a):
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    plan = draft_plan(world.cm_a, client_a, providers)
    auth = _auth(world.cm_a)
    provider = providers[1]
    only = {"provider_number": provider.provider_number, "service_type": "13"}
    response = _post(client, f"/api/v1/interop/careplans/{plan.pk}/exchange", only, auth)
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:  # one destination: the zip itself
        assert sorted(n.split("_")[0] for n in archive.namelist()) == ["UP1KYO", "UP2KYO", "UP3KYO", "UPHOSOKU"]
    assert ExchangeSend.objects.get().provider == provider
    half = {"provider_number": provider.provider_number}
    refused = _post(client, f"/api/v1/interop/careplans/{plan.pk}/exchange", half, auth)
    assert refused.status_code == 422
    (entry,) = refused.json()["detail"]
    assert entry["loc"][-1] == "service_type" and "両方" in entry["msg"]
    assert ExchangeSend.objects.count() == 1


def test_the_withdrawal_is_dlt1kyo(client, world, plan):
    response = _post(client, f"/api/v1/interop/careplans/{plan.pk}/exchange/withdraw", {}, _auth(world.cm_a))
    assert response.status_code == 200
    assert all(kinds == ["DLT1KYO"] for kinds in _zips(response).values())
    assert set(ExchangeSend.objects.values_list("content", flat=True)) == {SendContent.PLAN_WITHDRAWAL}


def test_a_month_withdrawal_is_dltplan_and_a_month_without_one_names_the_month(client, world):
    slip = over_limit_slip(world.office_a, world.cm_a)
    auth = _auth(world.cm_a)
    url = f"/api/v1/interop/clients/{slip.client_id}/months/2026-04/exchange/withdraw"
    response = _post(client, url, {}, auth)
    assert response.status_code == 200
    assert all(kinds == ["DLTPLAN"] for kinds in _zips(response).values())
    assert set(ExchangeSend.objects.values_list("content", flat=True)) == {SendContent.MONTH_WITHDRAWAL}
    empty = _post(client, url.replace("2026-04", "2026-07"), {}, auth)
    assert empty.status_code == 422
    assert [item["loc"][-1] for item in empty.json()["detail"]] == ["month"]


def test_the_send_records_per_client_and_provider_hold_the_hashes(client, world, plan):
    export = _post(client, f"/api/v1/interop/careplans/{plan.pk}/exchange", {}, _auth(world.cm_a))
    inner = {}
    with zipfile.ZipFile(io.BytesIO(export.content)) as outer:
        inner = {name: hashlib.sha256(outer.read(name)).hexdigest() for name in outer.namelist()}
    auth = _auth(world.clerk_a)
    sends = client.get(f"/api/v1/interop/clients/{plan.client_id}/sends", **auth).json()
    assert {s["archive_name"]: s["archive_sha256"] for s in sends} == inner
    assert all(s["plan_ids"] == [plan.pk] and s["client_ids"] == [plan.client_id] for s in sends)
    assert all(s["via"] == "api" and s["sent_by"] == world.cm_a.display_name for s in sends)
    assert all(len(s["files"]) == 4 and all(len(f["sha256"]) == 64 for f in s["files"]) for s in sends)
    provider_id = sends[0]["provider_id"]
    at_provider = client.get(f"/api/v1/interop/providers/{provider_id}/sends", **auth).json()
    assert [s["id"] for s in at_provider] == [s["id"] for s in sends if s["provider_id"] == provider_id]


def test_a_delivery_is_recorded_from_a_send_once(client, world, plan):
    auth = _auth(world.cm_a)
    _post(client, f"/api/v1/interop/careplans/{plan.pk}/exchange", {}, auth)
    send = ExchangeSend.objects.order_by("pk").first()
    before_consent = _post(client, f"/api/v1/interop/sends/{send.pk}/deliver", {}, auth)
    assert before_consent.status_code == 422 and not PlanDelivery.objects.exists()
    meeting = ConferenceInput(
        held_on=plan.drafted_on, place="自宅", items_discussed="x", discussion="x", conclusion="x"
    )
    plan_services.conference_create(actor=world.cm_a, plan=plan, data=meeting)
    plan_services.plan_consent_record(
        actor=world.cm_a, plan=plan, data=PlanConsentInput(consented_on=plan.drafted_on, signer_name="本人")
    )
    response = _post(client, f"/api/v1/interop/sends/{send.pk}/deliver", {}, auth)
    assert response.status_code == 201
    (delivery,) = response.json()
    assert (delivery["plan_id"], delivery["provider_id"], delivery["method"]) == (
        plan.pk,
        send.provider_id,
        "exchange_file",
    )
    again = _post(client, f"/api/v1/interop/sends/{send.pk}/deliver", {}, auth)
    assert again.status_code == 422 and PlanDelivery.objects.count() == 1


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_the_checker_finds_nothing_in_a_good_file_and_names_line_and_column_in_a_bad_one(client, world):
    good = write_file("UP1KYO", [_first_sheet("方針", "意向")]).data
    bad = good.replace(b"20260405", b"20261341", 1)  # No.4 作成日: no 41st of a 13th month
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(NAME, good)
    files = [
        {"name": NAME, "content_base64": _b64(good)},
        {"name": NAME.replace("20191025200201", "20191025200202"), "content_base64": _b64(bad)},
        {"name": "set.zip", "content_base64": _b64(buffer.getvalue())},
    ]
    response = _post(client, "/api/v1/interop/check", {"files": files}, _auth(world.clerk_a))
    assert response.status_code == 200
    body = response.json()
    assert body["clean"] is False
    assert body["files"][NAME] == [] and body["files"][f"set.zip/{NAME}"] == []
    (finding,) = body["files"][files[1]["name"]]
    assert (finding["line"], finding["column"]) == (1, 4)


def test_the_checker_refuses_what_is_not_base64_naming_the_file(client, world):
    response = _post(
        client, "/api/v1/interop/check", {"files": [{"name": NAME, "content_base64": "@@"}]}, _auth(world.clerk_a)
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "files[0].content_base64"
