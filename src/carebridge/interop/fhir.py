"""FHIR R4 export of a client's current plan: one transaction Bundle (interop/fhir_mapping.py maps).

"Current" is the version in effect on the given day (careplans/rules.py `in_effect_on`: started,
and not yet ended by a newer version that started), the newest one if several are. The Bundle
holds Patient, the care manager(s) as Practitioner, the office, the insurer and each provider as
Organization, Coverage (the plan's certification), the CarePlan with its Goals and a CareTeam,
the plan's Consent, and every earlier version of the plan as a CarePlan of its own (status
completed), each `replaces` the one before it.

Reads go through fixed queries whatever the size of the plan (no query per row).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable

from django.core.exceptions import ObjectDoesNotExist

from carebridge.careplans import rules as plan_rules
from carebridge.careplans import selectors as plan_selectors
from carebridge.careplans.models import CarePlan, PlanConsent, PlannedService
from carebridge.clients.models import Client
from carebridge.clients.rules import CARE_LEVEL_CODES, CareLevel
from carebridge.core.models import Office, User

from . import fhir_mapping as m

logger = logging.getLogger("carebridge.interop.fhir")


def current_plan(*, client: Client, on: dt.date) -> tuple[CarePlan | None, list[plan_rules.PlanFacts]]:
    """The plan in effect on `on` (None if none is) and the facts of every version of the client."""
    versions = plan_selectors.plan_facts([client.pk]).get(client.pk, [])
    current = [v for v in versions if plan_rules.in_effect_on(v, on)]
    if not current:
        return None, versions
    chosen = max(current, key=lambda v: v.version)
    plan = (
        CarePlan.objects.select_related(
            "client__office", "client__care_manager", "office", "certification", "author", "consent"
        )
        .filter(pk=chosen.plan_id, client=client)
        .first()
    )
    return plan, versions


def _consent_of(plan: CarePlan) -> PlanConsent | None:
    try:
        return plan.consent
    except ObjectDoesNotExist:
        return None


Url = Callable[[str, object], str]


def plan_bundle(*, plan: CarePlan, versions: list[plan_rules.PlanFacts], now: dt.datetime) -> m.Resource:
    """The transaction Bundle of `plan` (fetched by `current_plan`) and its earlier versions."""
    client = plan.client
    number = plan.office.office_number

    def url(kind: str, key: object) -> str:
        return m.full_url(number, kind, key)

    patient_url = url("client", client.pk)
    office_url = url("office", plan.office_id)
    sheet = _second_sheet(plan, url)
    entries = [
        m.identified(patient_url, m.patient(_patient_facts(client, patient_url, number))),
        m.identified(office_url, m.organization(_office_facts(plan.office, office_url))),
        *_practitioners(plan, url),
        *(
            m.identified(u, m.organization(org)) if org.number else m.Entry(u, m.organization(org))
            for u, org in sheet.providers.items()
        ),
        *_coverage(plan, url, patient_url),
    ]

    # CareTeam: the care manager for the office, and each provider.
    team_url = url("careteam", plan.pk)
    members: list[m.TeamMember] = []
    if client.care_manager is not None:
        members.append(m.TeamMember(url("user", client.care_manager.pk), "介護支援専門員", office_url))
    for u, org in sheet.providers.items():
        members.append(m.TeamMember(u, f"サービス事業所（{'・'.join(org.service_kinds)}）"))
    team = m.CareTeamFacts(url=team_url, name=f"{plan} の担当者", organization_url=office_url, members=tuple(members))
    entries.append(m.Entry(team_url, m.care_team(team, patient_url=patient_url)))

    # The CarePlan, its goals, its earlier versions, its consent.
    plan_url = url("careplan", plan.pk)
    ended = {v.plan_id: v.ended_on for v in versions}
    facts_of_plan = m.PlanFacts(
        url=plan_url,
        office_number=number,
        client_id=client.pk,
        plan_id=plan.pk,
        version=plan.version,
        status=plan.status,
        made_on=plan.made_on,
        start=plan.service_start_on or plan.drafted_on,
        end=ended.get(plan.pk),
        policy=plan.policy,
        intentions=plan.intentions,
        board_opinion=plan.board_opinion,
        author_url=url("user", plan.author_id) if plan.author_id else "",
        care_team_url=team_url,
        replaces_url=url("careplan", plan.replaces_id) if plan.replaces_id else "",
        goal_urls=tuple(g.url for g in sheet.goals),
        activities=tuple(sheet.activities),
    )
    entries.append(m.Entry(plan_url, m.careplan(facts_of_plan, patient_url=patient_url)))
    active = m.PLAN_STATUS.get(plan.status) == "active"
    entries.extend(m.Entry(g.url, m.goal(g, patient_url=patient_url, active=active)) for g in sheet.goals)
    entries.extend(_earlier_versions(plan, ended, url, patient_url))
    entries.extend(_consent(plan, url, patient_url=patient_url, plan_url=plan_url, office_url=office_url))

    # Ids and counts only: the names and numbers in the bundle are personal data.
    logger.info("FHIR bundle of plan %s (client %s): %d entries", plan.pk, client.pk, len(entries))
    return m.bundle(entries, timestamp=now)


def _patient_facts(client: Client, url: str, office_number: str) -> m.PatientFacts:
    return m.PatientFacts(
        url=url,
        office_number=office_number,
        client_id=client.pk,
        name=client.name,
        kana=client.kana,
        birth_date=client.birth_date,
        sex=client.sex,
        insured_number=client.insured_number,
        insurer_number=client.insurer_number,
        postal_code=client.postal_code,
        address=client.address,
        phone=client.phone,
    )


def _office_facts(office: Office, url: str) -> m.OrganizationFacts:
    return m.OrganizationFacts(
        url=url,
        name=office.name,
        number=office.office_number,
        service_kinds=("居宅介護支援",),
        postal_code=office.postal_code,
        address=office.address,
        phone=office.phone,
    )


def _practitioners(plan: CarePlan, url: Url) -> list[m.Entry]:
    """The client's care manager and the plan's author (one resource per person)."""
    people: dict[int, User] = {}
    for user in (plan.client.care_manager, plan.author):
        if user is not None:
            people.setdefault(user.pk, user)
    out = []
    for user in people.values():
        u = url("user", user.pk)
        person = m.PractitionerFacts(url=u, name=str(user), care_manager_number=user.care_manager_number)
        out.append(m.identified(u, m.practitioner(person)))
    return out


@dataclasses.dataclass
class _Sheet:
    """第2表 as facts: goals in the plan's order, services, and the providers they name (by url,
    with the kinds of service each gives in this plan)."""

    goals: list[m.GoalFacts] = dataclasses.field(default_factory=list)
    activities: list[m.ActivityFacts] = dataclasses.field(default_factory=list)
    providers: dict[str, m.OrganizationFacts] = dataclasses.field(default_factory=dict)


def _second_sheet(plan: CarePlan, url: Url) -> _Sheet:
    sheet = _Sheet()
    for need in plan_selectors.plan_tree(plan=plan):
        for long in plan_selectors.prefetched(need, "long_goals"):
            shorts = tuple(url("goal", s.pk) for s in long.shorts)
            goal = m.GoalFacts(url("goal", long.pk), "long", long.text, need.text, long.period_start, long.period_end)
            sheet.goals.append(dataclasses.replace(goal, milestones=shorts))
            for short in long.shorts:
                short_url = url("goal", short.pk)
                sheet.goals.append(
                    m.GoalFacts(short_url, "short", short.text, need.text, short.period_start, short.period_end)
                )
                for service in short.service_list:
                    provider_url = _provider(sheet, service, url)
                    sheet.activities.append(
                        m.ActivityFacts(
                            content=service.content,
                            service_kind=service.service_kind,
                            service_type_code=service.service_type_code,
                            frequency=service.frequency,
                            period_start=service.period_start,
                            period_end=service.period_end,
                            insured=service.insured,
                            goal_url=short_url,
                            provider_url=provider_url,
                            provider_name=service.provider_label,
                        )
                    )
    return sheet


def _provider(sheet: _Sheet, service: PlannedService, url: Url) -> str:
    """The url of the service's provider (a directory row, or a name typed in; "" for none),
    added to the sheet's providers with the kind of service."""
    p = service.provider
    if p is not None:
        u = url("provider", p.pk)
        facts = m.OrganizationFacts(
            url=u, name=p.name, number=p.provider_number, postal_code=p.postal_code, address=p.address, phone=p.phone
        )
    elif service.provider_name:
        u = url("provider-name", service.provider_name)
        facts = m.OrganizationFacts(url=u, name=service.provider_name)
    else:
        return ""
    known = sheet.providers.setdefault(u, facts)
    if service.service_kind not in known.service_kinds:
        sheet.providers[u] = dataclasses.replace(known, service_kinds=(*known.service_kinds, service.service_kind))
    return u


