"""Work–care support, tried by its three users (issue 8): `emp_sakura1` (小林 亮 of さくら製作所)
requests a consultation; `wcm_a1` holds the initial three-party meeting and makes a 両立プラン with
介護休業 30 days, 介護休暇 by the hour and reduced hours, and downloads its PDF; the employee agrees
and shares the plan's work measures with HR; `hr_sakura` sees the consented summary, the shared
plan, the notice register and the checklist — and nothing once the employee withdraws consent."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from zoneinfo import ZoneInfo

import pytest

from .conftest import login

pytestmark = pytest.mark.e2e

EMPLOYEE = "小林 亮"
CONTENT = "遠方の母の介護が始まり、通院の付き添いで休みが増えそうです。"
GOALS = "母の要介護認定と介護サービスの開始まで、休業と短時間勤務で仕事を続ける。"


def _click(page, role: str, name: str | re.Pattern[str], **kwargs) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role(role, name=name, **kwargs).click()
    page.wait_for_load_state("networkidle")


def _flash(page, text: str) -> None:  # type: ignore[no-untyped-def]
    assert text in page.locator("main").inner_text(), page.locator("main").inner_text()[:2000]


def _choose_mother(select) -> None:  # type: ignore[no-untyped-def]
    """The demo's care recipient of 小林 亮 is his mother (母)."""
    select.select_option(value=select.locator("option", has_text="母").first.get_attribute("value"))


def _portal(page) -> None:  # type: ignore[no-untyped-def]
    """The work–care portal of an employee or HR: 両立支援 in the main navigation."""
    page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="両立支援").click()
    page.wait_for_load_state("networkidle")


def _hr_row(page):  # type: ignore[no-untyped-def]
    """The HR column of the sharing table, per item label."""
    return lambda label: page.locator("#sharing tbody tr").filter(has_text=label).locator("td").nth(0)


def _new_user(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1180, "height": 820}, locale="ja-JP")
    return context, context.new_page()


