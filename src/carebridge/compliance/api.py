"""API of the monthly 運営基準 findings (the same grouping and 減算 label as the report page)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from carebridge.clients.models import Client
from carebridge.core import messages as core_messages
from carebridge.core.access import actor_of, require_permission
from carebridge.core.dates import month_start, parse_month
from carebridge.core.schemas import QuerySchema
from carebridge.core.services import records_listed

from . import selectors

router = Router(tags=["compliance"])


class FindingOut(Schema):
    client_id: int
    rule: str
    message: str
    basis: str
    penalty_risk: bool
    penalty_label: str | None = Field(None, description="その利用者のその月の運営基準減算（50%減算のおそれ・算定不可）")
    plan_id: int | None
    action: str = Field(description="対応（monitoring, meeting, consent, delivery, renewal, plan, review …）")
    deadline: dt.date = Field(description="対応の期限（月末・サービス開始日・有効期間の終了日）")
    exposure_units: int | None = Field(
        None, description="その利用者の今月の減算額（単位）: 居宅介護支援費(Ⅰ)(ⅰ) × 50%、2か月以上は全額"
    )


class ComplianceQuery(QuerySchema):
    month: str = Field("", pattern=r"^(\d{4}-\d{2})?$", description="YYYY-MM (default: this month)")


@router.get("/compliance", response=list[FindingOut], summary="運営基準チェック（事業所・月）")
def compliance(request: HttpRequest, filters: Query[ComplianceQuery]) -> Any:
    actor = actor_of(request)
    require_permission(actor, "care.view")
    today = timezone.localdate()
    month = parse_month(filters.month) if filters.month else month_start(today)
    if month is None:
        raise ValidationError({"month": core_messages.MONTH_FORMAT})
    rows = selectors.compliance_report(actor=actor, month=month, today=today)
    records_listed(actor=actor, subject=Client, client_ids=[row.client.pk for row in rows if row.findings])
    return [
        {
            "client_id": f.client_id,
            "rule": f.rule,
            "message": f.message,
            "basis": f.basis,
            "penalty_risk": f.penalty_risk,
            "penalty_label": row.penalty_label,
            "plan_id": f.plan_id,
            "action": a.action,
            "deadline": a.deadline,
            "exposure_units": row.exposure_units,
        }
        for row in rows
        for f, a in zip(row.findings, row.actions, strict=True)
    ]
