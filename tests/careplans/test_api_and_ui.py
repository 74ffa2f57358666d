"""Care plans through the API and the pages: versions, refusal to edit an agreed plan, 変更, PDF, compliance."""

from __future__ import annotations

import json

import pytest

from carebridge.careplans import messages
from carebridge.careplans.inputs import ServiceInput
from carebridge.careplans.models import CarePlan
from carebridge.core.models import AuditEvent
from carebridge.core.services import api_token_create
from carebridge.documents.http import MISSING_GLYPHS_HEADER, missing_glyphs_message
from carebridge.documents.messages import MISSING_GLYPHS

from ..careplan_helpers import D, agree_and_start, draft_plan
from ..factories import CertificationFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def active_plan(world, client_a):
    CertificationFactory(client=client_a)
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    return agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)


def auth(world):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=world.cm_a)}"}


def test_versions_newest_first(world, client, active_plan):
    client.force_login(world.cm_a)
    client.post(f"/careplans/{active_plan.pk}/revise/", {"drafted_on": "2026-07-01", "reason": "change"})
    body = client.get(f"/api/v1/clients/{active_plan.client_id}/careplans", **auth(world)).json()
    assert [(p["version"], p["status"]) for p in body] == [(2, "draft"), (1, "active")]
    assert {"id", "version", "status"} <= set(body[0])


def test_api_refuses_to_edit_a_consented_plan(world, client, active_plan):
    response = client.patch(
        f"/api/v1/careplans/{active_plan.pk}",
        json.dumps({"policy": "書き換え"}),
        content_type="application/json",
        **auth(world),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == messages.PLAN_LOCKED
    active_plan.refresh_from_db()
    assert active_plan.policy != "書き換え"


def test_ui_refuses_to_edit_a_consented_plan(world, client, active_plan):
    client.force_login(world.cm_a)
    response = client.post(
        f"/careplans/{active_plan.pk}/edit/",
        {"drafted_on": "2026-04-05", "policy": "書き換え", "reason": "new", "plan_origin": "initial"},
        follow=True,
    )
    assert messages.PLAN_LOCKED in response.content.decode()
    active_plan.refresh_from_db()
    assert active_plan.policy != "書き換え"
    page = client.get(f"/careplans/{active_plan.pk}/").content.decode()
    assert "＋ ニーズを追加" not in page
    assert "変更（新しい版を作成）" in page


def test_revise_in_the_ui_makes_a_new_version_and_both_are_audited(world, client, active_plan):
    client.force_login(world.cm_a)
    response = client.post(f"/careplans/{active_plan.pk}/revise/", {"drafted_on": "2026-07-01", "reason": "change"})
    new = CarePlan.objects.get(replaces=active_plan)
    assert response["Location"] == f"/careplans/{new.pk}/"
    client.post(
        f"/careplans/{new.pk}/edit/",
        {"drafted_on": "2026-07-01", "policy": "変更後の方針", "reason": "change", "plan_origin": "continuing"},
    )
    new.refresh_from_db()
    assert new.policy == "変更後の方針"
    diff = client.get(f"/careplans/{new.pk}/diff/").content.decode()
    assert "変更後の方針" in diff and "diff-add" in diff and "diff-del" in diff
    audit = client.get("/audit/", {"event_type": ""})  # cm has no audit role: check the rows directly
    assert audit.status_code == 403
    ids = set(AuditEvent.objects.filter(subject_type="careplans.careplan").values_list("subject_id", flat=True))
    assert {str(active_plan.pk), str(new.pk)} <= ids
    client.force_login(world.admin_a)
    log = client.get("/audit/", {"client": active_plan.client_id}).content.decode()
    assert f'href="/careplans/{active_plan.pk}/"' in log and f'href="/careplans/{new.pk}/"' in log
    assert "居宅サービス計画: 変更（新しい版）" in log and "careplans.careplan" not in log


def test_plan_set_pdf_from_the_api(world, client, active_plan):
    response = client.get(f"/api/v1/careplans/{active_plan.pk}/pdf", **auth(world))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_compliance_endpoint(world, client, active_plan):
    body = client.get("/api/v1/compliance?month=2026-06", **auth(world)).json()
    assert {"client_id": active_plan.client_id, "rule": "monitoring_missing"} in [
        {"client_id": f["client_id"], "rule": f["rule"]} for f in body
    ]
    assert all({"client_id", "rule", "message"} <= set(f) for f in body)
    bad = client.get("/api/v1/compliance?month=2026-13", **auth(world))
    assert bad.status_code == 422


def test_the_plan_page_query_count_does_not_grow_with_rows(world, client, active_plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from carebridge.careplans import services

    client.force_login(world.cm_a)
    new = services.careplan_revise(actor=world.cm_a, plan=active_plan, drafted_on=D(2026, 7, 1))
    with CaptureQueriesContext(connection) as small:
        client.get(f"/careplans/{new.pk}/")
    need = new.needs.first()
    long = need.goals.get(term="long")
    for i in range(5):
        short = services.goal_add(
            actor=world.cm_a,
            need=need,
            term="short",
            parent=long,
            text=f"目標{i}",
            period_start=D(2026, 7, 1),
            period_end=D(2026, 9, 30),
        )
        services.service_add(
            actor=world.cm_a,
            goal=short,
            data=ServiceInput(
                content="配食",
                service_kind="配食",
                insured=False,
                provider_name="配食A",
                frequency="毎日",
                period_start=D(2026, 7, 1),
                period_end=D(2026, 9, 30),
            ),
        )
    with CaptureQueriesContext(connection) as large:
        client.get(f"/careplans/{new.pk}/")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_pdf_with_a_character_no_font_has_warns_in_a_header_and_a_message(world, client, active_plan):
    active_plan.client.name = "𠮷田 ハル"  # 外字 with a fallback font: no warning for it
    active_plan.client.save(update_fields=["name"])
    CarePlan.objects.filter(pk=active_plan.pk).update(policy="毎日を笑顔で😀")

    api = client.get(f"/api/v1/careplans/{active_plan.pk}/pdf", **auth(world))
    assert api.status_code == 200
    assert api[MISSING_GLYPHS_HEADER] == "U+1F600"

    client.force_login(world.cm_a)
    page = client.get(f"/careplans/{active_plan.pk}/pdf/")
    assert page.status_code == 200
    assert page["Content-Type"] == "application/pdf"
    assert page[MISSING_GLYPHS_HEADER] == "U+1F600"
    after = client.get(f"/careplans/{active_plan.pk}/")  # the message shows on the next page
    expected = missing_glyphs_message(["😀"], "居宅サービス計画書")
    assert expected in after.content.decode()
    assert expected == MISSING_GLYPHS.format(document="居宅サービス計画書", chars="😀（U+1F600）")


def test_pdf_without_such_characters_has_no_warning(world, client, active_plan):
    client.force_login(world.cm_a)
    response = client.get(f"/careplans/{active_plan.pk}/pdf/")
    assert response.status_code == 200
    assert MISSING_GLYPHS_HEADER not in response
    assert "〓" not in client.get(f"/careplans/{active_plan.pk}/").content.decode()
