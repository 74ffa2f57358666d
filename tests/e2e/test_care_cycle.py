"""The care-management cycle, tried as a new user would: intake → assessment → plan (2 needs,
goals, 3 services from the directory) → meeting → consent → delivery → next month's monitoring →
two progress notes → the plan set PDF, checked with pdftoppm and pdftotext."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from zoneinfo import ZoneInfo

import pytest

from .conftest import login

pytestmark = pytest.mark.e2e


def _next_month(today: dt.date) -> dt.date:
    return (today.replace(day=28) + dt.timedelta(days=4)).replace(day=10)


def _save(page, label: str = "保存する") -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name=label).click()
    page.wait_for_load_state("networkidle")


def test_cm_a1_runs_the_whole_cycle_and_downloads_the_plan_set(server, page, shots, tmp_path):
    today = dt.datetime.now(ZoneInfo("Asia/Tokyo")).date()  # the server's TIME_ZONE
    login(page, server, "cm_a1")

    # 相談受付
    page.get_by_role("link", name="相談受付").click()
    page.get_by_role("link", name="＋ 新しい相談").click()
    page.select_option("#id_route", "phone")
    page.fill("#id_requester_name", "新井 花子")
    page.fill("#id_requester_relation", "長女")
    page.fill("#id_subject_name", "新井 トメ")
    page.fill("#id_main_complaint", "退院後、一人での入浴と歩行が心配")
    _save(page)
    assert "利用者登録と居宅介護支援契約" in page.content()
    page.fill("#id_client-kana", "あらい とめ")
    page.fill("#id_client-birth_date", "1938-03-03")
    page.select_option("#id_client-sex", "female")
    page.fill("#id_client-insurer_number", "131128")
    page.fill("#id_client-insured_number", "0000770001")
    page.check("#id_contract-multiple_providers_explained")
    page.screenshot(path=shots / "10-intake-convert.png", full_page=True)
    _save(page, "利用者と契約を登録")
    assert page.get_by_role("heading", name=re.compile("新井 トメ")).is_visible()
    client_url = page.url

    # 要介護認定 (so goal periods can be checked against it)
    page.get_by_role("link", name="＋ 認定を登録").click()
    page.select_option("#id_status", "certified")
    page.select_option("#id_care_level", "care_2")
    page.fill("#id_certified_on", (today - dt.timedelta(days=5)).isoformat())
    page.fill("#id_valid_from", today.replace(day=1).isoformat())
    page.fill("#id_valid_to", (today.replace(day=1) + dt.timedelta(days=370)).replace(day=1).isoformat())
    _save(page)

    # アセスメント
    page.get_by_role("link", name="＋ アセスメント").click()
    page.locator("details").filter(has_text="7. 主訴・意向").locator("summary").click()
    page.fill("#id_item_07_client", "自宅で暮らし続けたい")
    page.fill("#id_item_07_text", "本人は自宅での生活継続を希望。長女は入浴中の転倒を心配している。")
    page.locator("details").filter(has_text="11. ADL").locator("summary").click()
    page.select_option("#id_item_11_walking", "見守り")
    page.select_option("#id_item_11_bathing", "一部介助")
    page.fill("#id_item_11_text", "屋内は伝い歩き。浴槽のまたぎに介助が必要。")
    page.screenshot(path=shots / "11-assessment.png", full_page=True)
    _save(page, "アセスメントを保存")
    assert "アセスメント 第1版" in page.content()
    page.goto(client_url)

    # 居宅サービス計画（第1表）
    page.get_by_role("link", name="＋ 計画を作成").click()
    page.fill("#id_intentions", "自宅で安全に入浴し、転ばずに暮らしたい。")
    page.fill("#id_policy", "入浴と歩行を支え、転倒を防ぐ。長女の介護負担を減らす。")
    _save(page)
    assert "第1版" in page.content()

    needs = [
        (
            "一人で安全に入浴したい",
            "週2回入浴できる",
            "介助で安全に入浴する",
            [("入浴介助・機能訓練", "通所介護", "デイサービスセンターこもれび", "週2回")],
        ),
        (
            "転ばずに家の中を歩きたい",
            "屋内を一人で歩ける",
            "手すりを使って歩く",
            [
                ("歩行訓練・健康管理", "訪問看護", "訪問看護ステーションあおば", "週1回"),
                ("手すり・歩行器の貸与", "福祉用具貸与", "福祉用具レンタルすまいる", "毎日"),
            ],
        ),
    ]
    for need, long_goal, short_goal, services in needs:
        page.get_by_role("link", name="＋ ニーズを追加").click()
        page.fill("#id_text", need)
        _save(page)
        article = page.locator("article.need").filter(has_text=need)
        article.get_by_role("link", name="＋ 長期目標").click()
        page.fill("#id_text", long_goal)
        _save(page)
        article = page.locator("article.need").filter(has_text=need)
        article.get_by_role("link", name="＋ 短期目標").click()
        page.fill("#id_text", short_goal)
        _save(page)
        for content, kind, provider, frequency in services:
            page.locator(".goal.short").filter(has_text=short_goal).get_by_role("link", name="＋ 援助内容").click()
            page.fill("#id_content", content)
            page.fill("#id_service_kind", kind)
            page.select_option("#id_provider", label=provider)
            page.fill("#id_frequency", frequency)
            _save(page)
    page.screenshot(path=shots / "12-plan-draft.png", full_page=True)
    assert page.locator("table.grid tbody tr").filter(has_text="○").count() == 3

    # 第4表 サービス担当者会議
    page.get_by_role("link", name="会議の要点を記録").click()
    page.fill("#id_items_discussed", "原案の内容、入浴時の安全確保")
    page.fill("#id_discussion", "通所介護での入浴介助と訪問看護による歩行訓練を確認した。")
    page.fill("#id_conclusion", "原案のとおり実施する。")
    page.fill("#id_remaining_issues", "3か月後に歩行状態を評価する。")
    page.fill("#id_att5_name", "新井 花子")
    page.select_option("#id_att5_kind", "family")
    page.fill("#id_att5_relation", "長女")
    _save(page, "会議の要点を保存")
    assert "担当者会議で提示済" in page.content()

    # 同意・交付・開始
    page.get_by_role("link", name="同意を記録").click()
    _save(page)
    assert "同意済" in page.content()
    for recipient in (
        "利用者本人",
        "デイサービスセンターこもれび",
        "訪問看護ステーションあおば",
        "福祉用具レンタルすまいる",
    ):
        page.get_by_role("link", name="交付を記録").click()
        page.select_option("#id_recipient", label=recipient)
        page.select_option("#id_method", "hand" if recipient == "利用者本人" else "fax")
        _save(page)
    assert "交付済" in page.content()
    page.get_by_role("link", name="開始を記録").click()
    _save(page)
    assert "実施中" in page.content()
    page.screenshot(path=shots / "13-plan-active.png", full_page=True)
    plan_url = page.url

    # 翌月のモニタリング
    visit = _next_month(today)
    page.goto(f"{client_url}".replace("/clients/", "/care/clients/") + f"monitoring/new/?month={visit:%Y-%m}")
    page.fill("#id_visited_on", visit.isoformat())
    page.fill("#id_service_status", "通所介護・訪問看護とも予定どおり利用。")
    page.fill("#id_client_view", "お風呂が楽しみになった。")
    for select in page.locator("table.form-grid select").all():
        select.select_option("partly")
    page.screenshot(path=shots / "14-monitoring.png", full_page=True)
    _save(page, "モニタリングを保存")
    assert f"{visit.year}年{visit.month}月のモニタリングを記録しました" in page.content()

    # 支援経過 ×2 (one from the client page, one from the notes page with HTMX)
    page.select_option("#id_category", "phone")
    page.fill("#id_content", "長女より電話。入浴後の様子は良好とのこと。")
    _save(page, "経過を記録")
    page.select_option("#id_category", "coordination")
    page.fill("#id_content", "訪問看護ステーションあおばと歩行訓練の進め方を調整。")
    page.get_by_role("button", name="経過を記録").click()  # HTMX: the list refreshes in place
    page.wait_for_function("() => document.querySelectorAll('#notes tbody tr').length === 2")
    assert "訪問看護ステーションあおばと歩行訓練" in page.locator("#notes").inner_text()
    page.screenshot(path=shots / "15-progress-notes.png", full_page=True)

    # 計画書PDF（第1〜3表）
    page.goto(plan_url)
    with page.expect_download() as info:
        page.get_by_role("link", name="計画書PDF（第1〜3表）").click()
    pdf_path = tmp_path / "plan-set.pdf"
    info.value.save_as(pdf_path)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf_path), str(shots / "16-plan-set")], check=True)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    assert "居宅サービス計画書" in flat
    assert "新井トメ" in flat
    for need, *_ in needs:
        assert need in flat
    assert "週間サービス計画表" in flat
    assert len(list(shots.glob("16-plan-set-*.png"))) >= 3
