"""FHIR R4 resources of a care plan, as plain dicts, from plain facts (no Django import).

Each function maps one kind of fact to one resource; `bundle` wraps them into a transaction
Bundle whose entries are named `urn:uuid:` (deterministic uuid5 of the office number, the kind
and the row id, so the same record always gets the same fullUrl) and POSTed by type, with
`ifNoneExist` on the resources a receiver can match by a business identifier (Patient,
Practitioner, Organization), so sending twice does not duplicate them.

The resources use only elements that are the same in R4 (4.0.1) and R4B (4.3.0); tests validate
them with the R4B models of fhir.resources (its 7.x/8.x releases ship R4B and R5, not 4.0.1).

Identifier systems (docs/interop-fhir.md): Japan has no published NamingSystem for the care
insurance numbers yet (JP Core covers medical insurance), so CareBridge names them under its own
URN namespace `urn:carebridge:` — 【要確認】 switch to national URIs once they are published.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

Resource = dict[str, Any]

# -- identifier systems and code systems (documented in docs/interop-fhir.md) --------------------
INSURED_NUMBER_SYSTEM = "urn:carebridge:sid:kaigo-hihokensha-bango"  # 被保険者番号 (10 digits)
INSURER_NUMBER_SYSTEM = "urn:carebridge:sid:kaigo-hokensha-bango"  # 保険者番号 (6 digits)
OFFICE_NUMBER_SYSTEM = "urn:carebridge:sid:kaigo-jigyosho-bango"  # 介護保険事業所番号 (10 digits)
CARE_MANAGER_NUMBER_SYSTEM = "urn:carebridge:sid:kaigo-shien-senmonin-bango"  # 介護支援専門員番号 (8 digits)
CARE_LEVEL_SYSTEM = "urn:carebridge:cs:yokaigo-jotai-kubun"  # 要介護状態区分コード (21 = 要介護1 …)
SERVICE_TYPE_SYSTEM = "urn:carebridge:cs:kaigo-service-shurui"  # サービス種類コード (11 = 訪問介護 …)
GOAL_TERM_SYSTEM = "urn:carebridge:cs:goal-term"  # long 長期目標 / short 短期目標
CONSENT_METHOD_EXTENSION = "urn:carebridge:ext:consent-method"  # valueCoding of CONSENT_METHOD_SYSTEM
CONSENT_METHOD_SYSTEM = "urn:carebridge:cs:consent-method"  # signature / name_and_seal / electronic
INSURED_EXTENSION = "urn:carebridge:ext:insured-service"  # 保険給付対象 (valueBoolean) on an activity


def local_system(office_number: str, kind: str) -> str:
    """The system of CareBridge's own ids of an office's records (a client, a plan version)."""
    return f"urn:carebridge:office:{office_number}:{kind}"


# Standard URIs (HL7).
NAME_REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation"
GOAL_RELATIONSHIP = "http://hl7.org/fhir/StructureDefinition/goal-relationship"
ORGANIZATION_TYPE = "http://terminology.hl7.org/CodeSystem/organization-type"
COVERAGE_CLASS = "http://terminology.hl7.org/CodeSystem/coverage-class"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
# The rule that asks for the client's written consent to the plan.
CONSENT_RULE = (
    "指定居宅介護支援等の事業の人員及び運営に関する基準 第13条第10号（居宅サービス計画の説明・文書による同意）"
)

_NAMESPACE = uuid.UUID("6d1f3b8e-6f0a-5c1e-9a53-2b7c0c6e4f10")


def full_url(office_number: str, kind: str, key: object) -> str:
    """The fullUrl of a record in a bundle: the same record always gets the same one."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{office_number}/{kind}/{key}')}"


def ref(url: str, display: str = "") -> dict[str, str]:
    out = {"reference": url}
    if display:
        out["display"] = display
    return out


def period(start: dt.date | None, end: dt.date | None) -> dict[str, str]:
    out = {}
    if start is not None:
        out["start"] = start.isoformat()
    if end is not None:
        out["end"] = end.isoformat()
    return out


def split_name(name: str) -> tuple[str, str]:
    """(family, given) of a name written with a space (full- or half-width) between them;
    ("", "") when there is none (then only the text is sent)."""
    parts = name.replace("\u3000", " ").split(None, 1)
    return (parts[0], parts[1]) if len(parts) == 2 else ("", "")


