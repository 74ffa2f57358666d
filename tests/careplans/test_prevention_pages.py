"""介護予防 plans through the API and the pages (issue 9 item 8): the wrong plan kind is refused with
422 (API) or a message on the form (pages); the client page offers the right kind; the office admin
records the designation; the plan page and PDF cost the same queries however many rows."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carebridge.careplans import prevention_messages as messages
from carebridge.careplans import prevention_services as services
from carebridge.careplans.models import CarePlan
from carebridge.careplans.prevention_models import PreventionPlan
from carebridge.core.services import api_token_create

from ..factories import CertificationFactory, ClientFactory
from .prevention_helpers import PLAN, ROW

pytestmark = pytest.mark.django_db


def auth(world):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=world.cm_a)}"}


@pytest.fixture
def support2(world):
    client = ClientFactory(office=world.office_a, care_manager=world.cm_a, name="予防 花子")
    CertificationFactory(client=client, care_level="support_2")
    return client


@pytest.fixture
def care3(world):
    client = ClientFactory(office=world.office_a, care_manager=world.cm_a, name="介護 三郎")
    CertificationFactory(client=client, care_level="care_3")
    return client


def test_api_refuses_a_careplan_for_a_support2_client_with_422(world, client, support2):
    response = client.post(
        f"/api/v1/clients/{support2.pk}/careplans",
        json.dumps({"drafted_on": "2026-04-05"}),
        content_type="application/json",
        **auth(world),
    )
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["code"] == messages.CAREPLAN_NOT_FOR_SUPPORT_LEVEL.code
    assert error["loc"][-1] == "care_level"
    assert error["msg"] == messages.CAREPLAN_NOT_FOR_SUPPORT_LEVEL.format(level="要支援2")
    assert not CarePlan.objects.filter(client=support2).exists()


def test_api_refuses_a_prevention_plan_for_a_care_level_client_with_422(world, client, care3):
    response = client.post(
        f"/api/v1/clients/{care3.pk}/prevention-plans",
        json.dumps({"drafted_on": "2026-04-05", "commissioning_center": "包括"}),
        content_type="application/json",
        **auth(world),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["code"] == messages.PREVENTION_NOT_FOR_CARE_LEVEL.code
    assert not PreventionPlan.objects.exists()


def test_api_makes_a_prevention_plan_for_a_support2_client(world, client, support2):
    response = client.post(
        f"/api/v1/clients/{support2.pk}/prevention-plans",
        json.dumps(
            {"drafted_on": "2026-04-05", "commissioning_center": "地域包括支援センター中央", "goal_year": "散歩"}
        ),
        content_type="application/json",
        **auth(world),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["version"], body["status"], body["goal_year"]) == (1, "draft", "散歩")


def test_careplan_form_refuses_a_support2_client_with_the_message(world, client, support2):
    client.force_login(world.cm_a)
    response = client.post(
        f"/clients/{support2.pk}/careplans/new/",
        {"drafted_on": "2026-04-05", "reason": "new", "plan_origin": "initial"},
    )
    assert response.status_code == 200
    assert messages.CAREPLAN_NOT_FOR_SUPPORT_LEVEL.format(level="要支援2") in response.content.decode()
    assert not CarePlan.objects.filter(client=support2).exists()


def test_client_page_offers_the_prevention_plan_for_a_support2_client(world, client, support2, care3):
    client.force_login(world.cm_a)
    page = client.get(f"/clients/{support2.pk}/").content.decode()
    assert f"/clients/{support2.pk}/prevention-plans/new/" in page
    assert f"/clients/{support2.pk}/careplans/new/" not in page
    other = client.get(f"/clients/{care3.pk}/").content.decode()
    assert f"/clients/{care3.pk}/careplans/new/" in other
    assert "/prevention-plans/new/" not in other


def test_prevention_form_page_makes_a_plan(world, client, support2):
    client.force_login(world.cm_a)
    response = client.post(
        f"/clients/{support2.pk}/prevention-plans/new/",
        {"drafted_on": "2026-04-05", "plan_origin": "initial", "commissioning_center": "", "goal_day": "体操"},
    )
    assert response.status_code == 200  # not designated: the commissioning センター is asked for
    assert messages.COMMISSION_REQUIRED in response.content.decode()
    response = client.post(
        f"/clients/{support2.pk}/prevention-plans/new/",
        {"drafted_on": "2026-04-05", "plan_origin": "initial", "commissioning_center": "包括中央", "goal_day": "体操"},
    )
    plan = PreventionPlan.objects.get(client=support2)
    assert response.status_code == 302 and response["Location"] == f"/prevention-plans/{plan.pk}/"
    assert "体操" in client.get(f"/prevention-plans/{plan.pk}/").content.decode()


def test_office_admin_records_the_prevention_designation(world, client):
    office = world.office_a
    client.force_login(world.admin_a)
    data = {
        "office_number": office.office_number,
        "name": office.name,
        "region_grade": office.region_grade,
        "prefecture": office.prefecture,
        "prevention_designated": "on",
        "prevention_designated_on": "2024-04-01",
    }
    response = client.post("/office/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    office.refresh_from_db()
    assert office.prevention_designated and str(office.prevention_designated_on) == "2024-04-01"
    assert "指定介護予防支援事業所" in client.get("/office/").content.decode()


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_prevention_page_and_pdf_queries_do_not_grow_with_rows(world, client, support2):
    plan = services.preventionplan_create(actor=world.cm_a, client=support2, data=PLAN)
    services.prevention_row_add(actor=world.cm_a, plan=plan, data=ROW)
    client.force_login(world.cm_a)
    counts = []
    for _ in range(2):
        page = _queries(lambda: client.get(f"/prevention-plans/{plan.pk}/"))
        pdf = _queries(lambda: client.get(f"/prevention-plans/{plan.pk}/pdf/"))
        api = _queries(lambda: client.get(f"/api/v1/prevention-plans/{plan.pk}/rows"))
        counts.append((page, pdf, api))
        for _ in range(5):
            services.prevention_row_add(actor=world.cm_a, plan=plan, data=ROW)
    assert counts[0] == counts[1]
