"""The office report and /api/v1/compliance share one grouping: each client's findings of the
month with its 運営基準減算 label (指定居宅介護支援に要する費用の額の算定に関する基準 注: 50%; no fee when
it lasts two months or more)."""

from __future__ import annotations

import pytest

from carebridge.casework import services as casework
from carebridge.casework.inputs import MonitoringInput
from carebridge.compliance import messages
from carebridge.compliance.selectors import compliance_report
from carebridge.core.services import api_token_create

from ..careplan_helpers import D, agree_and_start, contract_and_home_assessment, draft_plan
from ..factories import CertificationFactory, ClientFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_clients(world):
    """Both start services on 2026-04-15 (monitoring due from April, on or after the 15th). One was
    visited in June, the other was not: in July both miss their visit."""
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    clients = []
    for name, kana in (("一度 花子", "イチド　ハナコ"), ("二度 太郎", "ニド　タロウ")):
        client = ClientFactory(office=world.office_a, care_manager=world.cm_a, name=name, kana=kana)
        CertificationFactory(client=client)
        contract_and_home_assessment(world.cm_a, client)
        agree_and_start(world.cm_a, draft_plan(world.cm_a, client, providers), providers)
        casework.monitoring_record(
            actor=world.cm_a, client=client, month=D(2026, 5, 1), data=MonitoringInput(visited_on=D(2026, 5, 12))
        )
        clients.append(client)
    casework.monitoring_record(
        actor=world.cm_a, client=clients[0], month=D(2026, 6, 1), data=MonitoringInput(visited_on=D(2026, 6, 10))
    )
    return clients


def test_a_first_month_without_monitoring_risks_half_the_fee_a_second_no_fee(world, two_clients):
    once, twice = two_clients
    rows = compliance_report(actor=world.cm_a, month=D(2026, 7, 1), today=D(2026, 8, 5))
    labels = {row.client.pk: row.penalty_label for row in rows}
    assert labels == {once.pk: messages.PENALTY_RISK_HALF, twice.pk: messages.PENALTY_NONE}
    assert [row.client.pk for row in rows] == [once.pk, twice.pk]  # penalty risks first, by kana


def test_the_api_returns_the_same_label_beside_each_finding(world, client, two_clients):
    once, twice = two_clients
    token = api_token_create(actor=None, user=world.cm_a)
    body = client.get("/api/v1/compliance?month=2026-07", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    labels = {(item["client_id"], item["rule"]): item["penalty_label"] for item in body}
    assert labels[(once.pk, "monitoring_missing")] == "50%減算のおそれ"
    assert labels[(twice.pk, "monitoring_missing")] == "算定不可（2か月以上継続）"


def test_report_query_count_does_not_grow_with_certifications_meetings_contracts_and_special_months(world, two_clients):
    """運営基準第4条第2項, 第13条第14号・第15号: the facts of the issue 9 rules come in a fixed number of
    queries, however many certification lines, contracts and 特段の事情 months the clients have."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from carebridge.casework.inputs import ContractInput, SpecialCircumstanceInput

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            compliance_report(actor=world.cm_a, month=D(2026, 7, 1), today=D(2026, 8, 5))
        return len(ctx.captured_queries)

    before = count()
    for client in two_clients:
        CertificationFactory(client=client, valid_from=D(2026, 6, 1), certified_on=D(2026, 5, 25))
        casework.contract_create(
            actor=world.cm_a,
            client=client,
            data=ContractInput(contracted_on=D(2026, 6, 1), multiple_providers_explained=True),
        )
        casework.special_circumstance_record(
            actor=world.cm_a,
            client=client,
            month=D(2026, 7, 1),
            data=SpecialCircumstanceInput(reason="refusal", evidence="本人が訪問を断った"),
        )
    assert count() == before
