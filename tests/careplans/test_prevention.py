"""介護予防サービス・支援計画書 (issue 9 item 8): the certification decides the plan kind, the plan's
own lifecycle, the office's designation or commission, and the 介護予防支援 monitoring rule."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from carebridge.careplans import prevention_messages as messages
from carebridge.careplans import prevention_rules as rules
from carebridge.careplans import prevention_services as services
from carebridge.careplans import services as careplan_services
from carebridge.careplans.inputs import PlanInput
from carebridge.careplans.models import CarePlan
from carebridge.careplans.prevention_inputs import PreventionPlanInput, SupportRowInput
from carebridge.careplans.prevention_models import PreventionPlan, PreventionStatus
from carebridge.core import messages as core_messages
from carebridge.core import services as core_services
from carebridge.core.models import AuditEvent
from tests.factories import CertificationFactory, ClientFactory

D = dt.date
M = rules.MonitoringRecord


# -- which plan a client gets ------------------------------------------------------------------


def test_plan_kind_follows_the_care_level_kaigo_hoken_ho_article_8():
    """介護保険法 第8条第24項 / 第8条の2第16項: 要介護1〜5 → 居宅サービス計画, 要支援1・2 and 事業対象者
    → 介護予防サービス計画; an application without a level yet decides nothing."""
    assert rules.plan_kind_for("support_2") == rules.PlanKind.PREVENTION
    assert rules.plan_kind_for("support_1") == rules.PlanKind.PREVENTION
    assert rules.plan_kind_for("jigyo_taisho") == rules.PlanKind.PREVENTION
    assert {rules.plan_kind_for(f"care_{n}") for n in range(1, 6)} == {rules.PlanKind.CARE}
    assert rules.plan_kind_for("") is None


def test_commission_needed_unless_designated_on_the_plan_date():
    """介護保険法 第115条の23第3項 / 令和6年4月からの指定: not designated on the day → on commission."""
    assert rules.needs_commission(designated=False, designated_on=None, on=D(2026, 5, 1))
    assert rules.needs_commission(designated=True, designated_on=D(2026, 6, 1), on=D(2026, 5, 31))
    assert not rules.needs_commission(designated=True, designated_on=D(2026, 6, 1), on=D(2026, 6, 1))


@pytest.fixture
def support2(world):
    client = ClientFactory(office=world.office_a, care_manager=world.cm_a, name="予防 花子")
    CertificationFactory(client=client, care_level="support_2")
    return client


def _input(**overrides) -> PreventionPlanInput:
    values = {
        "drafted_on": D(2026, 4, 5),
        "commissioning_center": "地域包括支援センター中央",
        "mobility_status": "屋外は杖で15分歩ける",
        "mobility_intention": "買い物に一人で行きたい",
        "mobility_issue": "下肢筋力の低下",
        "goal_day": "毎朝体操をする",
        "goal_year": "近所のスーパーまで歩いて買い物に行く",
        "policy": "活動量を保ち、転倒を防ぐ",
    }
    return PreventionPlanInput(**{**values, **overrides})


ROW = SupportRowInput(
    goal="スーパーまで歩いて往復できる",
    self_care="毎朝の体操（本人）、週末の散歩（長女）",
    insured_service="通所型サービス（運動器機能向上）",
    service_kind="介護予防通所リハビリテーション",
    provider_name="デイケアさくら",
    period_start=D(2026, 4, 15),
    period_end=D(2026, 9, 30),
)


def test_careplan_refused_for_a_support_level_client(world, support2):
    """A 居宅サービス計画 (第1〜3表) is for 要介護1〜5 (介護保険法 第8条第24項): a 要支援2 client's
    attempt is refused with a message naming the field, and nothing is written."""
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        careplan_services.careplan_create(actor=world.cm_a, client=support2, data=PlanInput(drafted_on=D(2026, 4, 5)))
    assert exc.value.message_dict["care_level"] == [messages.CAREPLAN_NOT_FOR_SUPPORT_LEVEL.format(level="要支援2")]
    assert not CarePlan.objects.filter(client=support2).exists()
    assert AuditEvent.objects.count() == before


def test_careplan_allowed_when_the_support_certification_is_not_in_effect(world):
    """The certification in effect on the plan date decides, not the newest row: a 要介護1 client
    with a 要支援1 certification starting next year still gets 第1〜3表 now."""
    client = ClientFactory(office=world.office_a, care_manager=world.cm_a)
    CertificationFactory(client=client, care_level="care_1")
    CertificationFactory(client=client, care_level="support_1", valid_from=D(2027, 4, 1), valid_to=D(2028, 3, 31))
    plan = careplan_services.careplan_create(actor=world.cm_a, client=client, data=PlanInput(drafted_on=D(2026, 4, 5)))
    assert plan.version == 1


def test_prevention_plan_refused_for_a_care_level_client(world):
    client = ClientFactory(office=world.office_a, care_manager=world.cm_a)
    CertificationFactory(client=client, care_level="care_3")
    with pytest.raises(ValidationError) as exc:
        services.preventionplan_create(actor=world.cm_a, client=client, data=_input())
    assert exc.value.message_dict["care_level"] == [messages.PREVENTION_NOT_FOR_CARE_LEVEL.format(level="要介護3")]
    assert not PreventionPlan.objects.exists()


def test_prevention_plan_names_the_commissioning_center_unless_designated(world, support2):
    """An office not designated as 介護予防支援事業所 makes the plan on a 包括's commission."""
    with pytest.raises(ValidationError) as exc:
        services.preventionplan_create(actor=world.cm_a, client=support2, data=_input(commissioning_center=""))
    assert exc.value.message_dict["commissioning_center"] == [messages.COMMISSION_REQUIRED]
    office = world.office_a
    core_services.office_update(
        actor=world.admin_a,
        office=office,
        data=core_services.OfficeInput(
            office_number=office.office_number,
            name=office.name,
            region_grade=office.region_grade,
            prefecture=office.prefecture,
            prevention_designated=True,
            prevention_designated_on=D(2024, 4, 1),
        ),
    )
    plan = services.preventionplan_create(actor=world.cm_a, client=support2, data=_input(commissioning_center=""))
    assert plan.commissioning_center == ""


