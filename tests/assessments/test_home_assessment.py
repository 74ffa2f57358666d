"""運営基準第13条第7号: the assessment is made at the home (居宅), interviewing the client and the
family. The form records both, the detail page shows them, the API takes them, and a plan drafted
on an assessment without them is a finding (compliance/rules.py)."""

from __future__ import annotations

import re

import pytest

from carebridge.assessments.models import Assessment
from carebridge.core.services import api_token_create

pytestmark = pytest.mark.django_db


def test_home_assessment_form_records_place_and_interviews(world, client, client_a):
    client.force_login(world.cm_a)
    url = f"/care/clients/{client_a.pk}/assessments/new/"
    page = client.get(url).content.decode()
    for label in ("居宅を訪問して実施", "利用者本人に面接", "家族に面接"):
        assert label in page, label
    assert re.search(r'<input[^>]*name="at_home"[^>]*checked', page)  # a home visit unless told otherwise
    response = client.post(
        url,
        {
            "assessed_on": "2026-11-02",
            "place": "自宅",
            "at_home": "on",
            "client_interviewed": "on",
            "reason": "initial",
        },
    )
    assert response.status_code == 302
    saved = Assessment.objects.get(client=client_a)
    assert (saved.at_home, saved.client_interviewed, saved.family_interviewed) == (True, True, False)
    detail = client.get(response["Location"]).content.decode()
    assert "居宅訪問" in detail
    assert "本人" in detail


def test_home_assessment_api_takes_the_interviews(world, client, client_a):
    token = api_token_create(actor=None, user=world.cm_a)
    body = {
        "assessed_on": "2026-11-02",
        "reason": "initial",
        "place": "○○病院",
        "at_home": False,
        "client_interviewed": True,
        "family_interviewed": True,
    }
    response = client.post(
        f"/api/v1/clients/{client_a.pk}/assessments",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201, response.content
    assert (response.json()["at_home"], response.json()["family_interviewed"]) == (False, True)
