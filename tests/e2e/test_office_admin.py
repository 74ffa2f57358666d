"""The office's 管理者 at work: admin_a creates a care manager, issues an API token for them, the
care manager logs in; admin_a deactivates them, and their open page, their password and their
token all stop working. The server is shared with the other journeys: the username is unique."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import urllib.error
import urllib.request
from zoneinfo import ZoneInfo

import pytest

from .conftest import login

pytestmark = pytest.mark.e2e

PASSWORD = "kaigo-shien-journey-2026"


def api_status(base: str, token: str) -> int:
    request = urllib.request.Request(f"{base}/api/v1/clients", headers={"Authorization": f"Bearer {token}"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_admin_a_creates_a_care_manager_and_deactivation_ends_their_session_and_token(server, browser, page, shots):
    suffix = secrets.token_hex(3)
    username = f"cm_new_{suffix}"
    name = f"新井 さくら{suffix}"
    today = dt.datetime.now(ZoneInfo("Asia/Tokyo")).date()  # the server's TIME_ZONE

    # admin_a opens 事業所の管理 from the navigation.
    login(page, server, "admin_a")
    page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="事業所の管理").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="事業所の管理", exact=True).is_visible()
    assert "ケアプランセンターさくら世田谷" in page.locator("#office").inner_text()
    page.screenshot(path=shots / "30-office-admin.png", full_page=True)

    # A new care manager: username, 氏名, role, password twice.
    page.get_by_role("link", name="＋ 職員を追加").click()
    page.get_by_label("ユーザー名（ログインID）").fill(username)
    page.get_by_label("氏名").fill(name)
    page.get_by_label("役割").select_option(label="介護支援専門員")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.screenshot(path=shots / "31-staff-create.png", full_page=True)
    page.get_by_role("button", name="保存する").click()
    page.get_by_text(f"職員「{name}」のアカウントを作成しました（ユーザー名: {username}）。").wait_for()
    row = page.locator("#staff tbody tr", has_text=username)
    assert "介護支援専門員" in row.inner_text() and "有効" in row.inner_text()

    # An API token for them, shown once.
    page.get_by_role("link", name="＋ トークンを発行").click()
    page.get_by_label("職員（トークンで操作する人）").select_option(label=f"{name}（{username}）")
    page.get_by_label(re.compile("有効期限")).fill((today + dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="保存する").click()
    page.get_by_role("heading", name="APIトークンを発行しました").wait_for()
    token = page.locator("#api-token").inner_text().strip()
    assert token.startswith("cb_")
    assert f"{name}（{username}）" in page.locator("main").inner_text()
    assert "佐藤 美和子（管理者）" in page.locator("header").inner_text()
    page.screenshot(path=shots / "32-token-issued.png", full_page=True)
    assert api_status(server, token) == 200
    page.get_by_role("link", name="事業所の管理へ戻る").click()
    page.wait_for_load_state("networkidle")
    assert token not in page.content()  # never shown again
    assert token[3:11] in page.locator("#tokens").inner_text()

    # In a second browser, the new care manager logs in and sees 今日.
    context = browser.new_context(viewport={"width": 1180, "height": 820}, locale="ja-JP")
    try:
        cm = context.new_page()
        login(cm, server, username, PASSWORD)
        assert cm.url.endswith("/today/")
        assert cm.get_by_role("heading", name=re.compile("今日")).is_visible()
        assert name in cm.locator("header").inner_text()
        cm.screenshot(path=shots / "33-new-cm-today.png", full_page=True)

        # admin_a deactivates them.
        page.locator("#staff tbody tr", has_text=username).get_by_role("button", name="無効にする").click()
        page.get_by_text(f"職員「{name}」のアカウントを無効にしました。").wait_for()
        row = page.locator("#staff tbody tr", has_text=username)
        assert "無効" in row.inner_text()
        assert "失効" in page.locator("#tokens tbody tr", has_text=token[3:11]).inner_text()
        page.screenshot(path=shots / "34-staff-deactivated.png", full_page=True)

        # Their open page lands on the login page at the next request …
        cm.reload()
        cm.wait_for_load_state("networkidle")
        assert "/accounts/login/" in cm.url
        assert cm.get_by_role("heading", name="CareBridge にログイン").is_visible()
        # … logging in again fails …
        login(cm, server, username, PASSWORD)
        assert "/accounts/login/" in cm.url
        assert cm.get_by_text("ユーザー名またはパスワードが正しくありません。").is_visible()
        cm.screenshot(path=shots / "35-deactivated-login-refused.png", full_page=True)
    finally:
        context.close()
    # … and the token is refused.
    assert api_status(server, token) == 401
