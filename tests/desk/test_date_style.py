"""Dates in the UI in one style (issue 9 item 22): 和暦 on forms and documents, the short 和暦
(R8.12.2) in lists — never an ISO date (2026-12-02) in the visible text of a page that shows 和暦.
Every page the main demo users reach is rendered on the demo data; input values and attributes
(the browser's date fields speak ISO) are not visible text and are left out."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.test import Client as Browser

from carebridge.core import japanese
from carebridge.core.models import User

from .test_every_page import _links, _route, demo  # noqa: F401  (the module's demo fixture)

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
WAREKI = re.compile(r"(令和|平成|昭和|大正|明治)\d+年|\b[RHS]\d{1,2}\.\d{1,2}\.\d{1,2}\b")
HIDDEN = re.compile(r"<(script|style|textarea|template)\b.*?</\1>", re.S | re.I)
TAG = re.compile(r"<[^>]*>")
USERS = ["cm_a1", "admin_a", "clerk_a", "wcm_a1", "hr_sakura"]
PER_ROUTE = 2
MAX_PAGES = 250


def visible_text(html: str) -> str:
    return TAG.sub(" ", HIDDEN.sub(" ", html))


def iso_next_to_wareki(browser: Browser, start: list[str]) -> list[str]:
    """Crawl like test_every_page; the pages whose visible text holds both 和暦 and an ISO date."""
    queue, seen, per_route, found = list(start), set(), {}, []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        route = _route(url)
        if url in seen or route is None or per_route.get(route, 0) >= PER_ROUTE:
            continue
        seen.add(url)
        per_route[route] = per_route.get(route, 0) + 1
        response = browser.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        queue.extend(_links(html))
        text = visible_text(html)
        if WAREKI.search(text) and (iso := ISO_DATE.findall(text)):
            found.append(f"{url}: {sorted(set(iso))[:5]}")
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("username", USERS)
def test_no_iso_date_next_to_wareki_on_any_page(demo, username):  # noqa: F811
    browser = Browser()
    browser.force_login(User.objects.get(username=username))
    home = browser.get("/", follow=True)
    found = iso_next_to_wareki(browser, ["/", *_links(home.content.decode())])
    assert not found, "\n".join(found)


def test_the_short_and_month_day_filters():
    """R8.12.2 for lists, 12/2(水) for near deadlines; before 明治 the western calendar."""
    out = Template("{% load japanese %}{{ d|wareki_short }} {{ d|month_day }} {{ old|wareki_short }}").render(
        Context({"d": dt.date(2026, 12, 2), "old": dt.date(1867, 12, 31)})
    )
    assert out == "R8.12.2 12/2(水) 1867.12.31"
    assert japanese.wareki_short(dt.date(2019, 4, 30)) == "H31.4.30"
    assert japanese.wareki_short(dt.date(2019, 5, 1)) == "R1.5.1"
