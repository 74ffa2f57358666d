"""FHIR R4 export of a client's current plan (issue 11 item 6): GET /api/v1/clients/{id}/fhir.

Every resource and the Bundle are validated with the R4B models of fhir.resources (8.x ships R4B
and R5; R4B 4.3.0 is the technical correction of R4 4.0.1, the same for the resources used here).
"""

from __future__ import annotations

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carebridge.core.models import AuditEvent
from carebridge.core.services import api_token_create
from carebridge.interop import fhir_mapping as m
from carebridge.interop import fhir_messages

from .fhir_helpers import (
    D,
    active_plan,
    add_need_with_services,
    by_url,
    dangling,
    put_revision_in_effect,
    resources,
    validate,
)

pytestmark = pytest.mark.django_db

ALL_KINDS = {"Patient", "Practitioner", "Organization", "Coverage", "CarePlan", "Goal", "CareTeam", "Consent"}


@pytest.fixture
def plan(world, client_a):
    world.cm_a.care_manager_number = "13012345"
    world.cm_a.save()
    return active_plan(world, client_a)


def get(django_client, user, client_id, on="2026-05-01"):
    token = api_token_create(actor=None, user=user)
    query = f"?on={on}" if on else ""
    return django_client.get(f"/api/v1/clients/{client_id}/fhir{query}", HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def bundle(world, client, plan):
    response = get(client, world.cm_a, plan.client_id)
    assert response.status_code == 200, response.content.decode()[:500]
    return response.json()


def test_a_valid_transaction_bundle_with_every_kind(bundle):
    validate(bundle)
    assert bundle["resourceType"] == "Bundle"
    assert bundle["type"] == "transaction"
    assert {e["resource"]["resourceType"] for e in bundle["entry"]} == ALL_KINDS
    for entry in bundle["entry"]:
        assert entry["fullUrl"].startswith("urn:uuid:")
        assert entry["request"]["method"] == "POST"
        assert entry["request"]["url"] == entry["resource"]["resourceType"]
    assert len({e["fullUrl"] for e in bundle["entry"]}) == len(bundle["entry"])


def test_every_reference_resolves_inside_the_bundle(bundle):
    assert m.references(bundle["entry"])
    assert dangling(bundle) == []


def test_the_same_plan_gives_the_same_full_urls(world, client, plan, bundle):
    again = get(client, world.cm_a, plan.client_id).json()
    assert [e["fullUrl"] for e in again["entry"]] == [e["fullUrl"] for e in bundle["entry"]]


def test_patient(client_a, bundle):
    (patient,) = resources(bundle, "Patient")
    kanji, kana = patient["name"]
    assert kanji["text"] == "山田 ハル" and (kanji["family"], kanji["given"]) == ("山田", ["ハル"])
    assert kanji["extension"] == [{"url": m.NAME_REPRESENTATION, "valueCode": "IDE"}]
    assert kana["text"] == "ヤマダ　ハル" and (kana["family"], kana["given"]) == ("ヤマダ", ["ハル"])
    assert kana["extension"] == [{"url": m.NAME_REPRESENTATION, "valueCode": "SYL"}]
    assert patient["birthDate"] == client_a.birth_date.isoformat()
    assert patient["gender"] == "female"
    assert {"system": m.INSURED_NUMBER_SYSTEM, "value": client_a.insured_number, "use": "official"} in patient[
        "identifier"
    ]
    entry = next(e for e in bundle["entry"] if e["resource"] is not None and e["resource"]["resourceType"] == "Patient")
    assert entry["request"]["ifNoneExist"] == f"identifier={m.INSURED_NUMBER_SYSTEM}|{client_a.insured_number}"


def test_practitioner_and_organizations(world, plan, bundle):
    (practitioner,) = resources(bundle, "Practitioner")
    assert practitioner["identifier"] == [{"system": m.CARE_MANAGER_NUMBER_SYSTEM, "value": "13012345"}]
    assert practitioner["name"] == [{"text": str(world.cm_a)}]
    numbers = {i["value"]: org["name"] for org in resources(bundle, "Organization") for i in org.get("identifier", [])}
    assert numbers[world.office_a.office_number] == world.office_a.name
    for name in ("デイサービスさくら", "訪問看護ひかり", "福祉用具もみじ"):
        assert name in numbers.values()
    assert numbers[plan.client.insurer_number].startswith("保険者")


def test_coverage(plan, bundle):
    (coverage,) = resources(bundle, "Coverage")
    urls = by_url(bundle)
    cert = plan.certification
    assert coverage["subscriberId"] == plan.client.insured_number
    payor = urls[coverage["payor"][0]["reference"]]
    assert payor["identifier"] == [{"system": m.INSURER_NUMBER_SYSTEM, "value": plan.client.insurer_number}]
    assert coverage["class"][0]["value"] == "22" and coverage["class"][0]["name"] == "要介護2"
    assert coverage["period"] == {"start": cert.valid_from.isoformat(), "end": cert.valid_to.isoformat()}
    assert urls[coverage["beneficiary"]["reference"]]["resourceType"] == "Patient"


def test_careplan_goals_activities_team_and_consent(world, plan, bundle):
    urls = by_url(bundle)
    (careplan,) = resources(bundle, "CarePlan")
    assert (careplan["status"], careplan["intent"]) == ("active", "plan")
    assert careplan["period"] == {"start": "2026-04-15"}
    assert careplan["description"] == "転倒を防ぎ、入浴を安全に続ける"
    assert "replaces" not in careplan
    assert urls[careplan["author"]["reference"]]["resourceType"] == "Practitioner"
    goals = [urls[g["reference"]] for g in careplan["goal"]]
    terms = [
        (g["category"][0]["coding"][0]["code"], g["description"]["text"], g["target"][0]["dueDate"]) for g in goals
    ]
    assert terms == [
        ("long", "週2回入浴できる", "2026-09-30"),
        ("short", "介助で入浴する", "2026-06-30"),
        ("long", "屋内を一人で歩ける", "2026-09-30"),
        ("short", "手すりを使って歩く", "2026-06-30"),
    ]
    details = [a["detail"] for a in careplan["activity"]]
    assert [(d["description"], d["code"]["text"], d["scheduledTiming"]["code"]["text"]) for d in details] == [
        ("入浴介助", "通所介護", "週2回"),
        ("歩行訓練", "訪問看護", "週1回"),
        ("手すりの貸与", "福祉用具貸与", "毎日"),
    ]
    assert [urls[d["performer"][0]["reference"]]["name"] for d in details] == [
        "デイサービスさくら",
        "訪問看護ひかり",
        "福祉用具もみじ",
    ]
    assert all(urls[d["goal"][0]["reference"]]["category"][0]["coding"][0]["code"] == "short" for d in details)
    (team,) = resources(bundle, "CareTeam")
    assert careplan["careTeam"] == [{"reference": next(e["fullUrl"] for e in bundle["entry"] if e["resource"] is team)}]
    members = [urls[p["member"]["reference"]] for p in team["participant"]]
    assert [r["resourceType"] for r in members] == ["Practitioner", "Organization", "Organization", "Organization"]
    assert team["participant"][0]["role"][0]["text"] == "介護支援専門員"
    (consent,) = resources(bundle, "Consent")
    assert consent["dateTime"] == "2026-04-10"
    assert consent["extension"][0]["valueCoding"]["code"] == "signature"
    assert consent["extension"][0]["valueCoding"]["display"] == "署名"
    assert urls[consent["provision"]["data"][0]["reference"]["reference"]] is careplan
    assert urls[consent["performer"][0]["reference"]]["resourceType"] == "Patient"


def test_a_revised_plan_replaces_the_earlier_version(world, client, plan):
    second = put_revision_in_effect(world.cm_a, plan, drafted_on=D(2026, 6, 20), start=D(2026, 7, 1))
    bundle = get(client, world.cm_a, plan.client_id, on="2026-08-01").json()
    validate(bundle)
    assert dangling(bundle) == []
    urls = by_url(bundle)
    current, earlier = resources(bundle, "CarePlan")
    assert current["title"] == f"居宅サービス計画 第{second.version}版"
    assert urls[current["replaces"][0]["reference"]] is earlier
    assert earlier["title"] == "居宅サービス計画 第1版"
    assert earlier["status"] == "completed"
    assert earlier["period"] == {"start": "2026-04-15", "end": "2026-06-30"}
    assert "replaces" not in earlier
    (consent,) = resources(bundle, "Consent")
    assert consent["dateTime"] == "2026-06-20"
    assert consent["extension"][0]["valueCoding"]["code"] == "name_and_seal"
    assert consent["performer"] == [{"display": "長女 山田 花（長女）"}]
    # Before the revision started, the first version is the current one and replaces nothing.
    before = get(client, world.cm_a, plan.client_id, on="2026-06-30").json()
    assert [p["title"] for p in resources(before, "CarePlan")] == ["居宅サービス計画 第1版"]


def test_no_plan_in_effect_is_404_with_its_code(world, client, plan):
    response = get(client, world.cm_a, plan.client_id, on="2026-04-14")
    assert response.status_code == 404
    assert response.json() == {"detail": fhir_messages.NO_CURRENT_PLAN, "code": "no_current_plan"}


def test_today_by_default(world, client, plan, settings):
    response = get(client, world.cm_a, plan.client_id, on="")
    assert response.status_code == 200  # the first version runs on with no end (now 2026-12 or later)


def test_another_office_gets_404(world, client, plan):
    assert get(client, world.cm_b, plan.client_id).status_code == 404
    assert not AuditEvent.objects.filter(event_type="view").exists()


@pytest.mark.parametrize("who", ["hr", "employee", "manager", "hr_b", "wcm_a"])
def test_company_and_workplace_roles_get_403(world, client, plan, who):
    response = get(client, getattr(world, who), plan.client_id)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not AuditEvent.objects.filter(event_type="view").exists()


def test_a_read_writes_one_view_event(world, client, plan):
    get(client, world.clerk_a, plan.client_id)
    new = AuditEvent.objects.filter(event_type="view")
    assert [(e.event_type, e.client_id, e.actor_id) for e in new] == [("view", plan.client_id, world.clerk_a.pk)]


def test_no_personal_data_in_logs(world, client, plan, caplog):
    caplog.set_level(logging.DEBUG)
    get(client, world.cm_a, plan.client_id)
    assert "FHIR bundle of plan" in caplog.text
    for secret in (plan.client.name, plan.client.kana, plan.client.insured_number, "ヤマダ", "山田"):
        assert secret not in caplog.text


def _queries(django_client, user, client_id, on):
    token = api_token_create(actor=None, user=user)
    with CaptureQueriesContext(connection) as queries:
        response = django_client.get(f"/api/v1/clients/{client_id}/fhir?on={on}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_plan(world, client, plan):
    small = _queries(client, world.cm_a, plan.client_id, "2026-05-01")
    put_revision_in_effect(
        world.cm_a,
        plan,
        drafted_on=D(2026, 6, 20),
        start=D(2026, 7, 1),
        extend=lambda new: add_need_with_services(world.cm_a, new, 5),
    )
    bundle = get(client, world.cm_a, plan.client_id, on="2026-08-01").json()
    assert len(resources(bundle, "Organization")) == 2 + 3 + 5  # office, insurer, providers
    assert len(resources(bundle, "CarePlan")) == 2
    assert _queries(client, world.cm_a, plan.client_id, "2026-08-01") == small
    assert small <= 20, small  # token, gate, 5 plan facts, plan, 4 for the tree, versions, audit


def test_without_care_manager_certification_or_listed_provider(world, client):
    """A plan with no certification on file (no Coverage), a client with no assigned care manager
    and a service from a provider that is not in the directory (an Organization by name only)."""
    from carebridge.careplans import services
    from carebridge.careplans.inputs import ServiceInput
    from carebridge.careplans.models import Goal

    from ..careplan_helpers import agree_and_start, draft_plan
    from ..factories import ClientFactory, ProviderFactory

    person = ClientFactory(office=world.office_a, care_manager=None, name="単身 一人")
    providers = [ProviderFactory(office=world.office_a) for _ in range(3)]
    plan = draft_plan(world.cm_a, person, providers)
    short = Goal.objects.filter(need__plan=plan, term="short").first()
    data = ServiceInput(
        content="配食",
        service_kind="配食サービス",
        insured=False,
        provider_name="地域の弁当屋",
        frequency="毎日",
        period_start=D(2026, 4, 15),
        period_end=D(2026, 6, 30),
    )
    services.service_add(actor=world.cm_a, goal=short, data=data)
    agree_and_start(world.cm_a, plan, providers)
    bundle = get(client, world.cm_a, person.pk).json()
    validate(bundle)
    assert dangling(bundle) == []
    assert resources(bundle, "Coverage") == []
    assert "地域の弁当屋" in [o["name"] for o in resources(bundle, "Organization")]
    (team,) = resources(bundle, "CareTeam")
    assert "サービス事業所（配食サービス）" in [p["role"][0]["text"] for p in team["participant"]]
    assert len(resources(bundle, "Practitioner")) == 1  # the author


def test_the_client_page_links_the_export(world, client, plan):
    client.force_login(world.clerk_a)
    page = client.get(f"/clients/{plan.client_id}/").content.decode()
    assert f'href="/api/v1/clients/{plan.client_id}/fhir"' in page
    response = client.get(f"/api/v1/clients/{plan.client_id}/fhir?on=2026-05-01")  # the browser's session
    assert response.status_code == 200
    validate(response.json())


@pytest.mark.parametrize("on", ["abc", "2026-02-30", "2101-01-01", "1867-12-31"])
def test_a_bad_day_is_422_in_japanese(world, client, plan, on):
    response = get(client, world.cm_a, plan.client_id, on=on)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"][-1] == "on"
    assert error["code"] in {"field_date", "date_out_of_range"}


def test_an_id_beyond_any_row_is_404(world, client, plan):
    assert get(client, world.cm_a, 2**70).status_code == 404
