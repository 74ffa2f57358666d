"""The contract page of a registered client (運営基準第4条第2項: at contract, the client is told that
they may ask for several providers to be introduced and for the reasons each was chosen). The
compliance finding CONTRACT_EXPLANATION_MISSING says a client with a plan in effect has no such
contract; this page (and the API) records it, and the finding goes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from carebridge.casework import messages, services
from carebridge.casework.inputs import ContractInput, MonitoringInput
from carebridge.casework.models import CareManagementContract
from carebridge.compliance.rules import Rule
from carebridge.compliance.selectors import compliance_report
from carebridge.core.services import api_token_create

from ..careplan_helpers import D, agree_and_start, draft_plan
from ..factories import CertificationFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(world, client_a):
    """A plan in effect from 2026-04-15 (the start month visited), with no contract recorded."""
    CertificationFactory(client=client_a, valid_from=D(2026, 4, 1), valid_to=D(2027, 3, 31))
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    services.monitoring_record(
        actor=world.cm_a, client=client_a, month=D(2026, 4, 1), data=MonitoringInput(visited_on=D(2026, 4, 20))
    )
    return client_a


def contract_rules(world) -> set[str]:
    rows = compliance_report(actor=world.cm_a, month=D(2026, 4, 1), today=D(2026, 5, 5))
    return {str(f.rule) for row in rows for f in row.findings} & {Rule.CONTRACT_EXPLANATION_MISSING}


def test_contract_explanation_missing_is_cleared_from_the_contract_page_article_4_2(world, started, client):
    """運営基準第4条第2項: without a contract the plan's months are a finding; recorded on the page
    with the explanation (契約日 2026-04-01, before the 4/15 start), the finding goes and the client
    page shows the contract date in 和暦 and that it was explained."""
    assert contract_rules(world) == {Rule.CONTRACT_EXPLANATION_MISSING}
    client.force_login(world.cm_a)
    page = client.get(f"/clients/{started.pk}/").content.decode()
    assert f'href="/care/clients/{started.pk}/contract/new/"' in page
    assert "契約の記録はまだありません" in page
    response = client.post(
        f"/care/clients/{started.pk}/contract/new/",
        {"contracted_on": "2026-04-01", "multiple_providers_explained": "on", "explanation_note": "重要事項説明書"},
    )
    assert response.status_code == 302
    contract = CareManagementContract.objects.get(client=started)
    assert (contract.contracted_on, contract.multiple_providers_explained) == (D(2026, 4, 1), True)
    assert contract_rules(world) == set()
    page = client.get(f"/clients/{started.pk}/").content.decode()
    assert "契約日 令和8年4月1日" in page
    assert "複数事業所の紹介等を説明済" in page


def test_contract_without_the_explanation_is_refused_on_the_field_article_4_2(world, started, client):
    """運営基準第4条第2項: the explanation is an obligation; the form refuses a contract without it
    with the Japanese message on the checkbox, and nothing is stored."""
    client.force_login(world.cm_a)
    response = client.post(f"/care/clients/{started.pk}/contract/new/", {"contracted_on": "2026-04-01"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["multiple_providers_explained"] == [str(messages.CONTRACT_EXPLANATION_REQUIRED)]
    assert not CareManagementContract.objects.filter(client=started).exists()


def test_contract_api_answers_422_without_the_explanation_article_4_2(world, started, client):
    token = api_token_create(actor=None, user=world.cm_a)
    url = f"/api/v1/clients/{started.pk}/contracts"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}", "content_type": "application/json"}
    refused = client.post(url, {"contracted_on": "2026-04-01", "multiple_providers_explained": False}, **auth)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "multiple_providers_explained"]
    assert refused.json()["detail"][0]["code"] == "contract_explanation_required"
    made = client.post(url, {"contracted_on": "2026-04-01", "multiple_providers_explained": True}, **auth)
    assert made.status_code == 201
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").json()[0]["contracted_on"] == "2026-04-01"
    assert contract_rules(world) == set()


def test_contract_dated_after_today_is_refused_naming_the_field(world, client_a):
    """Issue 9 item 14's principle: a fact that happened (here the contract) is not dated after
    today; the message names 契約日."""
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        services.contract_create(
            actor=world.cm_a,
            client=client_a,
            data=ContractInput(contracted_on=tomorrow, multiple_providers_explained=True),
        )
    assert set(caught.value.message_dict) == {"contracted_on"}
    assert "契約日" in caught.value.message_dict["contracted_on"][0]
    assert not CareManagementContract.objects.exists()
