"""Casework services: intake → client and contract, monitoring (video rule), notes, compliance facts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from carebridge.casework import messages, services
from carebridge.casework.inputs import ContractInput, EvaluationInput, IntakeInput, MonitoringInput, NoteInput
from carebridge.casework.models import CareManagementContract, Task
from carebridge.clients.inputs import ClientInput
from carebridge.clients.models import Client
from carebridge.compliance import selectors as compliance_selectors
from carebridge.compliance.rules import Rule

from ..careplan_helpers import D, agree_and_start, contract_and_home_assessment, draft_plan
from ..factories import CertificationFactory, ProviderFactory

pytestmark = pytest.mark.django_db

CLIENT = {
    "name": "新井 トメ",
    "kana": "あらい とめ",
    "birth_date": D(1935, 2, 3),
    "sex": "female",
    "insurer_number": "131128",
    "insured_number": "0000055555",
}


@pytest.fixture
def providers(world):
    return [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]


def test_intake_converts_to_client_and_contract_in_one_step(world):
    intake = services.intake_create(
        actor=world.cm_a,
        data=IntakeInput(
            received_on=D(2026, 4, 1),
            requester_name="新井 花子",
            requester_relation="長女",
            route="phone",
            subject_name="新井 トメ",
            main_complaint="退院後の生活が心配",
        ),
    )
    client = services.intake_convert(
        actor=world.cm_a,
        intake=intake,
        client=ClientInput(**CLIENT, care_manager=world.cm_a),
        contract=ContractInput(contracted_on=D(2026, 4, 2), multiple_providers_explained=True),
    )
    intake.refresh_from_db()
    assert intake.client == client
    assert intake.outcome == "contracted"
    assert CareManagementContract.objects.get(client=client).contracted_on == D(2026, 4, 2)


def test_contract_requires_the_explanation_and_nothing_is_half_written(world):
    """運営基準第4条第2項: the client may ask for several providers — explaining it is an obligation."""
    intake = services.intake_create(
        actor=world.cm_a,
        data=IntakeInput(
            received_on=D(2026, 4, 1),
            requester_name="新井 花子",
            requester_relation="長女",
            route="phone",
            subject_name="新井 トメ",
            main_complaint="相談",
        ),
    )
    with pytest.raises(ValidationError) as exc:
        services.intake_convert(
            actor=world.cm_a,
            intake=intake,
            client=ClientInput(**CLIENT),
            contract=ContractInput(contracted_on=D(2026, 4, 2), multiple_providers_explained=False),
        )
    assert exc.value.message_dict["multiple_providers_explained"] == [messages.CONTRACT_EXPLANATION_REQUIRED]
    assert not Client.objects.filter(insured_number="0000055555").exists()


def test_video_monitoring_is_checked(world, client_a, providers):
    """運営基準第13条第14号 (2024): written consent, team agreement, a home visit the month before."""
    with pytest.raises(ValidationError) as exc:
        services.monitoring_record(
            actor=world.cm_a,
            client=client_a,
            month=D(2026, 6, 1),
            data=MonitoringInput(visited_on=D(2026, 6, 10), method="video"),
        )
    errors = exc.value.message_dict
    assert errors["video_consent_on"] == [messages.VIDEO_NEEDS_CONSENT]
    assert errors["team_agreed_on"] == [messages.VIDEO_NEEDS_TEAM]
    assert errors["method"] == [messages.VIDEO_NEEDS_HOME_LAST_MONTH]
    services.monitoring_record(
        actor=world.cm_a, client=client_a, month=D(2026, 5, 1), data=MonitoringInput(visited_on=D(2026, 5, 12))
    )
    visit = services.monitoring_record(
        actor=world.cm_a,
        client=client_a,
        month=D(2026, 6, 1),
        data=MonitoringInput(
            visited_on=D(2026, 6, 10), method="video", video_consent_on=D(2026, 5, 12), team_agreed_on=D(2026, 5, 12)
        ),
    )
    assert visit.method == "video"


def test_one_monitoring_per_month_and_date_inside_the_month(world, client_a):
    services.monitoring_record(
        actor=world.cm_a, client=client_a, month=D(2026, 5, 1), data=MonitoringInput(visited_on=D(2026, 5, 12))
    )
    with pytest.raises(ValidationError) as exc:
        services.monitoring_record(
            actor=world.cm_a, client=client_a, month=D(2026, 5, 1), data=MonitoringInput(visited_on=D(2026, 5, 20))
        )
    assert exc.value.message_dict["month"] == [messages.MONITORING_DUPLICATE]
    with pytest.raises(ValidationError) as exc:
        services.monitoring_record(
            actor=world.cm_a, client=client_a, month=D(2026, 6, 1), data=MonitoringInput(visited_on=D(2026, 7, 1))
        )
    assert exc.value.message_dict["visited_on"] == [messages.VISIT_OUTSIDE_MONTH]


def test_monitoring_evaluates_short_goals_and_reassessment_makes_a_task(world, client_a, providers):
    plan = agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    shorts = [g for n in plan.needs.all() for g in n.goals.filter(term="short")]
    visit = services.monitoring_record(
        actor=world.cm_a,
        client=client_a,
        month=D(2026, 5, 1),
        data=MonitoringInput(
            visited_on=D(2026, 5, 12),
            evaluations=tuple(
                EvaluationInput(**row)
                for row in [
                    {"goal": shorts[0], "result": "achieved"},
                    {"goal": shorts[1], "result": "partly", "comment": "手すりがあれば歩ける"},
                ]
            ),
            reassessment_needed=True,
        ),
    )
    assert visit.plan == plan
    assert [e.result for e in visit.evaluations.all()] == ["achieved", "partly"]
    task = Task.objects.get(client=client_a)
    assert task.assignee == client_a.care_manager
    assert task.due_on == D(2026, 5, 31)


def test_compliance_facts_from_the_database(world, client_a, providers):
    CertificationFactory(client=client_a, valid_from=D(2026, 4, 1), valid_to=D(2027, 3, 31))
    contract_and_home_assessment(world.cm_a, client_a)
    agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    services.monitoring_record(
        actor=world.cm_a, client=client_a, month=D(2026, 5, 1), data=MonitoringInput(visited_on=D(2026, 5, 12))
    )
    may = compliance_selectors.compliance_findings(actor=world.cm_a, month=D(2026, 5, 1), today=D(2026, 6, 15))
    assert may == []
    june = compliance_selectors.compliance_findings(actor=world.cm_a, month=D(2026, 6, 1), today=D(2026, 6, 15))
    assert [(f.client_id, f.rule) for f in june] == [(client_a.pk, Rule.MONITORING_MISSING)]


def test_compliance_query_count_does_not_grow_with_history(world, client_a, providers, django_assert_max_num_queries):
    CertificationFactory(client=client_a)
    agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        compliance_selectors.compliance_findings(actor=world.cm_a, month=D(2026, 6, 1), today=D(2026, 6, 15))
    for i in range(24):
        month = dt.date(2024 + i // 12, i % 12 + 1, 1)
        services.monitoring_record(
            actor=world.cm_a, client=client_a, month=month, data=MonitoringInput(visited_on=month.replace(day=9))
        )
        services.progress_note_create(
            actor=world.cm_a, client=client_a, data=NoteInput(noted_on=month, category="visit", content="訪問")
        )
    with CaptureQueriesContext(connection) as large:
        compliance_selectors.compliance_findings(actor=world.cm_a, month=D(2026, 6, 1), today=D(2026, 6, 15))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_same_goal_cannot_be_evaluated_twice(world, client_a, providers):
    plan = agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    short = plan.needs.first().goals.get(term="short")
    with pytest.raises(ValidationError) as exc:
        services.monitoring_record(
            actor=world.cm_a,
            client=client_a,
            month=D(2026, 5, 1),
            data=MonitoringInput(
                visited_on=D(2026, 5, 12),
                evaluations=tuple(
                    EvaluationInput(**row)
                    for row in [{"goal": short, "result": "achieved"}, {"goal": short, "result": "partly"}]
                ),
            ),
        )
    assert exc.value.message_dict["evaluations"] == [messages.EVALUATION_TWICE]
    with pytest.raises(ValidationError):
        services.monitoring_record(
            actor=world.cm_a,
            client=client_a,
            month=D(2026, 5, 1),
            data=MonitoringInput(
                visited_on=D(2026, 5, 12),
                evaluations=tuple(EvaluationInput(**row) for row in [{"goal": short, "result": "bogus"}]),
            ),
        )


def test_bad_ids_in_the_query_string_are_not_found(world, client, client_a, providers):
    plan = draft_plan(world.cm_a, client_a, providers)
    need = plan.needs.first()
    client.force_login(world.cm_a)
    assert client.get(f"/careplans/{plan.pk}/needs/{need.pk}/goals/new/?parent=abc").status_code == 404
    assert client.get(f"/careplans/{plan.pk}/diff/?with=abc").status_code == 404
