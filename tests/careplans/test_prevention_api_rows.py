"""A 支援計画 row of a draft 介護予防サービス・支援計画書 deleted through the API (the page's
prevention_row_delete service); a consented plan's rows are never edited (house rule 4)."""

from __future__ import annotations

import pytest

from carebridge.careplans.prevention_models import PreventionSupportRow
from carebridge.core.services import api_token_create

from ..permission_matrix import Objs
from .prevention_helpers import pconsented, pplan, prow

pytestmark = pytest.mark.django_db


def test_a_draft_row_is_deleted_and_a_consented_plans_row_is_not(world, client):
    o = Objs(world)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=None, user=world.cm_a)}"}
    row = prow(o)
    gone = client.delete(f"/api/v1/prevention-plans/{pplan(o).pk}/rows/{row.pk}", **auth)
    assert gone.status_code == 204
    assert not PreventionSupportRow.objects.filter(pk=row.pk).exists()
    agreed = pconsented(o)
    kept = agreed.support_rows.first()
    refused = client.delete(f"/api/v1/prevention-plans/{agreed.pk}/rows/{kept.pk}", **auth)
    assert refused.status_code == 422, refused.content
    assert PreventionSupportRow.objects.filter(pk=kept.pk).exists()
    elsewhere = client.delete(f"/api/v1/prevention-plans/{agreed.pk}/rows/{row.pk}", **auth)
    assert elsewhere.status_code == 404
