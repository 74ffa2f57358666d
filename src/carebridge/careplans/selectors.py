"""Reads of care plans. The plan page's tree (needs → goals → services) is fetched with prefetches,
so it costs the same few queries however many rows a plan has. `plan_facts` builds the pure
rules.PlanFacts of many clients' versions in a fixed number of queries; `plan_in_effect` is the
one answer to "which plan is in effect in this month" (compliance, later billing)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, cast

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet, Sum

from carebridge.clients import rules as client_rules
from carebridge.clients.models import Certification, Client
from carebridge.core.japanese import wareki_short
from carebridge.directory import service_types
from carebridge.directory.models import Provider

from . import rules
from .models import (
    CareConference,
    CarePlan,
    Goal,
    GoalTerm,
    Need,
    PlanDelivery,
    PlannedService,
    PlanStatus,
    WeeklyScheduleEntry,
)

# Versions made for a new certification: they belong to it even when drafted before it starts.
_FOR_NEW_CERTIFICATION = frozenset({"renewal", "level_change"})


def certification_for_plan(*, client_id: int, drafted_on: dt.date, reason: str) -> Certification | None:
    """The certification a plan version is made under (第1表 shows its level and period): the one in
    effect on the drafting day (clients/rules.py `certification_in_effect`) — a certification valid
    from next month does not slip into this month's plan. A version made for a renewal or 区分変更
    belongs to the latest certification decided by that day, which may start later."""
    lines = list(Certification.objects.filter(client_id=client_id))
    if reason in _FOR_NEW_CERTIFICATION:
        decided = [c for c in lines if c.is_certified and c.certified_on is not None and c.certified_on <= drafted_on]
        if decided:
            return max(decided, key=lambda c: (c.valid_from, c.pk))
    return client_rules.certification_in_effect(lines, drafted_on)


def plan_providers(plan: CarePlan) -> list[Provider]:
    """The providers named in the plan's services (each must receive the plan)."""
    ids = PlannedService.objects.filter(goal__need__plan=plan, provider__isnull=False).values("provider_id")
    return list(Provider.objects.filter(pk__in=ids).order_by("name"))


def newer_version(plan: CarePlan) -> CarePlan | None:
    """The version made from this one by 変更, if any."""
    return CarePlan.objects.filter(replaces=plan).first()


def plans_for_pdf() -> QuerySet[CarePlan]:
    """Everything plan_pdf() draws, fetched up front (the drawing itself runs no query)."""
    return CarePlan.objects.select_related("client", "office", "certification", "author", "consent").prefetch_related(
        "needs__goals__short_goals__services__provider", "weekly_entries"
    )


def plan_list(*, client: Client) -> QuerySet[CarePlan]:
    return CarePlan.objects.filter(client=client).order_by("-version")


def prefetched(row: object, name: str) -> list[Any]:
    """The rows a Prefetch(..., to_attr=name) put on `row`."""
    return cast(list[Any], vars(row)[name])


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


def week_warnings(*, plan: CarePlan, needs: list[Need], weekly: list[WeeklyScheduleEntry]) -> list[str]:
    """Weekly services of 第2表 missing from 第3表 (careplans.rules.services_missing_from_week), from
    the rows the plan page already holds (plan_tree and plan_records): no query."""
    services = [
        rules.WeeklyServiceFacts(s.content, s.service_kind, s.provider_label, s.frequency)
        for need in needs
        for long in prefetched(need, "long_goals")
        for short in long.shorts
        for s in short.service_list
    ]
    found = rules.services_missing_from_week(services, [e.label for e in weekly], plan.non_weekly_services)
    return [str(w) for w in found]