def test_office_designation_needs_a_date_from_2024_04(world):
    office = world.office_a
    base = {
        "office_number": office.office_number,
        "name": office.name,
        "region_grade": office.region_grade,
        "prefecture": office.prefecture,
        "prevention_designated": True,
    }
    with pytest.raises(ValidationError) as exc:
        core_services.office_update(actor=world.admin_a, office=office, data=core_services.OfficeInput(**base))
    assert exc.value.message_dict["prevention_designated_on"] == [core_messages.PREVENTION_DESIGNATION_DATE_REQUIRED]
    with pytest.raises(ValidationError) as exc:
        core_services.office_update(
            actor=world.admin_a,
            office=office,
            data=core_services.OfficeInput(**base, prevention_designated_on=D(2024, 3, 31)),
        )
    assert exc.value.message_dict["prevention_designated_on"] == [core_messages.PREVENTION_DESIGNATION_TOO_EARLY]


def test_prevention_lifecycle_draft_consent_delivery_and_revise(world, support2):
    """Drafted, consented (immutable from then on), delivered with the service start; 変更 copies
    the version and its rows into a new draft, and its delivery ends the old one."""
    cm = world.cm_a
    plan = services.preventionplan_create(actor=cm, client=support2, data=_input())
    assert plan.version == 1 and plan.certification.care_level == "support_2"
    with pytest.raises(ValidationError) as exc:
        services.preventionplan_consent(actor=cm, plan=plan, consented_on=D(2026, 4, 10), signer_name="予防 花子")
    assert exc.value.messages == [messages.CONSENT_NEEDS_ROWS]
    services.prevention_row_add(actor=cm, plan=plan, data=ROW)
    with pytest.raises(ValidationError) as exc:
        services.preventionplan_deliver(
            actor=cm, plan=plan, delivered_on=D(2026, 4, 10), service_start_on=D(2026, 4, 15)
        )
    assert exc.value.messages == [messages.DELIVER_BEFORE_CONSENT]
    services.preventionplan_consent(actor=cm, plan=plan, consented_on=D(2026, 4, 10), signer_name="予防 花子")
    assert plan.status == PreventionStatus.CONSENTED
    with pytest.raises(ValidationError) as exc:
        services.preventionplan_update(actor=cm, plan=plan, data=_input(policy="書き換え"))
    assert exc.value.messages == [messages.PREVENTION_LOCKED]
    with pytest.raises(ValidationError):
        services.prevention_row_add(actor=cm, plan=plan, data=ROW)
    services.preventionplan_deliver(actor=cm, plan=plan, delivered_on=D(2026, 4, 10), service_start_on=D(2026, 4, 15))
    assert plan.status == PreventionStatus.DELIVERED and plan.service_start_on == D(2026, 4, 15)
    new = services.preventionplan_revise(actor=cm, plan=plan, drafted_on=D(2026, 10, 1))
    assert (new.version, new.status, new.replaces_id, new.plan_origin) == (2, "draft", plan.pk, "continuing")
    assert new.policy == plan.policy and new.first_created_on == D(2026, 4, 5)
    assert [r.goal for r in new.support_rows.all()] == [ROW.goal]
    services.preventionplan_consent(actor=cm, plan=new, consented_on=D(2026, 10, 2), signer_name="予防 花子")
    services.preventionplan_deliver(actor=cm, plan=new, delivered_on=D(2026, 10, 2), service_start_on=D(2026, 10, 5))
    plan.refresh_from_db()
    assert plan.status == PreventionStatus.SUPERSEDED


