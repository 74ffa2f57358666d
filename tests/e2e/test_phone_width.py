"""The care manager's pages at phone width (issue 9 item 21): at 390×844 the header folds behind
メニュー, tables become cards and nothing scrolls sideways — on 今日, the client page, the notes
(第5表) page and the monitoring form, as the demo care manager on demo data."""

from __future__ import annotations

import pytest

from .conftest import login

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}

# The page's width and every element whose box is wider than the viewport or sticks out past it.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width > width + 0.5 || box.right > width + 0.5) {
      wide.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.width)}px`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: width, wide: wide.slice(0, 10)};
}"""


@pytest.fixture
def phone(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE, locale="ja-JP", is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def assert_fits(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.wait_for_load_state("networkidle")
    found = page.evaluate(OVERFLOW)
    assert found["scrollWidth"] <= found["clientWidth"], (url, found)
    assert found["wide"] == [], (url, found)


def test_care_manager_pages_have_no_sideways_scrolling_at_390_px(server, phone, shots):
    login(phone, server, "cm_a1")
    assert phone.locator("label.menu-button").is_visible()  # the header folded
    assert not phone.locator("nav.mainnav").is_visible()
    phone.click("label.menu-button")
    assert phone.locator("nav.mainnav").is_visible()
    client_hrefs = phone.locator("table.grid a[href^='/clients/']").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    client_id = client_hrefs[0].strip("/").split("/")[-1]
    pages = {
        "today": "/today/",
        "client": f"/clients/{client_id}/",
        "notes": f"/care/clients/{client_id}/notes/",
        "monitoring": f"/care/clients/{client_id}/monitoring/new/",
    }
    for name, path in pages.items():
        assert_fits(phone, server + path)
        phone.screenshot(path=str(shots / f"phone-{name}.png"), full_page=True)
    # The rest of the care manager's round: the client list, a plan (of the first client on the
    # list who has a 居宅サービス計画 — a 要支援 client has a 介護予防 plan instead), the report.
    plan_href = None
    for href in client_hrefs:
        phone.goto(server + href)
        plans = phone.locator("a[href^='/careplans/']")
        if plans.count():
            plan_href = plans.first.get_attribute("href")
            break
    assert plan_href, client_hrefs
    for path in ("/clients/", plan_href, "/care/compliance/"):
        assert_fits(phone, server + path)
    # A table became cards: its header is out of sight and each cell names its column.
    phone.goto(server + "/today/")
    phone.wait_for_load_state("networkidle")
    cell = phone.locator("table.grid tbody td").first
    assert cell.get_attribute("data-label")
    assert phone.evaluate("() => getComputedStyle(document.querySelector('table.grid thead')).display") == "none"
    assert phone.evaluate("() => getComputedStyle(document.querySelector('table.grid tbody tr')).display") == "block"
