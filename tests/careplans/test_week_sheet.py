"""第2表 ↔ 第3表 (issue 9 item 10; 老企第29号 別紙 第3表記載要領: 第2表の援助内容のうち週単位で
行うサービスを第3表に記入し、週単位以外のサービスは「週単位以外のサービス」欄に記入する): a weekly
service on 第2表 with no block on 第3表 and no mention under 週単位以外のサービス is warned about on
the plan page."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.test import override_settings

from carebridge.careplans import messages, services
from carebridge.careplans.inputs import PlanInput, WeeklyEntryInput
from carebridge.careplans.models import CarePlan
from carebridge.careplans.rules import WeeklyServiceFacts, is_weekly, services_missing_from_week
from carebridge.careplans.selectors import plan_records, plan_tree, week_warnings
from carebridge.desk.demo import load_demo

from ..careplan_helpers import draft_plan
from ..factories import CertificationFactory, ProviderFactory

DAY_CARE = WeeklyServiceFacts("入浴介助", "通所介護", "デイサービスさくら", "週2回")
NURSE = WeeklyServiceFacts("歩行訓練", "訪問看護", "ひまわり訪問看護", "週1回")
RENTAL = WeeklyServiceFacts("手すりの貸与", "福祉用具貸与", "福祉用具みどり", "毎日")


def test_weekly_service_not_on_week_sheet_is_warned_rojin_29_sheet3():
    """老企第29号 第3表記載要領: 通所介護 週2回 on the week (月・木) and 福祉用具貸与 毎日 written
    under 週単位以外のサービス are fine; 訪問看護 週1回 appears in neither: one warning, naming it."""
    found = services_missing_from_week([DAY_CARE, NURSE, RENTAL], ["通所介護", "通所介護"], "福祉用具貸与（手すり）")
    assert found == [messages.WEEKLY_SERVICE_NOT_ON_WEEK.format(kind="訪問看護", content="歩行訓練", frequency="週1回")]
    assert "訪問看護" in str(found[0]) and "週1回" in str(found[0])


def test_weekly_service_matched_by_kind_provider_or_content_rojin_29_sheet3():
    """The week's block may name the kind (訪問看護), the provider, or the content; full-width and
    spaces do not matter. Nothing is warned once each weekly service is found."""
    assert services_missing_from_week([NURSE], ["ひまわり 訪問看護"], "") == []
    assert services_missing_from_week([NURSE], ["歩行訓練"], "") == []
    assert services_missing_from_week([NURSE], ["訪問看護（14:00）"], "") == []
    assert services_missing_from_week([RENTAL], [], "毎日 福祉用具貸与") == []
    assert len(services_missing_from_week([RENTAL], ["通所介護"], "")) == 1


def test_only_weekly_frequencies_belong_on_the_week_rojin_29_sheet3():
    """週2回, 毎週, 隔週, 毎日 and 月・木 come back each week; 月1回, 随時 and 必要時 do not and are
    not warned about."""
    assert all(is_weekly(f) for f in ("週2回", "毎週", "隔週", "毎日", "月・木", "水曜", "週３回"))
    assert not any(is_weekly(f) for f in ("月1回", "随時", "必要時", "年2回", ""))
    monthly = dataclasses.replace(NURSE, frequency="月2回")
    assert services_missing_from_week([monthly], [], "") == []


def test_one_warning_per_service_kind():
    twice = [NURSE, dataclasses.replace(NURSE, content="服薬管理")]
    assert len(services_missing_from_week(twice, [], "")) == 1


@pytest.mark.django_db
def test_the_plan_page_warns_until_the_week_holds_the_service(world, client_a, client):
    """The helper's draft has 通所介護 週2回 on 第3表 (火), 訪問看護 週1回 and 福祉用具貸与 毎日
    nowhere: two warnings; a 訪問看護 block and a 週単位以外のサービス line clear them."""
    CertificationFactory(client=client_a)
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    plan = draft_plan(world.cm_a, client_a, providers)
    client.force_login(world.cm_a)
    body = client.get(f"/careplans/{plan.pk}/").content.decode()
    assert 'data-warning="week"' in body
    assert "第2表の「訪問看護」（歩行訓練、週1回）" in body
    assert "第2表の「福祉用具貸与」（手すりの貸与、毎日）" in body
    assert "「通所介護」" not in body.split('data-warning="week"')[1].split("</div>")[0]
    services.weekly_entry_add(
        actor=world.cm_a,
        plan=plan,
        data=WeeklyEntryInput(weekday=3, start_time=dt.time(14), end_time=dt.time(15), label="訪問看護"),
    )
    plan.refresh_from_db()
    data = PlanInput(drafted_on=plan.drafted_on, non_weekly_services="福祉用具貸与（手すり）")
    services.careplan_update(actor=world.cm_a, plan=plan, data=data)
    assert 'data-warning="week"' not in client.get(f"/careplans/{plan.pk}/").content.decode()


@pytest.mark.django_db
@override_settings(CAREBRIDGE_DEMO_PASSWORD="demo-pass-for-test")
def test_no_demo_plan_has_a_weekly_service_missing_from_the_week():
    load_demo(today=dt.date(2026, 11, 22), quiet=True)
    plans = list(CarePlan.objects.all())
    assert plans
    for plan in plans:
        weekly = plan_records(plan=plan)["weekly"]
        assert week_warnings(plan=plan, needs=plan_tree(plan=plan), weekly=weekly) == [], plan.pk
