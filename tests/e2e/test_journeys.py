"""A care manager's first journey, as a new user would take it, and every demo login."""

from __future__ import annotations

import re

import pytest

from .conftest import login

pytestmark = pytest.mark.e2e

DEMO_USERS = {
    "admin_a": "佐藤 美和子",
    "cm_a1": "鈴木 恵",
    "cm_a2": "高橋 健一",
    "clerk_a": "田中 由美",
    "wcm_a1": "伊藤 真理",
    "admin_b": "渡辺 直樹",
    "cm_b1": "山本 さおり",
    "hr_sakura": "中村 浩二",
    "emp_sakura1": "小林 亮",
    "mgr_sakura": "山本 健一",
}


def test_cm_a1_searches_by_kana_opens_a_client_and_adds_a_contact(server, page, shots):
    page.goto(f"{server}/accounts/login/")
    page.screenshot(path=shots / "01-login.png")
    login(page, server, "cm_a1")
    assert page.url.endswith("/today/")
    assert page.get_by_role("heading", name=re.compile("今日")).is_visible()
    page.screenshot(path=shots / "02-today.png", full_page=True)

    page.get_by_role("link", name="利用者", exact=True).click()
    page.fill("#q", "やまだ")  # hiragana finds the katakana フリガナ (HTMX live search)
    page.wait_for_function("() => !document.querySelector('#client-rows').innerText.includes('佐々木')")
    rows = page.locator("#client-rows tbody tr")
    assert rows.count() >= 1
    assert all("ヤマダ" in text for text in rows.all_inner_texts())
    page.screenshot(path=shots / "03-search-kana.png", full_page=True)

    name = rows.first.locator("a").inner_text()
    rows.first.locator("a").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name=re.compile(re.escape(name))).is_visible()
    assert page.get_by_text("被保険者番号").is_visible()
    page.screenshot(path=shots / "04-client-detail.png", full_page=True)

    page.get_by_role("button", name="＋ 連絡先を追加").click()
    form = page.locator("#contact-form-slot form")
    form.wait_for()
    form.get_by_label("氏名").fill("山田 花子")
    form.get_by_label("フリガナ").fill("やまだ はなこ")
    form.get_by_label("続柄").fill("長男の妻")
    form.get_by_label("電話番号").fill("090-1234-5678")
    form.get_by_role("button", name="連絡先を保存").click()
    page.get_by_text("連絡先「山田 花子」を追加しました。").wait_for()
    page.screenshot(path=shots / "05-contact-added.png", full_page=True)

    page.reload()
    contacts = page.locator("#contacts")
    assert "山田 花子" in contacts.inner_text()
    assert "ヤマダ\u3000ハナコ" in contacts.inner_text()
    assert "長男の妻" in contacts.inner_text()

    # The Japanese text renders in the embedded web font (IPAex Gothic served by the app).
    assert page.evaluate("document.fonts.check('16px IPAexGothic')")
    assert page.evaluate(
        "[...document.fonts].some(f => f.family.replace(/\"/g, '') === 'IPAexGothic' && f.status === 'loaded')"
    )
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "IPAexGothic" in family


def test_a_bad_contact_is_refused_with_a_japanese_message(server, page, shots):
    login(page, server, "cm_a1")
    page.goto(f"{server}/clients/")
    page.locator("#client-rows tbody tr a").first.click()
    page.get_by_role("button", name="＋ 連絡先を追加").click()
    form = page.locator("#contact-form-slot form")
    form.get_by_label("氏名").fill("テスト")
    form.get_by_label("電話番号").fill("abc")
    form.get_by_role("button", name="連絡先を保存").click()
    page.get_by_text("続柄: このフィールドは必須です。").wait_for()
    assert page.get_by_text("電話番号: 電話番号は数字とハイフンで入力してください").is_visible()
    page.screenshot(path=shots / "06-contact-error.png", full_page=True)


@pytest.mark.parametrize("username", list(DEMO_USERS))
def test_every_demo_user_can_log_in(server, page, username):
    login(page, server, username)
    assert "/accounts/login/" not in page.url
    assert DEMO_USERS[username] in page.locator("header").inner_text()


def test_cm_b1_cannot_open_an_office_a_client(server, page):
    login(page, server, "cm_a1")
    page.goto(f"{server}/clients/")
    href = page.locator("#client-rows tbody tr a").first.get_attribute("href")
    page.context.clear_cookies()
    login(page, server, "cm_b1")
    response = page.goto(f"{server}{href}")
    assert response.status == 404
