"""第1表 fields (issue 9 item 11): 作成年月日 apart from 居宅サービス計画作成（変更）日, and 初回・紹介・継続
with 紹介 combined with 初回 or 継続 (様式 老企第29号 第1表 and its 記載要領; the care-plan exchange's
計画書区分 11, 12, 21, 51, 53)."""

from __future__ import annotations

import pytest

from carebridge.careplans import services
from carebridge.careplans.inputs import PlanInput
from carebridge.careplans.models import PLAN_ORIGIN_EXCHANGE_CODES, PLAN_ORIGIN_MARKS, CarePlan, PlanOrigin
from carebridge.core.services import api_token_create

from ..careplan_helpers import D, agree_and_start, draft_plan
from ..factories import CertificationFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def test_made_on_defaults_to_the_drafting_day_and_can_differ(world, client_a):
    """作成年月日 is the day this version's document was made; not given, it is 作成（変更）日."""
    same = services.careplan_create(actor=world.cm_a, client=client_a, data=PlanInput(drafted_on=D(2026, 4, 1)))
    assert (same.made_on, same.drafted_on) == (D(2026, 4, 1), D(2026, 4, 1))
    apart = services.careplan_create(
        actor=world.cm_a, client=client_a, data=PlanInput(drafted_on=D(2026, 4, 1), made_on=D(2026, 4, 6))
    )
    apart.refresh_from_db()
    assert (apart.made_on, apart.drafted_on) == (D(2026, 4, 6), D(2026, 4, 1))


def test_the_plan_form_records_both_dates_and_a_combined_origin(world, client, client_a):
    client.force_login(world.cm_a)
    response = client.post(
        f"/clients/{client_a.pk}/careplans/new/",
        {"drafted_on": "2026-04-01", "made_on": "2026-04-06", "reason": "new", "plan_origin": "initial_referral"},
    )
    assert response.status_code == 302, response.content.decode()
    plan = CarePlan.objects.get(client=client_a)
    assert (plan.made_on, plan.drafted_on, plan.plan_origin) == (D(2026, 4, 6), D(2026, 4, 1), "initial_referral")
    page = client.get(f"/careplans/{plan.pk}/").content.decode()
    assert "初回・紹介" in page and "令和8年4月6日" in page

    response = client.post(
        f"/careplans/{plan.pk}/edit/",
        {"drafted_on": "2026-04-02", "made_on": "", "reason": "new", "plan_origin": "referral_continuing"},
    )
    assert response.status_code == 302, response.content.decode()
    plan.refresh_from_db()
    assert (plan.made_on, plan.plan_origin) == (D(2026, 4, 2), "referral_continuing")  # blank: the drafting day


def test_the_api_takes_made_on_and_refuses_an_origin_outside_the_form(world, client, client_a):
    """初回 and 継続 exclude each other (記載要領: 継続 is a client this office already served)."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=world.cm_a)}"}
    url = f"/api/v1/clients/{client_a.pk}/careplans"
    body = {"drafted_on": "2026-04-01", "made_on": "2026-04-06", "plan_origin": "referral_continuing"}
    created = client.post(url, body, content_type="application/json", **headers)
    assert created.status_code == 201, created.content
    assert created.json()["made_on"] == "2026-04-06"
    refused = client.post(url, body | {"plan_origin": "initial_continuing"}, content_type="application/json", **headers)
    assert refused.status_code == 422
    assert "plan_origin" in refused.content.decode()


def test_a_new_version_is_continuing_and_made_on_its_own_day(world, client_a):
    """変更 copies the plan (test_revise_copies_every_field) but for the facts of making it: the new
    version's 作成年月日 is its own 作成（変更）日, and it is 継続."""
    CertificationFactory(client=client_a)
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    plan = agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    new = services.careplan_revise(actor=world.cm_a, plan=plan, drafted_on=D(2026, 8, 1))
    assert (new.made_on, new.drafted_on, new.plan_origin) == (D(2026, 8, 1), D(2026, 8, 1), "continuing")


def test_every_origin_has_its_marks_and_exchange_code():
    """計画書区分 (UP1KYO item 16): 11 初回, 12 紹介, 21 継続, 51 初回＆紹介, 53 紹介＆継続."""
    assert PLAN_ORIGIN_EXCHANGE_CODES == {
        "initial": "11",
        "referral": "12",
        "continuing": "21",
        "initial_referral": "51",
        "referral_continuing": "53",
    }
    assert set(PLAN_ORIGIN_MARKS) == set(PlanOrigin.values)
    for origin, marks in PLAN_ORIGIN_MARKS.items():
        assert "・".join(marks) == PlanOrigin(origin).label
