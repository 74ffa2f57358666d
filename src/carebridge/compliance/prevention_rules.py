"""The 介護予防支援 monitoring check for the compliance report — pure Python, no Django.

The rule itself (指定介護予防支援等の事業の人員及び運営並びに指定介護予防支援等に係る介護予防のための効果的な
支援の方法に関する基準 第30条第16号: a home visit at least once in three months counted from the month
after services start and in the month the evaluation period ends; a monitoring record every month)
is careplans/prevention_rules.monitoring_gaps; this module only words its gaps for a month.
介護予防支援 has no 運営基準減算, so these findings are no 減算 risk (compliance/rules.BASIS).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from carebridge.careplans import prevention_messages as messages
from carebridge.careplans.prevention_rules import (
    Gap,
    MonitoringRecord,
    PreventionPlanFacts,
    in_effect,
    monitoring_gaps,
    window_of,
)
from carebridge.core.dates import month_start
from carebridge.core.japanese import wareki_month


def _month(day: dt.date) -> str:
    """A month in a finding's sentence, in 和暦 (issue 9 item 22): 令和8年5月."""
    return wareki_month(day)


def prevention_monitoring_texts(
    plans: Sequence[PreventionPlanFacts], records: Sequence[MonitoringRecord], month: dt.date
) -> list[str]:
    """The gaps of the 介護予防 plan in effect in `month` (the newest that started), in words."""
    month = month_start(month)
    current = [p for p in plans if in_effect(p, month)]
    if not current:
        return []
    plan = max(current, key=lambda p: p.service_start_on)
    texts: list[str] = []
    for gap in monitoring_gaps(plan, records, month):
        if gap == Gap.RECORD_MISSING:
            texts.append(messages.PREVENTION_RECORD_MISSING.format(when=_month(month)))
        elif gap == Gap.HOME_VISIT_MISSING:
            window = window_of(plan.service_start_on, month)
            first, last = window if window is not None else (month, month)
            texts.append(messages.PREVENTION_HOME_VISIT_MISSING.format(first=_month(first), last=_month(last)))
        else:
            texts.append(messages.PREVENTION_EVALUATION_VISIT_MISSING.format(when=_month(month)))
    return texts
