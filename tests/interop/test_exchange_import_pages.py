"""The actuals import page driven as a user would (Django test client): upload → preview (before →
after) → confirm applies; a malformed file shows its errors and applies nothing; the month page
links to it (core.page_links)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from carebridge.billing.models import UsageLine
from carebridge.core.models import AuditEvent
from carebridge.interop.models import ExchangeSend

from ..permission_matrix import state
from .jsk_helpers import csv_bytes, name, ready_slip, records_from_days

pytestmark = pytest.mark.django_db
DONE = "0000100000010000001000000000000"


def _upload(world):
    client, _slip, lines = ready_slip(world)
    office = world.office_a.office_number
    records = records_from_days(client, lines[0], DONE, office=office)
    file_name = name("UPJSK", month="202605", provider=lines[0].provider.provider_number, office=office)
    return client, lines, file_name, csv_bytes(records)


def test_upload_preview_then_confirm_applies(client, world):
    person, lines, file_name, data = _upload(world)
    client.force_login(world.cm_a)
    page = client.get("/interop/imports/")
    assert page.status_code == 200 and 'hx-indicator="#import-busy"' in page.content.decode()
    before = state()
    shown = client.post("/interop/imports/preview/", {"files": SimpleUploadedFile(file_name, data)})
    html = shown.content.decode()
    assert shown.status_code == 200
    assert person.name in html and "151111" in html and "未入力" in html and "3回" in html
    assert "取り込む（変更 2行）" in html
    # Showing the preview applied nothing; the read of the clients it names is logged (house rule 3).
    listed = AuditEvent.objects.filter(event_type="view", actor=world.cm_a).order_by("-pk").first()
    assert listed is not None and person.pk in listed.changes.get("client_ids", [])
    assert UsageLine.objects.get(pk=lines[0].pk).actual_days == ""
    assert not ExchangeSend.objects.exists()
    token = shown.context["token"]
    fingerprint = shown.context["preview"].fingerprint
    done = client.post("/interop/imports/apply/", {"token": token, "fingerprint": fingerprint}, follow=True)
    assert "実績を取り込みました（1ファイル、変更した行 2行、利用者 1人）" in done.content.decode()
    assert UsageLine.objects.get(pk=lines[0].pk).actual_days == DONE
    assert ExchangeSend.objects.get().sent_by == world.cm_a
    assert state() != before
    # The token is used up: confirming again applies nothing more.
    again = client.post("/interop/imports/apply/", {"token": token, "fingerprint": fingerprint}, follow=True)
    assert "確認した取込データが見つかりません" in again.content.decode()
    assert ExchangeSend.objects.count() == 1


def test_htmx_upload_answers_the_result_fragment(client, world):
    _person, _lines, file_name, data = _upload(world)
    client.force_login(world.cm_a)
    shown = client.post(
        "/interop/imports/preview/", {"files": SimpleUploadedFile(file_name, data)}, HTTP_HX_REQUEST="true"
    )
    html = shown.content.decode()
    assert "取り込む内容の確認" in html and "<html" not in html


def test_a_malformed_upload_shows_its_errors_and_offers_no_confirm(client, world):
    _person, lines, file_name, data = _upload(world)
    client.force_login(world.cm_a)
    broken = data.replace(b"20260512", b"20260532")
    shown = client.post("/interop/imports/preview/", {"files": SimpleUploadedFile(file_name, broken)})
    html = shown.content.decode()
    assert "誤りがあるため、何も取り込んでいません（1件）" in html
    assert f"{file_name} 2行目 10列目（サービス利用日）: 日付の形式が正しくありません" in html
    assert "interop/imports/apply/" not in html
    assert UsageLine.objects.get(pk=lines[0].pk).actual_days == ""


def test_a_changed_slip_between_preview_and_confirm_is_refused(client, world):
    _person, lines, file_name, data = _upload(world)
    client.force_login(world.cm_a)
    shown = client.post("/interop/imports/preview/", {"files": SimpleUploadedFile(file_name, data)})
    UsageLine.objects.filter(pk=lines[0].pk).update(actual_days="1" + "0" * 30)
    done = client.post(
        "/interop/imports/apply/",
        {"token": shown.context["token"], "fingerprint": shown.context["preview"].fingerprint},
        follow=True,
    )
    assert "確認のあとで利用票が変わりました" in done.content.decode()
    assert UsageLine.objects.get(pk=lines[0].pk).actual_days == "1" + "0" * 30


def test_the_month_page_links_to_the_import(client, world):
    client.force_login(world.cm_a)
    html = client.get("/billing/slips/2026-05/").content.decode()
    assert 'href="/interop/imports/"' in html
