"""API of the audit trail (audit.view, the office admin): the viewer's filters, newest first.
Reading it is itself logged, as on the page (who saw which client)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from .access import actor_of, require_permission
from .limits import MAX_INT, OFFSET_LIMIT
from .models import AuditEvent
from .schemas import Date, QuerySchema, fits
from .selectors import audit_event_list
from .services import records_listed

router = Router(tags=["audit"])


class AuditEventOut(Schema):
    id: int
    created_at: dt.datetime
    actor_id: int | None
    subject_type: str
    subject_id: str
    client_id: int | None
    event_type: str
    action: str
    changes: dict[str, Any]
    request_id: str
    hash: str


class AuditFilter(QuerySchema):
    user_id: int | None = Field(None, ge=1, le=MAX_INT, description="操作した職員")
    client_id: int | None = Field(None, ge=1, le=MAX_INT, description="利用者（一覧で見た記録も含む）")
    event_type: Annotated[str, fits(AuditEvent, "event_type", empty=True)] = ""
    action: str = Field("", max_length=60, description="例: client.created")
    date_from: Date | None = None
    date_to: Date | None = None
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=OFFSET_LIMIT)


class AuditPageOut(Schema):
    items: list[AuditEventOut]
    count: int


@router.get("/audit", response=AuditPageOut, summary="監査ログ（新しい順、事業所管理者）")
def list_audit(request: HttpRequest, filters: Query[AuditFilter]) -> Any:
    actor = actor_of(request)
    require_permission(actor, "audit.view")
    events = audit_event_list(
        actor=actor,
        user_id=filters.user_id,
        client_id=filters.client_id,
        event_type=filters.event_type,
        action=filters.action,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
    rows = list(events[filters.offset : filters.offset + filters.limit])
    searched = any([filters.user_id, filters.client_id, filters.event_type, filters.action, filters.date_from])
    records_listed(
        actor=actor,
        subject=AuditEvent,
        client_ids=[row.client_id for row in rows],
        search=searched or filters.date_to is not None,
    )
    return {"items": rows, "count": events.count()}
