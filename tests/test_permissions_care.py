"""The care-management pages and endpoints with the four callers (see test_permissions.py).

Roles: care staff write, clerks read (for billing), the workplace care manager sees nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from carebridge.careplans import services as plan_services
from carebridge.careplans.inputs import ConferenceInput
from carebridge.casework import services as case_services
from carebridge.casework.inputs import IntakeInput
from carebridge.core.services import api_token_create

from .careplan_helpers import draft_plan
from .factories import CertificationFactory, ClientFactory, ProviderFactory
from .test_permissions import Case, call, state

pytestmark = pytest.mark.django_db


def objs(world) -> dict[str, Any]:
    client_a = ClientFactory(office=world.office_a, care_manager=world.cm_a, name="計画 太郎")
    CertificationFactory(client=client_a)
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    plan = draft_plan(world.cm_a, client_a, providers)
    need = plan.needs.first()
    short = need.goals.get(term="short")
    conference = plan_services.conference_create(
        actor=world.cm_a,
        plan=plan,
        data=ConferenceInput(
            held_on=dt.date(2026, 4, 10), place="自宅", items_discussed="x", discussion="x", conclusion="x"
        ),
    )
    intake = case_services.intake_create(
        actor=world.cm_a,
        data=IntakeInput(
            received_on=dt.date(2026, 4, 1),
            requester_name="長女",
            requester_relation="長女",
            route="phone",
            subject_name="計画 太郎",
            main_complaint="相談",
        ),
    )
    return {
        "client": client_a,
        "plan": plan,
        "need": need,
        "short": short,
        "conference": conference,
        "intake": intake,
        "providers": providers,
    }


NOTE = {"noted_on": "2026-11-01", "category": "phone", "content": "電話連絡"}
GOAL = {"text": "目標", "period_start": "2026-04-15", "period_end": "2026-06-30"}

PAGES = [
    Case("intake list", "get", lambda o: "/care/intakes/", "cm_a", "wcm_a", 403, 200, other_office=200),
    Case(
        "intake create",
        "post",
        lambda o: "/care/intakes/new/",
        "cm_a",
        "clerk_a",
        403,
        302,
        {
            "received_on": "2026-11-01",
            "route": "phone",
            "requester_name": "A",
            "requester_relation": "長女",
            "subject_name": "B",
            "main_complaint": "C",
            "urgency": "normal",
            "outcome": "pending",
        },
        other_office=302,
    ),
    Case(
        "intake convert form", "get", lambda o: f"/care/intakes/{o['intake'].pk}/convert/", "cm_a", "clerk_a", 403, 200
    ),
    Case(
        "assessment create",
        "post",
        lambda o: f"/care/clients/{o['client'].pk}/assessments/new/",
        "cm_a",
        "clerk_a",
        403,
        302,
        {"assessed_on": "2026-11-01", "place": "自宅", "reason": "initial", "item_11_walking": "見守り"},
    ),
    Case("notes", "get", lambda o: f"/care/clients/{o['client'].pk}/notes/", "clerk_a", "wcm_a", 404, 200),
    Case("note create", "post", lambda o: f"/care/clients/{o['client'].pk}/notes/", "cm_a", "clerk_a", 403, 302, NOTE),
    Case("notes pdf", "get", lambda o: f"/care/clients/{o['client'].pk}/notes/pdf/", "clerk_a", "wcm_a", 404, 200),
    Case(
        "monitoring create",
        "post",
        lambda o: f"/care/clients/{o['client'].pk}/monitoring/new/?month=2026-11",
        "cm_a",
        "clerk_a",
        403,
        302,
        {"visited_on": "2026-11-10", "method": "home", "month": "2026-11"},
    ),
    Case("compliance report", "get", lambda o: "/care/compliance/", "clerk_a", "wcm_a", 403, 200, other_office=200),
    Case(
        "plan create",
        "post",
        lambda o: f"/clients/{o['client'].pk}/careplans/new/",
        "cm_a",
        "clerk_a",
        403,
        302,
        {"drafted_on": "2026-11-01", "reason": "new", "plan_origin": "initial"},
    ),
    Case("plan detail", "get", lambda o: f"/careplans/{o['plan'].pk}/", "clerk_a", "wcm_a", 404, 200),
    Case(
        "plan edit",
        "post",
        lambda o: f"/careplans/{o['plan'].pk}/edit/",
        "cm_a",
        "clerk_a",
        403,
        302,
        {"drafted_on": "2026-04-05", "reason": "new", "plan_origin": "initial", "policy": "新しい方針"},
    ),
    Case(
        "need add",
        "post",
        lambda o: f"/careplans/{o['plan'].pk}/needs/new/",
        "cm_a",
        "clerk_a",
        403,
        302,
        {"text": "新しいニーズ"},
    ),
    Case(
        "goal add",
        "post",
        lambda o: f"/careplans/{o['plan'].pk}/needs/{o['need'].pk}/goals/new/",
        "cm_a",
        "clerk_a",
        403,
        302,
        GOAL,
    ),
    Case(
        "service add",
        "post",
        lambda o: f"/careplans/{o['plan'].pk}/goals/{o['short'].pk}/services/new/",
        "cm_a",
        "clerk_a",
        403,
        302,
        {
            "content": "配食",
            "service_kind": "配食",
            "provider_name": "配食A",
            "frequency": "毎日",
            "period_start": "2026-04-15",
            "period_end": "2026-06-30",
        },
    ),
    Case(
        "weekly add",
        "post",
        lambda o: f"/careplans/{o['plan'].pk}/weekly/new/",
        "cm_a",
        "clerk_a",
        403,
        302,
        {"weekday": 2, "start_time": "09:00", "end_time": "10:00", "label": "訪問看護"},
    ),
    Case(
        "row delete",
        "post",
        lambda o: f"/careplans/{o['plan'].pk}/rows/need/{o['need'].pk}/delete/",
        "cm_a",
        "clerk_a",
        403,
        302,
    ),
    Case(
        "conference add",
        "post",
        lambda o: f"/careplans/{o['plan'].pk}/conferences/new/",
        "cm_a",
        "clerk_a",
        403,
        302,
        {
            "held_on": "2026-04-11",
            "place": "自宅",
            "count": 2,
            "items_discussed": "x",
            "discussion": "x",
            "conclusion": "x",
        },
    ),
    Case(
        "consent",
        "post",
        lambda o: f"/careplans/{o['plan'].pk}/consent/",
        "cm_a",
        "clerk_a",
        403,
        302,
        {"consented_on": "2026-04-12", "signer_name": "本人", "signer_relation": "本人", "method": "signature"},
    ),
    Case("plan pdf", "get", lambda o: f"/careplans/{o['plan'].pk}/pdf/", "clerk_a", "wcm_a", 404, 200),
    Case(
        "conference pdf",
        "get",
        lambda o: f"/careplans/conferences/{o['conference'].pk}/pdf/",
        "clerk_a",
        "wcm_a",
        404,
        200,
    ),
]

API = [
    Case(
        "api plans",
        "get",
        lambda o: f"/api/v1/clients/{o['client'].pk}/careplans",
        "clerk_a",
        "wcm_a",
        404,
        200,
        api=True,
    ),
    Case(
        "api plan create",
        "post",
        lambda o: f"/api/v1/clients/{o['client'].pk}/careplans",
        "cm_a",
        "clerk_a",
        403,
        201,
        {"drafted_on": "2026-11-01"},
        api=True,
    ),
    Case("api plan get", "get", lambda o: f"/api/v1/careplans/{o['plan'].pk}", "clerk_a", "wcm_a", 404, 200, api=True),
    Case(
        "api plan patch",
        "patch",
        lambda o: f"/api/v1/careplans/{o['plan'].pk}",
        "cm_a",
        "clerk_a",
        403,
        200,
        {"policy": "API方針"},
        api=True,
    ),
    Case(
        "api need add",
        "post",
        lambda o: f"/api/v1/careplans/{o['plan'].pk}/needs",
        "cm_a",
        "clerk_a",
        403,
        201,
        {"text": "API ニーズ"},
        api=True,
    ),
    Case(
        "api goal add",
        "post",
        lambda o: f"/api/v1/careplans/{o['plan'].pk}/needs/{o['need'].pk}/goals",
        "cm_a",
        "clerk_a",
        403,
        201,
        {**GOAL, "term": "long"},
        api=True,
    ),
    Case(
        "api conference",
        "post",
        lambda o: f"/api/v1/careplans/{o['plan'].pk}/conferences",
        "cm_a",
        "clerk_a",
        403,
        201,
        {"held_on": "2026-04-11", "place": "自宅", "items_discussed": "x", "discussion": "x", "conclusion": "x"},
        api=True,
    ),
    Case(
        "api consent",
        "post",
        lambda o: f"/api/v1/careplans/{o['plan'].pk}/consent",
        "cm_a",
        "clerk_a",
        403,
        201,
        {"consented_on": "2026-04-12", "signer_name": "本人"},
        api=True,
    ),
    Case(
        "api plan pdf", "get", lambda o: f"/api/v1/careplans/{o['plan'].pk}/pdf", "clerk_a", "wcm_a", 404, 200, api=True
    ),
    Case(
        "api assessments",
        "get",
        lambda o: f"/api/v1/clients/{o['client'].pk}/assessments",
        "clerk_a",
        "wcm_a",
        404,
        200,
        api=True,
    ),
    Case(
        "api assessment create",
        "post",
        lambda o: f"/api/v1/clients/{o['client'].pk}/assessments",
        "cm_a",
        "clerk_a",
        403,
        201,
        {"assessed_on": "2026-11-01", "reason": "initial", "items": {"11": {"walking": "見守り"}}},
        api=True,
    ),
    Case(
        "api notes",
        "get",
        lambda o: f"/api/v1/clients/{o['client'].pk}/progress-notes",
        "clerk_a",
        "wcm_a",
        404,
        200,
        api=True,
    ),
    Case(
        "api note create",
        "post",
        lambda o: f"/api/v1/clients/{o['client'].pk}/progress-notes",
        "cm_a",
        "clerk_a",
        403,
        201,
        NOTE,
        api=True,
    ),
    Case(
        "api monitoring",
        "get",
        lambda o: f"/api/v1/clients/{o['client'].pk}/monitoring",
        "clerk_a",
        "wcm_a",
        404,
        200,
        api=True,
    ),
    Case(
        "api monitoring create",
        "post",
        lambda o: f"/api/v1/clients/{o['client'].pk}/monitoring",
        "cm_a",
        "clerk_a",
        403,
        201,
        {"month": "2026-11", "visited_on": "2026-11-10"},
        api=True,
    ),
    Case(
        "api compliance",
        "get",
        lambda o: "/api/v1/compliance?month=2026-11",
        "clerk_a",
        "wcm_a",
        403,
        200,
        api=True,
        other_office=200,
    ),
]


def _login(django_client, case: Case, user) -> str | None:
    if case.api:
        return api_token_create(actor=None, user=user)
    django_client.force_login(user)
    return None


@pytest.mark.parametrize("case", PAGES + API, ids=lambda c: c.name)
def test_anonymous(world, client, case):
    o = objs(world)
    before = state()
    response = call(client, case, case.url(o))
    assert response.status_code == (401 if case.api else 302)
    assert state() == before


@pytest.mark.parametrize("case", PAGES + API, ids=lambda c: c.name)
def test_another_office(world, client, case):
    o = objs(world)
    token = _login(client, case, world.cm_b)
    before_all, before_a = state(), state(world.office_a)
    response = call(client, case, case.url(o), token)
    assert response.status_code == case.other_office
    if case.other_office == 404:
        assert state() == before_all
    else:
        assert o["client"].name not in response.content.decode()
        assert state(world.office_a) == before_a


@pytest.mark.parametrize("case", PAGES + API, ids=lambda c: c.name)
def test_same_office_without_the_role(world, client, case):
    o = objs(world)
    token = _login(client, case, getattr(world, case.without_role))
    before = state()
    response = call(client, case, case.url(o), token)
    assert response.status_code == case.denied_without_role
    assert state() == before


@pytest.mark.parametrize("case", PAGES + API, ids=lambda c: c.name)
def test_same_office_with_the_role(world, client, case):
    o = objs(world)
    token = _login(client, case, getattr(world, case.with_role))
    before = state()
    response = call(client, case, case.url(o), token)
    assert response.status_code == case.allowed, response.content.decode()[:600]
    if case.method != "get":
        assert state() != before
