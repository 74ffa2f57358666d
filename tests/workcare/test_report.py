"""The company report (issue 8 item 12): aggregates only, small cells hidden, page and PDF."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carebridge.workcare.selectors.report import company_report, fiscal_year_start

from .factories import EmployeeFactory
from .factories_report import activity, early_information, roster
from .test_suppression import check_line, lines_of

pytestmark = pytest.mark.django_db


def url(world, name="workcare:company_report"):
    return reverse(name, args=[world.company.pk])


def test_figures_of_five_or_more_are_shown_and_fewer_hidden(world):
    today = timezone.localdate()
    staff = roster(world.company, 30)
    activity(staff[:12], today, channel="meeting", urgency="high")
    activity(staff[12:15], today, channel="phone", urgency="low")  # 3 people: hidden
    report = company_report(company=world.company, as_of=today)
    last = report.consultations.cells[-1]  # 面談 12, オンライン 0, 電話 3, メール 0
    assert last[2].label == "<5"
    # the month's total 15 would give the 3 away with the 12 shown: the 12 is hidden as well
    assert last[0].label == "＊"
    for parts, total in lines_of(report.consultations):
        check_line(parts, total)
    assert [c.label for c in report.urgency.cells] == ["＊", "0", "<5", "0"]  # 高, 中, 低, 未判定
    assert report.urgency.total.label == "15"
    systems = {s.kind: s.people.label for s in report.systems}
    assert systems["care_days_off"] == "15"
    assert systems["care_leave"] == "0"
    assert report.notices.cells[0].label == "15"  # given on the day reported: on time
    assert report.notices_on_time_rate == "100%"
    assert report.plans.cells[0].label == "15"
    assert report.follow_up_meetings.label == "15"
    assert report.employees.label == "30"


def test_urgency_with_one_small_level_hides_a_second_one(world):
    today = timezone.localdate()
    staff = roster(world.company, 20)
    activity(staff[:10], today, urgency="high")
    activity(staff[10:12], today, urgency="medium")
    activity(staff[12:20], today, urgency="low")
    d = company_report(company=world.company, as_of=today).urgency
    assert [c.label for c in d.cells] == ["10", "<5", "＊", "0"]
    assert d.total.label == "20"


def test_forty_year_coverage_counts_the_employees_turning_40_this_fiscal_year(world):
    today = timezone.localdate()
    fy = fiscal_year_start(world.company, today)
    turning_40 = fy.replace(year=fy.year - 40) + dt.timedelta(days=10)  # 40 on the 11th day of the year
    window = roster(world.company, 8, birth_date=turning_40)
    roster(world.company, 5, start=100, birth_date=turning_40.replace(year=turning_40.year - 1))  # last year's
    early_information(window[:6], fy.year, today)
    report = company_report(company=world.company, as_of=today)
    # 6 given, 2 not: the 2 is hidden, and with it the 6 (else 8 - 6 = 2)
    assert [c.label for c in report.early_window.cells] == ["＊", "<5"]
    assert report.early_window.total.label == "8"
    assert report.early_rate == "—"


def test_late_and_pending_notices(world):
    from carebridge.workcare.models import IndividualNotice

    today = timezone.localdate()
    staff = roster(world.company, 20)
    day = today - dt.timedelta(days=40)
    for i, e in enumerate(staff):
        given = day + dt.timedelta(days=5 if i < 10 else 20) if i < 15 else None
        IndividualNotice.objects.create(
            office=world.office_a, employee=e, reported_on=day, due_on=day + dt.timedelta(days=14), given_on=given
        )
    d = company_report(company=world.company, as_of=today).notices
    assert [c.label for c in d.cells] == ["10", "5", "5", "0"]
    assert d.total.label == "20"


def test_the_page_shows_the_tables_and_the_charts(world, client):
    today = timezone.localdate()
    activity(roster(world.company, 6), today)
    for user in (world.hr, world.wcm_a):
        client.force_login(user)
        response = client.get(url(world))
        assert response.status_code == 200
        body = response.content.decode()
        assert "両立支援レポート" in body and "<svg" in body and "相談方法別の件数" in body
        assert "http://" not in body.replace('xmlns="http://www.w3.org/2000/svg"', "")


@pytest.mark.parametrize("who", ["employee", "manager", "hr_b", "admin_a", "cm_a"])
def test_employees_managers_other_companies_and_care_staff_get_nothing(world, client, who):
    EmployeeFactory(company=world.company, user=world.employee)
    client.force_login(getattr(world, who))
    assert client.get(url(world)).status_code == 404
    assert client.get(url(world, "workcare:company_report_pdf")).status_code == 404


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_the_pdf_embeds_the_font_and_shows_the_suppressed_figures(world, client, tmp_path: Path):
    today = timezone.localdate()
    staff = roster(world.company, 20)
    activity(staff[:17], today)
    activity(staff[17:], today, channel="email")
    client.force_login(world.hr)
    response = client.get(url(world, "workcare:company_report_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = re.sub(r"\s+", "", run("pdftotext", "-layout", str(path), "-"))
    assert "仕事と介護の両立支援レポート" in text and "さくら製作所" in text
    assert "<5" in text and "相談件数（月別・相談方法別）" in text and "制度別の利用人数" in text
    fonts = {line.split()[0].split("+")[-1]: line.split()[-5] for line in run("pdffonts", str(path)).splitlines()[2:]}
    assert fonts["IPAexGothic"] == "yes"  # embedded (the text is all drawn in it)


def test_the_api_gives_the_same_suppressed_figures(world, client):
    from carebridge.core.services import api_token_create

    today = timezone.localdate()
    staff = roster(world.company, 20)
    activity(staff[:10], today, urgency="high")
    activity(staff[10:12], today, urgency="medium")
    activity(staff[12:20], today, urgency="low")
    token = api_token_create(actor=None, user=world.hr)
    response = client.get(f"/api/v1/workcare/companies/{world.company.pk}/report", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    data = response.json()
    assert [i["value"] for i in data["urgency"]["items"]] == [10, "<5", "＊", 0]
    assert data["urgency"]["total"] == 20
    assert data["employees"] == 20
    assert len(data["consultations"]["months"]) == 12
    assert data["consultations"]["months"][-1]["month"] == f"{today:%Y-%m}"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.integers(0, 11), st.sampled_from(["meeting", "online", "phone", "email"]),
                  st.sampled_from(["high", "medium", "low", ""]), st.integers(1, 7)),
        max_size=12,
    )
)  # fmt: skip
def test_on_random_consultations_no_figure_is_small_or_derivable(world, staff_of_world, batches):
    """Acceptance: random consultations (month, channel, urgency, how many) through the whole
    report — no shown figure is 1..4, and no equation of the report leaves a hidden one pinned."""
    from carebridge.workcare.models import Consultation

    Consultation.objects.filter(employee__company=world.company).delete()
    today = timezone.localdate()
    rows = []
    for month_back, channel, urgency, count in batches:
        day = (today.replace(day=1) - dt.timedelta(days=28 * month_back)).replace(day=1)
        rows += [
            Consultation(
                office=world.office_a, employee=staff_of_world[i % len(staff_of_world)], channel=channel,
                requested_on=day, content="相談", urgency=urgency,
            )
            for i in range(count)
        ]  # fmt: skip
    Consultation.objects.bulk_create(rows)
    report = company_report(company=world.company, as_of=today)
    for parts, total in [*lines_of(report.consultations), (list(report.urgency.cells), report.urgency.total)]:
        check_line(parts, total)
    assert report.consultations.total.value in (None, len(rows))


@pytest.fixture
def staff_of_world(world):
    return roster(world.company, 8)
