"""An intake converted into a client and a 居宅介護支援契約 through the API, in one transaction:
a refusal of either part (運営基準第4条第2項's explanation not given, a bad 被保険者番号) leaves
nothing registered and the intake as it was."""

from __future__ import annotations

import copy
import json

import pytest

from carebridge.casework.models import CareManagementContract, Intake
from carebridge.clients.models import Client
from carebridge.core.services import api_token_create

from ..permission_matrix import Objs
from .test_permissions_api_intake import CONVERT

pytestmark = pytest.mark.django_db


def _post(client, url, body, user):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=user)}"}
    return client.post(url, json.dumps(body), content_type="application/json", **auth)


def test_the_intake_becomes_a_client_with_a_contract_or_nothing(world, client):
    intake = Objs(world)["intake"]
    url = f"/api/v1/intakes/{intake.pk}/convert"
    clients_before = Client.objects.count()
    unexplained = copy.deepcopy(CONVERT)
    unexplained["contract"]["multiple_providers_explained"] = False
    refused = _post(client, url, unexplained, world.cm_a)
    assert refused.status_code == 422, refused.content
    assert refused.json()["detail"][0]["loc"][-1] == "multiple_providers_explained"
    assert Client.objects.count() == clients_before and not CareManagementContract.objects.exists()
    bad_number = copy.deepcopy(CONVERT)
    bad_number["client"]["insured_number"] = "12"
    assert _post(client, url, bad_number, world.cm_a).status_code == 422
    assert Intake.objects.get(pk=intake.pk).client_id is None
    made = _post(client, url, CONVERT, world.cm_a)
    assert made.status_code == 201
    person = Client.objects.get(pk=made.json()["id"])
    assert person.name == "計画 一郎" and person.office_id == world.office_a.pk
    assert CareManagementContract.objects.get().client_id == person.pk
    assert Intake.objects.get(pk=intake.pk).client_id == person.pk
    again = _post(client, url, CONVERT, world.cm_a)
    assert again.status_code == 422 and Client.objects.count() == clients_before + 1
