"""The 利用票 pages: the client's month (grid, HTMX cell, edits, confirm, consent, delivery), the
office's month (generate-all), constant query counts, PDFs read back with pdftotext."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from carebridge.billing import slip_services
from carebridge.billing.models import SlipStatus, UsageSlip

from .slip_helpers import MAY, planned_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(world):
    client, _plan, _providers = planned_client(world)
    return client


def _url(client, month="2026-05"):
    return f"/billing/clients/{client.pk}/slips/{month}/"


def test_generate_and_grid(world, client, planned):
    client.force_login(world.cm_a)
    page = client.get(_url(planned))
    assert page.status_code == 200 and "計画から利用票を作成" in page.content.decode()
    assert client.post(_url(planned) + "generate/").status_code == 302
    slip = UsageSlip.objects.get(client=planned)
    body = client.get(_url(planned)).content.decode()
    assert "こどもの日" in body and "保険者番号" in body
    assert slip.lines.get().service_code in body  # the code the master gave it
    line = slip.lines.get()
    # a tap on the 6th (HTMX): the line's rows come back with the cell on
    answer = client.post(
        f"/billing/slip/{slip.pk}/lines/{line.pk}/cell/",
        {"cell": "planned-6-1", "expected_updated_at": line.updated_at.isoformat()},
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 200 and f'id="line-{line.pk}"' in answer.content.decode()
    line.refresh_from_db()
    assert line.planned_days[5] == "1"
    # the same stale stamp again: refused, said on the row
    answer = client.post(
        f"/billing/slip/{slip.pk}/lines/{line.pk}/cell/",
        {"cell": "planned-7-1", "expected_updated_at": "2020-01-01T00:00:00+00:00"},
        HTTP_HX_REQUEST="true",
    )
    assert "他の人" in answer.content.decode() or "更新" in answer.content.decode()
    line.refresh_from_db()
    assert line.planned_days[6] == "0"
    bad = client.post(
        f"/billing/slip/{slip.pk}/lines/{line.pk}/cell/", {"cell": "planned-32-1"}, HTTP_HX_REQUEST="true"
    )
    assert "日は1〜31" in bad.content.decode()


def test_line_form_names_the_field(world, client, planned):
    slip = slip_services.slip_generate(actor=world.cm_a, client=planned, month=MAY)
    client.force_login(world.clerk_a)
    answer = client.post(
        f"/billing/slip/{slip.pk}/lines/new/",
        {
            "service_name": "手すり",
            "service_type": "17",
            "service_code": "171111",
            "units": "100",
            "planned_days": "1" * 31,
        },
    )
    body = answer.content.decode()
    assert answer.status_code == 200 and "商品コードを入力してください" in body  # May has a 31st: no day error


def test_confirm_then_read_only_and_records(world, client, planned):
    slip = slip_services.slip_generate(actor=world.cm_a, client=planned, month=MAY)
    line = slip.lines.get()
    client.force_login(world.cm_a)
    data = {
        "provider": line.provider_id,
        "service_type": "15",
        "service_code": "151111",
        "service_name": "通所介護",
        "units": "658",
        "limit_managed": "on",
        "planned_days": line.planned_days,
        "start_time": "10:00",
        "end_time": "15:00",
    }
    assert client.post(f"/billing/slip/{slip.pk}/lines/{line.pk}/", data).status_code == 302
    assert client.post(f"/billing/slip/{slip.pk}/confirm/").status_code == 302
    slip.refresh_from_db()
    assert slip.status == SlipStatus.CONFIRMED
    body = client.get(_url(planned)).content.decode()
    assert "予定は変更できません" in body and "planned-6-" not in body
    client.post(f"/billing/slip/{slip.pk}/lines/{line.pk}/delete/")
    assert slip.lines.count() == 1
    consent = {"consented_on": "2026-04-28", "method": "visit", "consented_by": "本人"}
    assert client.post(f"/billing/slip/{slip.pk}/consent/", consent).status_code == 302
    delivery = {"recipient": "0", "delivered_on": "2026-04-28", "method": "fax"}
    assert client.post(f"/billing/slip/{slip.pk}/delivery/", delivery).status_code == 302
    body = client.get(_url(planned)).content.decode()
    assert "未交付" not in body and "未記録" not in body


def test_query_counts(world, client, planned, django_assert_max_num_queries):
    slip = slip_services.slip_generate(actor=world.cm_a, client=planned, month=MAY)
    for _ in range(3):
        slip_services.slip_line_add(
            actor=world.cm_a,
            slip=slip,
            data=slip_services.UsageLineInput(service_name="訪問介護", provider_name="X", planned_days="1" + "0" * 30),
        )
    other, _plan, _p = planned_client(world, "二 次郎", "ニ　ジロウ")
    slip_services.slip_generate(actor=world.cm_a, client=other, month=MAY)
    client.force_login(world.cm_a)
    client.get(_url(planned))  # warm the session
    with django_assert_max_num_queries(24):
        assert client.get(_url(planned)).status_code == 200
    with django_assert_max_num_queries(24):
        body = client.get("/billing/slips/2026-05/").content.decode()
    assert "二 次郎" in body and "請求 花子" in body


def test_generate_all(world, client, planned):
    client.force_login(world.clerk_a)
    answer = client.post("/billing/slips/2026-05/generate/", HTTP_HX_REQUEST="true")
    assert "1件の利用票" in answer.content.decode()
    assert UsageSlip.objects.filter(client=planned, month=MAY).exists()
    assert client.get("/billing/slips/").status_code == 302


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")
def test_pdfs_read_back(world, client, planned, tmp_path):
    slip = slip_services.slip_generate(actor=world.cm_a, client=planned, month=MAY)
    slip_services.slip_line_add(
        actor=world.cm_a,
        slip=slip,
        data=slip_services.UsageLineInput(
            service_name="配食（自費外）", provider_name="他社サービス", planned_days="1" + "0" * 30
        ),
    )
    client.force_login(world.cm_a)
    texts = []
    for url in (f"/billing/slip/{slip.pk}/pdf/", f"/billing/slip/{slip.pk}/pdf/providers/1/"):
        answer = client.get(url)
        assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
        path = tmp_path / "slip.pdf"
        path.write_bytes(answer.content)
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True)
        texts.append(
            subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
        )
    usage, provision = texts
    for text in (usage, provision):
        assert "第6表" in text and planned.insured_number in text and planned.insurer_number in text
        assert "令和8年5月" in text and "予定" in text and "実績" in text
    assert "サービス利用票" in usage and "通所介護" in usage and "他社サービス" in usage
    assert "サービス提供票" in provision and "他社サービス" in provision and "通所介護" not in provision
    assert "祝" in usage
    assert client.get(f"/billing/slip/{slip.pk}/pdf/providers/9/").status_code == 404