def test_support_row_period_order_is_checked(world, support2):
    plan = services.preventionplan_create(actor=world.cm_a, client=support2, data=_input())
    bad = SupportRowInput(goal="歩く", period_start=D(2026, 5, 1), period_end=D(2026, 4, 1))
    with pytest.raises(ValidationError) as exc:
        services.prevention_row_add(actor=world.cm_a, plan=plan, data=bad)
    assert exc.value.message_dict["period_end"] == [messages.ROW_PERIOD_ORDER]


# -- monitoring (介護予防支援基準 第30条第16号) ------------------------------------------------------

PLAN = rules.PreventionPlanFacts(plan_id=1, service_start_on=D(2026, 4, 15), evaluation_end_on=D(2026, 12, 31))


def test_prevention_monitoring_record_every_month_from_the_month_after_start_article_30_16_ha():
    """第30条第16号ハ: a monitoring record at least once a month. Services start 4/15: April holds
    no duty (the plan was made after the home assessment), May without a record is a gap."""
    assert rules.monitoring_gaps(PLAN, [], D(2026, 4, 1)) == []
    assert rules.monitoring_gaps(PLAN, [], D(2026, 5, 1)) == [rules.Gap.RECORD_MISSING]
    assert rules.monitoring_gaps(PLAN, [M(D(2026, 5, 1), at_home=False)], D(2026, 5, 1)) == []


def test_prevention_home_visit_every_three_months_counted_from_the_month_after_start_article_30_16_i():
    """第30条第16号イ: a home visit at least once in three months counted from the month after the
    start. Start 4/15 → windows May–July, August–October; July closes the first window."""
    phone = [M(D(2026, 5, 1), False), M(D(2026, 6, 1), False), M(D(2026, 7, 1), False)]
    assert rules.monitoring_gaps(PLAN, phone, D(2026, 6, 1)) == []  # the window is still open
    assert rules.monitoring_gaps(PLAN, phone, D(2026, 7, 1)) == [rules.Gap.HOME_VISIT_MISSING]
    with_home = [M(D(2026, 5, 1), True), *phone[1:]]
    assert rules.monitoring_gaps(PLAN, with_home, D(2026, 7, 1)) == []
    # The next window (August–October) needs its own home visit: May's does not count.
    later = [*with_home, M(D(2026, 8, 1), False), M(D(2026, 9, 1), False), M(D(2026, 10, 1), False)]
    assert rules.monitoring_gaps(PLAN, later, D(2026, 10, 1)) == [rules.Gap.HOME_VISIT_MISSING]
    assert rules.window_of(D(2026, 4, 15), D(2026, 10, 1)) == (D(2026, 8, 1), D(2026, 10, 1))


def test_prevention_home_visit_in_the_month_the_evaluation_period_ends_article_30_16_i():
    """第30条第16号イ: and in the month the evaluation period ends (here December 2026)."""
    records = [M(D(2026, 11, 1), True), M(D(2026, 12, 1), False)]
    assert rules.monitoring_gaps(PLAN, records, D(2026, 12, 1)) == [rules.Gap.EVALUATION_VISIT_MISSING]
    assert rules.monitoring_gaps(PLAN, [M(D(2026, 12, 1), True)], D(2026, 12, 1)) == []


def test_prevention_monitoring_stops_when_a_newer_version_started():
    ended = rules.PreventionPlanFacts(plan_id=1, service_start_on=D(2026, 4, 15), ended_on=D(2026, 6, 30))
    assert rules.monitoring_gaps(ended, [], D(2026, 7, 1)) == []
    assert rules.monitoring_gaps(ended, [], D(2026, 6, 1)) == [rules.Gap.RECORD_MISSING]


# -- the PDF (rendered with pdftoppm, read with pdftotext) ----------------------------------------


