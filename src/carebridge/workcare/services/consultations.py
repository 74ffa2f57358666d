"""Writes of consultations (相談), the situation assessment against the 判断基準 (reference only),
our own screening, referrals, and the bridge to the office's care management (consented).

Who writes: the employee requests a consultation and answers the screening from their portal;
the office's workplace care manager (`workcare.edit`) records everything else. HR and managers
write nothing here.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from carebridge.casework import services as casework_services
from carebridge.casework.inputs import IntakeInput
from carebridge.casework.models import Intake, IntakeRoute
from carebridge.core import messages as core_messages
from carebridge.core.access import has_permission, require_permission
from carebridge.core.models import User
from carebridge.core.writes import create_audited, transition_audited, update_audited
from carebridge.directory.models import Provider, ProviderKind, Specialist

from .. import criteria, messages, screening_rules
from ..access import is_employee, own_employee, require_own_employee
from ..inputs import CareBridgeInput, ConsultationInput, ReferralInput, ScreeningInput, SituationAssessmentInput
from ..models import (
    CareBridge,
    CareRecipient,
    Consultation,
    Employee,
    Referral,
    Screening,
    SituationAssessment,
)
from ..models.choices import ConsultationStatus, ReferralStatus, ReferralTarget, Relation, Urgency

__all__ = [
    "care_bridge_create",
    "care_bridge_withdraw",
    "consultation_close",
    "consultation_create",
    "consultation_request",
    "consultation_start",
    "referral_create",
    "referral_update_status",
    "screening_answer",
    "situation_assessment_record",
]

REFERRAL_PROFESSIONS = frozenset({"sharoushi", "lawyer", "tax_accountant", "occupational_physician", "family_doctor"})

# The requester's relation to the person cared for (Intake.requester_relation), from the care
# recipient's relation to the employee (CareRecipient.relation).
REQUESTER_RELATION = {
    Relation.SPOUSE: "配偶者",
    Relation.PARENT: "子",
    Relation.CHILD: "親",
    Relation.PARENT_IN_LAW: "子の配偶者",
    Relation.GRANDPARENT: "孫",
    Relation.SIBLING: "兄弟姉妹",
    Relation.GRANDCHILD: "祖父母",
    Relation.OTHER: "家族（従業員）",
}


def _recipient_of(employee: Employee, recipient_id: int | None) -> CareRecipient | None:
    if recipient_id is None:
        return None
    recipient = CareRecipient.objects.filter(pk=recipient_id, employee=employee).first()
    if recipient is None:
        raise ValidationError({"care_recipient": messages.CONSULTATION_RECIPIENT_NOT_OWN})
    return recipient


def _check_consultation(consultation: Consultation) -> None:
    errors: dict[str, object] = {}
    if consultation.held_on is not None and consultation.held_on < consultation.requested_on:
        errors["held_on"] = messages.CONSULTATION_DATE_ORDER
    if consultation.closed_on is not None and consultation.closed_on < consultation.requested_on:
        errors["closed_on"] = messages.CONSULTATION_DATE_ORDER
    if errors:
        raise ValidationError(errors)


def _new_consultation(employee: Employee, data: ConsultationInput, *, by_employee: bool) -> Consultation:
    if not employee.is_active:
        raise ValidationError(messages.CONSULTATION_EMPLOYEE_INACTIVE)
    return Consultation(
        office_id=employee.office_id,
        employee=employee,
        care_recipient=_recipient_of(employee, data.care_recipient_id),
        requested_by_employee=by_employee,
        channel=data.channel,
        requested_on=data.requested_on or timezone.localdate(),
        content=data.content,
        worries=data.worries,
        urgency=data.urgency,
        family_help=data.family_help,
        work_constraints=data.work_constraints,
    )


@transaction.atomic
def consultation_request(*, actor: User, data: ConsultationInput) -> Consultation:
    """The employee asks for a consultation from their portal (status 申込み)."""
    employee = require_own_employee(actor)
    consultation = _new_consultation(employee, data, by_employee=True)
    consultation.requested_on = timezone.localdate()
    consultation.held_on = None
    return create_audited(actor=actor, instance=consultation, check=_check_consultation)


@transaction.atomic
def consultation_create(*, actor: User, employee: Employee, data: ConsultationInput) -> Consultation:
    """The workplace care manager records a consultation (対応中 when it was held, else 申込み)."""
    require_permission(actor, "workcare.edit")
    if employee.office_id != actor.office_id:
        raise PermissionDenied(core_messages.PERMISSION_DENIED)
    consultation = _new_consultation(employee, data, by_employee=False)
    consultation.handled_by = actor
    consultation.held_on = data.held_on
    if data.held_on is not None:
        consultation.status = ConsultationStatus.IN_PROGRESS
    return create_audited(actor=actor, instance=consultation, check=_check_consultation)


@transaction.atomic
def consultation_start(*, actor: User, consultation: Consultation, held_on: dt.date) -> Consultation:
    """申込み -> 対応中: the workplace care manager takes the consultation on."""
    require_permission(actor, "workcare.edit")
    if held_on < consultation.requested_on:
        raise ValidationError({"held_on": messages.CONSULTATION_DATE_ORDER})
    return transition_audited(
        actor=actor,
        instance=consultation,
        to=ConsultationStatus.IN_PROGRESS,
        allowed_from={ConsultationStatus.REQUESTED},
        action="consultation.started",
        refused=messages.CONSULTATION_TRANSITION_REFUSED,
        also={"held_on": held_on, "handled_by": actor},
    )


@transaction.atomic
def consultation_close(*, actor: User, consultation: Consultation, closed_on: dt.date) -> Consultation:
    """対応中 -> 終了."""
    require_permission(actor, "workcare.edit")
    if closed_on < consultation.requested_on:
        raise ValidationError({"closed_on": messages.CONSULTATION_DATE_ORDER})
    return transition_audited(
        actor=actor,
        instance=consultation,
        to=ConsultationStatus.CLOSED,
        allowed_from={ConsultationStatus.IN_PROGRESS},
        action="consultation.closed",
        refused=messages.CONSULTATION_TRANSITION_REFUSED,
        also={"closed_on": closed_on},
    )


def _require_open(consultation: Consultation) -> None:
    if consultation.status == ConsultationStatus.CLOSED:
        raise ValidationError(messages.CONSULTATION_CLOSED)


# -- situation assessment (判断基準: a reference, never a refusal) ----------------------------------


@transaction.atomic
def situation_assessment_record(
    *, actor: User, consultation: Consultation, data: SituationAssessmentInput
) -> SituationAssessment:
    """Record the state of the care recipient against the criteria version in effect that day.
    The result is shown as 「参考 — 事業主は柔軟に運用」; nothing is ever refused because of it."""
    require_permission(actor, "workcare.edit")
    _require_open(consultation)
    version = criteria.version_on(data.assessed_on)
    wrong = criteria.level_errors(version, data.item_levels)
    if wrong:
        raise ValidationError({"item_levels": messages.ASSESSMENT_LEVELS_INVALID.format(keys="、".join(wrong))})
    assessment = SituationAssessment(
        office_id=consultation.office_id,
        consultation=consultation,
        care_recipient=consultation.care_recipient,
        criteria_version=version.effective_from,
        item_levels={str(int(k)): int(v) for k, v in sorted(data.item_levels.items(), key=lambda kv: int(kv[0]))},
        care_level_2_or_above=data.care_level_2_or_above,
        assessed_on=data.assessed_on,
        note=data.note,
    )
    return create_audited(actor=actor, instance=assessment)


# -- screening (our own questions) -----------------------------------------------------------------


@transaction.atomic
def screening_answer(*, actor: User, data: ScreeningInput, consultation: Consultation | None = None) -> Screening:
    """Answers to our own screening questions: by the employee in their portal (attached to
    their open consultation, if any) or with the workplace care manager on a consultation. The
    consultation takes the urgency and its factors."""
    if is_employee(actor):
        employee = require_own_employee(actor)
        if consultation is not None and consultation.employee_id != employee.pk:
            raise PermissionDenied(core_messages.PERMISSION_DENIED)
        if consultation is None:
            consultation = (
                Consultation.objects.filter(employee=employee)
                .exclude(status=ConsultationStatus.CLOSED)
                .order_by("-requested_on", "-id")
                .first()
            )
    else:
        require_permission(actor, "workcare.edit")
        if consultation is None or consultation.office_id != actor.office_id:
            raise PermissionDenied(core_messages.PERMISSION_DENIED)
        employee = consultation.employee
    wrong = screening_rules.answer_errors(data.answers)
    if wrong:
        raise ValidationError({"answers": messages.SCREENING_ANSWERS_INVALID.format(keys="、".join(wrong))})
    result = screening_rules.evaluate(data.answers)
    screening = Screening(
        office_id=employee.office_id,
        consultation=consultation,
        employee=employee,
        questions_version=result.version,
        answers=dict(data.answers),
        urgency=result.urgency,
        factors=result.factor_rows(),
        answered_on=data.answered_on or timezone.localdate(),
    )
    create_audited(actor=actor, instance=screening, extra={"points": result.points})
    if consultation is not None and consultation.status != ConsultationStatus.CLOSED:
        update_audited(
            actor=actor,
            instance=consultation,
            changes={"urgency": result.urgency, "urgency_factors": result.factor_rows()},
            editable={"urgency", "urgency_factors"},
            action="consultation.screened",
        )
    return screening


# -- referrals ---------------------------------------------------------------------------------------


def _referral_target(actor: User, data: ReferralInput) -> dict[str, object]:
    chosen = [v for v in (data.specialist_id, data.provider_id, data.care_manager_id) if v is not None]
    if not chosen:
        raise ValidationError({"target": messages.REFERRAL_TARGET_MISSING})
    if len(chosen) > 1:
        raise ValidationError({"target": messages.REFERRAL_TARGET_MISMATCH})
    office_id = actor.office_id or 0
    if data.target == ReferralTarget.SPECIALIST and data.specialist_id is not None:
        specialist = Specialist.objects.filter(pk=data.specialist_id, office_id=office_id, is_active=True).first()
        if specialist is None:
            raise ValidationError({"specialist": messages.REFERRAL_TARGET_MISSING})
        if specialist.profession not in REFERRAL_PROFESSIONS:
            raise ValidationError({"specialist": messages.REFERRAL_SPECIALIST_KIND})
        return {"specialist": specialist}
    if data.target == ReferralTarget.COMMUNITY_CENTER and data.provider_id is not None:
        provider = Provider.objects.filter(
            pk=data.provider_id, office_id=office_id, kind=ProviderKind.COMMUNITY_CENTER, is_active=True
        ).first()
        if provider is None:
            raise ValidationError({"provider": messages.REFERRAL_TARGET_MISSING})
        return {"provider": provider}
    if data.target == ReferralTarget.CARE_MANAGER and data.care_manager_id is not None:
        manager = User.objects.filter(pk=data.care_manager_id, office_id=office_id, is_active=True).first()
        if manager is None or not has_permission(manager, "care.edit"):
            raise ValidationError({"care_manager": messages.REFERRAL_TARGET_MISSING})
        return {"care_manager": manager}
    raise ValidationError({"target": messages.REFERRAL_TARGET_MISMATCH})


@transaction.atomic
def referral_create(*, actor: User, consultation: Consultation, data: ReferralInput) -> Referral:
    """紹介: to a specialist of the directory (社労士, 弁護士, 税理士, 産業医, かかりつけ医), to the
    地域包括支援センター, or to a care manager of the office."""
    require_permission(actor, "workcare.edit")
    if consultation.office_id != actor.office_id:
        raise PermissionDenied(core_messages.PERMISSION_DENIED)
    _require_open(consultation)
    target = _referral_target(actor, data)
    referral = Referral(
        office_id=consultation.office_id,
        consultation=consultation,
        target=data.target,
        reason=data.reason,
        referred_on=data.referred_on,
        status=ReferralStatus.REFERRED if data.referred_on else ReferralStatus.PROPOSED,
        **target,
    )
    return create_audited(actor=actor, instance=referral)


REFERRAL_STEPS: dict[str, frozenset[str]] = {
    ReferralStatus.REFERRED: frozenset({ReferralStatus.PROPOSED}),
    ReferralStatus.COMPLETED: frozenset({ReferralStatus.REFERRED}),
    ReferralStatus.DECLINED: frozenset({ReferralStatus.PROPOSED, ReferralStatus.REFERRED}),
}


@transaction.atomic
def referral_update_status(
    *, actor: User, referral: Referral, status: str, outcome: str = "", referred_on: dt.date | None = None
) -> Referral:
    """提案 -> 紹介済み -> 対応完了 (or 見送り), with the outcome."""
    require_permission(actor, "workcare.edit")
    allowed = REFERRAL_STEPS.get(status)
    if allowed is None:
        raise ValidationError({"status": messages.REFERRAL_TRANSITION_REFUSED})
    also: dict[str, object] = {}
    if outcome:
        also["outcome"] = outcome
    if status == ReferralStatus.REFERRED:
        also["referred_on"] = referred_on or timezone.localdate()
    return transition_audited(
        actor=actor,
        instance=referral,
        to=status,
        allowed_from=allowed,
        action=f"referral.{status}",
        refused=messages.REFERRAL_TRANSITION_REFUSED,
        also=also,
    )


# -- the bridge to care management -------------------------------------------------------------------


def _check_bridge(bridge: CareBridge) -> None:
    consultation = bridge.consultation
    today = timezone.localdate()
    errors = {}
    for name in ("employee_consented_on", "recipient_consented_on"):
        day = getattr(bridge, name)
        if day is not None and not (consultation.requested_on <= day <= today):
            errors[name] = messages.BRIDGE_CONSENT_DATE
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def care_bridge_create(*, actor: User, consultation: Consultation, data: CareBridgeInput) -> CareBridge:
    """With the employee's and the care recipient's (or their representative's) consent, hand the
    consultation to the office's care management: an Intake (route 企業相談, requester = the
    employee and their relation, the main complaint within the consented scope) made by
    casework's own service, and the CareBridge that links both sides."""
    require_permission(actor, "workcare.edit")
    if consultation.office_id != actor.office_id:
        raise PermissionDenied(core_messages.PERMISSION_DENIED)
    recipient = consultation.care_recipient
    if recipient is None:
        raise ValidationError(messages.BRIDGE_NO_RECIPIENT)
    if CareBridge.objects.filter(consultation=consultation, withdrawn_at__isnull=True).exists():
        raise ValidationError(messages.BRIDGE_ALREADY)
    bridge = CareBridge(
        office_id=consultation.office_id,
        consultation=consultation,
        care_recipient=recipient,
        employee_consented_on=data.employee_consented_on,
        recipient_consent_by=data.recipient_consent_by,
        recipient_consented_on=data.recipient_consented_on,
        scope=data.scope,
    )
    _check_bridge(bridge)
    intake = _bridge_intake(actor, consultation, recipient, data)
    bridge.intake = intake
    return create_audited(actor=actor, instance=bridge, check=_check_bridge)


