"""Reads of care plans. The plan page's tree (needs → goals → services) is fetched with prefetches,
so it costs the same few queries however many rows a plan has."""

from __future__ import annotations

import difflib

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from carebridge.clients.models import Client

from .models import CareConference, CarePlan, Goal, GoalTerm, Need, PlanDelivery, PlannedService


def need_of(plan: CarePlan, need_id: int) -> Need:
    """A need of this plan (the plan came through its gate), else 404."""
    need = Need.objects.filter(plan=plan, pk=need_id).first()
    if need is None:
        raise Http404
    return need


def goal_of(plan: CarePlan, goal_id: int) -> Goal:
    goal = Goal.objects.filter(need__plan=plan, pk=goal_id).select_related("need__plan").first()
    if goal is None:
        raise Http404
    return goal


def plans_for_pdf() -> QuerySet[CarePlan]:
    """Everything plan_pdf() draws, fetched up front (the drawing itself runs no query)."""
    return CarePlan.objects.select_related("client", "office", "certification", "author", "consent").prefetch_related(
        "needs__goals__short_goals__services__provider", "weekly_entries"
    )


def plan_list(*, client: Client) -> QuerySet[CarePlan]:
    return CarePlan.objects.filter(client=client).order_by("-version")


def plan_tree(*, plan: CarePlan) -> list[Need]:
    """Needs with `long_goals`, each with `shorts`, each with `service_list` (providers joined)."""
    services = Prefetch("services", queryset=PlannedService.objects.select_related("provider"), to_attr="service_list")
    shorts = Prefetch(
        "short_goals", queryset=Goal.objects.filter(term=GoalTerm.SHORT).prefetch_related(services), to_attr="shorts"
    )
    longs = Prefetch(
        "goals", queryset=Goal.objects.filter(term=GoalTerm.LONG).prefetch_related(shorts), to_attr="long_goals"
    )
    return list(plan.needs.prefetch_related(longs).order_by("order", "id"))


def plan_records(*, plan: CarePlan) -> dict[str, object]:
    return {
        "conferences": list(
            CareConference.objects.filter(plan=plan).prefetch_related("attendees", "inquiries").order_by("held_on")
        ),
        "deliveries": list(PlanDelivery.objects.filter(plan=plan).select_related("provider")),
        "weekly": list(plan.weekly_entries.all()),
    }


def plan_lines(plan: CarePlan) -> list[str]:
    """The plan as text lines, for comparing two versions."""
    lines = [
        f"計画作成（変更）日: {plan.drafted_on}",
        f"意向を踏まえた課題分析の結果: {plan.intentions}",
        f"介護認定審査会の意見: {plan.board_opinion}",
        f"総合的な援助の方針: {plan.policy}",
        f"生活援助中心型の算定理由: {plan.get_living_support_reason_display()}",
    ]
    for need in plan_tree(plan=plan):
        lines.append(f"ニーズ: {need.text}")
        for long in need.long_goals:  # type: ignore[attr-defined]
            lines.append(f"  長期目標: {long.text}（{long.period_start}〜{long.period_end}）")
            for short in long.shorts:
                lines.append(f"    短期目標: {short.text}（{short.period_start}〜{short.period_end}）")
                for s in short.service_list:
                    insured = "○" if s.insured else ""
                    lines.append(
                        f"      援助内容: {s.content} {insured} {s.service_kind} {s.provider_label} {s.frequency}"
                        f"（{s.period_start}〜{s.period_end}）"
                    )
    for entry in plan.weekly_entries.all():
        lines.append(f"週間: {entry}")
    lines.append(f"主な日常生活上の活動: {plan.daily_activities}")
    lines.append(f"週単位以外のサービス: {plan.non_weekly_services}")
    return lines


def plan_diff(old: CarePlan, new: CarePlan) -> list[tuple[str, str]]:
    """(" ", line) unchanged, ("-", line) only in the old version, ("+", line) only in the new one."""
    out = []
    for row in difflib.ndiff(plan_lines(old), plan_lines(new)):
        if row.startswith(("?",)):
            continue
        out.append((row[0], row[2:]))
    return out
