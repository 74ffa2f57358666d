"""Factories and helpers of the company area's tests (contracts, notices, texts, windows)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from carebridge.workcare import gap_rules
from carebridge.workcare.models import (
    CompanyContract,
    ContractFeeItem,
    EnvironmentMeasure,
    IndividualNotice,
    NoticeText,
)

from ..factories import CompanyFactory
from .factories import EmployeeFactory


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyContract

    company = factory.SubFactory(CompanyFactory)
    office = factory.LazyAttribute(lambda o: o.company.office)
    menu = factory.LazyFunction(lambda: ["consultation", "seminar"])
    starts_on = dt.date(2025, 4, 1)


class FeeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractFeeItem

    contract = factory.SubFactory(ContractFactory)
    office = factory.LazyAttribute(lambda o: o.contract.office)
    label = "相談窓口 月額"
    unit = "month"
    unit_price = 50000


class NoticeTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticeText

    company = factory.SubFactory(CompanyFactory)
    office = factory.LazyAttribute(lambda o: o.company.office)
    kind = "individual"
    version = factory.Sequence(lambda n: n + 1)
    body = "介護休業・介護休暇などの制度があります。申出先は人事部です。介護休業給付金を受けられる場合があります。"


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndividualNotice

    employee = factory.SubFactory(EmployeeFactory)
    office = factory.LazyAttribute(lambda o: o.employee.office)
    reported_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=3))
    due_on = factory.LazyAttribute(lambda o: o.reported_on + dt.timedelta(days=14))


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnvironmentMeasure

    company = factory.SubFactory(CompanyFactory)
    office = factory.LazyAttribute(lambda o: o.company.office)
    kind = "window"
    carried_out_on = dt.date(2025, 4, 1)
    evidence = "人事部に相談窓口を設置し、社内ポータルで周知"


def this_fiscal_year(today: dt.date | None = None) -> int:
    start, _end = gap_rules.fiscal_year_of(today or timezone.localdate(), (4, 1))
    return start.year


def birth_in_window(year: int, *, day: int = 10) -> dt.date:
    """A birth date whose 40-year window (fiscal year of 40, April start) is fiscal year `year`:
    the person reaches 40 in June of `year`."""
    return dt.date(year - 40, 6, day)


def in_window_employee(company: Any, **extra: Any) -> Any:
    year = this_fiscal_year()
    values = {"birth_date": birth_in_window(year), "email": "taro@example.com", **extra}
    return EmployeeFactory(company=company, **values)