def human_name(text: str, representation: str) -> dict[str, Any]:
    """One HumanName in JP Core's way: kanji with representation IDE, kana with SYL."""
    out: dict[str, Any] = {
        "extension": [{"url": NAME_REPRESENTATION, "valueCode": representation}],
        "use": "official",
        "text": text,
    }
    family, given = split_name(text)
    if family:
        out["family"] = family
        out["given"] = [given]
    return out


def _identifier(system: str, value: str) -> dict[str, str]:
    return {"system": system, "value": value}


# -- facts (plain data the selectors fill in) ------------------------------------------------------


@dataclass(frozen=True)
class PatientFacts:
    url: str
    office_number: str
    client_id: int
    name: str
    kana: str
    birth_date: dt.date
    sex: str  # "male" | "female"
    insured_number: str
    insurer_number: str
    postal_code: str = ""
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class PractitionerFacts:
    url: str
    name: str
    care_manager_number: str = ""


@dataclass(frozen=True)
class OrganizationFacts:
    url: str
    name: str
    number: str = ""  # 事業所番号 (or 保険者番号 for an insurer)
    kind: str = "prov"  # organization-type: prov (provider) | pay (payer, the insurer)
    service_kinds: tuple[str, ...] = ()
    postal_code: str = ""
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class CoverageFacts:
    url: str
    insured_number: str
    insurer_url: str
    care_level_code: str
    care_level_name: str
    valid_from: dt.date
    valid_to: dt.date
    copay_percent: int


@dataclass(frozen=True)
class GoalFacts:
    url: str
    term: str  # "long" | "short"
    text: str
    need: str
    period_start: dt.date
    period_end: dt.date
    milestones: tuple[str, ...] = ()  # a long-term goal's short-term goals (their urls)


@dataclass(frozen=True)
class ActivityFacts:
    content: str
    service_kind: str
    service_type_code: str
    frequency: str
    period_start: dt.date
    period_end: dt.date
    insured: bool
    goal_url: str
    provider_url: str = ""
    provider_name: str = ""


@dataclass(frozen=True)
class PlanFacts:
    url: str
    office_number: str
    client_id: int
    plan_id: int
    version: int
    status: str  # careplans.PlanStatus value
    made_on: dt.date
    start: dt.date
    end: dt.date | None
    policy: str = ""
    intentions: str = ""
    board_opinion: str = ""
    author_url: str = ""
    care_team_url: str = ""
    replaces_url: str = ""
    goal_urls: tuple[str, ...] = ()
    activities: tuple[ActivityFacts, ...] = ()


@dataclass(frozen=True)
class TeamMember:
    url: str
    role: str
    on_behalf_of: str = ""


@dataclass(frozen=True)
class CareTeamFacts:
    url: str
    name: str
    organization_url: str
    members: tuple[TeamMember, ...] = field(default=())


@dataclass(frozen=True)
class ConsentFacts:
    url: str
    consented_on: dt.date
    method: str
    method_label: str
    signer_name: str
    signer_relation: str
    plan_url: str
    organization_url: str


# -- resources ---------------------------------------------------------------------------------


def patient(f: PatientFacts) -> Resource:
    out: Resource = {
        "resourceType": "Patient",
        "identifier": [
            {**_identifier(INSURED_NUMBER_SYSTEM, f.insured_number), "use": "official"},
            _identifier(local_system(f.office_number, "client"), str(f.client_id)),
        ],
        "name": [human_name(f.name, "IDE"), human_name(f.kana, "SYL")],
        "gender": f.sex if f.sex in {"male", "female"} else "unknown",
        "birthDate": f.birth_date.isoformat(),
    }
    if f.phone:
        out["telecom"] = [{"system": "phone", "value": f.phone}]
    if f.address or f.postal_code:
        out["address"] = [_address(f.postal_code, f.address)]
    return out


def _address(postal_code: str, text: str) -> dict[str, str]:
    out = {"use": "home", "country": "JP"}
    if text:
        out["text"] = text
    if postal_code:
        out["postalCode"] = postal_code
    return out


