"""Audit recipes of the 両立プラン and meeting services (tests/test_audit_every_service.py): the
records a call reaches are made when the recipe is prepared, so only the service's own writes count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from carebridge.workcare import services
from carebridge.workcare.inputs import AttendeeInput, MeetingInput, PlanItemInput, WorkCarePlanInput

from ..audit_recipe import Recipe
from ..permission_matrix import Objs
from . import factories_plans as fp
from .test_permissions_plans import agreed, attendee, emp, item, meeting, plan

Thunk = Callable[[], object]


def _locked_item(o: Objs):  # an item of an agreed plan
    return agreed(o).items.first()


def _final_meeting(o: Objs):
    """A meeting of an agreed plan: final."""
    return fp.meeting_for(o.world, emp(o), plan=agreed(o))


def _empty_plan(o: Objs):
    return fp.plan_for(o.world, emp(o))


ITEM = PlanItemInput(kind="contact_center", starts_on=dt.date(2026, 12, 10))
BAD_ITEM = PlanItemInput(kind="care_leave", starts_on=dt.date(2026, 12, 10), ends_on=dt.date(2026, 12, 1))
MEETING = MeetingInput(kind="follow_up", held_on=dt.date(2026, 12, 1), agreements="来月もう一度話す")
BAD_MEETING = MeetingInput(kind="follow_up", held_on=dt.date(2026, 12, 1), next_meeting_on=dt.date(2026, 11, 1))


RECIPES = {
    "workcareplan_create": Recipe(
        lambda o: (lambda e: lambda: services.workcareplan_create(
            actor=o.world.wcm_a, employee=e, data=WorkCarePlanInput(goals="仕事を続ける")))(emp(o)),
        lambda o: (lambda e: lambda: services.workcareplan_create(
            actor=o.world.wcm_a, employee=e, data=WorkCarePlanInput(goals="")))(emp(o)),
    ),
    "workcareplan_update": Recipe(
        lambda o: (lambda p: lambda: services.workcareplan_update(
            actor=o.world.wcm_a, plan=p, data=WorkCarePlanInput(goals="新しい目標")))(plan(o)),
        lambda o: (lambda p: lambda: services.workcareplan_update(
            actor=o.world.wcm_a, plan=p, data=WorkCarePlanInput(goals="新しい目標")))(agreed(o)),
    ),
    "planitem_add": Recipe(
        lambda o: (lambda p: lambda: services.planitem_add(actor=o.world.wcm_a, plan=p, data=ITEM))(plan(o)),
        lambda o: (lambda p: lambda: services.planitem_add(actor=o.world.wcm_a, plan=p, data=BAD_ITEM))(plan(o)),
    ),
    "planitem_update": Recipe(
        lambda o: (lambda i: lambda: services.planitem_update(actor=o.world.wcm_a, item=i, data=ITEM))(item(o)),
        lambda o: (lambda i: lambda: services.planitem_update(
            actor=o.world.wcm_a, item=i, data=ITEM))(_locked_item(o)),
    ),
    "planitem_delete": Recipe(
        lambda o: (lambda i: lambda: services.planitem_delete(actor=o.world.wcm_a, item=i))(item(o)),
        lambda o: (lambda i: lambda: services.planitem_delete(actor=o.world.wcm_a, item=i))(_locked_item(o)),
    ),
    "workcareplan_agree": Recipe(
        lambda o: (lambda p: lambda: services.workcareplan_agree(
            actor=o.world.wcm_a, plan=p, agreed_on=fp.today()))(plan(o)),
        lambda o: (lambda p: lambda: services.workcareplan_agree(
            actor=o.world.wcm_a, plan=p, agreed_on=fp.today()))(_empty_plan(o)),
    ),
    "workcareplan_revise": Recipe(
        lambda o: (lambda p: lambda: services.workcareplan_revise(actor=o.world.wcm_a, plan=p))(agreed(o)),
        lambda o: (lambda p: lambda: services.workcareplan_revise(actor=o.world.wcm_a, plan=p))(plan(o)),
    ),
    "meeting_create": Recipe(
        lambda o: (lambda e: lambda: services.meeting_create(actor=o.world.wcm_a, employee=e, data=MEETING))(emp(o)),
        lambda o: (lambda e: lambda: services.meeting_create(
            actor=o.world.wcm_a, employee=e, data=BAD_MEETING))(emp(o)),
    ),
    "meeting_update": Recipe(
        lambda o: (lambda m: lambda: services.meeting_update(actor=o.world.wcm_a, meeting=m, data=MEETING))(meeting(o)),
        lambda o: (lambda m: lambda: services.meeting_update(
            actor=o.world.wcm_a, meeting=m, data=BAD_MEETING))(meeting(o)),
    ),
    "meeting_attendee_add": Recipe(
        lambda o: (lambda m: lambda: services.meeting_attendee_add(
            actor=o.world.wcm_a, meeting=m, data=AttendeeInput(role="other", name="産業医 三郎")))(meeting(o)),
        lambda o: (lambda m: lambda: services.meeting_attendee_add(
            actor=o.world.wcm_a, meeting=m, data=AttendeeInput(role="other", name="産業医 三郎")))(_final_meeting(o)),
    ),
    "meeting_attendee_delete": Recipe(
        lambda o: (lambda a: lambda: services.meeting_attendee_delete(actor=o.world.wcm_a, attendee=a))(attendee(o)),
        lambda o: (lambda a: lambda: services.meeting_attendee_delete(actor=o.world.wcm_a, attendee=a))(
            _final_meeting(o).attendees.first()
        ),
    ),
}  # fmt: skip
