"""Records of the 両立プラン and meeting tests, made through the services (so they are what the
pages make): an employee linked to emp_sakura1 with a family member, a policy, plans, meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from carebridge.workcare import services
from carebridge.workcare.inputs import AttendeeInput, MeetingInput, PlanItemInput, WorkCarePlanInput
from carebridge.workcare.models import (
    CareRecipient,
    Employee,
    SharingConsent,
    ThreePartyMeeting,
    WorkCarePlan,
    WorkCarePlanItem,
)

from .factories import CareRecipientFactory, CompanyPolicyFactory, EmployeeFactory


def today() -> dt.date:
    return timezone.localdate()


def days(n: int) -> dt.date:
    return today() + dt.timedelta(days=n)


def employee_of(world: Any, **extra: Any) -> Employee:
    """emp_sakura1's Employee row (さくら製作所, 製造部), caring for their mother; the company's
    policy (the law's figures, 短時間勤務 offered, telework offered) is in force."""
    employee = EmployeeFactory(
        company=world.company, user=world.employee, name="両立 花子", department="製造部", **extra
    )
    CareRecipientFactory(employee=employee, label="母", relation="parent")
    if not world.company.policies.exists():
        CompanyPolicyFactory(company=world.company, effective_from=dt.date(2025, 4, 1), telework=True)
    return employee


def recipient_of(employee: Employee) -> CareRecipient:
    return employee.care_recipients.order_by("id").first()


def plan_for(world: Any, employee: Employee, goals: str = "介護の体制を整えながら仕事を続ける。") -> WorkCarePlan:
    return services.workcareplan_create(
        actor=world.wcm_a,
        employee=employee,
        data=WorkCarePlanInput(goals=goals, work_wishes="残業は控えたい"),
        care_recipient=recipient_of(employee),
    )


def add(
    world: Any,
    plan: WorkCarePlan,
    kind: str,
    start: dt.date,
    end: dt.date | None = None,
    hours: int | None = None,
    detail: str = "",
) -> WorkCarePlanItem:
    data = PlanItemInput(kind=kind, starts_on=start, ends_on=end, hours=hours, detail=detail)
    return services.planitem_add(actor=world.wcm_a, plan=plan, data=data)


def agreed_plan(world: Any, employee: Employee) -> WorkCarePlan:
    """A plan with a care step only (nothing the rules could refuse), agreed today."""
    plan = plan_for(world, employee)
    add(world, plan, "contact_center", days(3), detail="地域包括支援センターに電話")
    return services.workcareplan_agree(actor=world.wcm_a, plan=plan, agreed_on=today())


def meeting_for(world: Any, employee: Employee, plan: WorkCarePlan | None = None) -> ThreePartyMeeting:
    data = MeetingInput(
        kind="initial",
        held_on=today(),
        care_recipient_summary="母（82歳）",
        relation="母",
        lives_together=False,
        family_help="妹が週末に手伝う",
        difficulty_hours="通院の付き添いで朝の始業に間に合わない",
        difficulty_days_off="月2回の通院に休みが必要",
        difficulty_trips="宿泊を伴う出張は難しい",
        systems_wanted="介護休暇（時間単位）、短時間勤務",
        handover_to="同じ係の田中さん",
        handover_when="12月中",
        handover_how="週次の打合せで引き継ぐ",
        agreements="通院日は時間単位の介護休暇を使う",
    )
    attendees = [
        AttendeeInput(role="employee", name="両立 花子"),
        AttendeeInput(role="manager", name="上司 一郎"),
        AttendeeInput(role="hr", name="人事 次郎"),
        AttendeeInput(role="workplace_care_manager", name="産業 ケア子"),
    ]
    return services.meeting_create(actor=world.wcm_a, employee=employee, data=data, plan=plan, attendees=attendees)


def share(employee: Employee, audience: str, item: str = "plan_measures") -> SharingConsent:
    return SharingConsent.objects.create(
        office=employee.office, employee=employee, audience=audience, item=item, granted_at=timezone.now()
    )