def _coverage(plan: CarePlan, url: Url, patient_url: str) -> list[m.Entry]:
    """The care insurance of the plan's certification, paid by the client's insurer (none for a
    plan made without a decided certification)."""
    cert = plan.certification
    if cert is None or not cert.care_level:
        return []
    client = plan.client
    insurer_url = url("insurer", client.insurer_number)
    insurer = m.OrganizationFacts(
        url=insurer_url, name=f"保険者（保険者番号 {client.insurer_number}）", number=client.insurer_number, kind="pay"
    )
    coverage = m.CoverageFacts(
        url=url("certification", cert.pk),
        insured_number=client.insured_number,
        insurer_url=insurer_url,
        care_level_code=CARE_LEVEL_CODES[CareLevel(cert.care_level)],
        care_level_name=cert.get_care_level_display(),
        valid_from=cert.valid_from,
        valid_to=cert.valid_to,
        copay_percent=cert.copay_rate,
    )
    return [
        m.identified(insurer_url, m.organization(insurer)),
        m.Entry(coverage.url, m.coverage(coverage, patient_url=patient_url)),
    ]


def _consent(plan: CarePlan, url: Url, *, patient_url: str, plan_url: str, office_url: str) -> list[m.Entry]:
    consent = _consent_of(plan)
    if consent is None:
        return []
    facts = m.ConsentFacts(
        url=url("consent", consent.pk),
        consented_on=consent.consented_on,
        method=consent.method,
        method_label=consent.get_method_display(),
        signer_name=consent.signer_name,
        signer_relation=consent.signer_relation,
        plan_url=plan_url,
        organization_url=office_url,
    )
    return [m.Entry(facts.url, m.consent(facts, patient_url=patient_url))]


