"""API of intakes, the contract, progress notes (第5表 and its PDF), monitoring, 特段の事情 and tasks."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from carebridge.careplans.models import Goal
from carebridge.clients.access import access_care_client
from carebridge.clients.api import ClientIn, ClientOut, with_care_manager
from carebridge.clients.inputs import ClientInput
from carebridge.clients.services import client_viewed
from carebridge.core import messages as core_messages
from carebridge.core.access import actor_of, is_row_id, office_id_of, require_permission
from carebridge.core.dates import parse_month
from carebridge.core.inputs import input_from
from carebridge.core.models import User
from carebridge.core.schemas import Date, Flag, Id, InputSchema, PatchSchema, QuerySchema, fits
from carebridge.core.services import records_listed
from carebridge.documents.http import PDF_ANSWER, pdf_response

from . import messages, pdf, selectors, services
from .access import access_intake, access_note, access_task, access_visit
from .inputs import ContractInput, EvaluationInput, IntakeInput, MonitoringInput, NoteInput, SpecialCircumstanceInput
from .models import (
    CareManagementContract,
    GoalEvaluation,
    Intake,
    MonitoringVisit,
    ProgressNote,
    SpecialCircumstance,
    Task,
)

router = Router(tags=["casework"])


class ContractOut(Schema):
    id: int
    client_id: int
    contracted_on: dt.date
    multiple_providers_explained: bool
    explanation_note: str
    ended_on: dt.date | None


class ContractIn(InputSchema):
    contracted_on: Annotated[Date, fits(CareManagementContract, "contracted_on")]
    multiple_providers_explained: Flag = Field(
        ..., description="複数の事業所の紹介・選定理由の説明を求められることを説明した（false は 422）"
    )
    explanation_note: Annotated[str, fits(CareManagementContract, "explanation_note")] = ""


@router.get("/clients/{client_id}/contracts", response=list[ContractOut], summary="居宅介護支援契約")
def list_contracts(request: HttpRequest, client_id: int) -> Any:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    return list(selectors.contract_list(client=client))


@router.post(
    "/clients/{client_id}/contracts",
    response={201: ContractOut},
    summary="居宅介護支援契約の記録（運営基準第4条第2項の説明とともに）",
)
def create_contract(request: HttpRequest, client_id: int, payload: ContractIn) -> Status[Any]:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    data = input_from(ContractInput, payload.dict())
    return Status(201, services.contract_create(actor=actor, client=client, data=data))


class NoteOut(Schema):
    id: int
    client_id: int
    noted_on: dt.date
    category: str
    content: str
    author_id: int | None
    source: str = Field(description="自動で書かれた記録の元（例 careplans.planconsent:12）。手で書いた記録は空")
    updated_at: dt.datetime


class NotePatch(PatchSchema):
    noted_on: Annotated[Date, fits(ProgressNote, "noted_on")] | None = None
    category: Annotated[str, fits(ProgressNote, "category")] | None = None
    content: Annotated[str, fits(ProgressNote, "content")] | None = None


class NoteIn(InputSchema):
    noted_on: Annotated[Date, fits(ProgressNote, "noted_on")]
    category: Annotated[str, fits(ProgressNote, "category")]
    content: Annotated[str, fits(ProgressNote, "content")]


class EvaluationIn(InputSchema):
    goal_id: Id
    result: Annotated[str, fits(GoalEvaluation, "result")]
    comment: Annotated[str, fits(GoalEvaluation, "comment")] = ""


class MonitoringIn(InputSchema):
    month: Annotated[str, fits(MonitoringVisit, "month")] = Field(..., pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")
    visited_on: Annotated[Date, fits(MonitoringVisit, "visited_on")]
    method: Annotated[str, fits(MonitoringVisit, "method")] = "home"
    video_consent_on: Annotated[Date, fits(MonitoringVisit, "video_consent_on")] | None = None
    team_agreed_on: Annotated[Date, fits(MonitoringVisit, "team_agreed_on")] | None = None
    service_status: Annotated[str, fits(MonitoringVisit, "service_status")] = ""
    condition_changes: Annotated[str, fits(MonitoringVisit, "condition_changes")] = ""
    client_view: Annotated[str, fits(MonitoringVisit, "client_view")] = ""
    family_view: Annotated[str, fits(MonitoringVisit, "family_view")] = ""
    reassessment_needed: Flag = False
    evaluations: list[EvaluationIn] = []


class MonitoringOut(Schema):
    id: int
    client_id: int
    plan_id: int | None
    month: dt.date
    visited_on: dt.date
    method: str
    reassessment_needed: bool
    updated_at: dt.datetime


class MonitoringPatch(PatchSchema):
    """A correction (until the 10th of the following month): the reason is required; the fields
    not sent keep their values; evaluations sent replace those of the same goals."""

    reason: str = Field(..., min_length=1, max_length=500, description="訂正の理由（監査ログに残る）")
    visited_on: Annotated[Date, fits(MonitoringVisit, "visited_on")] | None = None
    method: Annotated[str, fits(MonitoringVisit, "method")] | None = None
    video_consent_on: Annotated[Date, fits(MonitoringVisit, "video_consent_on")] | None = None
    team_agreed_on: Annotated[Date, fits(MonitoringVisit, "team_agreed_on")] | None = None
    service_status: Annotated[str, fits(MonitoringVisit, "service_status")] | None = None
    condition_changes: Annotated[str, fits(MonitoringVisit, "condition_changes")] | None = None
    client_view: Annotated[str, fits(MonitoringVisit, "client_view")] | None = None
    family_view: Annotated[str, fits(MonitoringVisit, "family_view")] | None = None
    reassessment_needed: Flag | None = None
    evaluations: list[EvaluationIn] = []


class NoteFilter(QuerySchema):
    q: str = Field("", max_length=100, description="内容で検索")


@router.get("/clients/{client_id}/progress-notes", response=list[NoteOut], summary="支援経過（第5表）")
def list_notes(request: HttpRequest, client_id: int, filters: Query[NoteFilter]) -> Any:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    return list(selectors.progress_note_list(client=client, query=filters.q)[:500])


@router.post("/clients/{client_id}/progress-notes", response={201: NoteOut}, summary="支援経過の記録")
def create_note(request: HttpRequest, client_id: int, payload: NoteIn) -> Status[Any]:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    data = input_from(NoteInput, payload.dict())
    return Status(201, services.progress_note_create(actor=actor, client=client, data=data))


@router.patch(  # int: so that the GET .../progress-notes/pdf beside it is not taken for a note id
    "/clients/{client_id}/progress-notes/{int:note_id}", response=NoteOut, summary="支援経過の編集（自動記録も）"
)
def update_note(request: HttpRequest, client_id: int, note_id: int, payload: NotePatch) -> Any:
    actor = actor_of(request)
    note = access_note(actor, note_id, client=access_care_client(actor, client_id))
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(NoteInput, values, base=note)
    return services.progress_note_update(actor=actor, note=note, data=data, expected_updated_at=expected)


def _evaluations(actor: User, rows: list[dict[str, Any]]) -> tuple[EvaluationInput, ...]:
    """Goal ids of the actor's office (the service checks each is in the month's plan)."""
    evaluations = []
    for row in rows:
        goal_id = row.pop("goal_id")
        goal = Goal.objects.filter(pk=goal_id, office_id=office_id_of(actor)).first() if is_row_id(goal_id) else None
        if goal is None:
            raise ValidationError({"evaluations": messages.EVALUATION_GOAL_NOT_IN_PLAN})
        evaluations.append(EvaluationInput(goal=goal, **row))
    return tuple(evaluations)


@router.patch(
    "/clients/{client_id}/monitoring/{visit_id}",
    response=MonitoringOut,
    summary="モニタリングの訂正（理由必須、翌月10日まで）",
    description="対象月の翌月10日（国保連への請求期限）を過ぎると 422（code monitoring_month_closed）。",
)
def correct_monitoring(request: HttpRequest, client_id: int, visit_id: int, payload: MonitoringPatch) -> Any:
    actor = actor_of(request)
    visit = access_visit(actor, visit_id, client=access_care_client(actor, client_id))
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    reason = values.pop("reason")
    evaluations = _evaluations(actor, values.pop("evaluations", []))
    data = input_from(MonitoringInput, {**values, "evaluations": evaluations}, base=visit)
    return services.monitoring_correct(actor=actor, visit=visit, data=data, reason=reason, expected_updated_at=expected)


@router.get("/clients/{client_id}/monitoring", response=list[MonitoringOut], summary="モニタリングの記録")
def list_monitoring(request: HttpRequest, client_id: int) -> Any:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    return list(client.monitoring_visits.order_by("-month"))


@router.post("/clients/{client_id}/monitoring", response={201: MonitoringOut}, summary="モニタリングの記録")
def create_monitoring(request: HttpRequest, client_id: int, payload: MonitoringIn) -> Status[Any]:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    values = payload.dict()
    month = parse_month(values.pop("month"))
    if month is None:
        raise ValidationError({"month": core_messages.MONTH_FORMAT})
    evaluations = _evaluations(actor, values.pop("evaluations"))
    data = input_from(MonitoringInput, {**values, "evaluations": evaluations})
    return Status(201, services.monitoring_record(actor=actor, client=client, month=month, data=data))


class SpecialCircumstanceOut(Schema):
    id: int
    client_id: int
    month: dt.date
    reason: str
    evidence: str
    author_id: int | None


class SpecialCircumstanceIn(InputSchema):
    month: Annotated[str, fits(SpecialCircumstance, "month")] = Field(
        ..., pattern=r"^\d{4}-\d{2}$", description="YYYY-MM"
    )
    reason: Annotated[str, fits(SpecialCircumstance, "reason")]
    evidence: Annotated[str, fits(SpecialCircumstance, "evidence")]


@router.get(
    "/clients/{client_id}/special-circumstances",
    response=list[SpecialCircumstanceOut],
    summary="特段の事情（訪問できなかった月）",
)
def list_special_circumstances(request: HttpRequest, client_id: int) -> Any:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    return list(selectors.special_circumstance_list(client=client))


@router.post(
    "/clients/{client_id}/special-circumstances",
    response={201: SpecialCircumstanceOut},
    summary="特段の事情の記録（運営基準第13条第14号）",
)
def create_special_circumstance(request: HttpRequest, client_id: int, payload: SpecialCircumstanceIn) -> Status[Any]:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    values = payload.dict()
    month = parse_month(values.pop("month"))
    if month is None:
        raise ValidationError({"month": core_messages.MONTH_FORMAT})
    data = input_from(SpecialCircumstanceInput, values)
    return Status(201, services.special_circumstance_record(actor=actor, client=client, month=month, data=data))


@router.get(
    "/clients/{client_id}/progress-notes/pdf",
    summary="居宅介護支援経過（第5表）PDF",
    response={200: None},
    openapi_extra=PDF_ANSWER,
)
def notes_pdf(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    client_viewed(actor=actor, client=client)
    drawn = pdf.progress_notes_pdf(
        client,
        list(selectors.progress_note_list(client=client).order_by("noted_on", "id")),
        author_name=str(client.care_manager or ""),
        office_name=client.office.name,
        special_circumstances=list(selectors.special_circumstance_list(client=client)),
    )
    return pdf_response(drawn, f"progress-notes-{client.pk}.pdf", document="居宅介護支援経過")


class IntakeOut(Schema):
    id: int
    received_on: dt.date
    route: str
    requester_name: str
    requester_relation: str
    requester_phone: str
    subject_name: str
    main_complaint: str
    urgency: str
    outcome: str
    client_id: int | None


class IntakeIn(InputSchema):
    received_on: Annotated[Date, fits(Intake, "received_on")]
    route: Annotated[str, fits(Intake, "route")]
    requester_name: Annotated[str, fits(Intake, "requester_name")]
    requester_relation: Annotated[str, fits(Intake, "requester_relation")]
    subject_name: Annotated[str, fits(Intake, "subject_name")]
    main_complaint: Annotated[str, fits(Intake, "main_complaint")]
    requester_phone: Annotated[str, fits(Intake, "requester_phone")] = ""
    urgency: Annotated[str, fits(Intake, "urgency")] = "normal"
    outcome: Annotated[str, fits(Intake, "outcome")] = "pending"


@router.get("/intakes", response=list[IntakeOut], summary="相談受付（インテーク）の一覧（新しい順、500件まで）")
def list_intakes(request: HttpRequest) -> Any:
    actor = actor_of(request)
    require_permission(actor, "care.view")  # a 403, as on the page (the scope alone would answer [])
    rows = list(selectors.intake_list(actor=actor)[:500])
    records_listed(actor=actor, subject=Intake, client_ids=[i.client_id for i in rows], record_ids=[i.pk for i in rows])
    return rows


@router.post("/intakes", response={201: IntakeOut}, summary="相談受付（インテーク）の記録")
def create_intake(request: HttpRequest, payload: IntakeIn) -> Status[Any]:
    actor = actor_of(request)
    return Status(201, services.intake_create(actor=actor, data=input_from(IntakeInput, payload.dict())))


class TaskOut(Schema):
    id: int
    client_id: int | None
    assignee_id: int
    title: str
    due_on: dt.date | None
    done_on: dt.date | None


@router.get("/tasks", response=list[TaskOut], summary="自分の未完了のタスク（期限の近い順）")
def list_tasks(request: HttpRequest) -> Any:
    actor = actor_of(request)
    require_permission(actor, "care.view")
    rows = list(selectors.open_tasks(actor=actor)[:500])
    records_listed(actor=actor, subject=Task, client_ids=[t.client_id for t in rows], record_ids=[t.pk for t in rows])
    return rows


@router.post("/tasks/{task_id}/done", response=TaskOut, summary="タスクを完了にする（今日の日付。完了済みはそのまま）")
def complete_task(request: HttpRequest, task_id: int) -> Any:
    actor = actor_of(request)
    task = access_task(actor, task_id, for_edit=True)
    return services.task_complete(actor=actor, task=task, done_on=timezone.localdate())


class IntakeConvertIn(InputSchema):
    client: ClientIn = Field(description="登録する利用者（POST /clients と同じ項目）")
    contract: ContractIn = Field(description="居宅介護支援契約（POST /clients/{client_id}/contracts と同じ項目）")


@router.post(
    "/intakes/{intake_id}/convert",
    response={201: ClientOut},
    summary="相談受付から利用者と居宅介護支援契約を登録（まとめて1回で、どちらかが誤りなら何も登録しない）",
)
def convert_intake(request: HttpRequest, intake_id: int, payload: IntakeConvertIn) -> Status[Any]:
    actor = actor_of(request)
    intake = access_intake(actor, intake_id, for_edit=True)
    values = with_care_manager(actor, payload.client.dict())
    status = values.pop("status")
    client = services.intake_convert(
        actor=actor,
        intake=intake,
        client=input_from(ClientInput, values),
        contract=input_from(ContractInput, payload.contract.dict()),
        status=status,
    )
    return Status(201, client)
