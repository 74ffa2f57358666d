"""API of 今日 (the work list), composed as the page composes it (desk/today.py): per care manager,
soonest deadline first, with the page that does each item, and the caller's own active clients."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from carebridge.compliance.worklist import action_url
from carebridge.core.access import actor_of
from carebridge.core.schemas import QuerySchema

from .today import today_for

router = Router(tags=["today"])


class ItemOut(Schema):
    action: str = Field(description="する事の種類（monitoring, meeting, task …）")
    label: str = Field(description="する事（日本語）")
    deadline: dt.date
    overdue: bool
    client_id: int | None
    client_name: str
    text: str
    rule: str | None = Field(description="運営基準チェックの指摘（null: 先の予定・タスク）")
    penalty_risk: bool = Field(description="減算のおそれ")
    basis: str = Field(description="根拠（基準の条文など）")
    plan_id: int | None
    url: str = Field(description="それをする画面")


class GroupOut(Schema):
    care_manager_id: int | None
    care_manager_name: str = Field(description="担当者（空: 担当者なし）")
    penalty_count: int
    items: list[ItemOut]


class ClientBrief(Schema):
    id: int
    name: str
    kana: str


class TodayOut(Schema):
    date: dt.date
    office_wide: bool = Field(description="事業所全体（担当者別）か、自分の担当分だけか")
    penalty_count: int
    groups: list[GroupOut]
    my_clients: list[ClientBrief] = Field(description="自分の担当の利用中の利用者")


class TodayQuery(QuerySchema):
    scope: Literal["", "mine", "office"] = Field(
        "", description="office: 事業所全体 / mine: 自分の担当分 / 空: 役割に応じて（管理者・主任・事務は事業所全体）"
    )


@router.get("/today", response=TodayOut, summary="今日（する事の一覧: 担当者別・期限の近い順）")
def today(request: HttpRequest, query: Query[TodayQuery]) -> dict[str, Any]:
    actor = actor_of(request)
    work = today_for(actor=actor, day=timezone.localdate(), scope=query.scope)
    names = {pk: client.name for pk, client in work.clients.items()}
    return {
        "date": work.day,
        "office_wide": work.office_wide,
        "penalty_count": work.penalty_count,
        "groups": [
            {
                "care_manager_id": group.care_manager.pk if group.care_manager else None,
                "care_manager_name": str(group.care_manager or ""),
                "penalty_count": group.penalty_count,
                "items": [
                    {
                        "action": str(item.action),
                        "label": item.label,
                        "deadline": item.deadline,
                        "overdue": item.overdue(work.day),
                        "client_id": item.client_id,
                        "client_name": names.get(item.client_id, "") if item.client_id else "",
                        "text": item.text,
                        "rule": item.rule,
                        "penalty_risk": item.penalty_risk,
                        "basis": item.basis,
                        "plan_id": item.plan_id,
                        "url": action_url(item),
                    }
                    for item in group.items
                ],
            }
            for group in work.groups
        ],
        "my_clients": work.my_clients,
    }