def plan_lines(plan: CarePlan) -> list[str]:
    """The plan as text lines, for comparing two versions."""
    lines = [
        f"計画作成（変更）日: {wareki_short(plan.drafted_on)}",
        f"意向を踏まえた課題分析の結果: {plan.intentions}",
        f"介護認定審査会の意見: {plan.board_opinion}",
        f"総合的な援助の方針: {plan.policy}",
        f"生活援助中心型の算定理由: {plan.get_living_support_reason_display()}",
    ]
    for need in plan_tree(plan=plan):
        lines.append(f"ニーズ: {need.text}")
        for long in prefetched(need, "long_goals"):
            lines.append(
                f"  長期目標: {long.text}（{wareki_short(long.period_start)}〜{wareki_short(long.period_end)}）"
            )
            for short in long.shorts:
                period = f"{wareki_short(short.period_start)}〜{wareki_short(short.period_end)}"
                lines.append(f"    短期目標: {short.text}（{period}）")
                for s in short.service_list:
                    insured = "○" if s.insured else ""
                    lines.append(
                        f"      援助内容: {s.content} {insured} {s.service_kind} {s.provider_label} {s.frequency}"
                        f"（{wareki_short(s.period_start)}〜{wareki_short(s.period_end)}）"
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


def short_goals(plan: CarePlan | None) -> list[Goal]:
    """The short-term goals a monitoring visit evaluates, in the plan's order."""
    if plan is None:
        return []
    return list(Goal.objects.filter(need__plan=plan, term=GoalTerm.SHORT).order_by("need__order", "order", "id"))


def plan_facts(client_ids: Iterable[int]) -> dict[int, list[rules.PlanFacts]]:
    """Every version (but untouched drafts) of each client with the dates of its process and end
    dates (rules.with_end_dates): five queries whatever the number of clients and versions."""
    rows = list(
        CarePlan.objects.filter(client_id__in=list(client_ids))
        .exclude(status=PlanStatus.DRAFT, conferences__isnull=True, consent__isnull=True)
        .annotate(
            meeting_on=Min("conferences__held_on"),
            delivered_client_on=Max("deliveries__delivered_on", filter=Q(deliveries__provider__isnull=True)),
            delivered_providers_on=Max("deliveries__delivered_on", filter=Q(deliveries__provider__isnull=False)),
            delivered_provider_count=Count("deliveries__provider", distinct=True),
        )
        .values(
            "pk",
            "client_id",
            "version",
            "reason",
            "drafted_on",
            "service_start_on",
            "meeting_on",
            "delivered_client_on",
            "delivered_providers_on",
            "delivered_provider_count",
            "assessment__assessed_on",
            "assessment__at_home",
            "assessment__client_interviewed",
            "assessment__family_interviewed",
            "consent__consented_on",
            "certification__valid_from",
            "certification__valid_to",
        )
        .order_by("client_id", "version")
    )
    plan_ids = [r["pk"] for r in rows]
    goals: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for pid, start, end in Goal.objects.filter(need__plan_id__in=plan_ids).values_list(
        "need__plan_id", "period_start", "period_end"
    ):
        goals[pid].append((start, end))
    services = PlannedService.objects.filter(goal__need__plan_id__in=plan_ids)
    provider_counts = dict(
        services.filter(provider__isnull=False)
        .values("goal__need__plan_id")
        .annotate(n=Count("provider", distinct=True))
        .values_list("goal__need__plan_id", "n")
    )
    short_stay_rows = services.filter(
        service_type_code__in=sorted(service_types.short_stay_codes())
    )  # 21 22 23 2A: the master
    short_stays = dict(
        short_stay_rows.values("goal__need__plan_id")
        .annotate(days=Sum("short_stay_days"))
        .values_list("goal__need__plan_id", "days")
    )
    short_stay_lines: dict[int, list[rules.ShortStayLine]] = defaultdict(list)
    for pid, start, end, days in short_stay_rows.values_list(
        "goal__need__plan_id", "period_start", "period_end", "short_stay_days"
    ):
        short_stay_lines[pid].append(rules.ShortStayLine(start, end, days))
    out: dict[int, list[rules.PlanFacts]] = defaultdict(list)
    for r in rows:
        out[r["client_id"]].append(
            rules.PlanFacts(
                plan_id=r["pk"],
                version=r["version"],
                reason=r["reason"],
                drafted_on=r["drafted_on"],
                assessed_on=r["assessment__assessed_on"],
                assessed_at_home=bool(r["assessment__at_home"]),
                client_interviewed=bool(r["assessment__client_interviewed"]),
                family_interviewed=bool(r["assessment__family_interviewed"]),
                meeting_on=r["meeting_on"],
                consented_on=r["consent__consented_on"],
                delivered_client_on=r["delivered_client_on"],
                delivered_providers_on=r["delivered_providers_on"],
                providers_without_delivery=max(0, provider_counts.get(r["pk"], 0) - r["delivered_provider_count"]),
                service_start_on=r["service_start_on"],
                goal_periods=tuple(goals[r["pk"]]),
                short_stay_days=short_stays.get(r["pk"]) or 0,
                short_stays=tuple(short_stay_lines[r["pk"]]),
                certification=(
                    rules.CertificationFacts(r["certification__valid_from"], r["certification__valid_to"])
                    if r["certification__valid_from"]
                    else None
                ),
            )
        )
    return {cid: rules.with_end_dates(versions) for cid, versions in out.items()}


def plan_in_effect(*, client: Client, month: dt.date) -> CarePlan | None:
    """The plan in effect in a month (careplans/rules.py `plan_in_effect_for`), or None."""
    facts = rules.plan_in_effect_for(plan_facts([client.pk]).get(client.pk, []), month)
    return CarePlan.objects.filter(pk=facts.plan_id).first() if facts is not None else None


def consent_warnings(plan: CarePlan) -> list[str]:
    """The known problems of a plan that consent must knowingly accept (careplans.rules.consent_warnings),
    read from what is stored now, goals in the plan's order."""
    cert = plan.certification
    facts = rules.CertificationFacts(valid_from=cert.valid_from, valid_to=cert.valid_to) if cert else None
    goals: list[rules.GoalFacts] = []
    for need in plan_tree(plan=plan):
        for long in prefetched(need, "long_goals"):
            goals.append(
                rules.GoalFacts(
                    term=long.term, text=long.text, period_start=long.period_start, period_end=long.period_end
                )
            )
            for short in long.shorts:
                goals.append(
                    rules.GoalFacts(
                        term=short.term,
                        text=short.text,
                        period_start=short.period_start,
                        period_end=short.period_end,
                        services=len(short.service_list),
                    )
                )
    return [str(w) for w in rules.consent_warnings(goals, facts)]


def siblings(row: Need | Goal | PlannedService) -> QuerySet[Any]:
    """The rows `row` is ordered among, in their order: the plan's needs, the need's long-term
    goals, the long-term goal's short-term goals, the short-term goal's services."""
    rows: QuerySet[Any]
    if isinstance(row, Need):
        rows = Need.objects.filter(plan_id=row.plan_id)
    elif isinstance(row, Goal) and row.term == GoalTerm.LONG:
        rows = Goal.objects.filter(need_id=row.need_id, term=GoalTerm.LONG)
    elif isinstance(row, Goal):
        rows = Goal.objects.filter(parent_id=row.parent_id)
    else:
        rows = PlannedService.objects.filter(goal_id=row.goal_id)
    return rows.order_by("order", "id")


def sibling_ids(row: Need | Goal | PlannedService) -> list[int]:
    """The ids of the rows `row` is ordered among, in their order (the answer of a move)."""
    return list(siblings(row).values_list("id", flat=True))
