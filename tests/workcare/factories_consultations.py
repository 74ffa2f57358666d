"""Records of the consultations area for tests (built on the shared work–care factories)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from carebridge.directory.models import Provider, Resource, Specialist
from carebridge.workcare.inputs import CareBridgeInput
from carebridge.workcare.models import CareRecipient, Consultation, Employee

from .factories import CareRecipientFactory, ConsultationFactory, EmployeeFactory

CALM_ANSWERS = {
    "long_absence": "no",
    "cannot_leave_alone": "no",
    "someone_to_share": "yes",
    "worn_out": "never",
    "own_health": "no",
    "services_started": "yes",
}
URGENT_ANSWERS = {**CALM_ANSWERS, "long_absence": "yes", "someone_to_share": "no"}


def linked_employee(world: Any) -> Employee:
    """emp_sakura1's Employee row (さくら製作所, office A)."""
    found = Employee.objects.filter(user=world.employee).first()
    return found or EmployeeFactory(company=world.company, user=world.employee, name="桜井 一郎")


def consultation_of(employee: Employee, **values: Any) -> Consultation:
    recipient: CareRecipient | None = (
        values.pop("care_recipient")
        if "care_recipient" in values
        else CareRecipientFactory(employee=employee, municipality="世田谷区")
    )
    values.setdefault("requested_on", timezone.localdate() - dt.timedelta(days=30))
    return ConsultationFactory(employee=employee, care_recipient=recipient, **values)


def sakura_consultation(world: Any, **values: Any) -> Consultation:
    return consultation_of(linked_employee(world), **values)


def directory_of(office: Any) -> dict[str, Any]:
    """A small directory in 世田谷区 and elsewhere."""
    return {
        "center": Provider.objects.create(
            office=office,
            kind="community_center",
            name="太子堂包括支援センター",
            address="東京都世田谷区太子堂1-1",
            phone="03-1111-2222",
        ),
        "far_center": Provider.objects.create(
            office=office, kind="community_center", name="杉並ケア24", address="東京都杉並区阿佐谷1-1"
        ),
        "home_help": Provider.objects.create(
            office=office,
            kind="service",
            name="ヘルパー三軒茶屋",
            address="東京都世田谷区三軒茶屋2-2",
            service_type_codes=["11"],
        ),
        "day": Provider.objects.create(
            office=office, kind="service", name="デイ桜", address="東京都世田谷区桜3-3", service_type_codes=["15"]
        ),
        "meal": Resource.objects.create(
            office=office, name="配食せたがや", category="meal_delivery", area="世田谷区全域"
        ),
        "far_meal": Resource.objects.create(
            office=office, name="配食すぎなみ", category="meal_delivery", area="杉並区"
        ),
        "sharoushi": Specialist.objects.create(
            office=office, name="社労 花子", profession="sharoushi", organization="花子事務所"
        ),
        "scrivener": Specialist.objects.create(office=office, name="司法 次郎", profession="judicial_scrivener"),
    }


def bridge_input(**values: Any) -> CareBridgeInput:
    base: dict[str, Any] = {
        "employee_consented_on": timezone.localdate() - dt.timedelta(days=20),
        "recipient_consent_by": "本人",
        "recipient_consented_on": timezone.localdate() - dt.timedelta(days=20),
        "scope": "相談内容と母の状態（物忘れ・歩行）",
        "subject_name": "桜井 トメ",
        "main_complaint": "母の物忘れが進み、介護保険の申請とサービスの相談をしたい。",
    }
    return CareBridgeInput(**{**base, **values})
