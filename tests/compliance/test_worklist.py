"""今日 is a work list that agrees with the 運営基準 report (issue 9 item 20).

Every client+rule of this month's report is an item on the 今日 page of the client's care
manager, and every 減算-related item there is in the report (運営基準第13条; 運営基準減算 of
指定居宅介護支援に要する費用の額の算定に関する基準 注). The page costs the same number of queries for
N and 3N clients."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carebridge.careplans import services as careplans
from carebridge.careplans.inputs import ConferenceInput, InquiryInput
from carebridge.casework import services as casework
from carebridge.clients.models import Client
from carebridge.compliance.selectors import compliance_report, exposure_total
from carebridge.compliance.worklist import action_url, work_list
from carebridge.core.models import Office, User
from carebridge.desk.demo import load_demo

from ..careplan_helpers import D, agree_and_start, contract_and_home_assessment, draft_plan
from ..factories import CertificationFactory, ClientFactory, ProviderFactory

pytestmark = pytest.mark.django_db

ITEM = re.compile(r'<li class="work-item[^"]*" data-rule="([a-z_]*)" data-client="(\d*)"')


def page_items(django_client, url: str) -> set[tuple[int, str]]:
    body = django_client.get(url).content.decode()
    return {(int(cid), rule) for rule, cid in ITEM.findall(body) if rule}


@override_settings(CAREBRIDGE_DEMO_PASSWORD="demo-pass-for-test")
def test_today_list_and_compliance_report_agree_on_demo_office_a(client):
    """The report of this month on demo office A and the 今日 pages of its care managers list the
    same client+rule pairs, each under the client's care manager; the office view (admin) too."""
    today = timezone.localdate()
    load_demo(today=today, quiet=True)
    office = Office.objects.order_by("office_number").first()
    admin = User.objects.get(username="admin_a")
    rows = compliance_report(actor=admin, month=today, today=today)
    report = {(row.client.pk, str(f.rule)): row.client.care_manager_id for row in rows for f in row.findings}
    assert report, "the demo office has findings this month"
    listed = {(i.client_id, i.rule): i.care_manager_id for i in work_list(actor=admin, today=today).items if i.rule}
    assert listed == report
    assert None not in report.values()  # every client at risk has a care manager
    for cm in User.objects.filter(office=office, pk__in=set(report.values())):
        client.force_login(cm)
        mine = {key for key, owner in report.items() if owner == cm.pk}
        assert page_items(client, "/today/?scope=mine") == mine, cm.username
    client.force_login(admin)
    assert page_items(client, "/today/") == set(report)  # the admin sees the office, by care manager
    body = client.get("/today/").content.decode()
    for name in {str(c.care_manager) for c in Client.objects.filter(pk__in={k[0] for k in report})}:
        assert f"<h3>{name} " in body


def test_every_item_opens_the_page_that_does_it(world):
    """One click: a monitoring item opens the monitoring form, a plan step the plan's form, a
    missing contract (運営基準第4条第2項) the contract page, an unanswered 照会 its answer page."""
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    started = ClientFactory(office=world.office_a, care_manager=world.cm_a)
    CertificationFactory(client=started)
    agree_and_start(world.cm_a, draft_plan(world.cm_a, started, providers), providers)
    waiting = ClientFactory(office=world.office_a, care_manager=world.cm_a)
    CertificationFactory(client=waiting)
    plan = draft_plan(world.cm_a, waiting, providers, drafted_on=D(2026, 5, 20))
    asked = ClientFactory(office=world.office_a, care_manager=world.cm_a)
    CertificationFactory(client=asked)
    asked_plan = draft_plan(world.cm_a, asked, providers, drafted_on=D(2026, 5, 18))
    meeting = ConferenceInput(
        held_on=D(2026, 5, 19),
        place="自宅",
        items_discussed="入浴",
        discussion="主治医の意見を照会",
        conclusion="回答を待つ",
        inquiries=(InquiryInput(recipient="主治医 田中", sent_on=D(2026, 5, 19), question="入浴の可否"),),
    )
    inquiry = careplans.conference_create(actor=world.cm_a, plan=asked_plan, data=meeting).inquiries.get()
    items = work_list(actor=world.cm_a, today=D(2026, 5, 22), care_manager_id=world.cm_a.pk).items
    urls = {(i.client_id, i.action): action_url(i) for i in items}
    assert urls[(started.pk, "monitoring")] == f"/care/clients/{started.pk}/monitoring/new/"
    assert urls[(waiting.pk, "meeting")] == f"/careplans/{plan.pk}/conferences/new/"
    assert urls[(waiting.pk, "consent")] == f"/careplans/{plan.pk}/consent/"
    # 運営基準第4条第2項: the plan is in effect and no contract is recorded: the contract page.
    assert urls[(started.pk, "contract")] == f"/care/clients/{started.pk}/contract/new/"
    # An unanswered 照会 opens its answer page.
    assert urls[(asked.pk, "inquiry")] == f"/careplans/inquiries/{inquiry.pk}/answer/"


def make_clients(world, providers, n: int) -> None:
    for i in range(n):
        c = ClientFactory(office=world.office_a, care_manager=world.cm_a, name=f"利用者 {i}")
        CertificationFactory(client=c, valid_to=timezone.localdate() + dt.timedelta(days=30))
        agree_and_start(world.cm_a, draft_plan(world.cm_a, c, providers), providers)
        casework.task_create(actor=world.cm_a, client=c, assignee=world.cm_a, title=f"電話 {i}")


