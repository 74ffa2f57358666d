"""Dates in the future (issue 9 item 14): a fact that already happened cannot be dated after today
— a monitoring visit (運営基準第13条第14号: 実施日 is the day the home was visited), a 認定日 (the
insurer's decision, 介護保険法第27条), a サービス担当者会議 (第13条第9号: 開催日), a consent to the plan
(第13条第10号) or to sharing information (第23条第3項). Each is refused with a Japanese message
naming the field, from the service, the form and the API (422). Plans and goals may look ahead.
"Today" is timezone.localdate() (Asia/Tokyo)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from carebridge.careplans import services as careplans
from carebridge.careplans.inputs import ConferenceInput, GoalInput, PlanConsentInput
from carebridge.casework import services
from carebridge.casework.inputs import MonitoringInput
from carebridge.clients import services as clients
from carebridge.clients.inputs import CertificationInput, ConsentInput
from carebridge.core import messages as core_messages
from carebridge.core.dates import month_start
from carebridge.core.services import api_token_create

from ..careplan_helpers import draft_plan
from ..factories import CertificationFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    return timezone.localdate()


def _tomorrow() -> dt.date:
    return _today() + dt.timedelta(days=1)


def _future(label: str) -> str:
    return core_messages.DATE_IN_FUTURE.format(field=label)


def _plan(world, client):
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    CertificationFactory(client=client)
    return draft_plan(world.cm_a, client, providers)


def _meeting(day: dt.date) -> ConferenceInput:
    return ConferenceInput(held_on=day, place="自宅", items_discussed="x", discussion="x", conclusion="x")


def test_monitoring_visit_after_today_is_refused_naming_the_field(world, client_a):
    tomorrow = _tomorrow()
    with pytest.raises(ValidationError) as refused:
        services.monitoring_record(
            actor=world.cm_a, client=client_a, month=month_start(tomorrow), data=MonitoringInput(visited_on=tomorrow)
        )
    assert refused.value.message_dict["visited_on"] == [_future("実施日")]
    today = _today()  # today itself is a fact
    services.monitoring_record(
        actor=world.cm_a, client=client_a, month=month_start(today), data=MonitoringInput(visited_on=today)
    )


def test_certification_date_after_today_is_refused(world, client_a):
    data = CertificationInput(
        care_level="care_1", certified_on=_tomorrow(), valid_from=dt.date(2027, 4, 1), valid_to=dt.date(2028, 3, 31)
    )
    with pytest.raises(ValidationError) as refused:
        clients.certification_create(actor=world.cm_a, client=client_a, data=data)
    assert refused.value.message_dict["certified_on"] == [_future("認定日")]
    applied = CertificationFactory(client=client_a, status="applied", care_level="", certified_on=None)
    with pytest.raises(ValidationError) as refused:
        clients.certification_decide(actor=world.cm_a, certification=applied, data=data)
    assert refused.value.message_dict["certified_on"] == [_future("認定日")]
    # The validity may start in the future (a renewal decided ahead of its period); only the decision date may not.
    ok = CertificationInput(
        care_level="care_1", certified_on=_today(), valid_from=dt.date(2027, 4, 1), valid_to=dt.date(2028, 3, 31)
    )
    assert clients.certification_create(actor=world.cm_a, client=client_a, data=ok).certified_on == _today()


def test_meeting_after_today_is_refused(world, client_a):
    plan = _plan(world, client_a)
    with pytest.raises(ValidationError) as refused:
        careplans.conference_create(actor=world.cm_a, plan=plan, data=_meeting(_tomorrow()))
    assert refused.value.message_dict["held_on"] == [_future("開催日")]
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_plan_consent_after_today_is_refused(world, client_a):
    plan = _plan(world, client_a)
    careplans.conference_create(actor=world.cm_a, plan=plan, data=_meeting(plan.drafted_on))
    with pytest.raises(ValidationError) as refused:
        careplans.plan_consent_record(
            actor=world.cm_a, plan=plan, data=PlanConsentInput(consented_on=_tomorrow(), signer_name="本人")
        )
    assert refused.value.message_dict["consented_on"] == [_future("同意日")]


def test_information_sharing_consent_after_today_is_refused(world, client_a):
    data = ConsentInput(scope="all", recipient_kind="provider", recipient="訪問介護A", agreed_on=_tomorrow())
    with pytest.raises(ValidationError) as refused:
        clients.consent_create(actor=world.cm_a, client=client_a, data=data)
    assert refused.value.message_dict["agreed_on"] == [_future("同意日")]


def test_plans_and_goals_may_look_ahead(world, client_a):
    plan = _plan(world, client_a)
    goal = plan.needs.first().goals.get(term="long")
    far = _today() + dt.timedelta(days=400)
    data = GoalInput(text=goal.text, period_start=goal.period_start, period_end=far)
    assert careplans.goal_update(actor=world.cm_a, goal=goal, data=data).period_end == far


def test_the_api_answers_422_naming_the_field(world, client_a, client):
    token = api_token_create(actor=None, user=world.cm_a)
    tomorrow = _tomorrow()
    body = {"month": tomorrow.strftime("%Y-%m"), "visited_on": tomorrow.isoformat()}
    response = client.post(
        f"/api/v1/clients/{client_a.pk}/monitoring",
        data=body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "visited_on"], "msg": _future("実施日"), "type": "value_error", "code": "date_in_future"}
    ]


def test_the_meeting_form_shows_the_message_on_the_field(world, client_a, client):
    plan = _plan(world, client_a)
    client.force_login(world.cm_a)
    form = {"held_on": _tomorrow().isoformat(), "place": "自宅", "count": 1, "items_discussed": "x",
            "discussion": "x", "conclusion": "x"}  # fmt: skip
    response = client.post(f"/careplans/{plan.pk}/conferences/new/", form)
    assert response.status_code == 200
    assert _future("開催日") in response.content.decode()
