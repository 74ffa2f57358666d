"""The pure FHIR mapping (interop/fhir_mapping.py): names, urls, resources validated alone."""

from __future__ import annotations

import datetime as dt

from fhir.resources.R4B import get_fhir_model_class

from carebridge.interop import fhir_mapping as m

D = dt.date


def valid(resource):
    get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    return resource


def test_names_split_at_a_full_or_half_width_space():
    assert m.split_name("山田 ハル") == ("山田", "ハル")
    assert m.split_name("ヤマダ　ハル") == ("ヤマダ", "ハル")
    assert m.split_name("山田ハル") == ("", "")


def test_a_name_without_a_space_is_sent_as_text_only():
    name = m.human_name("山田ハル", "IDE")
    assert name["text"] == "山田ハル"
    assert "family" not in name and "given" not in name


def test_full_urls_are_stable_and_distinct():
    a = m.full_url("1371200010", "client", 1)
    assert a == m.full_url("1371200010", "client", 1)
    assert a.startswith("urn:uuid:")
    assert len({a, m.full_url("1371200010", "careplan", 1), m.full_url("1371200028", "client", 1)}) == 3


def test_patient_without_contact_data_and_practitioner_without_number():
    facts = m.PatientFacts(
        url="urn:uuid:x",
        office_number="1371200010",
        client_id=7,
        name="佐藤 一郎",
        kana="サトウ イチロウ",
        birth_date=D(1938, 1, 2),
        sex="male",
        insured_number="0000000123",
        insurer_number="131016",
    )
    patient = valid(m.patient(facts))
    assert "address" not in patient and "telecom" not in patient
    assert patient["gender"] == "male"
    assert valid(m.practitioner(m.PractitionerFacts(url="urn:uuid:y", name="介護 太郎"))).get("identifier") is None


def test_a_draft_plan_has_proposed_goals_and_activities_not_started():
    activity = m.ActivityFacts(
        content="入浴介助",
        service_kind="通所介護",
        service_type_code="",
        frequency="週2回",
        period_start=D(2026, 4, 1),
        period_end=D(2026, 6, 30),
        insured=False,
        goal_url="urn:uuid:g",
        provider_name="名簿にない事業所",
    )
    plan = m.PlanFacts(
        url="urn:uuid:p",
        office_number="1371200010",
        client_id=7,
        plan_id=3,
        version=1,
        status="draft",
        made_on=D(2026, 3, 20),
        start=D(2026, 3, 20),
        end=None,
        activities=(activity,),
    )
    careplan = valid(m.careplan(plan, patient_url="urn:uuid:pt"))
    assert careplan["status"] == "draft"
    detail = careplan["activity"][0]["detail"]
    assert detail["status"] == "not-started"
    assert "coding" not in detail["code"] and "performer" not in detail
    assert detail["extension"] == [{"url": m.INSURED_EXTENSION, "valueBoolean": False}]
    goal = m.GoalFacts("urn:uuid:g", "short", "介助で入浴する", "入浴したい", D(2026, 4, 1), D(2026, 6, 30))
    assert valid(m.goal(goal, patient_url="urn:uuid:pt", active=False))["lifecycleStatus"] == "proposed"


def test_references_are_found_at_any_depth():
    resource = {"a": [{"reference": "urn:uuid:1"}, {"b": {"reference": "urn:uuid:2", "display": "x"}}]}
    assert m.references(resource) == ["urn:uuid:1", "urn:uuid:2"]
