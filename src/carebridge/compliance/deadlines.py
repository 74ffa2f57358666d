"""What to do, by when, to stay out of 運営基準減算 — pure Python, no Django.

The 運営基準 engine (rules.py) says what is wrong in a month; this module turns each finding into
one thing to do with its deadline, adds the steps of plans that have not started yet (a meeting,
consent and delivery are due before the first service day: 運営基準第13条第9〜11号), and prices
the month's 減算 exposure in units.

Deadlines (see ../shared/domain/kyotaku.md, 運営基準減算):
- monitoring (第13条第14号): the month's visit by the last day of the month;
- consent and delivery (第13条第10号・第11号): before the services start;
- the サービス担当者会議 (第13条第9号・第15号): before consent, so before the services start too;
- a renewal (介護保険法第28条): before the certification ends;
- anything else (a rule this module does not know yet): by the end of the month, on the client page.

居宅介護支援費 units are dated data (FEE_TABLES, newest first): add a table when the 告示 changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from carebridge.careplans.rules import PlanFacts
from carebridge.core.dates import month_end, month_start
from carebridge.core.japanese import wareki_short

from .rules import MEETING_REQUIRED_REASONS, ClientCase, Finding, Rule

# -- 居宅介護支援費 and 運営基準減算, as dated data -------------------------------------------------


@dataclass(frozen=True)
class FeeTable:
    """居宅介護支援費(Ⅰ)(ⅰ) per 要介護状態区分 (units per month) and the 運営基準減算 rate, from a date.

    (Ⅰ)(ⅰ) is the fee below the 逓減制 threshold: the exposure is priced at the full fee a
    client would earn (指定居宅介護支援に要する費用の額の算定に関する基準 別表 イ)."""

    effective_from: dt.date
    units: dict[str, int]
    penalty_percent: int  # 運営基準減算: 所定単位数の100分の50


FEE_TABLES: tuple[FeeTable, ...] = (
    # 令和6年度介護報酬改定 (2024-04): 要介護1・2 1,086 units, 要介護3〜5 1,411 units; 減算 50%.
    FeeTable(
        effective_from=dt.date(2024, 4, 1),
        units={"care_1": 1086, "care_2": 1086, "care_3": 1411, "care_4": 1411, "care_5": 1411},
        penalty_percent=50,
    ),
)


def fee_table(on: dt.date) -> FeeTable | None:
    """The table in force on a day (None before the first one we hold)."""
    return next((t for t in FEE_TABLES if on >= t.effective_from), None)


def care_management_fee_units(care_level: str, on: dt.date) -> int | None:
    """居宅介護支援費(Ⅰ)(ⅰ) for a level on a day; None for 要支援・事業対象者 (介護予防支援 is paid
    under its own fee) or a level not yet decided."""
    table = fee_table(on)
    return table.units.get(care_level) if table is not None else None


def penalty_exposure_units(care_level: str, month: dt.date, *, whole_fee: bool) -> int | None:
    """Units the office loses for one client in a month: the whole fee when 減算 runs two months or
    more (算定不可), otherwise the fee less the reduced fee, which is rounded half up per occurrence
    (老企第36号): 1,411 × 50% = 705.5 → 706 billed, 705 lost."""
    table = fee_table(month_end(month))
    units = table.units.get(care_level) if table is not None else None
    if table is None or units is None:
        return None
    if whole_fee:
        return units
    reduced = (units * (100 - table.penalty_percent) * 2 + 100) // 200  # round half up, in integers
    return units - reduced


# -- things to do ---------------------------------------------------------------------------------


class Action(StrEnum):
    """What the care manager does; the page each one opens is chosen by compliance/worklist.py."""

    MONITORING = "monitoring"  # visit and record the month's monitoring
    MEETING = "meeting"  # hold (record) the サービス担当者会議
    CONSENT = "consent"  # explain the plan and get written consent
    DELIVERY = "delivery"  # deliver the plan to the client and each provider
    ASSESSMENT = "assessment"  # assess at the home
    PLAN = "plan"  # correct or review the plan
    RENEWAL = "renewal"  # file the renewal application
    CERTIFICATION = "certification"  # register the certification in effect
    CONTRACT = "contract"  # record the contract with the explanation of 運営基準第4条第2項
    GOAL = "goal"  # evaluate a goal that ends soon
    TASK = "task"  # an open task
    INQUIRY = "inquiry"  # an unanswered 照会
    REVIEW = "review"  # anything else: look at the client


ACTION_LABELS: dict[Action, str] = {
    Action.MONITORING: "モニタリング（居宅訪問）を記録する",
    Action.MEETING: "サービス担当者会議を開催・記録する",
    Action.CONSENT: "計画を説明し文書で同意を得る",
    Action.DELIVERY: "計画を利用者と各事業所へ交付する",
    Action.ASSESSMENT: "居宅を訪問してアセスメントする",
    Action.PLAN: "計画を確認・修正する",
    Action.RENEWAL: "更新申請を記録する",
    Action.CERTIFICATION: "認定（被保険者証）を登録する",
    Action.CONTRACT: "契約と契約時の説明（複数事業所の紹介等）を記録する",
    Action.GOAL: "目標の達成状況を評価する",
    Action.TASK: "タスクを完了する",
    Action.INQUIRY: "照会の回答を記録する",
    Action.REVIEW: "利用者の記録を確認する",
}

# The rules this module knows. A rule added later falls back on the words in its name, then on
# a review of the client by the end of the month (`action_for`).
RULE_ACTIONS: dict[str, Action] = {
    Rule.MONITORING_MISSING: Action.MONITORING,
    Rule.VIDEO_VISIT_NOT_ALLOWED: Action.MONITORING,
    Rule.MEETING_MISSING: Action.MEETING,
    Rule.NOT_CONSENTED_BEFORE_START: Action.CONSENT,
    Rule.NOT_DELIVERED_BEFORE_START: Action.DELIVERY,
    Rule.DATE_ORDER: Action.PLAN,
    Rule.GOAL_OUTSIDE_CERTIFICATION: Action.PLAN,
    Rule.RENEWAL_NOT_FILED: Action.RENEWAL,
    Rule.SHORT_STAY_OVER_HALF: Action.PLAN,
    Rule.NO_CERTIFICATION_IN_EFFECT: Action.CERTIFICATION,
    Rule.MONITORING_BEFORE_START: Action.MONITORING,
    Rule.CERTIFICATION_MEETING_MISSING: Action.MEETING,
    Rule.HOME_ASSESSMENT_MISSING: Action.ASSESSMENT,
    Rule.CONTRACT_EXPLANATION_MISSING: Action.CONTRACT,
    Rule.PREVENTION_MONITORING: Action.MONITORING,
    # A 特段の事情 month is no work to catch up on, but the client (in hospital, refusing visits)
    # is one to keep an eye on: the item stays on 今日 so that it agrees with the report.
    Rule.SPECIAL_CIRCUMSTANCE: Action.REVIEW,
}

_NAME_WORDS: tuple[tuple[str, Action], ...] = (
    ("monitoring", Action.MONITORING),
    ("visit", Action.MONITORING),
    ("meeting", Action.MEETING),
    ("conference", Action.MEETING),
    ("consent", Action.CONSENT),
    ("deliver", Action.DELIVERY),
    ("assessment", Action.ASSESSMENT),
    ("renewal", Action.RENEWAL),
)


def action_for(rule: str) -> Action:
    """The action of a rule: known rules from RULE_ACTIONS, new ones by their name, else a review."""
    known = RULE_ACTIONS.get(rule)
    if known is not None:
        return known
    return next((action for word, action in _NAME_WORDS if word in rule), Action.REVIEW)


@dataclass(frozen=True)
class WorkItem:
    """One thing to do for a client (or a task without one), with its deadline.

    `rule` is set when the item answers a finding of the month's 運営基準 report (the 今日 list and
    the report agree on those); items without a rule are upcoming steps and reminders."""

    action: Action
    deadline: dt.date
    client_id: int | None
    text: str
    rule: str | None = None
    penalty_risk: bool = False
    basis: str = ""
    plan_id: int | None = None
    object_id: int | None = None  # the task, 照会 or goal the item is about
    care_manager_id: int | None = None
    # A finding of another app (finding_sources.py, ADR 0008): its own label and page.
    action_label: str = ""
    url: str = ""

    @property
    def label(self) -> str:
        return self.action_label or ACTION_LABELS[self.action]

    def overdue(self, today: dt.date) -> bool:
        return self.deadline < today


def _plan(case: ClientCase, plan_id: int | None) -> PlanFacts | None:
    return next((p for p in case.plans if p.plan_id == plan_id), None) if plan_id is not None else None


def deadline_for(rule: str, plan_id: int | None, case: ClientCase, month: dt.date) -> dt.date:
    """The day by which a finding's action is due (see the module docstring)."""
    last_day = month_end(month)
    action = action_for(rule)
    plan = _plan(case, plan_id)
    if action in (Action.MEETING, Action.CONSENT, Action.DELIVERY) and plan is not None:
        return plan.service_start_on or last_day
    if action is Action.RENEWAL and case.renewal is not None:
        return case.renewal.valid_to
    return last_day