def _earlier_versions(plan: CarePlan, ended: dict[int, dt.date | None], url: Url, patient_url: str) -> list[m.Entry]:
    """The versions `plan` replaces, newest first, each a CarePlan that `replaces` the one before."""
    rows = {
        row.pk: row
        for row in CarePlan.objects.filter(client_id=plan.client_id).only(
            "pk", "version", "status", "made_on", "drafted_on", "service_start_on", "replaces_id", "policy"
        )
    }
    out: list[m.Entry] = []
    seen = {plan.pk}
    pk = plan.replaces_id
    while pk is not None and pk in rows and pk not in seen:
        seen.add(pk)
        row = rows[pk]
        u = url("careplan", row.pk)
        start = row.service_start_on or row.drafted_on
        end = ended.get(row.pk)
        facts = m.PlanFacts(
            url=u,
            office_number=plan.office.office_number,
            client_id=plan.client_id,
            plan_id=row.pk,
            version=row.version,
            status=row.status,
            made_on=row.made_on,
            start=start,
            end=end if end is not None and end >= start else None,
            policy=row.policy,
            replaces_url=url("careplan", row.replaces_id) if row.replaces_id else "",
        )
        out.append(m.Entry(u, m.careplan(facts, patient_url=patient_url)))
        pk = row.replaces_id
    return out
