"""The company's administration through the API, through the pages' services: contracts never
overlap (a second one over the first names starts_on), an older policy version is immutable (house
rule 4), a notice text with an expression that discourages use is never approved (育児・介護休業法
第21条 and the 指針), and HR sees its own company only."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from carebridge.core.services import api_token_create
from carebridge.workcare import messages
from carebridge.workcare.models import NoticeText

from .factories import CompanyPolicyFactory

pytestmark = pytest.mark.django_db


def _call(client, method, url, body, user):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=user)}"}
    if method == "get":
        return client.get(url, **auth)
    return getattr(client, method)(url, json.dumps(body), content_type="application/json", **auth)


def test_contracts_fees_policies_and_texts(client, world):
    base = f"/api/v1/workcare/companies/{world.company.pk}"
    first = _call(
        client, "post", f"{base}/contracts", {"starts_on": "2026-04-01", "menu": ["consultation"]}, world.admin_a
    )
    assert first.status_code == 201
    over = _call(client, "post", f"{base}/contracts", {"starts_on": "2026-05-01"}, world.admin_a)
    assert over.status_code == 422 and over.json()["detail"][0]["loc"][-1] == "starts_on"
    fee = {"label": "月額基本料", "unit": "month", "unit_price": 50000}
    assert _call(client, "post", f"{base}/contracts/{first.json()['id']}/fees", fee, world.admin_a).status_code == 201
    listed = _call(client, "get", f"{base}/contracts", None, world.admin_a).json()
    assert [i["label"] for i in listed[0]["fee_items"]] == ["月額基本料"]

    old = CompanyPolicyFactory(company=world.company, effective_from=dt.date(2025, 4, 1))
    CompanyPolicyFactory(company=world.company, effective_from=dt.date(2026, 4, 1))
    refused = _call(client, "put", f"{base}/policies/{old.pk}", {"effective_from": "2025-04-01"}, world.hr)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["code"] == messages.POLICY_NOT_LATEST.code

    body = {"kind": "individual", "body": "介護休業の取得は周囲に迷惑なので控えてください。"}
    made = _call(client, "post", f"{base}/notice-texts", body, world.wcm_a)
    assert made.status_code == 201
    approve = _call(
        client, "post", f"{base}/notice-texts/{made.json()['id']}/approve", {"approved_on": "2026-11-01"}, world.hr
    )
    assert approve.status_code == 422
    assert NoticeText.objects.get().approved_on is None

    assert [c["id"] for c in _call(client, "get", "/api/v1/workcare/companies", None, world.hr).json()] == [
        world.company.pk
    ]