def test_workcare_journey_from_request_to_withdrawn_consent(server, browser, shots, tmp_path):
    today = dt.datetime.now(ZoneInfo("Asia/Tokyo")).date()  # the server's TIME_ZONE
    leave_from = today + dt.timedelta(days=30)
    leave_to = leave_from + dt.timedelta(days=29)  # 30 calendar days
    days_off_on = today + dt.timedelta(days=10)
    reduced_from = leave_to + dt.timedelta(days=1)
    reduced_to = reduced_from + dt.timedelta(days=89)

    emp_context, emp = _new_user(browser)
    wcm_context, wcm = _new_user(browser)
    hr_context, hr = _new_user(browser)
    try:
        # 1. The employee requests a consultation from the portal.
        login(emp, server, "emp_sakura1")
        assert emp.get_by_role("heading", name="仕事と介護の両立支援").is_visible()
        _click(emp, "link", "相談を申し込む")
        emp.get_by_label("相談方法").select_option(label="オンライン")
        _choose_mother(emp.get_by_label("対象家族"))
        emp.get_by_label("相談内容").fill(CONTENT)
        emp.get_by_label("心配ごと").fill("休みを取ると職場に迷惑がかかるのではと不安です。")
        _click(emp, "button", "申し込む")
        _flash(emp, "相談を申し込みました。")
        _portal(emp)  # the request is counted on the portal home and listed behind its link
        _click(emp, "link", "わたしの相談")
        assert emp.get_by_role("heading", name="わたしの相談").is_visible()
        row = emp.locator("table.grid tbody tr").filter(has_text=CONTENT[:20])
        assert row.count() == 1
        assert "オンライン" in row.inner_text()
        assert "申込み" in row.inner_text()
        emp.screenshot(path=shots / "40-workcare-employee-request.png", full_page=True)

        # 2. The workplace care manager: company → roster → 小林 亮 → the consultation.
        login(wcm, server, "wcm_a1")
        assert wcm.get_by_role("heading", name=re.compile("担当企業")).is_visible()
        company_row = wcm.locator("table.grid tbody tr").filter(has_text="さくら製作所")
        company_row.get_by_role("link", name="従業員名簿").click()
        wcm.wait_for_load_state("networkidle")
        assert wcm.get_by_role("heading", name=re.compile("従業員名簿")).is_visible()
        wcm.get_by_label("検索（社員番号・氏名・所属）").fill("S0001")
        wcm.locator("#employee-rows").get_by_text("1名", exact=True).wait_for()  # HTMX swapped the rows
        _click(wcm, "link", EMPLOYEE)
        assert wcm.get_by_role("heading", name=EMPLOYEE).is_visible()
        _click(wcm, "link", "相談", exact=True)
        request_row = wcm.locator("table.grid tbody tr").filter(has_text=CONTENT[:20])
        assert "本人申込み" in request_row.inner_text()
        request_row.get_by_role("link").first.click()
        wcm.wait_for_load_state("networkidle")
        assert CONTENT in wcm.locator("main").inner_text()
        _click(wcm, "button", "対応を始める")
        _flash(wcm, "相談を対応中にしました。")
        _click(wcm, "link", f"← {EMPLOYEE} さんの相談")
        assert wcm.get_by_role("heading", name=f"{EMPLOYEE} さんの相談").is_visible()
        _click(wcm, "link", f"← {EMPLOYEE}")

        # The initial three-party meeting (初回面談): the sheet, attendees, agreements.
        _click(wcm, "link", "両立プラン", exact=True)
        _click(wcm, "link", "三者面談")
        _click(wcm, "link", "＋ 面談を記録")
        wcm.get_by_label("面談の種類").select_option(label="初回面談")
        wcm.get_by_label("実施日").fill(today.isoformat())
        wcm.get_by_label("介護が必要な方").fill("母（82歳、別居）")
        wcm.get_by_label("続柄").fill("母")
        wcm.get_by_label("利用したい制度・働き方").fill("介護休業30日、介護休暇（時間単位）、短時間勤務")
        wcm.get_by_label("合意事項").fill(
            "介護休業を30日取得し、その後は短時間勤務とする。通院日は時間単位の介護休暇。"
        )
        attendees = [
            ("本人", EMPLOYEE),
            ("上司", "山本 健一"),
            ("人事担当者", "中村 浩二"),
            ("産業ケアマネ", "伊藤 真理"),
        ]
        for n, (role, name) in enumerate(attendees, start=1):
            wcm.get_by_label(f"出席者{n} 立場").select_option(label=role)
            wcm.get_by_label(f"出席者{n} 氏名").fill(name)
        _click(wcm, "button", "保存する")
        _flash(wcm, "初回面談を記録しました。")
        assert wcm.get_by_role("heading", name=re.compile("初回面談")).is_visible()
        main = wcm.locator("main").inner_text()
        assert "山本 健一" in main and "介護休業を30日取得し" in main
        wcm.screenshot(path=shots / "41-workcare-initial-meeting.png", full_page=True)

        _click(wcm, "link", f"← {EMPLOYEE} さんの三者面談")
        _click(wcm, "link", "両立プラン", exact=True)

        # 両立プラン (draft) with goals and three company measures.
        _click(wcm, "link", "＋ 新しいプラン")
        _choose_mother(wcm.get_by_label("対象家族"))
        wcm.get_by_label("目標").fill(GOALS)
        wcm.get_by_label("働き方の希望").fill("残業を避け、母の通院日は時間単位で休みたい。")
        _click(wcm, "button", "保存する")
        _flash(wcm, "を作成しました。続けて項目を追加してください。")
        plan_heading = wcm.get_by_role("heading", name=re.compile(r"両立プラン 第\d+版")).inner_text()
        version = re.search(r"第(\d+)版", plan_heading).group(1)  # type: ignore[union-attr]
        plan_url = wcm.url

        items = [
            ("介護休業", leave_from, leave_to, None, "母の介護体制を整えるため"),
            ("介護休暇", days_off_on, None, "3", "通院の付き添い（午前）"),
            ("所定労働時間の短縮等の措置", reduced_from, reduced_to, None, "短時間勤務（1日6時間）"),
        ]
        for kind, starts, ends, hours, detail in items:
            _click(wcm, "link", "＋ 項目を追加")
            wcm.select_option("#id_kind", label=kind)
            wcm.fill("#id_starts_on", starts.isoformat())
            if ends is not None:
                wcm.fill("#id_ends_on", ends.isoformat())
            if hours is not None:
                wcm.fill("#id_hours", hours)
            wcm.fill("#id_detail", detail)
            _click(wcm, "button", "保存する")
            assert wcm.url.split("#")[0] == plan_url, wcm.locator("main").inner_text()[:2000]
        timeline = wcm.locator("#timeline")
        for kind, *_ in items:
            row = timeline.locator("tbody tr").filter(has=wcm.get_by_role("cell", name=kind, exact=True))
            assert row.count() == 1, kind
            assert "利用できます" in row.inner_text(), row.inner_text()
        assert "3時間" in timeline.inner_text()
        wcm.screenshot(path=shots / "42-workcare-plan-draft.png", full_page=True)

        # The plan's PDF.
        with wcm.expect_download() as info:
            wcm.get_by_role("link", name="PDF", exact=True).click()
        pdf_path = tmp_path / "workcare-plan.pdf"
        info.value.save_as(pdf_path)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf_path), str(shots / "43-workcare-plan-pdf")],
            check=True,
        )
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf_path), "-"], check=True, capture_output=True, text=True
        ).stdout
        flat = re.sub(r"\s+", "", text)
        assert "両立プラン" in flat
        assert "小林亮" in flat
        assert "介護休業" in flat
        assert list(shots.glob("43-workcare-plan-pdf*.png"))

        # 3. The employee agrees to the plan, then shares its work measures (and the fact) with HR.
        _portal(emp)
        _click(emp, "link", "わたしの両立プラン")
        _click(emp, "link", f"第{version}版")
        assert GOALS in emp.locator("main").inner_text()
        _click(emp, "button", "この内容に同意する")
        _flash(emp, "両立プランに同意しました。")
        assert "同意日" in emp.locator("main").inner_text()
        _portal(emp)
        _click(emp, "link", "人事・上司への共有の設定")
        assert emp.get_by_role("heading", name="人事担当者・上司への共有").is_visible()
        withdraw_all = emp.get_by_role("button", name="すべての共有をやめる")
        if withdraw_all.is_enabled():  # the demo already shares some items: start from nothing
            withdraw_all.click()
            emp.get_by_role("button", name="すべての共有をやめる").and_(emp.locator("[disabled]")).wait_for()
        hr_cell = _hr_row(emp)
        for label in ("両立プランの働き方（会社の制度）", "介護をしていること"):
            hr_cell(label).get_by_role("button", name="共有する").click()  # HTMX swaps the table
            hr_cell(label).get_by_text("共有中").wait_for()
        assert "休業・休暇の取得状況" in emp.locator("#sharing").inner_text()
        assert hr_cell("休業・休暇の取得状況").get_by_role("button", name="共有する").is_visible()
        emp.screenshot(path=shots / "44-workcare-employee-sharing.png", full_page=True)

        # 4. HR: the consented summary, the shared plan, the notice register, the checklist.
        login(hr, server, "hr_sakura")
        assert hr.get_by_role("heading", name=re.compile("仕事と介護の両立支援")).is_visible()
        _click(hr, "link", "介護をしていることを共有している従業員")
        shared_row = hr.locator("table.grid tbody tr").filter(has_text=EMPLOYEE)
        assert shared_row.count() == 1
        assert "両立プランの働き方" in shared_row.inner_text()
        assert shared_row.get_by_role("link", name="休業・休暇").count() == 0  # not shared
        hr.screenshot(path=shots / "45-workcare-hr-shared-list.png", full_page=True)
        shared_row.get_by_role("link", name="両立プラン").click()
        hr.wait_for_load_state("networkidle")
        shared_url = hr.url
        main = hr.locator("main").inner_text()
        assert f"第{version}版" in main
        for kind, *_ in items:
            assert kind in main
        assert "3時間" in main
        assert GOALS not in main and "母の介護体制" not in main and "通院の付き添い" not in main
        hr.screenshot(path=shots / "46-workcare-hr-shared-plan.png", full_page=True)
        _portal(hr)
        _click(hr, "link", "個別周知・意向確認の記録")
        assert hr.get_by_role("heading", name="個別周知・意向確認の台帳").is_visible()
        hr.screenshot(path=shots / "47-workcare-hr-notices.png", full_page=True)
        _click(hr, "link", "義務のチェックリスト")
        assert hr.get_by_role("heading", name="2025年4月施行の義務のチェックリスト").is_visible()
        hr.screenshot(path=shots / "48-workcare-hr-checklist.png", full_page=True)
        _portal(hr)
        _click(hr, "link", "40歳時の情報提供の記録")
        assert hr.get_by_role("heading", name=re.compile("40歳時等の情報提供")).is_visible()

        # 5. The employee withdraws everything.
        emp.get_by_role("button", name="すべての共有をやめる").click()
        emp.get_by_text("すべての共有をやめました").wait_for()
        assert emp.locator("#sharing").get_by_text("共有中").count() == 0

        # 6. HR: nothing any more.
        _portal(hr)
        _click(hr, "link", "介護をしていることを共有している従業員")
        assert hr.locator("table.grid tbody tr").filter(has_text=EMPLOYEE).count() == 0
        response = hr.goto(shared_url)
        assert response is not None and response.status == 404
        assert hr.get_by_role("heading", name="ページまたは記録が見つかりません").is_visible()
        hr.screenshot(path=shots / "49-workcare-hr-after-withdrawal.png", full_page=True)
    finally:
        for context in (emp_context, wcm_context, hr_context):
            context.close()
