"""What HR and the manager see of a 両立プラン: only the work measures (company measures with
their periods) of the agreed plan, only while the employee shares `plan_measures` with them —
never the goals, the care steps or the family; 404 before consent and after withdrawal."""

from __future__ import annotations

import pytest
from django.utils import timezone

from carebridge.core.models import AuditEvent
from carebridge.workcare.models import SharingConsent

from . import factories_plans as fp
from .factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def _agreed_with_measures(world):
    employee = fp.employee_of(world)
    plan = fp.plan_for(world, employee, goals="母の介護と仕事を両立する秘密の目標")
    fp.add(world, plan, "care_leave", fp.days(20), fp.days(49))
    fp.add(world, plan, "apply_certification", fp.days(2), detail="世田谷区役所で申請")
    from carebridge.workcare import services

    services.workcareplan_agree(actor=world.employee, plan=plan, agreed_on=fp.today())
    return employee, plan


def test_hr_sees_the_measures_only_after_consent_and_404_after_withdrawal(world, client):
    employee, _plan = _agreed_with_measures(world)
    url = f"/workcare/shared/{employee.pk}/plan/"
    client.force_login(world.hr)
    assert client.get(url).status_code == 404  # before consent
    consent = fp.share(employee, "hr")
    before = AuditEvent.objects.filter(event_type="view").count()
    page = client.get(url).content.decode()
    assert "介護休業" in page and "第11条〜第15条" in page
    for secret in ("秘密の目標", "要介護認定の申請", "世田谷区役所", "母", "残業は控えたい"):
        assert secret not in page, secret
    assert AuditEvent.objects.filter(event_type="view").count() == before + 1
    SharingConsent.objects.filter(pk=consent.pk).update(withdrawn_at=timezone.now())
    assert client.get(url).status_code == 404  # after withdrawal, at once


def test_consent_to_hr_is_not_consent_to_another_company_or_to_the_manager(world, client):
    employee, _plan = _agreed_with_measures(world)
    fp.share(employee, "hr")
    fp.share(employee, "hr", item="caregiving_fact")
    url = f"/workcare/shared/{employee.pk}/plan/"
    client.force_login(world.hr_b)
    assert client.get(url).status_code == 404  # another company's HR
    EmployeeFactory(company=world.company, user=world.manager, department="製造部")
    client.force_login(world.manager)
    assert client.get(url).status_code == 404  # shared with HR, not with the manager
    fp.share(employee, "manager")
    assert client.get(url).status_code == 200


def test_a_draft_is_never_shown(world, client):
    employee = fp.employee_of(world)
    plan = fp.plan_for(world, employee)
    fp.add(world, plan, "care_leave", fp.days(20), fp.days(30))
    fp.share(employee, "hr")
    client.force_login(world.hr)
    page = client.get(f"/workcare/shared/{employee.pk}/plan/").content.decode()
    assert "合意済みの両立プランはありません" in page
    assert "介護休業" not in page
