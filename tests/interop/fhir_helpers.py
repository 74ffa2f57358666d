"""Plans for the FHIR export tests: an active first version, and a revision put into effect."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fhir.resources.R4B import get_fhir_model_class

from carebridge.careplans import services
from carebridge.careplans.inputs import ConferenceInput, PlanConsentInput, ServiceInput
from carebridge.careplans.models import CarePlan
from carebridge.careplans.selectors import plan_providers
from carebridge.interop import fhir_mapping

from ..careplan_helpers import agree_and_start, draft_plan
from ..factories import CertificationFactory, ProviderFactory

D = dt.date


def active_plan(world: Any, client: Any) -> CarePlan:
    CertificationFactory(client=client)
    providers = [
        ProviderFactory(office=world.office_a, service_type_codes=[c], name=name)
        for c, name in (("15", "デイサービスさくら"), ("13", "訪問看護ひかり"), ("17", "福祉用具もみじ"))
    ]
    return agree_and_start(world.cm_a, draft_plan(world.cm_a, client, providers), providers)


def put_revision_in_effect(
    actor: Any, plan: CarePlan, *, drafted_on: dt.date, start: dt.date, extend: Callable[[CarePlan], None] | None = None
) -> CarePlan:
    """変更: a new version drafted on `drafted_on` (`extend` adds to the draft), agreed, delivered
    and started on `start`."""
    new = services.careplan_revise(actor=actor, plan=plan, drafted_on=drafted_on)
    if extend is not None:
        extend(new)
    meeting = ConferenceInput(
        held_on=drafted_on, place="自宅", items_discussed="変更", discussion="変更", conclusion="変更のとおり"
    )
    services.conference_create(actor=actor, plan=new, data=meeting)
    consent = PlanConsentInput(
        consented_on=drafted_on, signer_name="長女 山田 花", signer_relation="長女", method="name_and_seal"
    )
    services.plan_consent_record(actor=actor, plan=new, data=consent)
    services.plan_delivery_record(actor=actor, plan=new, provider=None, delivered_on=drafted_on, method="hand")
    for provider in plan_providers(new):
        services.plan_delivery_record(actor=actor, plan=new, provider=provider, delivered_on=drafted_on, method="fax")
    return services.careplan_activate(actor=actor, plan=new, service_start_on=start)


def add_need_with_services(actor: Any, plan: CarePlan, count: int) -> None:
    """One more need, goal pair and `count` services, each from a new provider."""
    need = services.need_add(actor=actor, plan=plan, text="買い物に行きたい")
    long = services.goal_add(
        actor=actor, need=need, term="long", text="店まで歩く", period_start=D(2026, 7, 1), period_end=D(2026, 12, 31)
    )
    short = services.goal_add(
        actor=actor,
        need=need,
        term="short",
        parent=long,
        text="付き添いで歩く",
        period_start=D(2026, 7, 1),
        period_end=D(2026, 9, 30),
    )
    for i in range(count):
        provider = ProviderFactory(office=plan.office, service_type_codes=["11"], name=f"訪問介護{i}")
        data = ServiceInput(
            content=f"買い物同行{i}",
            service_kind="訪問介護",
            service_type_code="11",
            provider=provider,
            frequency="週1回",
            period_start=D(2026, 7, 1),
            period_end=D(2026, 9, 30),
        )
        services.service_add(actor=actor, goal=short, data=data)


def validate(bundle: dict[str, Any]) -> None:
    """Every resource and the Bundle itself pass the R4B models of fhir.resources."""
    for entry in bundle["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    get_fhir_model_class("Bundle").model_validate(bundle)


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def by_url(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["fullUrl"]: e["resource"] for e in bundle["entry"]}


def dangling(bundle: dict[str, Any]) -> list[str]:
    """References that name no entry of the bundle."""
    urls = set(by_url(bundle))
    return [r for r in fhir_mapping.references(bundle["entry"]) if r not in urls]
