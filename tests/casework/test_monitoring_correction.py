"""Correcting a monitoring record (issue 9 item 18): audited with its reason, until the month is
closed. There is no billing month-close yet, so "closed" is the 国保連 submission deadline: a
month's claim (給付管理票 and 居宅介護支援費) is submitted by the 10th of the following month
(介護給付費等の請求: 翌月10日まで); after that day the record backs a claim already sent.
casework.rules.monitoring_month_closed is the one definition billing will replace."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from carebridge.casework import messages, rules, services
from carebridge.casework.inputs import EvaluationInput, MonitoringInput
from carebridge.casework.models import GoalEvaluation, MonitoringVisit
from carebridge.core.dates import month_start
from carebridge.core.japanese import wareki
from carebridge.core.models import AuditEvent
from carebridge.core.services import api_token_create

from ..careplan_helpers import D, agree_and_start, draft_plan
from ..factories import CertificationFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def test_a_month_closes_for_corrections_after_the_10th_of_the_next_month():
    """国保連 submission deadline: the 10th of the following month (hand-computed)."""
    assert rules.correction_deadline(D(2026, 10, 1)) == D(2026, 11, 10)
    assert rules.correction_deadline(D(2026, 12, 1)) == D(2027, 1, 10)  # across the year
    assert not rules.monitoring_month_closed(D(2026, 10, 1), D(2026, 11, 10))
    assert rules.monitoring_month_closed(D(2026, 10, 1), D(2026, 11, 11))
    assert not rules.monitoring_month_closed(D(2026, 10, 1), D(2026, 10, 20))  # the month itself


def _visit(world, client, month=None):
    today = timezone.localdate()
    month = month or month_start(today)
    day = today if month == month_start(today) else month.replace(day=10)
    data = MonitoringInput(visited_on=day, service_status="予定どおり")
    return services.monitoring_record(actor=world.cm_a, client=client, month=month, data=data)


def test_a_correction_is_audited_with_its_reason(world, client_a):
    visit = _visit(world, client_a)
    data = MonitoringInput(visited_on=visit.visited_on, service_status="通所を1回休んだ", client_view="疲れやすい")
    services.monitoring_correct(actor=world.cm_a, visit=visit, data=data, reason="記入漏れの追記")
    visit.refresh_from_db()
    assert (visit.service_status, visit.client_view) == ("通所を1回休んだ", "疲れやすい")
    event = AuditEvent.objects.get(action="monitoring.corrected", subject_id=visit.pk)
    assert event.changes["reason"] == {"old": None, "new": "記入漏れの追記"}
    assert event.changes["service_status"] == {"old": "予定どおり", "new": "通所を1回休んだ"}


def test_a_correction_needs_a_reason(world, client_a):
    visit = _visit(world, client_a)
    with pytest.raises(ValidationError) as refused:
        services.monitoring_correct(
            actor=world.cm_a, visit=visit, data=MonitoringInput(visited_on=visit.visited_on), reason="  "
        )
    assert refused.value.message_dict == {"reason": [messages.CORRECTION_REASON_REQUIRED]}


def test_a_closed_month_is_not_corrected(world, client_a):
    may = _visit(world, client_a, D(2026, 5, 1))  # closed on 2026-06-10
    with pytest.raises(ValidationError) as refused:
        services.monitoring_correct(
            actor=world.cm_a, visit=may, data=MonitoringInput(visited_on=may.visited_on), reason="訂正"
        )
    assert refused.value.messages == [messages.MONITORING_MONTH_CLOSED.format(deadline=wareki(D(2026, 6, 10)))]
    assert not AuditEvent.objects.filter(action="monitoring.corrected").exists()


def test_a_correction_rechecks_the_visit_rules(world, client_a):
    visit = _visit(world, client_a)
    outside = visit.month - dt.timedelta(days=1)  # the last day of the month before
    with pytest.raises(ValidationError) as refused:
        services.monitoring_correct(
            actor=world.cm_a, visit=visit, data=MonitoringInput(visited_on=outside), reason="日付の訂正"
        )
    assert refused.value.message_dict == {"visited_on": [messages.VISIT_OUTSIDE_MONTH]}


def test_evaluations_are_corrected_too(world, client_a):
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    CertificationFactory(client=client_a)
    plan = agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    first, second = plan.needs.order_by("order")
    short1, short2 = (n.goals.get(term="short") for n in (first, second))
    visit = services.monitoring_record(
        actor=world.cm_a,
        client=client_a,
        month=month_start(timezone.localdate()),
        data=MonitoringInput(
            visited_on=timezone.localdate(),
            evaluations=(EvaluationInput(goal=short1, result="not_yet"),),
        ),
    )
    data = MonitoringInput(
        visited_on=visit.visited_on,
        evaluations=(EvaluationInput(goal=short1, result="partly"), EvaluationInput(goal=short2, result="achieved")),
    )
    services.monitoring_correct(actor=world.cm_a, visit=visit, data=data, reason="評価の誤り")
    results = dict(GoalEvaluation.objects.filter(visit=visit).values_list("goal_id", "result"))
    assert results == {short1.pk: "partly", short2.pk: "achieved"}


def test_the_correction_page_and_api(world, client_a, client):
    visit = _visit(world, client_a)
    client.force_login(world.cm_a)
    url = f"/care/clients/{client_a.pk}/monitoring/{visit.pk}/edit/"
    page = client.get(url).content.decode()
    assert "訂正の理由" in page
    form = {"reason": "追記", "visited_on": visit.visited_on.isoformat(), "method": "home", "family_view": "安心した"}
    assert client.post(url, form).status_code == 302
    assert MonitoringVisit.objects.get(pk=visit.pk).family_view == "安心した"
    may = _visit(world, client_a, D(2026, 5, 1))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=world.cm_a)}"}
    response = client.patch(
        f"/api/v1/clients/{client_a.pk}/monitoring/{may.pk}",
        data={"reason": "訂正", "client_view": "x"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["code"] == messages.MONITORING_MONTH_CLOSED.code
