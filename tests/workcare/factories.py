"""Factories of the work–care records (rows carry their company's office)."""

from __future__ import annotations

import datetime as dt

import factory

from carebridge.workcare.models import (
    CareRecipient,
    CompanyPolicy,
    Consultation,
    Employee,
    LeaveRecord,
    WorkCarePlan,
)

from ..factories import CompanyFactory


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    company = factory.SubFactory(CompanyFactory)
    office = factory.LazyAttribute(lambda o: o.company.office)
    employee_number = factory.Sequence(lambda n: f"E{n:05d}")
    name = factory.Sequence(lambda n: f"社員 {n}郎")
    department = "製造部"
    birth_date = dt.date(1975, 6, 1)
    weekly_days = 5
    daily_hours = "7.50"
    hired_on = dt.date(2010, 4, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """A login has one Employee row: asked again for the same user (a case's url built twice,
        as hypothesis does in tests/test_fuzz_inputs.py), return the row it has."""
        user = kwargs.get("user")
        if user is not None and (found := model_class.objects.filter(user=user).first()) is not None:
            return found
        return super()._create(model_class, *args, **kwargs)


class CareRecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareRecipient

    employee = factory.SubFactory(EmployeeFactory)
    office = factory.LazyAttribute(lambda o: o.employee.office)
    label = "母"
    relation = "parent"
    age = 82
    lives_together = False
    care_level = "care_1"
    prefecture = "東京都"
    municipality = "世田谷区"


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    employee = factory.SubFactory(EmployeeFactory)
    office = factory.LazyAttribute(lambda o: o.employee.office)
    care_recipient = factory.LazyAttribute(lambda o: CareRecipientFactory(employee=o.employee))
    channel = "meeting"
    requested_on = dt.date(2026, 11, 2)
    content = "母の物忘れが進み、仕事との両立が不安です。"


class CompanyPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyPolicy

    company = factory.SubFactory(CompanyFactory)
    office = factory.LazyAttribute(lambda o: o.company.office)
    effective_from = dt.date(2025, 4, 1)
    reduced_measures = factory.LazyFunction(lambda: ["short_hours"])


class WorkCarePlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkCarePlan

    employee = factory.SubFactory(EmployeeFactory)
    office = factory.LazyAttribute(lambda o: o.employee.office)
    version = 1
    goals = "介護休業で介護の体制を整え、短時間勤務で仕事を続ける。"


class LeaveRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeaveRecord

    employee = factory.SubFactory(EmployeeFactory)
    office = factory.LazyAttribute(lambda o: o.employee.office)
    care_recipient = factory.LazyAttribute(lambda o: CareRecipientFactory(employee=o.employee))
    kind = "care_leave"
    starts_on = dt.date(2026, 1, 5)
    ends_on = dt.date(2026, 2, 3)
