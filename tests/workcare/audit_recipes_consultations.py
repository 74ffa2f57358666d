"""Audit recipes of the consultation services (tests/test_audit_every_service.py)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from carebridge.workcare import services
from carebridge.workcare.inputs import (
    ConsultationInput,
    ReferralInput,
    ScreeningInput,
    SituationAssessmentInput,
)

from ..audit_recipe import Recipe
from .factories import CareRecipientFactory, EmployeeFactory
from .factories_consultations import CALM_ANSWERS, bridge_input, consultation_of, linked_employee

TODAY = timezone.localdate


def _cons(o: Any, **values: Any) -> Any:
    return consultation_of(linked_employee(o.world), **values)


def _bridged(o: Any, *, withdrawn: bool) -> Any:
    bridge = services.care_bridge_create(actor=o.world.wcm_a, consultation=_cons(o), data=bridge_input())
    if withdrawn:
        services.care_bridge_withdraw(actor=o.world.wcm_a, bridge=bridge)
    return bridge


def _referral(o: Any) -> Any:
    return services.referral_create(
        actor=o.world.wcm_a,
        consultation=_cons(o),
        data=ReferralInput(target="specialist", reason="手続き", specialist_id=o.specialist.pk),
    )


def _strangers_recipient(o: Any) -> int:
    return int(CareRecipientFactory(employee=EmployeeFactory(company=o.world.company)).pk)


RECIPES = {
    "consultation_request": Recipe(
        lambda o: (
            lambda e: (
                lambda: services.consultation_request(
                    actor=o.world.employee, data=ConsultationInput(channel="phone", content="相談")
                )
            )
        )(linked_employee(o.world)),
        lambda o: (
            lambda e: (
                lambda: services.consultation_request(
                    actor=o.world.employee,
                    data=ConsultationInput(channel="phone", content="相談", care_recipient_id=_strangers_recipient(o)),
                )
            )
        )(linked_employee(o.world)),
    ),
    "consultation_create": Recipe(
        lambda o: (
            lambda: services.consultation_create(
                actor=o.world.wcm_a,
                employee=EmployeeFactory(company=o.world.company),
                data=ConsultationInput(channel="meeting", content="面談"),
            )
        ),
        lambda o: (
            lambda: services.consultation_create(
                actor=o.world.wcm_a,
                employee=EmployeeFactory(company=o.world.company, is_active=False),
                data=ConsultationInput(channel="meeting", content="面談"),
            )
        ),
    ),
    "consultation_start": Recipe(
        lambda o: lambda: services.consultation_start(actor=o.world.wcm_a, consultation=_cons(o), held_on=TODAY()),
        lambda o: (
            lambda: services.consultation_start(
                actor=o.world.wcm_a, consultation=_cons(o, status="closed"), held_on=TODAY()
            )
        ),
    ),
    "consultation_close": Recipe(
        lambda o: (
            lambda: services.consultation_close(
                actor=o.world.wcm_a, consultation=_cons(o, status="in_progress"), closed_on=TODAY()
            )
        ),
        lambda o: lambda: services.consultation_close(actor=o.world.wcm_a, consultation=_cons(o), closed_on=TODAY()),
    ),
    "situation_assessment_record": Recipe(
        lambda o: (
            lambda: services.situation_assessment_record(
                actor=o.world.wcm_a,
                consultation=_cons(o),
                data=SituationAssessmentInput(assessed_on=TODAY(), item_levels={"3": 3}),
            )
        ),
        lambda o: (
            lambda: services.situation_assessment_record(
                actor=o.world.wcm_a,
                consultation=_cons(o),
                data=SituationAssessmentInput(assessed_on=TODAY(), item_levels={"3": 9}),
            )
        ),
    ),
    "screening_answer": Recipe(
        lambda o: (
            lambda: services.screening_answer(
                actor=o.world.wcm_a, data=ScreeningInput(answers=CALM_ANSWERS), consultation=_cons(o)
            )
        ),
        lambda o: (
            lambda: services.screening_answer(
                actor=o.world.wcm_a, data=ScreeningInput(answers={"worn_out": "always"}), consultation=_cons(o)
            )
        ),
    ),
    "referral_create": Recipe(
        lambda o: lambda: _referral(o),
        lambda o: (
            lambda: services.referral_create(
                actor=o.world.wcm_a, consultation=_cons(o), data=ReferralInput(target="specialist", reason="x")
            )
        ),
    ),
    "referral_update_status": Recipe(
        lambda o: (
            lambda r: lambda: services.referral_update_status(actor=o.world.wcm_a, referral=r, status="referred")
        )(_referral(o)),
        lambda o: (
            lambda r: lambda: services.referral_update_status(actor=o.world.wcm_a, referral=r, status="completed")
        )(_referral(o)),
    ),
    "care_bridge_create": Recipe(
        lambda o: lambda: services.care_bridge_create(actor=o.world.wcm_a, consultation=_cons(o), data=bridge_input()),
        lambda o: (
            lambda: services.care_bridge_create(
                actor=o.world.wcm_a, consultation=_cons(o, care_recipient=None), data=bridge_input()
            )
        ),
    ),
    "care_bridge_withdraw": Recipe(
        lambda o: (lambda b: lambda: services.care_bridge_withdraw(actor=o.world.wcm_a, bridge=b))(
            _bridged(o, withdrawn=False)
        ),
        lambda o: (lambda b: lambda: services.care_bridge_withdraw(actor=o.world.wcm_a, bridge=b))(
            _bridged(o, withdrawn=True)
        ),
    ),
}
