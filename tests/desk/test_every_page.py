"""Every page reachable from the navigation answers without a server error, for every demo user,
on the demo data (`carebridge demo`), and every client whose name a page shows is named by the
view events that page wrote (reads are logged); the audit viewer answers 200 with every filter."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client as Browser
from django.urls import Resolver404, resolve
from django.utils import timezone

from carebridge.clients.models import Client as ClientRecord
from carebridge.core.models import AuditEvent, User
from carebridge.desk.demo import load_demo

DEMO_USERS = [
    "admin_a",
    "cm_a1",
    "cm_a2",
    "clerk_a",
    "wcm_a1",
    "admin_b",
    "cm_b1",
    "hr_sakura",
    "emp_sakura1",
    "mgr_sakura",
]

# Nowhere to go: leaving the session, or files outside the app.
SKIP_PREFIXES = ("/accounts/logout/", "/static/", "/api/")
PER_ROUTE = 3  # a few URLs of each pattern are enough (and keep the crawl fast)
MAX_PAGES = 400

LINK = re.compile(r"""(?:href|hx-get)="(/[^"#]*)""")


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker) -> Iterator[None]:
    """The demo loaded once for this module, inside a transaction rolled back at the end (the audit
    trail is append-only: its rows could not be deleted afterwards)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(today=timezone.localdate(), quiet=True)
        yield
        transaction.set_rollback(True)


def _route(url: str) -> str | None:
    """The URL pattern a URL resolves to, with the names of its query parameters (so ?page= and
    ?month= count apart from the bare page); None for a URL that leads nowhere."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    names = sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair})
    return f"{match.namespace}:{match.route}?{'&'.join(names)}"


def _links(html: str) -> list[str]:
    found = []
    for raw in LINK.findall(html):
        url = raw.replace("&amp;", "&")
        if url.startswith("//") or url.startswith(SKIP_PREFIXES):
            continue
        found.append(url)
    return found


def _last_event() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def unlogged_clients(html: str, since: int, names: dict[int, str]) -> set[int]:
    """The clients whose name the page shows that no view event written since `since` names."""
    shown = {pk for pk, name in names.items() if name in html}
    if not shown:
        return set()
    named: set[int] = set()
    for client_id, changes in AuditEvent.objects.filter(pk__gt=since, event_type="view").values_list(
        "client_id", "changes"
    ):
        named |= {client_id} if client_id else set()
        named |= set(changes.get("client_ids", [])) if isinstance(changes, dict) else set()
    return shown - named


def crawl(browser: Browser, start: list[str], names: dict[int, str] | None = None) -> tuple[dict[str, int], list[str]]:
    """Breadth-first over same-site GET links; at most PER_ROUTE URLs per URL pattern.
    Returns the status of every URL visited and the server errors (with their cause); with
    `names` (client id → name), also the pages that show a client no view event names."""
    queue = list(start)
    seen: set[str] = set()
    per_route: Counter[str] = Counter()
    statuses: dict[str, int] = {}
    errors: list[str] = []
    while queue and len(statuses) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        route = _route(url)
        if route is None:
            continue
        if per_route[route] >= PER_ROUTE:
            continue
        per_route[route] += 1
        since = _last_event()
        try:
            response = browser.get(url)
        except Exception as exc:  # the test client re-raises a view's error: collect them all
            errors.append(f"{url}: {type(exc).__name__}: {exc}")
            statuses[url] = 500
            continue
        statuses[url] = response.status_code
        if response.status_code >= 500:
            errors.append(f"{url}: HTTP {response.status_code}")
        elif response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            html = response.content.decode()
            queue.extend(_links(html))
            if names and (missing := unlogged_clients(html, since, names)):
                errors.append(f"{url}: shows clients {sorted(missing)} that no view event names")
    return statuses, errors


@pytest.mark.django_db
@pytest.mark.parametrize("username", DEMO_USERS)
def test_every_reachable_page_answers_without_server_error(demo, username):
    user = User.objects.get(username=username)
    browser = Browser()
    browser.force_login(user)
    home = browser.get("/", follow=True)
    assert home.status_code == 200
    names = dict(ClientRecord.objects.filter(office_id=user.office_id).values_list("pk", "name"))
    statuses, errors = crawl(browser, ["/", *_links(home.content.decode())], names)
    assert not errors, "\n".join(errors)
    assert statuses["/"] in {200, 302}
    # The crawl went past the home page for office staff (the navigation leads somewhere).
    if User.objects.get(username=username).office_id is not None:
        assert sum(1 for status in statuses.values() if status == 200) > 3, statuses


@pytest.fixture
def admin_browser(demo) -> Browser:
    browser = Browser()
    browser.force_login(User.objects.get(username="admin_a"))
    return browser


def audit_queries() -> list[dict[str, str]]:
    admin = User.objects.get(username="admin_a")
    office_events = AuditEvent.objects.filter(office_id=admin.office_id)
    client_id = (
        ClientRecord.objects.filter(office_id=admin.office_id).order_by("pk").values_list("pk", flat=True).first()
    )
    other_user = User.objects.filter(office_id=admin.office_id).exclude(pk=admin.pk).first()
    queries: list[dict[str, str]] = [
        {},
        {"user": str(admin.pk)},
        {"user": str(other_user.pk)},
        {"user": "999999"},
        {"user": "abc"},
        {"user": "9" * 40},
        {"client": str(client_id)},
        {"client": "99999999"},
        {"client": "abc"},
        {"client": "9" * 40},
        {"client": "-1"},
        {"date_from": "2020-01-01", "date_to": "2099-12-31"},
        {"date_from": "2026-13-45"},
        {"date_to": "abc"},
        {"date_from": "1850-01-01", "date_to": "1860-12-31"},
        {"date_from": "0001-01-01"},
        {"date_to": "1867-12-31"},
        {"page": "2"},
        {"page": "999"},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "9" * 40},
    ]
    queries += [{"event_type": value} for value in AuditEvent.EventType.values]
    queries.append({"event_type": "nonsense"})
    actions = sorted(set(office_events.values_list("action", flat=True)))
    queries += [{"action": action} for action in actions]
    queries.append({"action": "no.such_action"})
    queries.append({"action": actions[0], "event_type": "update", "client": str(client_id), "page": "2"})
    return queries


@pytest.mark.django_db
def test_the_audit_page_answers_200_with_every_filter(admin_browser):
    queries = audit_queries()
    assert len(queries) > 40  # the demo wrote many kinds of action
    failures = []
    for query in queries:
        response = admin_browser.get("/audit/", query)
        if response.status_code != 200:
            failures.append(f"{query}: HTTP {response.status_code}")
        elif set(query) == {"action"} and query["action"] != "no.such_action":
            # Every action the office wrote is offered, and choosing it shows its events only.
            labels = {row.action for row in response.context["rows"]}
            if len(labels) != 1 or query["action"] not in dict(response.context["form"].fields["action"].choices):
                failures.append(f"{query}: rows {labels}")
    assert not failures, "\n".join(failures)
