"""The 利用票's findings for compliance (registered from BillingConfig.ready(), ADR 0008): a month
with a plan in effect whose 利用票 is missing, not consented, its 提供票 not delivered to every
provider, or with lines left blank. Shown in the 運営基準 report and on 今日 with the slip's page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.urls import reverse

from carebridge.careplans import rules as plan_rules
from carebridge.careplans import selectors as plan_selectors
from carebridge.compliance.finding_sources import SourcedFinding

from . import slip_rules
from .models import SlipStatus, UsageSlip
from .slip_selectors import slip_state

SOURCE = "billing.slips"
BASIS = "居宅介護支援 運営基準第13条第10号・第11号の趣旨（利用票の説明・同意、提供票の交付）"
LABELS = {
    "slip_missing": "利用票を作成する",
    "slip_consent_missing": "利用票を説明し同意を記録する",
    "slip_delivery_missing": "提供票を事業所へ交付する",
    "slip_lines_blank": "利用票の空欄の行を埋める",
}
ANCHORS = {"slip_missing": "", "slip_lines_blank": "#lines"}


def slip_missing_finding(client_id: int, month: dt.date, today: dt.date) -> slip_rules.SlipFinding | None:
    if today < month - dt.timedelta(days=7):
        return None
    text = f"{month.year}年{month.month}月のサービス利用票が作成されていません。"
    return slip_rules.SlipFinding(client_id, month, "slip_missing", text, slip_rules.consent_due(month))


def billing_findings(
    office_id: int, client_ids: Sequence[int] | None, month: dt.date, today: dt.date
) -> list[SourcedFinding]:
    ids = list(client_ids) if client_ids is not None else None
    slips = UsageSlip.objects.filter(office_id=office_id, month=month).exclude(status=SlipStatus.SUPERSEDED)
    if ids is not None:
        slips = slips.filter(client_id__in=ids)
    newest: dict[int, UsageSlip] = {}
    for slip in slips.prefetch_related("lines", "consents", "deliveries").order_by("client_id", "version"):
        newest[slip.client_id] = slip
    found: list[slip_rules.SlipFinding] = []
    for slip in newest.values():
        found.extend(slip_rules.findings(slip_state(slip), today))
    if ids is not None:
        facts = plan_selectors.plan_facts(ids)
        for cid in ids:
            if cid not in newest and plan_rules.plan_in_effect_for(facts.get(cid, []), month) is not None:
                missing = slip_missing_finding(cid, month, today)
                if missing is not None:
                    found.append(missing)
    return [
        SourcedFinding(
            source=SOURCE,
            code=f.code,
            client_id=f.client_id,
            month=f.month,
            text=f.message,
            deadline=f.due,
            action_label=LABELS[f.code],
            url=reverse("billing:client_slip", args=[f.client_id, f"{f.month:%Y-%m}"])
            + ANCHORS.get(f.code, "#records"),
            basis=BASIS,
        )
        for f in found
    ]
