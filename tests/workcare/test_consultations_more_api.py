"""判断基準 and referral status through the API. The criteria (育児・介護休業法 施行規則 and the
通達「常時介護を必要とする状態に関する判断基準」, as workcare/criteria.py cites them): a family member
is in the state when two or more of items ①〜⑫ are rated 2, one or more is rated 3, or the
person is 要介護2 or above — and the result is a reference only, never a refusal. Referrals go
提案 → 紹介済み → 対応完了 (or 見送り)."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from carebridge.core.services import api_token_create
from carebridge.workcare import messages
from carebridge.workcare.models import Referral

from ..permission_matrix import Objs
from .test_permissions_consultations import cons, referral

pytestmark = pytest.mark.django_db


def _post(client, url, body, user):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=user)}"}
    return client.post(url, json.dumps(body), content_type="application/json", **auth)


def test_the_criteria_result_is_computed_from_the_rule_and_never_refuses(client, world):
    consultation = cons(Objs(world))
    url = f"/api/v1/workcare/consultations/{consultation.pk}/assessment"
    today = timezone.localdate().isoformat()
    one_3 = _post(client, url, {"assessed_on": today, "item_levels": {"1": 2, "5": 3}}, world.wcm_a)
    assert one_3.status_code == 201
    assert one_3.json()["meets"] is True and len(one_3.json()["reasons"]) == 1  # one item rated 3 (⑤)
    one_2 = _post(client, url, {"assessed_on": today, "item_levels": {"1": 2}}, world.wcm_a).json()
    assert one_2["meets"] is False and one_2["reasons"] == []  # a single 2 is not enough, and is still recorded
    level = _post(client, url, {"assessed_on": today, "care_level_2_or_above": True}, world.wcm_a).json()

    assert level["meets"] is True
    odd = _post(client, url, {"assessed_on": today, "item_levels": {"13": 2}}, world.wcm_a)
    assert odd.status_code == 422 and "item_levels" in odd.json()["detail"][0]["loc"]


def test_a_referral_moves_step_by_step(client, world):
    row = referral(Objs(world))
    url = f"/api/v1/workcare/referrals/{row.pk}/status"
    skipped = _post(client, url, {"status": "completed"}, world.wcm_a)
    assert (
        skipped.status_code == 422 and skipped.json()["detail"][0]["code"] == messages.REFERRAL_TRANSITION_REFUSED.code
    )
    assert (
        _post(client, url, {"status": "referred"}, world.wcm_a).json()["referred_on"]
        == timezone.localdate().isoformat()
    )
    done = _post(client, url, {"status": "completed", "outcome": "社労士と面談済み"}, world.wcm_a).json()
    assert (done["status"], done["outcome"]) == ("completed", "社労士と面談済み")
    assert Referral.objects.get(pk=row.pk).status == "completed"
