"""Building a complete plan through the services, as a care manager would."""

from __future__ import annotations

import datetime as dt

from carebridge.careplans import services
from carebridge.careplans.inputs import (
    AttendeeInput,
    ConferenceInput,
    PlanConsentInput,
    PlanInput,
    ServiceInput,
    WeeklyEntryInput,
)
from carebridge.careplans.models import CarePlan
from carebridge.directory.models import Provider

D = dt.date


APRIL_5 = D(2026, 4, 5)


def draft_plan(actor, client, providers: list[Provider], *, drafted_on=APRIL_5) -> CarePlan:
    plan = services.careplan_create(
        actor=actor,
        client=client,
        data=PlanInput(
            drafted_on=drafted_on,
            reason="new",
            plan_origin="initial",
            intentions="自宅で暮らし続けたい",
            policy="転倒を防ぎ、入浴を安全に続ける",
        ),
    )
    need1 = services.need_add(actor=actor, plan=plan, text="一人で安全に入浴したい")
    long1 = services.goal_add(
        actor=actor,
        need=need1,
        term="long",
        text="週2回入浴できる",
        period_start=D(2026, 4, 15),
        period_end=D(2026, 9, 30),
    )
    short1 = services.goal_add(
        actor=actor,
        need=need1,
        term="short",
        parent=long1,
        text="介助で入浴する",
        period_start=D(2026, 4, 15),
        period_end=D(2026, 6, 30),
    )
    services.service_add(
        actor=actor,
        goal=short1,
        data=ServiceInput(
            content="入浴介助",
            service_kind="通所介護",
            provider=providers[0],
            frequency="週2回",
            period_start=D(2026, 4, 15),
            period_end=D(2026, 6, 30),
        ),
    )
    need2 = services.need_add(actor=actor, plan=plan, text="転ばずに家の中を歩きたい")
    long2 = services.goal_add(
        actor=actor,
        need=need2,
        term="long",
        text="屋内を一人で歩ける",
        period_start=D(2026, 4, 15),
        period_end=D(2026, 9, 30),
    )
    short2 = services.goal_add(
        actor=actor,
        need=need2,
        term="short",
        parent=long2,
        text="手すりを使って歩く",
        period_start=D(2026, 4, 15),
        period_end=D(2026, 6, 30),
    )
    services.service_add(
        actor=actor,
        goal=short2,
        data=ServiceInput(
            content="歩行訓練",
            service_kind="訪問看護",
            provider=providers[1],
            frequency="週1回",
            period_start=D(2026, 4, 15),
            period_end=D(2026, 6, 30),
        ),
    )
    services.service_add(
        actor=actor,
        goal=short2,
        data=ServiceInput(
            content="手すりの貸与",
            service_kind="福祉用具貸与",
            provider=providers[2],
            frequency="毎日",
            period_start=D(2026, 4, 15),
            period_end=D(2026, 6, 30),
        ),
    )
    services.weekly_entry_add(
        actor=actor,
        plan=plan,
        data=WeeklyEntryInput(weekday=1, start_time=dt.time(10), end_time=dt.time(15), label="通所介護"),
    )
    return plan


def agree_and_start(actor, plan: CarePlan, providers: list[Provider]) -> CarePlan:
    services.conference_create(
        actor=actor,
        plan=plan,
        data=ConferenceInput(
            held_on=D(2026, 4, 10),
            place="自宅",
            items_discussed="原案について",
            discussion="入浴と歩行の支援",
            conclusion="原案のとおり",
            count=1,
            attendees=(
                AttendeeInput(kind="client", name=plan.client.name),
                AttendeeInput(kind="family", name="長女", relation="長女"),
            ),
        ),
    )
    services.plan_consent_record(
        actor=actor, plan=plan, data=PlanConsentInput(consented_on=D(2026, 4, 10), signer_name=plan.client.name)
    )
    services.plan_delivery_record(actor=actor, plan=plan, provider=None, delivered_on=D(2026, 4, 10), method="hand")
    for p in providers:
        services.plan_delivery_record(actor=actor, plan=plan, provider=p, delivered_on=D(2026, 4, 11), method="fax")
    return services.careplan_activate(actor=actor, plan=plan, service_start_on=D(2026, 4, 15))


APRIL_1 = D(2026, 4, 1)


def contract_and_home_assessment(actor, client, *, on=APRIL_1) -> None:
    """What must precede a new plan (運営基準第4条第2項 and 第13条第7号): a contract with the
    explanation about choosing providers, and an assessment at the home interviewing the client
    and the family (on 4/1, before APRIL_5's draft)."""
    from carebridge.assessments.inputs import AssessmentInput
    from carebridge.assessments.services import assessment_create
    from carebridge.casework.inputs import ContractInput
    from carebridge.casework.services import contract_create

    contract_create(actor=actor, client=client, data=ContractInput(contracted_on=on, multiple_providers_explained=True))
    assessment_create(
        actor=actor,
        client=client,
        data=AssessmentInput(
            assessed_on=on, reason="initial", at_home=True, client_interviewed=True, family_interviewed=True
        ),
    )
