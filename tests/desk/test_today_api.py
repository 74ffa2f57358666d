"""今日 through the API (docs/api-coverage.md): the same items as the page (desk/today.py composes
both), by care manager for the office-wide roles and the caller's own otherwise, each with the page
that does it; the clients it names are logged as one list read."""

from __future__ import annotations

import pytest

from carebridge.core.models import AuditEvent
from carebridge.core.services import api_token_create

from ..careplan_helpers import agree_and_start, draft_plan
from ..compliance.test_worklist import page_items
from ..factories import CertificationFactory, ClientFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def _items(body) -> set[tuple[int, str]]:
    """The findings of the list (client, rule), as tests/compliance/test_worklist.py reads the page."""
    return {(i["client_id"], i["rule"]) for g in body["groups"] for i in g["items"] if i["client_id"] and i["rule"]}


def test_the_api_lists_what_the_page_lists_by_role_and_scope(world, client):
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    mine, chiefs = (
        ClientFactory(office=world.office_a, care_manager=cm, name=name)
        for cm, name in ((world.cm_a, "担当 一郎"), (world.chief_a, "主任 二郎"))
    )
    for person in (mine, chiefs):
        CertificationFactory(client=person)
        agree_and_start(world.cm_a, draft_plan(world.cm_a, person, providers), providers)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=world.chief_a)}"}
    before = AuditEvent.objects.filter(event_type="view").count()
    office = client.get("/api/v1/today", **auth).json()
    assert office["office_wide"] is True
    assert {g["care_manager_id"] for g in office["groups"]} == {world.cm_a.pk, world.chief_a.pk}
    assert AuditEvent.objects.filter(event_type="view").count() == before + 1
    client.force_login(world.chief_a)
    page = {(cid, rule) for cid, rule in page_items(client, "/today/") if cid and rule}
    assert _items(office) == page and page
    assert all(i["url"].startswith("/") for g in office["groups"] for i in g["items"])
    assert {i["client_name"] for g in office["groups"] for i in g["items"]} >= {"担当 一郎", "主任 二郎"}
    own = client.get("/api/v1/today?scope=mine", **auth).json()
    assert own["office_wide"] is False and {cid for cid, _ in _items(own)} == {chiefs.pk}
    assert [c["id"] for c in own["my_clients"]] == [chiefs.pk]
    odd = client.get("/api/v1/today?scope=all", **auth)
    assert odd.status_code == 422 and odd.json()["detail"][0]["loc"][-1] == "scope"
