"""A client with a started plan (from tests/careplan_helpers) and its May 2026 slip."""

from __future__ import annotations

import datetime as dt

from carebridge.billing import slip_rules, slip_services
from carebridge.billing.models import UsageSlip

from ..careplan_helpers import D, agree_and_start, contract_and_home_assessment, draft_plan
from ..factories import CertificationFactory, ClientFactory, ProviderFactory

MAY = D(2026, 5, 1)


def code_double(service_type: str, minutes: int, care_level: str, on: dt.date) -> slip_rules.CodeChoice | None:
    """A test double of the master lookup: 通所介護 only (types are blank in the helper plan)."""
    return slip_rules.CodeChoice("151111", "通所介護１１", 658)


def planned_client(world, name: str = "請求 花子", kana: str = "セイキュウ　ハナコ"):
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    client = ClientFactory(office=world.office_a, care_manager=world.cm_a, name=name, kana=kana)
    CertificationFactory(client=client)
    contract_and_home_assessment(world.cm_a, client)
    plan = agree_and_start(world.cm_a, draft_plan(world.cm_a, client, providers), providers)
    return client, plan, providers


def may_slip(world, client) -> UsageSlip:
    return slip_services.slip_generate(actor=world.cm_a, client=client, month=MAY)
