"""Every page and API endpoint with four callers: anonymous, another office, the same office
without the role, the same office with the role. Denied calls change nothing (asserted).

Gates answer 404 for records of another office and for records the role may not see; a page or
a write that the role may not use answers 403 (pages redirect anonymous callers to the login).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps

from carebridge.core.models import ApiToken, AuditEvent
from carebridge.core.services import api_token_create
from carebridge.desk.demo import with_check_digit
from carebridge.directory.models import Resource, Specialist

from .factories import CertificationFactory, ClientFactory, ConsentFactory, ContactFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    name: str
    method: str
    url: Callable[[dict[str, Any]], str]
    with_role: str  # attribute of World
    without_role: str
    denied_without_role: int
    allowed: int
    data: dict[str, Any] = field(default_factory=dict)
    api: bool = False
    other_office: int = 404


def objs(world) -> dict[str, Any]:
    client_a = ClientFactory(office=world.office_a, care_manager=world.cm_a)
    return {
        "client": client_a,
        "cert": CertificationFactory(client=client_a),
        "contact": ContactFactory(client=client_a),
        "consent": ConsentFactory(client=client_a),
        "provider": ProviderFactory(office=world.office_a),
        "resource": Resource.objects.create(office=world.office_a, name="配食B", category="meal_delivery"),
        "specialist": Specialist.objects.create(office=world.office_a, name="木下 誠", profession="sharoushi"),
    }


CONTACT = {"name": "山田 一郎", "relationship": "長男", "kana": "やまだ いちろう"}
CERT = {"status": "applied", "valid_from": "2026-12-01", "valid_to": "2027-05-31", "copay_rate": 10}
CLIENT = {
    "name": "新規 テスト",
    "kana": "しんき てすと",
    "birth_date": "1940-01-01",
    "sex": "male",
    "insurer_number": "131128",
    "insured_number": "0000099999",
    "status": "active",
}
PROVIDER = {
    "name": "新規事業所",
    "kind": "service",
    "provider_number": with_check_digit("137120999"),
    "service_type_codes": "11",
}
RESOURCE = {"name": "配食A", "category": "meal_delivery", "is_active": "on"}

PAGES = [
    # (name, method, url, with_role, without_role, denied code for without_role, allowed code, data)
    Case("today", "get", lambda o: "/today/", "cm_a", "wcm_a", 403, 200, other_office=200),
    Case("client list", "get", lambda o: "/clients/", "cm_a", "wcm_a", 403, 200, other_office=200),
    Case("client create form", "get", lambda o: "/clients/new/", "cm_a", "wcm_a", 403, 200, other_office=200),
    Case(
        "client create",
        "post",
        lambda o: "/clients/new/",
        "cm_a",
        "wcm_a",
        403,
        302,
        CLIENT,
        other_office=302,
    ),
    Case("client detail", "get", lambda o: f"/clients/{o['client'].pk}/", "cm_a", "wcm_a", 404, 200),
    Case("client edit form", "get", lambda o: f"/clients/{o['client'].pk}/edit/", "clerk_a", "wcm_a", 404, 200),
    Case(
        "client edit",
        "post",
        lambda o: f"/clients/{o['client'].pk}/edit/",
        "cm_a",
        "wcm_a",
        404,
        302,
        {**CLIENT, "insured_number": "0000088888"},
    ),
    Case(
        "contact add",
        "post",
        lambda o: f"/clients/{o['client'].pk}/contacts/new/",
        "cm_a",
        "wcm_a",
        404,
        302,
        CONTACT,
    ),
    Case(
        "contact edit",
        "post",
        lambda o: f"/clients/{o['client'].pk}/contacts/{o['contact'].pk}/edit/",
        "cm_a",
        "wcm_a",
        404,
        302,
        {**CONTACT, "phone": "03-1234-5678"},
    ),
    Case(
        "certification add",
        "post",
        lambda o: f"/clients/{o['client'].pk}/certifications/new/",
        "clerk_a",
        "wcm_a",
        404,
        302,
        CERT,
    ),
    Case(
        "certification edit",
        "post",
        lambda o: f"/clients/{o['client'].pk}/certifications/{o['cert'].pk}/edit/",
        "cm_a",
        "wcm_a",
        404,
        302,
        {
            "status": "certified",
            "care_level": "care_3",
            "certified_on": "2026-03-25",
            "valid_from": "2026-04-01",
            "valid_to": "2027-03-31",
            "copay_rate": 20,
        },
    ),
    Case(
        "application add",
        "post",
        lambda o: f"/clients/{o['client'].pk}/applications/new/",
        "cm_a",
        "wcm_a",
        404,
        302,
        {"kind": "change", "status": "filed", "filed_on": "2026-11-01"},
    ),
    Case(
        "consent add",
        "post",
        lambda o: f"/clients/{o['client'].pk}/consents/new/",
        "cm_a",
        "clerk_a",
        403,
        302,
        {
            "scope": "基本情報",
            "recipient_kind": "provider",
            "recipient": "A",
            "agreed_on": "2026-11-01",
            "method": "書面",
        },
    ),
    Case(
        "consent withdraw",
        "post",
        lambda o: f"/clients/{o['client'].pk}/consents/{o['consent'].pk}/withdraw/",
        "cm_a",
        "clerk_a",
        403,
        302,
    ),
    Case("providers", "get", lambda o: "/directory/", "wcm_a", "hr", 403, 200, other_office=200),
    Case("resources", "get", lambda o: "/directory/resources/", "wcm_a", "hr", 403, 200, other_office=200),
    Case(
        "provider create",
        "post",
        lambda o: "/directory/providers/new/",
        "clerk_a",
        "cm_a",
        403,
        302,
        PROVIDER,
        other_office=302,
    ),
    Case(
        "provider edit",
        "post",
        lambda o: f"/directory/providers/{o['provider'].pk}/edit/",
        "clerk_a",
        "cm_a",
        403,
        302,
        {**PROVIDER, "provider_number": with_check_digit("137120998")},
    ),
    Case(
        "resource create",
        "post",
        lambda o: "/directory/resources/new/",
        "chief_a",
        "cm_a",
        403,
        302,
        RESOURCE,
        other_office=302,
    ),
    Case(
        "resource edit",
        "post",
        lambda o: f"/directory/resources/{o['resource'].pk}/edit/",
        "clerk_a",
        "cm_a",
        403,
        302,
        {**RESOURCE, "name": "配食C"},
    ),
    Case("specialists", "get", lambda o: "/directory/specialists/", "cm_a", "employee", 403, 200, other_office=200),
    Case(
        "specialist create",
        "post",
        lambda o: "/directory/specialists/new/",
        "admin_a",
        "wcm_a",
        403,
        302,
        {"name": "青木 里美", "profession": "lawyer", "is_active": "on"},
        other_office=302,
    ),
    Case(
        "specialist edit",
        "post",
        lambda o: f"/directory/specialists/{o['specialist'].pk}/edit/",
        "admin_a",
        "wcm_a",
        403,
        302,
        {"name": "木下 誠", "profession": "sharoushi", "organization": "木下事務所"},
    ),
    Case("contact form (htmx)", "get", lambda o: f"/clients/{o['client'].pk}/contacts/new/", "cm_a", "wcm_a", 404, 200),
    Case(
        "certification form",
        "get",
        lambda o: f"/clients/{o['client'].pk}/certifications/new/",
        "cm_a",
        "wcm_a",
        404,
        200,
    ),
    Case(
        "provider import",
        "post",
        lambda o: "/directory/providers/import/",
        "clerk_a",
        "cm_a",
        403,
        200,
        {"file": None},
        other_office=200,
    ),
    Case(
        "provider import page",
        "get",
        lambda o: "/directory/providers/import/",
        "clerk_a",
        "cm_a",
        403,
        200,
        other_office=200,
    ),
    Case("audit log", "get", lambda o: "/audit/", "admin_a", "cm_a", 403, 200, other_office=200),
]

API = [
    Case(
        "api list clients",
        "get",
        lambda o: "/api/v1/clients",
        "cm_a",
        "wcm_a",
        403,
        200,
        api=True,
        other_office=200,
    ),
    Case(
        "api create client",
        "post",
        lambda o: "/api/v1/clients",
        "cm_a",
        "wcm_a",
        403,
        201,
        CLIENT,
        api=True,
        other_office=201,
    ),
    Case(
        "api get client",
        "get",
        lambda o: f"/api/v1/clients/{o['client'].pk}",
        "cm_a",
        "wcm_a",
        404,
        200,
        api=True,
    ),
    Case(
        "api update client",
        "patch",
        lambda o: f"/api/v1/clients/{o['client'].pk}",
        "clerk_a",
        "wcm_a",
        404,
        200,
        {"address": "東京都世田谷区9-9-9"},
        api=True,
    ),
    Case(
        "api list certifications",
        "get",
        lambda o: f"/api/v1/clients/{o['client'].pk}/certifications",
        "cm_a",
        "wcm_a",
        404,
        200,
        api=True,
    ),
    Case(
        "api create certification",
        "post",
        lambda o: f"/api/v1/clients/{o['client'].pk}/certifications",
        "cm_a",
        "wcm_a",
        404,
        201,
        CERT,
        api=True,
    ),
    Case(
        "api get certification",
        "get",
        lambda o: f"/api/v1/certifications/{o['cert'].pk}",
        "cm_a",
        "wcm_a",
        404,
        200,
        api=True,
    ),
    Case(
        "api update certification",
        "patch",
        lambda o: f"/api/v1/certifications/{o['cert'].pk}",
        "cm_a",
        "wcm_a",
        404,
        200,
        {"copay_rate": 30},
        api=True,
    ),
    Case(
        "api list contacts",
        "get",
        lambda o: f"/api/v1/clients/{o['client'].pk}/contacts",
        "cm_a",
        "wcm_a",
        404,
        200,
        api=True,
    ),
    Case(
        "api create contact",
        "post",
        lambda o: f"/api/v1/clients/{o['client'].pk}/contacts",
        "cm_a",
        "wcm_a",
        404,
        201,
        CONTACT,
        api=True,
    ),
    Case(
        "api get contact",
        "get",
        lambda o: f"/api/v1/contacts/{o['contact'].pk}",
        "cm_a",
        "wcm_a",
        404,
        200,
        api=True,
    ),
    Case(
        "api update contact",
        "patch",
        lambda o: f"/api/v1/contacts/{o['contact'].pk}",
        "cm_a",
        "wcm_a",
        404,
        200,
        {"phone": "03-5555-6666"},
        api=True,
    ),
    Case(
        "api list providers",
        "get",
        lambda o: "/api/v1/providers",
        "wcm_a",
        "hr",
        403,
        200,
        api=True,
        other_office=200,
    ),
    Case(
        "api create provider",
        "post",
        lambda o: "/api/v1/providers",
        "clerk_a",
        "cm_a",
        403,
        201,
        {**PROVIDER, "service_type_codes": ["11"]},
        api=True,
        other_office=201,
    ),
    Case(
        "api get provider",
        "get",
        lambda o: f"/api/v1/providers/{o['provider'].pk}",
        "wcm_a",
        "hr",
        404,
        200,
        api=True,
    ),
    Case(
        "api update provider",
        "patch",
        lambda o: f"/api/v1/providers/{o['provider'].pk}",
        "clerk_a",
        "cm_a",
        403,
        200,
        {"fax": "03-0000-1111"},
        api=True,
    ),
]


def state(office=None) -> dict[str, Any]:
    """A fingerprint of every table a denied call could touch (audit events included);
    with `office`, of that office's rows only."""
    scope = {"office": office} if office is not None else {}
    snapshot: dict[str, Any] = {}
    for label in ("clients", "directory", "assessments", "careplans", "casework"):
        for model in apps.get_app_config(label).get_models():
            if scope and not any(f.name == "office" for f in model._meta.fields):
                continue
            rows = model.objects.filter(**scope).values()
            snapshot[model.__name__] = sorted(json.dumps(row, default=str, sort_keys=True) for row in rows)
    events = AuditEvent.objects.filter(**scope).exclude(event_type__in=["view", "token"])
    snapshot["audit"] = list(events.values_list("id", flat=True))
    return snapshot


