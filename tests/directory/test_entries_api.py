"""The directory through the API: the providers' CSV import (all or nothing, each error with file,
line and column; a dry run changes nothing), social resources and specialists."""

from __future__ import annotations

import base64
import json

import pytest

from carebridge.core.services import api_token_create
from carebridge.desk.demo import with_check_digit
from carebridge.directory.models import Provider, Resource

pytestmark = pytest.mark.django_db

HEADER = "事業所番号,事業所名,サービス種類コード\n"


def _post(client, url, body, user, method="post"):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=user)}"}
    return getattr(client, method)(url, json.dumps(body), content_type="application/json", **auth)


def _upload(text: str, dry_run: bool = False) -> dict:
    return {"name": "p.csv", "content_base64": base64.b64encode(text.encode()).decode(), "dry_run": dry_run}


def test_the_import_is_all_or_nothing_and_the_dry_run_writes_nothing(client, world):
    good = f"{with_check_digit('137120777')},取込一,15\n"
    right = with_check_digit("137120778")
    bad = f"{right[:-1]}{(int(right[-1]) + 1) % 10},取込二,15\n"  # a wrong check digit on line 3
    refused = _post(client, "/api/v1/providers/import", _upload(HEADER + good + bad), world.clerk_a)
    assert refused.status_code == 422
    (entry,) = refused.json()["detail"]
    assert entry["loc"][-1] == "content_base64" and entry["msg"].startswith("p.csv:3 列「事業所番号」")
    assert not Provider.objects.filter(office=world.office_a).exists()
    trial = _post(client, "/api/v1/providers/import", _upload(HEADER + good, dry_run=True), world.clerk_a)
    assert trial.json() == {"applied": False, "created": 1, "updated": 0, "unchanged": 0}
    assert not Provider.objects.filter(office=world.office_a).exists()
    done = _post(client, "/api/v1/providers/import", _upload(HEADER + good), world.clerk_a)
    assert done.json() == {"applied": True, "created": 1, "updated": 0, "unchanged": 0}
    assert Provider.objects.get(office=world.office_a).name == "取込一"
    not_b64 = _post(client, "/api/v1/providers/import", {"name": "p.csv", "content_base64": "%%"}, world.clerk_a)
    assert not_b64.status_code == 422 and not_b64.json()["detail"][0]["loc"][-1] == "content_base64"


def test_resources_and_specialists_are_listed_made_and_edited(client, world):
    made = _post(client, "/api/v1/resources", {"name": "配食さくら", "category": "meal_delivery"}, world.clerk_a)
    assert made.status_code == 201
    resource = made.json()
    odd = _post(client, "/api/v1/resources", {"name": "x", "category": "spaceship"}, world.clerk_a)
    assert odd.status_code == 422 and odd.json()["detail"][0]["loc"][-1] == "category"
    edited = _post(
        client, f"/api/v1/resources/{resource['id']}", {"area": "世田谷区", "updated_at": resource["updated_at"]},
        world.clerk_a, method="patch",
    )  # fmt: skip
    assert edited.status_code == 200 and Resource.objects.get().area == "世田谷区"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=world.cm_a)}"}
    assert [r["name"] for r in client.get("/api/v1/resources?q=さくら", **auth).json()] == ["配食さくら"]
    specialist = _post(client, "/api/v1/specialists", {"name": "青木 里美", "profession": "lawyer"}, world.admin_a)
    assert specialist.status_code == 201
    assert [s["name"] for s in client.get("/api/v1/specialists", **auth).json()] == ["青木 里美"]
    refused = _post(client, "/api/v1/specialists", {"name": "x", "profession": "lawyer"}, world.cm_a)
    assert refused.status_code == 403