def _bridge_intake(actor: User, consultation: Consultation, recipient: CareRecipient, data: CareBridgeInput) -> Intake:
    complaint = f"{data.main_complaint}\n【共有に同意した範囲】{data.scope}"
    intake = IntakeInput(
        received_on=timezone.localdate(),
        route=IntakeRoute.COMPANY,
        requester_name=consultation.employee.name,
        requester_relation=REQUESTER_RELATION.get(Relation(recipient.relation), "家族（従業員）")
        if recipient.relation in Relation.values
        else "家族（従業員）",
        subject_name=data.subject_name,
        main_complaint=complaint,
        urgency="high" if consultation.urgency == Urgency.HIGH else "normal",
    )
    return casework_services.intake_create(actor=actor, data=intake, from_workplace=True)


@transaction.atomic
def care_bridge_withdraw(*, actor: User, bridge: CareBridge) -> CareBridge:
    """Consent withdrawn (by the employee, or recorded by the workplace care manager): from now on
    the workplace side no longer sees the intake's status or whether a client was registered.
    The withdrawal is recorded (withdrawn_at, and the audit event names who)."""
    if is_employee(actor):
        me = own_employee(actor)
        if me is None or bridge.consultation.employee_id != me.pk:
            raise PermissionDenied(core_messages.PERMISSION_DENIED)
    else:
        require_permission(actor, "workcare.edit")
        if bridge.office_id != actor.office_id:
            raise PermissionDenied(core_messages.PERMISSION_DENIED)
    return transition_audited(
        actor=actor,
        instance=bridge,
        field="withdrawn_at",
        to=timezone.now(),
        allowed_from={None},
        action="care_bridge.withdrawn",
        refused=messages.BRIDGE_WITHDRAWN,
    )