def practitioner(f: PractitionerFacts) -> Resource:
    out: Resource = {"resourceType": "Practitioner", "name": [{"text": f.name}]}
    if f.care_manager_number:
        out["identifier"] = [_identifier(CARE_MANAGER_NUMBER_SYSTEM, f.care_manager_number)]
    return out


def organization(f: OrganizationFacts) -> Resource:
    system = INSURER_NUMBER_SYSTEM if f.kind == "pay" else OFFICE_NUMBER_SYSTEM
    display = "Payer" if f.kind == "pay" else "Healthcare Provider"
    out: Resource = {
        "resourceType": "Organization",
        "active": True,
        "type": [{"coding": [{"system": ORGANIZATION_TYPE, "code": f.kind, "display": display}]}],
        "name": f.name,
    }
    if f.number:
        out["identifier"] = [_identifier(system, f.number)]
    if f.service_kinds:
        out["type"].append({"text": "・".join(f.service_kinds)})
    if f.phone:
        out["telecom"] = [{"system": "phone", "value": f.phone}]
    if f.address or f.postal_code:
        out["address"] = [{**_address(f.postal_code, f.address), "use": "work"}]
    return out


def coverage(f: CoverageFacts, *, patient_url: str) -> Resource:
    return {
        "resourceType": "Coverage",
        "status": "active",
        "type": {"text": "介護保険"},
        "subscriberId": f.insured_number,
        "beneficiary": ref(patient_url),
        "relationship": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/subscriber-relationship", "code": "self"}]
        },
        "period": period(f.valid_from, f.valid_to),
        "payor": [ref(f.insurer_url)],
        "class": [
            {
                "type": {"coding": [{"system": COVERAGE_CLASS, "code": "plan"}], "text": "要介護状態区分"},
                "value": f.care_level_code,
                "name": f.care_level_name,
            }
        ],
        "costToBeneficiary": [
            {
                "type": {"text": "利用者負担割合"},
                "valueQuantity": {"value": f.copay_percent, "unit": "%", "system": UCUM, "code": "%"},
            }
        ],
    }


_TERM_LABELS = {"long": "長期目標", "short": "短期目標"}


def goal(f: GoalFacts, *, patient_url: str, active: bool) -> Resource:
    out: Resource = {
        "resourceType": "Goal",
        "lifecycleStatus": "active" if active else "proposed",
        "category": [
            {
                "coding": [{"system": GOAL_TERM_SYSTEM, "code": f.term, "display": _TERM_LABELS.get(f.term, f.term)}],
                "text": _TERM_LABELS.get(f.term, f.term),
            }
        ],
        "description": {"text": f.text},
        "subject": ref(patient_url),
        "startDate": f.period_start.isoformat(),
        "target": [{"dueDate": f.period_end.isoformat()}],
        "note": [{"text": f"生活全般の解決すべき課題（ニーズ）: {f.need}"}],
    }
    if f.milestones:
        out["extension"] = [
            {
                "url": GOAL_RELATIONSHIP,
                "extension": [{"url": "type", "valueCode": "milestone"}, {"url": "target", "valueReference": ref(u)}],
            }
            for u in f.milestones
        ]
    return out


# careplans.PlanStatus → CarePlan.status (draft | active | revoked | completed …)
PLAN_STATUS = {
    "draft": "draft",
    "presented": "draft",
    "consented": "active",
    "delivered": "active",
    "active": "active",
    "superseded": "completed",
}


def activity(a: ActivityFacts, *, plan_status: str) -> dict[str, Any]:
    code: dict[str, Any] = {"text": a.service_kind}
    if a.service_type_code:
        code["coding"] = [{"system": SERVICE_TYPE_SYSTEM, "code": a.service_type_code, "display": a.service_kind}]
    detail: dict[str, Any] = {
        "extension": [{"url": INSURED_EXTENSION, "valueBoolean": a.insured}],
        "kind": "ServiceRequest",
        "code": code,
        "goal": [ref(a.goal_url)],
        "status": {"active": "in-progress", "completed": "completed"}.get(plan_status, "not-started"),
        "scheduledTiming": {
            "repeat": {"boundsPeriod": period(a.period_start, a.period_end)},
            "code": {"text": a.frequency},
        },
        "description": a.content,
    }
    if a.provider_url:
        detail["performer"] = [ref(a.provider_url, a.provider_name)]
    return {"detail": detail}