def count(django_client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert django_client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_today_page_costs_the_same_queries_for_n_and_3n_clients(world, client):
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    make_clients(world, providers, 2)
    client.force_login(world.cm_a)
    small = {url: count(client, url) for url in ("/today/", "/today/?scope=office")}
    make_clients(world, providers, 4)
    assert {url: count(client, url) for url in small} == small


def test_the_report_prices_the_months_penalty_exposure_in_units(world):
    """Two 要介護2 clients miss July's visit (services from 2026-04-15): one was visited in June
    (50%: 1,086 − 543 = 543 units), the other was not (2nd month: the whole 1,086)."""
    from carebridge.casework.inputs import MonitoringInput

    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    people = []
    for name in ("一度 花子", "二度 太郎"):
        c = ClientFactory(office=world.office_a, care_manager=world.cm_a, name=name)
        CertificationFactory(client=c)
        contract_and_home_assessment(world.cm_a, c)
        agree_and_start(world.cm_a, draft_plan(world.cm_a, c, providers), providers)
        casework.monitoring_record(
            actor=world.cm_a, client=c, month=D(2026, 5, 1), data=MonitoringInput(visited_on=D(2026, 5, 12))
        )
        people.append(c)
    casework.monitoring_record(
        actor=world.cm_a, client=people[0], month=D(2026, 6, 1), data=MonitoringInput(visited_on=D(2026, 6, 10))
    )
    rows = compliance_report(actor=world.cm_a, month=D(2026, 7, 1), today=D(2026, 8, 5))
    assert {r.client.pk: r.exposure_units for r in rows} == {people[0].pk: 543, people[1].pk: 1086}
    assert exposure_total(rows) == 1629
    assert all(a.deadline == D(2026, 7, 31) for r in rows for a in r.by_deadline)


def test_work_list_holds_goals_ending_within_30_days_renewals_due_and_open_tasks(world):
    """Issue 9 item 20: beside the findings, 今日 lists goals ending within 30 days (GOAL_HORIZON_DAYS),
    a certification ending within 60 days without a renewal filed (介護保険法第28条: 更新申請は有効期間
    満了の60日前から) and open tasks, soonest deadline first, each opening its page. On 2026-06-10 the
    helper's short goals end 6/30 (20 days: listed), its long goals 9/30 (112 days: not); a
    certification ending 6/30 is in its renewal window since 5/1; the task is due 6/12."""
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    person = ClientFactory(office=world.office_a, care_manager=world.cm_a)
    CertificationFactory(client=person)
    contract_and_home_assessment(world.cm_a, person)
    plan = agree_and_start(world.cm_a, draft_plan(world.cm_a, person, providers), providers)
    ending = ClientFactory(office=world.office_a, care_manager=world.cm_a)
    CertificationFactory(client=ending, valid_from=D(2025, 7, 1), valid_to=D(2026, 6, 30), certified_on=D(2025, 6, 20))
    task = casework.task_create(
        actor=world.cm_a, client=person, assignee=world.cm_a, title="主治医に電話", due_on=D(2026, 6, 12)
    )
    items = work_list(actor=world.cm_a, today=D(2026, 6, 10), care_manager_id=world.cm_a.pk).items
    goals = [i for i in items if i.action == "goal"]
    assert [(i.client_id, i.deadline, i.plan_id) for i in goals] == [(person.pk, D(2026, 6, 30), plan.pk)]
    assert "短期目標2件" in goals[0].text and "R8.6.30" in goals[0].text and "長期" not in goals[0].text
    assert action_url(goals[0]) == f"/careplans/{plan.pk}/"
    renewals = [i for i in items if i.action == "renewal" and i.client_id == ending.pk]
    assert [i.deadline for i in renewals] == [D(2026, 6, 30)]
    assert action_url(renewals[0]) == f"/clients/{ending.pk}/applications/new/?kind=renewal"
    tasks = [i for i in items if i.action == "task"]
    assert [(i.object_id, i.deadline, i.text) for i in tasks] == [(task.pk, D(2026, 6, 12), "主治医に電話")]
    deadlines = [i.deadline for i in items]
    assert deadlines == sorted(deadlines)


def test_the_chief_sees_the_offices_list_by_care_manager_and_a_care_manager_their_own(world, client):
    """Issue 9 item 20: the admin and the chief see the office's list by care manager (a heading per
    care manager); a care manager sees the items of their own clients only."""
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    mine, chiefs = (
        ClientFactory(office=world.office_a, care_manager=cm, name=name)
        for cm, name in ((world.cm_a, "担当 一郎"), (world.chief_a, "主任 二郎"))
    )
    for person in (mine, chiefs):
        CertificationFactory(client=person)
        agree_and_start(world.cm_a, draft_plan(world.cm_a, person, providers), providers)
    for viewer in (world.chief_a, world.admin_a):
        client.force_login(viewer)
        body = client.get("/today/").content.decode()
        assert {cid for cid, _ in page_items(client, "/today/")} == {mine.pk, chiefs.pk}, viewer.username
        assert f"<h3>{world.cm_a} " in body and f"<h3>{world.chief_a} " in body
    client.force_login(world.cm_a)
    assert {cid for cid, _ in page_items(client, "/today/")} == {mine.pk}
    client.force_login(world.chief_a)
    assert {cid for cid, _ in page_items(client, "/today/?scope=mine")} == {chiefs.pk}