def finding_items(case: ClientCase, findings: Sequence[Finding], month: dt.date) -> list[WorkItem]:
    """One item per finding of the month, with its deadline."""
    month = month_start(month)
    return [
        WorkItem(
            action=action_for(f.rule),
            deadline=deadline_for(f.rule, f.plan_id, case, month),
            client_id=f.client_id,
            text=f.message,
            rule=str(f.rule),
            penalty_risk=f.penalty_risk,
            basis=f.basis,
            plan_id=f.plan_id,
        )
        for f in findings
    ]


def upcoming_plan_items(case: ClientCase, month: dt.date) -> list[WorkItem]:
    """The steps still ahead of plans whose services have not started by the end of the month —
    what the care manager does now so that no finding arises when they start (a started plan
    without them is a finding of rules.py instead, so nothing is listed twice)."""
    last_day = month_end(month)
    out: list[WorkItem] = []
    for plan in case.plans:
        start = plan.service_start_on
        if (start is not None and start <= last_day) or plan.ended_on is not None:
            continue
        deadline = start or last_day
        label = f"第{plan.version}版の計画"
        when = f"（サービス開始 {wareki_short(start)}まで）" if start is not None else "（サービス開始前に）"
        steps: list[tuple[Action, str]] = []
        if plan.reason in MEETING_REQUIRED_REASONS and plan.meeting_on is None and plan.consented_on is None:
            steps.append((Action.MEETING, f"{label}: サービス担当者会議が未開催です{when}。"))
        if plan.consented_on is None:
            steps.append((Action.CONSENT, f"{label}: 同意が未了です{when}。"))
        elif plan.delivered_client_on is None or plan.providers_without_delivery:
            steps.append((Action.DELIVERY, f"{label}: 利用者・各事業所への交付が未了です{when}。"))
        out.extend(
            WorkItem(action=action, deadline=deadline, client_id=case.client_id, text=text, plan_id=plan.plan_id)
            for action, text in steps
        )
    return out


def ordered(items: Sequence[WorkItem]) -> list[WorkItem]:
    """Soonest deadline first; on one day, 減算 risks before the rest."""
    return sorted(items, key=lambda i: (i.deadline, not i.penalty_risk, i.client_id or 0, i.action))