def test_support2_client_gets_a_prevention_plan_pdf_rendered_and_read(
    world, support2, tmp_path, django_assert_num_queries
):
    """Acceptance (issue 9): a 要支援2 client gets a 介護予防サービス・支援計画書; the PDF renders
    (pdftoppm) and its text (pdftotext) holds the form's headings and what was entered."""
    from carebridge.careplans.prevention_pdf import prevention_pdf
    from carebridge.careplans.prevention_selectors import prevention_plans_with_rows

    from .test_pdf import png_pages, run

    cm = world.cm_a
    plan = services.preventionplan_create(actor=cm, client=support2, data=_input())
    services.prevention_row_add(actor=cm, plan=plan, data=ROW)
    services.preventionplan_consent(actor=cm, plan=plan, consented_on=D(2026, 4, 10), signer_name="予防 花子")
    plan = prevention_plans_with_rows().get(pk=plan.pk)
    with django_assert_num_queries(0):
        pdf = prevention_pdf(plan)
    path = tmp_path / "prevention.pdf"
    path.write_bytes(pdf.data)
    pages = png_pages(path, tmp_path / "png")
    assert len(pages) >= 2 and all(p.stat().st_size > 1000 for p in pages)
    # -raw keeps the drawing order, so a wrapped cell reads as one text (-layout interleaves cells).
    text = re.sub(r"\s+", "", run("pdftotext", "-raw", str(path), "-"))
    for heading in (
        "介護予防サービス・支援計画書",
        "運動・移動について",
        "日常生活（家庭生活）について",
        "社会参加、対人関係・コミュニケーションについて",
        "健康管理について",
        "本人・家族の意欲・意向",
        "総合的課題",
        "目標とする生活",
        "支援計画",
        "本人等のセルフケアや家族の支援、インフォーマルサービス",
        "介護保険サービス又は地域支援事業",
        "サービス種別",
        "事業所",
        "期間",
        "総合的な方針",
        "担当地域包括支援センター",
        "計画に関する同意",
    ):
        assert heading in text, heading
    for entered in (
        "予防花子",
        "屋外は杖で15分歩ける",
        "買い物に一人で行きたい",
        "毎朝体操をする",
        "近所のスーパーまで歩いて買い物に行く",
        "スーパーまで歩いて往復できる",
        "デイケアさくら",
        "活動量を保ち、転倒を防ぐ",
        "地域包括支援センター中央",
        "令和8年4月10日",
    ):
        assert entered in text, entered


def test_careplan_revise_refused_once_the_client_is_support_level(world):
    """After a 区分変更 to 要支援1, 変更 of the 第1〜3表 is refused too: the new plan is a 介護予防 plan."""
    from tests.careplan_helpers import agree_and_start, draft_plan
    from tests.factories import ProviderFactory

    client = ClientFactory(office=world.office_a, care_manager=world.cm_a)
    CertificationFactory(client=client, care_level="care_1", valid_to=D(2026, 9, 30))
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    plan = agree_and_start(world.cm_a, draft_plan(world.cm_a, client, providers), providers)
    CertificationFactory(client=client, care_level="support_1", valid_from=D(2026, 10, 1), valid_to=D(2027, 3, 31))
    with pytest.raises(ValidationError) as exc:
        careplan_services.careplan_revise(actor=world.cm_a, plan=plan, drafted_on=D(2026, 10, 5))
    assert exc.value.message_dict["care_level"] == [messages.CAREPLAN_NOT_FOR_SUPPORT_LEVEL.format(level="要支援1")]
    assert careplan_services.careplan_revise(actor=world.cm_a, plan=plan, drafted_on=D(2026, 9, 1)).version == 2


@given(
    start=st.dates(min_value=D(2024, 4, 1), max_value=D(2030, 12, 31)),
    offset=st.integers(min_value=1, max_value=36),
)
def test_prevention_windows_cover_every_month_after_start_once_article_30_16(start, offset):
    """第30条第16号イ (hypothesis): every month after the start month lies in exactly one
    three-month window, counted from the month after the start; a record every month with a home
    visit in each window's first month leaves no gap, and no record at all always leaves one."""
    plan = rules.PreventionPlanFacts(plan_id=1, service_start_on=start)
    month = rules.add_months(start.replace(day=1), offset)
    first, last = rules.window_of(start, month)
    assert rules.months_between(first, last) == 2 and first <= month <= last
    assert (rules.months_between(start, first) - 1) % 3 == 0
    records = [M(rules.add_months(start.replace(day=1), k), at_home=(k - 1) % 3 == 0) for k in range(1, offset + 1)]
    assert rules.monitoring_gaps(plan, records, month) == []
    assert rules.Gap.RECORD_MISSING in rules.monitoring_gaps(plan, [], month)
