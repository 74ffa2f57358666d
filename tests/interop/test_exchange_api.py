"""The exchange's month side through the API (docs/api-coverage.md): the month set of a client's
利用票 as a zip, and the import of the providers' actuals (UPJSK) with a dry run. The files are
the spec's (rules-v4.1.md §3 names, §8 UPPLAN/UPSIKYU, §10 the import checks); jsk_helpers writes
the UPJSK by hand from the column spec."""

from __future__ import annotations

import base64
import io
import json
import zipfile

import pytest

from carebridge.billing.models import UsageLine
from carebridge.core.models import AuditEvent
from carebridge.core.services import api_token_create
from carebridge.interop.models import ExchangeSend, SendDirection
from tests.billing.annex_helpers import over_limit_slip

from ..permission_matrix import state
from .jsk_helpers import csv_bytes, name, ready_slip, records_from_days

pytestmark = pytest.mark.django_db

DONE = "0000100000010000001000000000000"  # the 通所介護 lines' Tuesdays of May but the 26th


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=user)}"}


def _post(browser, url, body, auth):
    return browser.post(url, json.dumps(body), content_type="application/json", **auth)


def _unchanged(before, after, *, but=()):
    """Every table as it was (the API token's use is bookkeeping; `but` the tables allowed to move)."""
    skip = {"core.ApiToken", *but}
    return {k: v for k, v in after.items() if k not in skip} == {k: v for k, v in before.items() if k not in skip}


def _upjsk(world, client, lines, days=DONE):
    office = world.office_a.office_number
    records = records_from_days(client, lines[0], days, office=office) + records_from_days(
        client, lines[1], days, office=office
    )
    file_name = name("UPJSK", month="202605", provider=lines[0].provider.provider_number, office=office)
    return {"name": file_name, "content_base64": base64.b64encode(csv_bytes(records)).decode()}


def test_the_month_set_comes_as_a_zip_of_the_spec_files_and_leaves_a_send_record(world, client):
    slip = over_limit_slip(world.office_a, world.cm_a)
    response = _post(client, f"/api/v1/interop/clients/{slip.client_id}/months/2026-04/exchange", {}, _auth(world.cm_a))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as outer:
        names = outer.namelist()
        # two providers (訪問介護 and 通所介護): one zip per destination inside one zip
        assert len(names) == 2 and all(n.startswith("CAREPLAN_MONTH_202604_") for n in names)
        with zipfile.ZipFile(io.BytesIO(outer.read(names[0]))) as inner:
            kinds = sorted(n.split("_")[0] for n in inner.namelist())
    assert kinds == ["UPHOSOKU", "UPPLAN", "UPSIKYU"]
    sends = ExchangeSend.objects.filter(office=world.office_a, via="api")
    assert len(sends) == 2 and all(send.months == ["202604"] for send in sends)


def test_a_month_without_a_destination_is_a_422_naming_the_month(world, client):
    slip = over_limit_slip(world.office_a, world.cm_a)
    response = _post(client, f"/api/v1/interop/clients/{slip.client_id}/months/2026-07/exchange", {}, _auth(world.cm_a))
    assert response.status_code == 422
    assert [item["loc"][-1] for item in response.json()["detail"]] == ["month"]


def test_a_dry_run_previews_and_changes_nothing_then_the_import_applies(world, client):
    person, slip, lines = ready_slip(world)
    body = {"files": [_upjsk(world, person, lines)], "dry_run": True}
    auth = _auth(world.cm_a)
    before = state()
    response = _post(client, "/api/v1/interop/imports", body, auth)
    assert response.status_code == 200, response.content[:400]
    answer = response.json()
    assert answer["applied"] is False and answer["send_ids"] == []
    changes = {c["service_code"]: c for row in answer["rows"] for c in row["changes"]}
    assert changes["151111"]["before"] == "" and changes["151111"]["after"] == DONE
    # only the read of the named client was logged
    assert _unchanged(before, state(), but=("core.AuditEvent",))

    body["dry_run"] = False
    response = _post(client, "/api/v1/interop/imports", body, auth)
    assert response.status_code == 200, response.content[:400]
    assert response.json()["applied"] is True
    actual = dict(UsageLine.objects.filter(slip=slip).values_list("service_code", "actual_days"))
    assert actual["151111"] == DONE and actual["156111"] == DONE
    send = ExchangeSend.objects.get(pk=response.json()["send_ids"][0])
    assert send.direction == SendDirection.IMPORT and send.via == "api"
    assert AuditEvent.objects.filter(action="exchange.import").exists()


def test_a_malformed_file_is_a_422_with_file_line_and_column_and_changes_nothing(world, client):
    person, _slip, lines = ready_slip(world)
    item = _upjsk(world, person, lines)
    data = base64.b64decode(item["content_base64"]).replace(b"20260505", b"20260532", 1)
    item["content_base64"] = base64.b64encode(data).decode()
    auth = _auth(world.cm_a)
    before = state()
    response = _post(client, "/api/v1/interop/imports", {"files": [item]}, auth)
    assert response.status_code == 422
    messages = [entry["msg"] for entry in response.json()["detail"]]
    assert any(item["name"] in m and "1行目" in m and "10列目（サービス利用日）" in m for m in messages), messages
    assert _unchanged(before, state())


def test_content_that_is_not_base64_is_a_422_naming_the_file_field(world, client):
    response = _post(
        client,
        "/api/v1/interop/imports",
        {"files": [{"name": "UPJSK_x.CSV", "content_base64": "***"}]},
        _auth(world.cm_a),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "files[0].content_base64"]
