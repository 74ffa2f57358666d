"""Reads of personal data are logged (issue 7): the list page, a search and an API list each write
one view event naming the clients shown — ids only, never the search text; the audit viewer
shows these events in Japanese; every other page that shows a client is walked by the permission
matrix (tests/permission_matrix.py `assert_shown_clients_logged`)."""

from __future__ import annotations

import pytest

from carebridge.clients.models import Client
from carebridge.core.models import AuditEvent
from carebridge.core.services import api_token_create

from ..careplan_helpers import agree_and_start, draft_plan
from ..factories import CertificationFactory, ClientFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(world):
    made = {}
    for name, kana in [
        ("山田 花子", "やまだ はなこ"),
        ("山田 一郎", "やまだ いちろう"),
        ("佐藤 次郎", "さとう じろう"),
    ]:
        made[name] = ClientFactory(office=world.office_a, care_manager=world.cm_a, name=name, kana=kana)
        CertificationFactory(client=made[name])
    ClientFactory(office=world.office_b, name="他所 三郎")  # another office's client: never shown, never named
    return made


def new_views(before: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type="view", pk__gt=before).order_by("pk"))


def last_id() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_the_list_page_writes_one_event_naming_the_clients_shown(world, client, clients):
    client.force_login(world.cm_a)
    before = last_id()
    response = client.get("/clients/")
    assert response.status_code == 200
    [event] = new_views(before)
    assert event.action == "client.listed"
    assert event.subject_type == "clients.client"
    assert event.actor == world.cm_a
    assert event.office_id == world.office_a.pk
    assert event.changes == {"client_ids": sorted(c.pk for c in clients.values())}
    assert event.client_id is None  # more than one client: the ids are in client_ids


def test_a_search_names_only_the_clients_found_and_never_stores_the_search_text(world, client, clients):
    client.force_login(world.cm_a)
    before = last_id()
    response = client.get("/clients/", {"q": "山田"})
    assert response.status_code == 200
    [event] = new_views(before)
    found = sorted(clients[n].pk for n in ("山田 花子", "山田 一郎"))
    assert event.changes == {"client_ids": found, "search": True}
    assert "やまだ" not in str(event.changes) and "山田" not in str(event.changes)


def test_a_search_that_finds_one_client_sets_its_client_id(world, client, clients):
    client.force_login(world.cm_a)
    before = last_id()
    client.get("/clients/", {"q": "佐藤"})
    [event] = new_views(before)
    assert event.client_id == clients["佐藤 次郎"].pk  # the viewer's client filter finds it