def careplan(f: PlanFacts, *, patient_url: str) -> Resource:
    status = PLAN_STATUS.get(f.status, "unknown")
    out: Resource = {
        "resourceType": "CarePlan",
        "identifier": [_identifier(local_system(f.office_number, "careplan"), f"{f.client_id}-{f.version}")],
        "status": status,
        "intent": "plan",
        "category": [{"text": "居宅サービス計画"}],
        "title": f"居宅サービス計画 第{f.version}版",
        "subject": ref(patient_url),
        "period": period(f.start, f.end),
        "created": f.made_on.isoformat(),
    }
    if f.policy:
        out["description"] = f.policy
    if f.replaces_url:
        out["replaces"] = [ref(f.replaces_url)]
    if f.author_url:
        out["author"] = ref(f.author_url)
    if f.care_team_url:
        out["careTeam"] = [ref(f.care_team_url)]
    if f.goal_urls:
        out["goal"] = [ref(u) for u in f.goal_urls]
    if f.activities:
        out["activity"] = [activity(a, plan_status=status) for a in f.activities]
    notes = [
        f"{label}: {text}"
        for label, text in (
            ("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", f.intentions),
            ("介護認定審査会の意見及びサービスの種類の指定", f.board_opinion),
        )
        if text
    ]
    if notes:
        out["note"] = [{"text": n} for n in notes]
    return out


def care_team(f: CareTeamFacts, *, patient_url: str) -> Resource:
    participants = []
    for m in f.members:
        row: dict[str, Any] = {"role": [{"text": m.role}], "member": ref(m.url)}
        if m.on_behalf_of:
            row["onBehalfOf"] = ref(m.on_behalf_of)
        participants.append(row)
    out: Resource = {
        "resourceType": "CareTeam",
        "status": "active",
        "name": f.name,
        "subject": ref(patient_url),
        "managingOrganization": [ref(f.organization_url)],
    }
    if participants:
        out["participant"] = participants
    return out


def consent(f: ConsentFacts, *, patient_url: str) -> Resource:
    signer = ref(patient_url) if f.signer_relation == "本人" else {"display": f"{f.signer_name}（{f.signer_relation}）"}
    return {
        "resourceType": "Consent",
        "extension": [
            {
                "url": CONSENT_METHOD_EXTENSION,
                "valueCoding": {"system": CONSENT_METHOD_SYSTEM, "code": f.method, "display": f.method_label},
            }
        ],
        "status": "active",
        "scope": {"coding": [{"system": CONSENT_SCOPE, "code": "treatment"}]},
        "category": [
            {
                "coding": [{"system": LOINC, "code": "59284-0", "display": "Patient Consent"}],
                "text": "居宅サービス計画への同意",
            }
        ],
        "patient": ref(patient_url),
        "dateTime": f.consented_on.isoformat(),
        "performer": [signer],
        "organization": [ref(f.organization_url)],
        "policyRule": {"text": CONSENT_RULE},
        "provision": {"type": "permit", "data": [{"meaning": "related", "reference": ref(f.plan_url)}]},
    }


# -- the bundle --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    url: str
    resource: Resource
    if_none_exist: str = ""  # a search that finds the resource at the receiver, if it has it


def identified(url: str, resource: Resource) -> Entry:
    """An entry that a receiver creates only if no resource has its first identifier."""
    ids = resource.get("identifier") or []
    match = f"identifier={ids[0]['system']}|{ids[0]['value']}" if ids else ""
    return Entry(url, resource, match)


def bundle(entries: Sequence[Entry], *, timestamp: dt.datetime) -> Resource:
    rows = []
    for e in entries:
        request = {"method": "POST", "url": e.resource["resourceType"]}
        if e.if_none_exist:
            request["ifNoneExist"] = e.if_none_exist
        rows.append({"fullUrl": e.url, "resource": e.resource, "request": request})
    return {"resourceType": "Bundle", "type": "transaction", "timestamp": timestamp.isoformat(), "entry": rows}


def references(value: object) -> list[str]:
    """Every `reference` string anywhere in a resource (to check that they resolve)."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "reference" and isinstance(inner, str):
                found.append(inner)
            else:
                found.extend(references(inner))
    elif isinstance(value, list):
        for inner in value:
            found.extend(references(inner))
    return found