def call(django_client, case: Case, url: str, token: str | None = None):
    kwargs: dict[str, Any] = {}
    if token:
        kwargs["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    if case.api:
        if case.method == "get":
            return django_client.get(url, **kwargs)
        return getattr(django_client, case.method)(
            url, data=json.dumps(case.data), content_type="application/json", **kwargs
        )
    if case.method == "get":
        return django_client.get(url)
    data = dict(case.data)
    if "file" in data:  # a fresh upload each call: one valid provider row
        from django.core.files.uploadedfile import SimpleUploadedFile

        row = f"事業所番号,事業所名,サービス種類コード\n{with_check_digit('137120777')},取込事業所,15\n"
        data["file"] = SimpleUploadedFile("providers.csv", row.encode())
    return django_client.post(url, data)


def _login(django_client, case: Case, user) -> str | None:
    if case.api:
        return api_token_create(actor=None, user=user)
    django_client.force_login(user)
    return None


@pytest.mark.parametrize("case", PAGES + API, ids=lambda c: c.name)
def test_anonymous_is_refused_and_changes_nothing(world, client, case):
    o = objs(world)
    before = state()
    response = call(client, case, case.url(o))
    if case.api:
        assert response.status_code == 401
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert state() == before


@pytest.mark.parametrize("case", PAGES + API, ids=lambda c: c.name)
def test_another_office_cannot_reach_office_a(world, client, case):
    o = objs(world)
    other = world.cm_b if case.with_role in ("cm_a", "wcm_a") else world.admin_b
    token = _login(client, case, other)
    before_all, before_a = state(), state(world.office_a)
    response = call(client, case, case.url(o), token)
    assert response.status_code == case.other_office
    if case.other_office == 404:
        assert state() == before_all
    else:
        # Collection pages and creates work, but only inside office B: nothing of A shows or moves.
        body = response.content.decode()
        assert o["client"].name not in body
        assert o["provider"].name not in body
        assert state(world.office_a) == before_a


@pytest.mark.parametrize("case", PAGES + API, ids=lambda c: c.name)
def test_same_office_without_the_role_is_refused_and_changes_nothing(world, client, case):
    o = objs(world)
    token = _login(client, case, getattr(world, case.without_role))
    before = state()
    response = call(client, case, case.url(o), token)
    assert response.status_code == case.denied_without_role
    assert state() == before


@pytest.mark.parametrize("case", PAGES + API, ids=lambda c: c.name)
def test_same_office_with_the_role_is_allowed(world, client, case):
    o = objs(world)
    token = _login(client, case, getattr(world, case.with_role))
    before = state()
    response = call(client, case, case.url(o), token)
    assert response.status_code == case.allowed, response.content.decode()[:500]
    if case.method != "get":
        assert state() != before, "an allowed write must change something"


def test_company_users_reach_no_client_record(world, client):
    o = objs(world)
    for user in (world.hr, world.employee):
        client.force_login(user)
        assert client.get(f"/clients/{o['client'].pk}/").status_code == 404
        assert client.get("/clients/").status_code == 403
        token = api_token_create(actor=None, user=user)
        assert client.get(f"/api/v1/clients/{o['client'].pk}", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404


def test_revoked_token_is_refused(world, client):
    token = api_token_create(actor=None, user=world.cm_a)
    ApiToken.objects.update(revoked_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert client.get("/api/v1/clients", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
