"""Editing a draft in place (issue 9 item 18) and consent with known problems (item 15).

- 原案 rows — needs, goals, services — are reworded, re-dated, reordered and deleted in place,
  each through a service with an audit event, and refused with PLAN_LOCKED once the version was
  consented to (運営基準第13条第10号: what the client agreed to is the plan; a change is a new
  version, house rule 4).
- Consenting to a plan whose goals leave the certification period (老企第29号 第2表記載要領:
  期間は認定の有効期間も考慮する) or with a short-term goal without any service (援助内容 are
  what reaching the short-term goal needs) warns and needs an explicit confirmation with a reason,
  recorded on PlanConsent.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from carebridge.careplans import messages, rules, selectors, services
from carebridge.careplans.inputs import ConferenceInput, GoalInput, PlanConsentInput, ServiceInput
from carebridge.careplans.models import Goal, Need, PlanConsent, PlannedService
from carebridge.core.japanese import wareki
from carebridge.core.models import AuditEvent
from carebridge.core.services import api_token_create

from ..careplan_helpers import D, agree_and_start, draft_plan
from ..factories import CertificationFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def providers(world):
    return [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]


@pytest.fixture
def plan(world, client_a, providers):
    CertificationFactory(client=client_a)  # 2026-04-01 .. 2027-03-31
    return draft_plan(world.cm_a, client_a, providers)


def _meeting(plan):
    data = ConferenceInput(held_on=plan.drafted_on, place="自宅", items_discussed="x", discussion="x", conclusion="x")
    services.conference_create(actor=plan.author, plan=plan, data=data)


# -- item 18: editing in place ------------------------------------------------------------------------


def test_draft_rows_are_edited_in_place_with_audit(world, plan):
    need = plan.needs.order_by("order").first()
    short = need.goals.get(term="short")
    service = short.services.get()
    services.need_update(actor=world.cm_a, need=need, text="一人で安全に入浴し続けたい")
    services.goal_update(
        actor=world.cm_a,
        goal=short,
        data=GoalInput(text="見守りで入浴する", period_start=D(2026, 5, 1), period_end=D(2026, 7, 31)),
    )
    data = ServiceInput(
        content="入浴介助（見守り）", service_kind="通所介護", provider=service.provider, frequency="週3回",
        period_start=D(2026, 5, 1), period_end=D(2026, 7, 31),
    )  # fmt: skip
    services.service_update(actor=world.cm_a, service=service, data=data)
    need.refresh_from_db()
    short.refresh_from_db()
    service.refresh_from_db()
    assert need.text == "一人で安全に入浴し続けたい"
    assert (short.text, short.period_start, short.period_end) == ("見守りで入浴する", D(2026, 5, 1), D(2026, 7, 31))
    assert (service.content, service.frequency) == ("入浴介助（見守り）", "週3回")
    assert service.service_type_code == "15"  # the provider's first type, as when added
    for row in (need, short, service):
        event = AuditEvent.objects.get(subject_id=row.pk, subject_type=row._meta.label_lower, event_type="update")
        assert event.client_id == plan.client_id


def test_goal_edit_keeps_the_period_order(world, plan):
    short = Goal.objects.filter(need__plan=plan, term="short").first()
    with pytest.raises(ValidationError) as refused:
        services.goal_update(
            actor=world.cm_a, goal=short, data=GoalInput(text="x", period_start=D(2026, 6, 1), period_end=D(2026, 5, 1))
        )
    assert refused.value.message_dict == {"period_end": [messages.GOAL_PERIOD_ORDER]}


def test_rows_are_reordered_among_their_siblings(world, plan):
    first, second = plan.needs.order_by("order", "id")
    services.plan_row_move(actor=world.cm_a, plan=plan, row=second, direction="up")
    assert selectors.sibling_ids(first) == [second.pk, first.pk]
    assert AuditEvent.objects.filter(action="need.moved").count() == 2  # both changed place
    with pytest.raises(ValidationError) as refused:
        services.plan_row_move(actor=world.cm_a, plan=plan, row=second, direction="up")
    assert refused.value.message_dict == {"direction": [messages.MOVE_AT_EDGE]}
    # services under one short-term goal (the second need's has two)
    short = Goal.objects.get(need=second, term="short")
    a, b = short.services.order_by("order", "id")
    services.plan_row_move(actor=world.cm_a, plan=plan, row=a, direction="down")
    assert selectors.sibling_ids(a) == [b.pk, a.pk]
    with pytest.raises(ValidationError) as refused:
        services.plan_row_move(actor=world.cm_a, plan=plan, row=a, direction="sideways")
    assert refused.value.message_dict == {"direction": [messages.MOVE_DIRECTION]}


def test_a_long_term_goal_is_deleted_with_what_hangs_under_it(world, plan):
    long = Goal.objects.filter(need__plan=plan, term="long").first()
    shorts = list(long.short_goals.values_list("pk", flat=True))
    services.plan_row_delete(actor=world.cm_a, plan=plan, row=long)
    assert not Goal.objects.filter(pk__in=[long.pk, *shorts]).exists()
    assert not PlannedService.objects.filter(goal_id__in=shorts).exists()


def test_editing_is_refused_once_the_plan_is_agreed(world, client_a, providers, plan):
    agree_and_start(world.cm_a, plan, providers)
    need = plan.needs.first()
    goal = need.goals.first()
    service = PlannedService.objects.filter(goal__need__plan=plan).first()
    calls = [
        lambda: services.need_update(actor=world.cm_a, need=need, text="x"),
        lambda: services.goal_update(
            actor=world.cm_a, goal=goal, data=GoalInput(text="x", period_start=D(2026, 4, 15), period_end=D(2026, 6, 1))
        ),
        lambda: services.plan_row_move(actor=world.cm_a, plan=plan, row=need, direction="down"),
        lambda: services.plan_row_delete(actor=world.cm_a, plan=plan, row=goal),
        lambda: services.service_update(
            actor=world.cm_a,
            service=service,
            data=ServiceInput(content="x", service_kind="x", frequency="x", insured=False,
                              period_start=goal.period_start, period_end=goal.period_end),
        ),
    ]  # fmt: skip
    for call in calls:
        with pytest.raises(ValidationError) as refused:
            call()
        assert refused.value.messages == [messages.PLAN_LOCKED]
    assert Need.objects.get(pk=need.pk).text != "x"


def test_the_plan_page_edits_and_moves_rows(world, plan, client):
    client.force_login(world.cm_a)
    need = plan.needs.order_by("order").first()
    page = client.get(f"/careplans/{plan.pk}/").content.decode()
    assert f"/careplans/{plan.pk}/needs/{need.pk}/edit/" in page
    assert f"/careplans/{plan.pk}/rows/need/{need.pk}/move/" in page
    response = client.post(f"/careplans/{plan.pk}/needs/{need.pk}/edit/", {"text": "画面から編集"})
    assert response.status_code == 302
    assert Need.objects.get(pk=need.pk).text == "画面から編集"
    client.post(f"/careplans/{plan.pk}/rows/need/{need.pk}/move/", {"direction": "down"})
    assert selectors.sibling_ids(need)[-1] == need.pk


# -- item 15: consent with known problems --------------------------------------------------------------


def test_consent_warnings_name_goals_outside_the_certification_and_short_goals_without_service():
    cert = rules.CertificationFacts(valid_from=D(2026, 4, 1), valid_to=D(2026, 9, 30))
    goals = [
        rules.GoalFacts(term="long", text="長期", period_start=D(2026, 4, 1), period_end=D(2026, 10, 31)),
        rules.GoalFacts(term="short", text="短期1", period_start=D(2026, 4, 1), period_end=D(2026, 6, 30), services=1),
        rules.GoalFacts(term="short", text="短期2", period_start=D(2026, 4, 1), period_end=D(2026, 6, 30)),
    ]
    assert rules.consent_warnings(goals, cert) == [
        messages.CONSENT_WARN_GOAL_OUTSIDE.format(
            term="長期目標", goal="長期", start=wareki(D(2026, 4, 1)), end=wareki(D(2026, 10, 31)),
            valid_from=wareki(D(2026, 4, 1)), valid_to=wareki(D(2026, 9, 30)),
        ),
        messages.CONSENT_WARN_SHORT_WITHOUT_SERVICE.format(goal="短期2"),
    ]  # fmt: skip
    inside = rules.GoalFacts(term="long", text="長期", period_start=D(2026, 4, 1), period_end=D(2026, 9, 30))
    assert rules.consent_warnings([inside], cert) == []


def _problem_plan(world, plan):
    """The draft with a goal ending after the certification and a short goal with no service."""
    long = Goal.objects.filter(need__plan=plan, term="long").first()
    services.goal_update(
        actor=world.cm_a,
        goal=long,
        data=GoalInput(text=long.text, period_start=long.period_start, period_end=D(2027, 6, 30)),
    )
    services.goal_add(
        actor=world.cm_a, need=long.need, term="short", parent=long, text="一人で着替える",
        period_start=D(2026, 4, 15), period_end=D(2026, 6, 30),
    )  # fmt: skip
    _meeting(plan)
    return plan


def test_consent_with_problems_needs_confirmation_and_reason(world, plan):
    _problem_plan(world, plan)
    warnings = selectors.consent_warnings(plan)
    assert len(warnings) == 2
    base = {"consented_on": D(2026, 4, 12), "signer_name": "本人"}
    with pytest.raises(ValidationError) as refused:
        services.plan_consent_record(actor=world.cm_a, plan=plan, data=PlanConsentInput(**base))
    assert refused.value.message_dict == {"warnings_confirmed": [messages.CONSENT_WARNINGS_UNCONFIRMED.format(count=2)]}
    with pytest.raises(ValidationError) as refused:
        services.plan_consent_record(
            actor=world.cm_a, plan=plan, data=PlanConsentInput(**base, warnings_confirmed=True, override_reason=" ")
        )
    assert refused.value.message_dict == {"override_reason": [messages.CONSENT_OVERRIDE_REASON_REQUIRED]}
    assert not PlanConsent.objects.filter(plan=plan).exists()
    reason = "更新認定の結果を待って目標期間を見直す。本人・家族了承済み"
    consent = services.plan_consent_record(
        actor=world.cm_a, plan=plan, data=PlanConsentInput(**base, warnings_confirmed=True, override_reason=reason)
    )
    consent.refresh_from_db()
    assert (consent.acknowledged_warnings, consent.override_reason) == (warnings, reason)
    event = AuditEvent.objects.get(subject_type="careplans.planconsent", subject_id=consent.pk)
    assert event.changes["acknowledged_warnings"]["new"] == warnings


def test_consent_without_problems_needs_no_confirmation(world, plan):
    _meeting(plan)
    consent = services.plan_consent_record(
        actor=world.cm_a, plan=plan, data=PlanConsentInput(consented_on=D(2026, 4, 12), signer_name="本人")
    )
    assert consent.acknowledged_warnings == []


def test_the_consent_page_shows_the_warnings_and_asks_for_the_reason(world, plan, client):
    _problem_plan(world, plan)
    client.force_login(world.cm_a)
    page = client.get(f"/careplans/{plan.pk}/consent/").content.decode()
    for warning in selectors.consent_warnings(plan):
        assert warning in page
    assert 'name="warnings_confirmed"' in page and 'name="override_reason"' in page
    form = {"consented_on": "2026-04-12", "signer_name": "本人", "signer_relation": "本人", "method": "signature"}
    response = client.post(f"/careplans/{plan.pk}/consent/", form)
    assert response.status_code == 200
    assert messages.CONSENT_WARNINGS_UNCONFIRMED.format(count=2) in response.content.decode()
    response = client.post(
        f"/careplans/{plan.pk}/consent/", {**form, "warnings_confirmed": "on", "override_reason": "了承済み"}
    )
    assert response.status_code == 302
    assert PlanConsent.objects.get(plan=plan).override_reason == "了承済み"


def test_the_api_lists_the_warnings_and_refuses_unconfirmed_consent(world, plan, client):
    _problem_plan(world, plan)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=world.cm_a)}"}
    listed = client.get(f"/api/v1/careplans/{plan.pk}/consent/warnings", **auth).json()
    assert listed == {"warnings": selectors.consent_warnings(plan)}
    body = {"consented_on": "2026-04-12", "signer_name": "本人"}
    url = f"/api/v1/careplans/{plan.pk}/consent"
    response = client.post(url, data=body, content_type="application/json", **auth)
    assert response.status_code == 422
    assert response.json()["detail"][0]["code"] == messages.CONSENT_WARNINGS_UNCONFIRMED.code
    body |= {"warnings_confirmed": True, "override_reason": "了承済み"}
    response = client.post(url, data=body, content_type="application/json", **auth)
    assert response.status_code == 201
    assert response.json()["acknowledged_warnings"] == listed["warnings"]


def test_api_edits_a_goal_and_deletes_a_service(world, plan, client):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=world.cm_a)}"}
    short = Goal.objects.filter(need__plan=plan, term="short").first()
    response = client.patch(
        f"/api/v1/careplans/{plan.pk}/goals/{short.pk}", data={"period_end": "2026-07-31"},
        content_type="application/json", **auth,
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json()["period_end"] == "2026-07-31"
    response = client.patch(
        f"/api/v1/careplans/{plan.pk}/goals/{short.pk}", data={"period_end": "2026-01-01"},
        content_type="application/json", **auth,
    )  # fmt: skip
    assert response.status_code == 422
    service = short.services.first()
    assert client.delete(f"/api/v1/careplans/{plan.pk}/services/{service.pk}", **auth).status_code == 204
    assert not PlannedService.objects.filter(pk=service.pk).exists()


# -- the answer to a 照会 arrives after the meeting (運営基準第13条第9号: 照会 where a member cannot attend) --


def test_an_inquiry_is_answered_once_not_before_it_was_sent(world, plan):
    from carebridge.careplans.inputs import InquiryInput

    asked = InquiryInput(recipient="主治医 田中", sent_on=D(2026, 4, 6), question="入浴してよいか")
    data = ConferenceInput(
        held_on=D(2026, 4, 8), place="自宅", items_discussed="x", discussion="x", conclusion="x", inquiries=(asked,)
    )
    inquiry = services.conference_create(actor=world.cm_a, plan=plan, data=data).inquiries.get()
    with pytest.raises(ValidationError) as refused:
        services.inquiry_answer(actor=world.cm_a, inquiry=inquiry, answer="可", answered_on=D(2026, 4, 5))
    assert refused.value.message_dict == {"answered_on": [messages.INQUIRY_ANSWER_BEFORE_SENT]}
    services.inquiry_answer(actor=world.cm_a, inquiry=inquiry, answer="入浴は可", answered_on=D(2026, 4, 9))
    inquiry.refresh_from_db()
    assert (inquiry.answer, inquiry.answered_on) == ("入浴は可", D(2026, 4, 9))
    with pytest.raises(ValidationError) as refused:
        services.inquiry_answer(actor=world.cm_a, inquiry=inquiry, answer="別の回答", answered_on=D(2026, 4, 10))
    assert refused.value.messages == [messages.INQUIRY_ALREADY_ANSWERED]
