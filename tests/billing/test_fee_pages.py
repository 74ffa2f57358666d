"""The fee page, the FeeEvent form, the settings page, the 集中減算 report and their API."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carebridge.billing.models import ConcentrationReason, FeeEvent, FeeSetting
from carebridge.careplans.models import CarePlan, Goal, Need, PlannedService
from carebridge.casework.models import CareManagementContract
from carebridge.core.services import api_token_create

from ..factories import CertificationFactory, ClientFactory, ProviderFactory

pytestmark = pytest.mark.django_db

D = dt.date


def _case(world, name: str, level: str, contracted_on: dt.date):
    client = ClientFactory(office=world.office_a, care_manager=world.cm_a, name=name)
    CertificationFactory(client=client, care_level=level)
    CareManagementContract.objects.create(
        office=world.office_a, client=client, contracted_on=contracted_on, multiple_providers_explained=True
    )
    return client


def test_fee_page_shows_cases_additions_and_totals(world, client, django_assert_max_num_queries):
    """Two 要介護 cases (1,086 + 1,411) and 入院時情報連携加算(Ⅰ) 250 in 1級地 (11.40円):
    floor(1,336 × 11.40) + floor(1,411 × 11.40) = 15,230 + 16,085 = 31,315円."""
    first = _case(world, "一番 ハナ", "care_1", D(2025, 1, 1))
    _case(world, "二番 タロウ", "care_3", D(2025, 2, 1))
    FeeEvent.objects.create(
        office=world.office_a,
        client=first,
        care_manager=world.cm_a,
        kind="admission",
        day=D(2026, 10, 5),
        info_on=D(2026, 10, 5),
    )
    client.force_login(world.clerk_a)
    with django_assert_max_num_queries(60):
        response = client.get("/billing/fee/2026-10/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "入院時情報連携加算（Ⅰ）" in body and "一番 ハナ" in body and "要介護3" in body
    assert "2,747単位" in body and "31,315円" in body


def test_fee_page_queries_do_not_grow(world, client):
    """The page costs the same number of queries for 2 clients and for 10 (with events)."""

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/billing/fee/2026-10/").status_code == 200
        return len(ctx.captured_queries)

    client.force_login(world.cm_a)
    for i in range(2):
        _case(world, f"利用 {i}", "care_2", D(2025, 1, 1 + i))
    few = count()
    for i in range(2, 10):
        target = _case(world, f"利用 {i}", "care_4", D(2025, 1, 1 + i))
        FeeEvent.objects.create(
            office=world.office_a, client=target, care_manager=world.cm_a, kind="outpatient", day=D(2026, 10, 9)
        )
    assert count() == few


def test_fee_page_roles(world, client):
    client.force_login(world.wcm_a)
    assert client.get("/billing/fee/2026-10/").status_code == 403
    client.force_login(world.clerk_a)
    assert client.get("/billing/fee/2026-13/").status_code == 404


def test_event_form_records_and_checks(world, client):
    target = _case(world, "入院 ハナ", "care_2", D(2025, 1, 1))
    client.force_login(world.clerk_a)
    url = f"/billing/fee/clients/{target.pk}/events/new/"
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"kind": "admission", "day": "2026-10-05", "info_on": "2026-10-01", "contacts": 1, "confirmed": "on"}
    )
    assert bad.status_code == 200 and "情報提供日は入院日以降" in bad.content.decode()
    ok = client.post(
        url, {"kind": "admission", "day": "2026-10-05", "info_on": "2026-10-05", "contacts": 1, "confirmed": "on"}
    )
    assert ok.status_code == 302 and FeeEvent.objects.filter(client=target).count() == 1
    client.force_login(world.cm_b)
    assert client.get(url).status_code == 404


def test_settings_page_admin_only(world, client):
    client.force_login(world.clerk_a)
    assert client.get("/billing/fee/settings/").status_code == 403
    client.force_login(world.admin_a)
    data = {"valid_from": "2026-04-01", "tier": "2", "special": "2"}
    assert client.post("/billing/fee/settings/", data).status_code == 302
    assert client.post("/billing/fee/settings/", {**data, "special": "1"}).status_code == 302
    setting = FeeSetting.objects.get(office=world.office_a)
    assert (setting.tier, setting.special) == ("2", "1")


def _api(client, world, method, url, body=None, user=None):
    token = api_token_create(actor=None, user=user or world.clerk_a)
    kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if body is not None:
        return getattr(client, method)(url, json.dumps(body), content_type="application/json", **kwargs)
    return getattr(client, method)(url, **kwargs)


def test_api_fee_month_and_422(world, client):
    _case(world, "一番 ハナ", "care_1", D(2025, 1, 1))
    response = _api(client, world, "get", "/api/v1/billing/fee/2026-10")
    assert response.status_code == 200
    assert response.json()["units"] == 1086
    assert _api(client, world, "get", "/api/v1/billing/fee/2026-1x").status_code == 422


def test_api_event_and_settings(world, client):
    target = _case(world, "一番 ハナ", "care_1", D(2025, 1, 1))
    body = {"client_id": target.pk, "kind": "admission", "day": "2026-10-05", "info_on": "2026-10-01"}
    bad = _api(client, world, "post", "/api/v1/billing/fee-events", body)
    assert bad.status_code == 422 and "info_on" in json.dumps(bad.json())
    body["info_on"] = "2026-10-06"
    assert _api(client, world, "post", "/api/v1/billing/fee-events", body).status_code == 201
    assert _api(client, world, "post", "/api/v1/billing/fee-events", {**body, "kind": "x"}).status_code == 422
    put = {"valid_from": "2026-04-01", "tier": "2"}
    assert _api(client, world, "put", "/api/v1/billing/fee-settings", put).status_code == 403
    assert _api(client, world, "put", "/api/v1/billing/fee-settings", put, user=world.admin_a).status_code == 200
    assert _api(client, world, "get", "/api/v1/billing/fee-settings").json()[0]["tier"] == "2"


def _plans(world, provider, n: int) -> None:
    """n active plans with a 訪問介護 service of `provider` running in 2026H1."""
    for i in range(n):
        target = ClientFactory(office=world.office_a, care_manager=world.cm_a, name=f"集中 {i}")
        plan = CarePlan.objects.create(
            office=world.office_a,
            client=target,
            version=1,
            status="active",
            drafted_on=D(2026, 3, 1),
            made_on=D(2026, 3, 1),
        )
        need = Need.objects.create(office=world.office_a, plan=plan, order=1, text="x")
        goal = Goal.objects.create(
            office=world.office_a,
            need=need,
            term="long",
            text="x",
            period_start=D(2026, 3, 1),
            period_end=D(2026, 8, 31),
        )
        PlannedService.objects.create(
            office=world.office_a,
            goal=goal,
            content="身体介護",
            service_type_code="11",
            service_kind="訪問介護",
            provider=provider,
            frequency="週2回",
            period_start=D(2026, 4, 1),
            period_end=D(2026, 9, 30),
        )


def test_concentration_81_percent_flagged_page_pdf_and_reason(world, client, tmp_path, django_assert_max_num_queries):
    """Acceptance (issue 10): a half-year with 81% to one corporation and no 正当な理由 is flagged,
    and the 200-unit 減算 reaches the fee of the following months (2026-10〜2027-03)."""
    a = ProviderFactory(
        office=world.office_a, name="ヘルパーA", corporation_name="社会福祉法人あおば", service_type_codes=["11"]
    )
    b = ProviderFactory(
        office=world.office_a, name="ヘルパーB", corporation_name="株式会社みどり", service_type_codes=["11"]
    )
    _plans(world, a, 81)
    _plans(world, b, 19)
    client.force_login(world.clerk_a)
    with django_assert_max_num_queries(12):
        body = client.get("/billing/concentration/2026H1/").content.decode()
    assert "減算あり" in body and "81.0" in body and "社会福祉法人あおば" in body
    api = _api(client, world, "get", "/api/v1/billing/concentration/2026H1").json()
    assert api["penalty"] is True and api["groups"][0]["flagged"] is True
    assert _api(client, world, "get", "/api/v1/billing/concentration/2026H5").status_code == 422
    _case(world, "一番 ハナ", "care_1", D(2025, 1, 1))
    fee = _api(client, world, "get", "/api/v1/billing/fee/2026-10").json()
    assert fee["concentration_penalty"] is True and fee["units"] == 1086 - 200
    pdf = client.get("/billing/concentration/2026H1/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "社会福祉法人あおば" in text and "81.0" in text
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page*.png"))
    response = client.post(
        "/billing/concentration/2026H1/",
        {"service_group": "11", "reason": "サービス事業所が少数（通常の事業の実施地域に訪問介護が2か所のみ）"},
    )
    assert response.status_code == 302 and ConcentrationReason.objects.filter(office=world.office_a).count() == 1
    assert "減算なし" in client.get("/billing/concentration/2026H1/").content.decode()
    client.force_login(world.wcm_a)
    assert client.get("/billing/concentration/2026H1/").status_code == 403
