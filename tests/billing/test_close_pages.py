"""The close page, the export (HTMX and plain), the sends list and the download; the page renders
in a constant number of queries; the CLI `carebridge export federation` writes the same file."""

from __future__ import annotations

import hashlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from carebridge.billing import close_services, federation_csv
from carebridge.billing.models import FederationSend, SlipStatus
from carebridge.core.models import AuditEvent

from ..factories import ClientFactory, ProviderFactory
from .close_helpers import MONTH, confirmed_slip, ready_client

pytestmark = pytest.mark.django_db
URL = f"/billing/close/{MONTH:%Y-%m}/"


@pytest.fixture
def cm(world):
    world.cm_a.care_manager_number = "12345678"
    world.cm_a.save()
    return world.cm_a


def test_the_page_shows_totals_errors_and_drafts(world, cm, client):
    ready_client(world.office_a, cm)
    bad = ready_client(world.office_a, cm, name="番号 なし")
    bad.insured_number = "1"
    bad.save()
    draft = ClientFactory(office=world.office_a, care_manager=cm, name="作成中 花子")
    confirmed_slip(draft, [], status=SlipStatus.DRAFT)
    client.force_login(world.clerk_a)
    body = client.get(URL).content.decode()
    assert "番号 なし" in body and "被保険者番号" in body
    assert "作成中 花子" in body
    assert 'id="close-button" disabled' in body


def test_close_then_export_with_htmx_and_download(world, cm, client):
    ready_client(world.office_a, cm)
    client.force_login(world.clerk_a)
    response = client.post(URL + "close/")
    assert response.status_code == 302
    page = client.get(URL).content.decode()
    assert "新規 1件" in page
    response = client.post(URL + "export/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "download-link" in response.content.decode()
    send = FederationSend.objects.get()
    download = client.get(f"/billing/sends/{send.pk}/download/")
    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == send.sha256
    assert federation_csv.parse(download.content).errors == []
    assert send.file_name in client.get("/billing/sends/").content.decode()
    assert AuditEvent.objects.filter(action="federation_send.created").exists()


def test_refused_close_shows_the_errors(world, cm, client):
    client.force_login(world.clerk_a)
    response = client.post(URL + "close/", follow=True)
    assert "締める利用票" in response.content.decode()


def test_a_bad_month_is_not_found(world, client):
    client.force_login(world.clerk_a)
    assert client.get("/billing/close/2026-13/").status_code == 404


def test_api_bad_month_is_422(world, client):
    client.force_login(world.clerk_a)
    response = client.post("/api/v1/billing/close/2026-5")
    assert response.status_code == 422


@pytest.mark.parametrize("n", [1, 5])
def test_the_page_renders_in_constant_queries(world, cm, client, django_assert_max_num_queries, n):
    provider = ProviderFactory(office=world.office_a)
    for i in range(n):
        ready_client(world.office_a, cm, name=f"件数 {i}", provider=provider)
    close_services.month_close(actor=world.clerk_a, month=MONTH)
    close_services.federation_export(actor=world.clerk_a, month=MONTH)
    client.force_login(world.clerk_a)
    with django_assert_max_num_queries(30):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/billing/sends/").status_code == 200


def test_cli_export_federation(world, cm, tmp_path, capsys):
    ready_client(world.office_a, cm)
    call_command(
        "export",
        "federation",
        "--office",
        world.office_a.office_number,
        "--month",
        f"{MONTH:%Y-%m}",
        "--out",
        str(tmp_path),
        "--close",
        "--user",
        world.clerk_a.username,
        "--no-progress",
    )
    send = FederationSend.objects.get()
    written = (tmp_path / send.file_name).read_bytes()
    assert written == bytes(send.content)
    assert federation_csv.parse(written).errors == []
    assert "SHA-256" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("export", "federation", "--office", "0000000000", "--month", "2026-05", "--out", str(tmp_path))
