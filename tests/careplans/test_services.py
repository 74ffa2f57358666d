"""Care-plan lifecycle: draft → presented → consented → delivered → active → superseded;
a consented version is immutable and "変更" makes a new version (ARCHITECTURE rule 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from carebridge.assessments.inputs import AssessmentInput
from carebridge.careplans import messages, services
from carebridge.careplans.inputs import ConferenceInput, PlanConsentInput, PlanInput, ServiceInput
from carebridge.careplans.models import CarePlan, PlanStatus
from carebridge.core.inputs import input_from
from carebridge.core.models import AuditEvent

from ..careplan_helpers import D, agree_and_start, draft_plan
from ..factories import CertificationFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def providers(world):
    return [
        ProviderFactory(office=world.office_a, name="デイサービスこもれび", service_type_codes=["15"]),
        ProviderFactory(office=world.office_a, name="訪問看護あおば", service_type_codes=["13"]),
        ProviderFactory(office=world.office_a, name="福祉用具すまいる", service_type_codes=["17"]),
    ]


def test_lifecycle_to_active(world, client_a, providers):
    CertificationFactory(client=client_a)
    plan = draft_plan(world.cm_a, client_a, providers)
    assert plan.status == PlanStatus.DRAFT
    assert plan.certification is not None
    plan = agree_and_start(world.cm_a, plan, providers)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
    assert plan.service_start_on == D(2026, 4, 15)


def test_service_type_code_follows_the_provider(world, client_a, providers):
    plan = draft_plan(world.cm_a, client_a, providers)
    codes = sorted(s.service_type_code for n in plan.needs.all() for g in n.goals.all() for s in g.services.all())
    assert codes == ["13", "15", "17"]


def test_consented_plan_refuses_edits(world, client_a, providers):
    plan = draft_plan(world.cm_a, client_a, providers)
    agree_and_start(world.cm_a, plan, providers)
    plan.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.careplan_update(
            actor=world.cm_a, plan=plan, data=input_from(PlanInput, {"policy": "書き換え"}, base=plan)
        )
    assert exc.value.messages == [messages.PLAN_LOCKED]
    with pytest.raises(ValidationError):
        services.need_add(actor=world.cm_a, plan=plan, text="追加のニーズ")
    plan.refresh_from_db()
    assert plan.policy == "転倒を防ぎ、入浴を安全に続ける"


def test_revise_copies_into_a_new_version_pointing_to_the_old(world, client_a, providers):
    plan = agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    new = services.careplan_revise(actor=world.cm_a, plan=plan, drafted_on=D(2026, 7, 1))
    assert (new.version, new.status, new.replaces_id) == (2, PlanStatus.DRAFT, plan.pk)
    assert [n.text for n in new.needs.all()] == [n.text for n in plan.needs.all()]
    assert sum(g.services.count() for n in new.needs.all() for g in n.goals.all()) == 3
    assert all(g.parent.need_id == g.need_id for n in new.needs.all() for g in n.goals.filter(term="short"))
    services.careplan_update(actor=world.cm_a, plan=new, data=input_from(PlanInput, {"policy": "新しい方針"}, base=new))
    # Both versions' events are in the audit log.
    subjects = set(AuditEvent.objects.filter(subject_type="careplans.careplan").values_list("subject_id", flat=True))
    assert {str(plan.pk), str(new.pk)} <= subjects
    with pytest.raises(ValidationError) as exc:
        services.careplan_revise(actor=world.cm_a, plan=plan, drafted_on=D(2026, 7, 2))
    assert exc.value.messages == [messages.REVISE_ALREADY.format(version=2)]


def test_new_version_supersedes_the_old_when_it_starts(world, client_a, providers):
    plan = agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    new = services.careplan_revise(actor=world.cm_a, plan=plan, drafted_on=D(2026, 7, 1))
    services.conference_create(
        actor=world.cm_a,
        plan=new,
        data=ConferenceInput(
            held_on=D(2026, 7, 3), place="自宅", items_discussed="変更", discussion="変更", conclusion="変更"
        ),
    )
    services.plan_consent_record(
        actor=world.cm_a, plan=new, data=PlanConsentInput(consented_on=D(2026, 7, 3), signer_name="本人")
    )
    services.plan_delivery_record(actor=world.cm_a, plan=new, provider=None, delivered_on=D(2026, 7, 3), method="hand")
    for p in providers:
        services.plan_delivery_record(actor=world.cm_a, plan=new, provider=p, delivered_on=D(2026, 7, 3), method="fax")
    services.careplan_activate(actor=world.cm_a, plan=new, service_start_on=D(2026, 7, 5))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUPERSEDED
    assert CarePlan.objects.get(pk=new.pk).status == PlanStatus.ACTIVE


def meet(world, plan):
    return services.conference_create(
        actor=world.cm_a,
        plan=plan,
        data=ConferenceInput(
            held_on=D(2026, 4, 9), place="自宅", items_discussed="原案", discussion="原案", conclusion="原案のとおり"
        ),
    )


def test_delivered_only_when_client_and_every_provider_have_it(world, client_a, providers):
    plan = draft_plan(world.cm_a, client_a, providers)
    meet(world, plan)
    services.plan_consent_record(
        actor=world.cm_a, plan=plan, data=PlanConsentInput(consented_on=D(2026, 4, 10), signer_name="本人")
    )
    services.plan_delivery_record(
        actor=world.cm_a, plan=plan, provider=None, delivered_on=D(2026, 4, 10), method="hand"
    )
    for p in providers[:2]:
        services.plan_delivery_record(
            actor=world.cm_a, plan=plan, provider=p, delivered_on=D(2026, 4, 10), method="fax"
        )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CONSENTED
    with pytest.raises(ValidationError) as exc:
        services.careplan_activate(actor=world.cm_a, plan=plan, service_start_on=D(2026, 4, 15))
    assert exc.value.messages == [messages.ACTIVATE_BEFORE_DELIVERY]
    services.plan_delivery_record(
        actor=world.cm_a, plan=plan, provider=providers[2], delivered_on=D(2026, 4, 11), method="mail"
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DELIVERED


def test_delivery_before_consent_is_refused(world, client_a, providers):
    plan = draft_plan(world.cm_a, client_a, providers)
    with pytest.raises(ValidationError) as exc:
        services.plan_delivery_record(
            actor=world.cm_a, plan=plan, provider=None, delivered_on=D(2026, 4, 10), method="hand"
        )
    assert exc.value.messages == [messages.DELIVERY_BEFORE_CONSENT]


def test_insured_service_needs_a_provider_of_this_office(world, client_a, providers):
    plan = draft_plan(world.cm_a, client_a, providers)
    short = plan.needs.first().goals.get(term="short")
    with pytest.raises(ValidationError) as exc:
        services.service_add(
            actor=world.cm_a,
            goal=short,
            data=ServiceInput(
                content="x",
                service_kind="訪問介護",
                frequency="週1",
                period_start=D(2026, 4, 15),
                period_end=D(2026, 5, 1),
            ),
        )
    assert exc.value.message_dict["provider"] == [messages.PROVIDER_REQUIRED]
    foreign = ProviderFactory(office=world.office_b)
    with pytest.raises(ValidationError) as exc:
        services.service_add(
            actor=world.cm_a,
            goal=short,
            data=ServiceInput(
                content="x",
                service_kind="訪問介護",
                frequency="週1",
                provider=foreign,
                period_start=D(2026, 4, 15),
                period_end=D(2026, 5, 1),
            ),
        )
    assert exc.value.message_dict["provider"] == [messages.PROVIDER_OTHER_OFFICE]
    # A non-insured service (e.g. 配食) may name a provider outside the directory.
    service = services.service_add(
        actor=world.cm_a,
        goal=short,
        data=ServiceInput(
            content="配食",
            service_kind="配食サービス",
            insured=False,
            provider_name="まごころ配食",
            frequency="毎日",
            period_start=D(2026, 4, 15),
            period_end=D(2026, 5, 1),
        ),
    )
    assert service.provider_label == "まごころ配食"


def test_short_goal_must_sit_under_a_long_goal_of_the_same_need(world, client_a, providers):
    plan = draft_plan(world.cm_a, client_a, providers)
    need1, need2 = plan.needs.all()
    other_long = need2.goals.get(term="long")
    with pytest.raises(ValidationError) as exc:
        services.goal_add(
            actor=world.cm_a,
            need=need1,
            term="short",
            parent=other_long,
            text="x",
            period_start=D(2026, 4, 15),
            period_end=D(2026, 5, 1),
        )
    assert exc.value.message_dict["parent"] == [messages.SHORT_GOAL_NEEDS_LONG]


def test_goal_period_order(world, client_a, providers):
    plan = draft_plan(world.cm_a, client_a, providers)
    with pytest.raises(ValidationError) as exc:
        services.goal_add(
            actor=world.cm_a,
            need=plan.needs.first(),
            term="long",
            text="x",
            period_start=D(2026, 5, 1),
            period_end=D(2026, 4, 1),
        )
    assert exc.value.message_dict["period_end"] == [messages.GOAL_PERIOD_ORDER]


def test_draft_rows_can_be_removed_with_an_audit_event(world, client_a, providers):
    plan = draft_plan(world.cm_a, client_a, providers)
    need = plan.needs.last()
    need_id = need.pk
    services.plan_row_delete(actor=world.cm_a, plan=plan, row=need)
    assert plan.needs.count() == 1
    assert AuditEvent.objects.filter(event_type="delete", subject_id=str(need_id)).exists()


def test_first_created_on_is_carried_to_later_versions(world, client_a, providers):
    plan = agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers, drafted_on=D(2026, 4, 5)), providers)
    new = services.careplan_revise(actor=world.cm_a, plan=plan, drafted_on=dt.date(2026, 8, 1))
    assert new.first_created_on == D(2026, 4, 5)


def test_consent_needs_a_meeting_unless_the_change_is_minor(world, client_a, providers):
    """運営基準第13条第9号・第15号: the meeting comes before consent (a minor change excepted)."""
    plan = draft_plan(world.cm_a, client_a, providers)
    with pytest.raises(ValidationError) as exc:
        services.plan_consent_record(
            actor=world.cm_a, plan=plan, data=PlanConsentInput(consented_on=D(2026, 4, 10), signer_name="本人")
        )
    assert exc.value.messages == [messages.CONSENT_NEEDS_MEETING]
    services.careplan_update(actor=world.cm_a, plan=plan, data=input_from(PlanInput, {"reason": "minor"}, base=plan))
    services.plan_consent_record(
        actor=world.cm_a, plan=plan, data=PlanConsentInput(consented_on=D(2026, 4, 10), signer_name="本人")
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CONSENTED


def test_meeting_moves_a_draft_to_presented_with_an_audit_event(world, client_a, providers):
    plan = draft_plan(world.cm_a, client_a, providers)
    meet(world, plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PRESENTED
    assert AuditEvent.objects.filter(
        subject_type="careplans.careplan", subject_id=str(plan.pk), changes__status__new="presented"
    ).exists()


def test_an_older_version_cannot_start_after_a_newer_one(world, client_a, providers):
    v1 = agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    v2 = services.careplan_revise(actor=world.cm_a, plan=v1, drafted_on=D(2026, 7, 1))
    meet(world, v2)
    services.plan_consent_record(
        actor=world.cm_a, plan=v2, data=PlanConsentInput(consented_on=D(2026, 7, 2), signer_name="本人")
    )
    services.plan_delivery_record(actor=world.cm_a, plan=v2, provider=None, delivered_on=D(2026, 7, 2), method="hand")
    for p in providers:
        services.plan_delivery_record(actor=world.cm_a, plan=v2, provider=p, delivered_on=D(2026, 7, 2), method="fax")
    v3 = services.careplan_revise(actor=world.cm_a, plan=v2, drafted_on=D(2026, 7, 5))
    meet(world, v3)
    services.plan_consent_record(
        actor=world.cm_a, plan=v3, data=PlanConsentInput(consented_on=D(2026, 7, 6), signer_name="本人")
    )
    services.plan_delivery_record(actor=world.cm_a, plan=v3, provider=None, delivered_on=D(2026, 7, 6), method="hand")
    for p in providers:
        services.plan_delivery_record(actor=world.cm_a, plan=v3, provider=p, delivered_on=D(2026, 7, 6), method="fax")
    services.careplan_activate(actor=world.cm_a, plan=v3, service_start_on=D(2026, 7, 10))
    assert {p.version: p.status for p in CarePlan.objects.filter(client=client_a)} == {
        1: PlanStatus.SUPERSEDED,
        2: PlanStatus.SUPERSEDED,
        3: PlanStatus.ACTIVE,
    }
    v2.refresh_from_db()
    with pytest.raises(ValidationError):
        services.careplan_activate(actor=world.cm_a, plan=v2, service_start_on=D(2026, 7, 12))


def test_the_assessment_under_an_agreed_plan_stays_as_it_was(world, client_a, providers):
    from carebridge.assessments import messages as assessment_messages
    from carebridge.assessments import services as assessment_services

    assessment = assessment_services.assessment_create(
        actor=world.cm_a, client=client_a, data=AssessmentInput(assessed_on=D(2026, 4, 2), reason="initial")
    )
    agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    with pytest.raises(ValidationError) as exc:
        assessment_services.assessment_update(
            actor=world.cm_a,
            assessment=assessment,
            data=input_from(AssessmentInput, {"assessed_on": D(2026, 4, 20)}, base=assessment),
        )
    assert exc.value.messages == [assessment_messages.ASSESSMENT_LOCKED]


def test_deleting_a_need_audits_what_went_with_it(world, client_a, providers):
    plan = draft_plan(world.cm_a, client_a, providers)
    need = plan.needs.first()
    services.plan_row_delete(actor=world.cm_a, plan=plan, row=need)
    event = AuditEvent.objects.filter(event_type="delete").latest("id")
    assert "援助内容: 入浴介助" in event.changes["with"]["old"]