def test_the_api_list_writes_one_event_naming_the_clients_returned(world, client, clients):
    token = api_token_create(actor=None, user=world.cm_a)
    before = last_id()
    response = client.get("/api/v1/clients?limit=2&offset=0", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    returned = [item["id"] for item in response.json()["items"]]
    assert len(returned) == 2
    [event] = new_views(before)
    assert event.action == "client.listed"
    assert event.changes == {"client_ids": sorted(returned)}
    assert event.changes["client_ids"] != sorted(c.pk for c in clients.values())  # only the page returned


def test_the_second_api_page_says_which_page(world, client, clients):
    token = api_token_create(actor=None, user=world.cm_a)
    before = last_id()
    client.get("/api/v1/clients?limit=2&offset=2&q=a", HTTP_AUTHORIZATION=f"Bearer {token}")
    [event] = new_views(before)
    assert event.changes["page"] == 2
    assert event.changes["search"] is True


def test_an_api_search_that_finds_nobody_still_writes_one_event(world, client, clients):
    token = api_token_create(actor=None, user=world.cm_a)
    before = last_id()
    response = client.get("/api/v1/clients?q=zzzz", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.json()["items"] == []
    [event] = new_views(before)
    assert event.changes == {"client_ids": [], "search": True}


def test_the_today_page_and_the_compliance_report_name_the_clients_they_show(world, client, clients):
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    # services from April, never monitored: July has findings for her
    agree_and_start(world.cm_a, draft_plan(world.cm_a, clients["山田 花子"], providers), providers)
    client.force_login(world.cm_a)
    names = dict(Client.objects.values_list("pk", "name"))
    for url in ("/today/", "/care/compliance/?month=2026-07"):
        before = last_id()
        response = client.get(url)
        assert response.status_code == 200
        shown = {pk for pk, name in names.items() if name in response.content.decode()}
        [event] = new_views(before)
        assert event.action == "client.listed"
        assert set(event.changes["client_ids"]) == shown, url
    assert shown, "the report shows the clients of the month"


def test_the_audit_viewer_logs_its_own_reads_and_names_list_events_in_japanese(world, client, clients):
    client.force_login(world.cm_a)
    client.get("/clients/", {"q": "山田"})
    client.force_login(world.admin_a)
    before = last_id()
    response = client.get("/audit/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "利用者: 一覧表示" in body
    assert "表示した利用者のID" in body
    assert "検索あり" in body
    [event] = new_views(before)
    assert event.action == "auditevent.listed"
    assert event.subject_type == "core.auditevent"


def test_list_events_are_never_written_for_a_refused_read(world, client, clients):
    client.force_login(world.wcm_a)  # a workplace care manager may not see the client list
    before = last_id()
    assert client.get("/clients/").status_code == 403
    assert new_views(before) == []


# -- Cache-Control: no-store on every answer that may carry personal data --------------------------


def test_pages_pdfs_and_api_answers_are_never_stored_static_files_are(world, client, clients):
    token = api_token_create(actor=None, user=world.cm_a)
    client.force_login(world.cm_a)
    someone = clients["山田 花子"]
    answers = {
        "list page": client.get("/clients/"),
        "search (htmx)": client.get("/clients/", {"q": "山田"}, HTTP_HX_REQUEST="true"),
        "client page": client.get(f"/clients/{someone.pk}/"),
        "PDF": client.get(f"/care/clients/{someone.pk}/notes/pdf/"),
        "API list": client.get("/api/v1/clients", HTTP_AUTHORIZATION=f"Bearer {token}"),
        "API record": client.get(f"/api/v1/clients/{someone.pk}", HTTP_AUTHORIZATION=f"Bearer {token}"),
        "API error": client.get("/api/v1/clients/999999", HTTP_AUTHORIZATION=f"Bearer {token}"),
    }
    assert answers["PDF"]["Content-Type"] == "application/pdf"
    for what, response in answers.items():
        assert response["Cache-Control"] == "no-store, private", what
    static = client.get("/static/core/app.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", ""), static.get("Cache-Control")


def test_a_view_that_sets_its_own_cache_control_keeps_it(world, client):
    client.force_login(world.admin_a)
    response = client.get("/office/tokens/new/")  # never_cache: the page that shows a new token
    assert "no-store" in response["Cache-Control"]
    assert "must-revalidate" in response["Cache-Control"]


def test_the_viewers_client_filter_finds_the_lists_that_showed_the_client(world, client, clients):
    hanako, ichiro, jiro = clients["山田 花子"], clients["山田 一郎"], clients["佐藤 次郎"]
    client.force_login(world.cm_a)
    client.get("/clients/", {"q": "山田"})  # shows 花子 and 一郎, not 次郎
    client.force_login(world.admin_a)
    for person, expected in ((hanako, 1), (ichiro, 1), (jiro, 0)):
        rows = client.get("/audit/", {"client": str(person.pk), "action": "client.listed"}).context["rows"]
        assert len(rows) == expected, person.name
    # an id that is a prefix or suffix of a listed id matches nothing
    listed = AuditEvent.objects.filter(action="client.listed").latest("pk")
    for near in (hanako.pk * 10, hanako.pk + 100):
        assert client.get("/audit/", {"client": str(near), "action": "client.listed"}).context["rows"] == [], near
    assert listed.changes["client_ids"] == sorted([hanako.pk, ichiro.pk])
