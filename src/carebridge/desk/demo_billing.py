"""Demo 利用票 (第6表) for office A: last month's slips confirmed with their actuals, consent and
提供票 delivery; this month's as drafts (their consent and delivery still to do, so 今日 shows them);
one client's draft goes over the 区分支給限度基準額 (the over-limit journey's subject).
The codes and units come from the seeded service master (billing/data/master_2024.json) through
the same default lookup a care manager's generation uses."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from carebridge.billing import slip_rules, slip_services
from carebridge.billing.code_choice import master_code_lookup
from carebridge.billing.models import UsageSlip
from carebridge.billing.slip_inputs import UsageLineInput
from carebridge.careplans import selectors as plan_selectors
from carebridge.clients.models import Client
from carebridge.core.dates import month_start, previous_month
from carebridge.core.models import Office, User
from carebridge.directory.models import Provider

OVER_LIMIT_LEVELS = ("care_1", "care_2")


def load_billing(*, office: Office, today: dt.date) -> str | None:
    """The office's demo slips; returns the name of the client whose draft is over the limit."""
    this_month = month_start(today)
    last_month = previous_month(this_month)
    clients = list(
        Client.objects.filter(office=office, care_manager__isnull=False).select_related("care_manager").order_by("id")
    )
    over_limit: Client | None = None
    for client in clients:
        actor = client.care_manager
        if actor is None:
            continue
        if plan_selectors.plan_in_effect(client=client, month=last_month) is not None:
            _confirmed_month(actor, client, last_month)
        if plan_selectors.plan_in_effect(client=client, month=this_month) is not None:
            slip = _generate(actor, client, this_month)
            if slip is not None and over_limit is None and _level(client, this_month) in OVER_LIMIT_LEVELS:
                _go_over_limit(actor, slip, office)
                over_limit = client
    return over_limit.name if over_limit else None


def _level(client: Client, month: dt.date) -> str:
    from carebridge.billing.slip_selectors import certification_for_month

    cert = certification_for_month(client=client, month=month)
    return cert.care_level if cert else ""


def _generate(actor: User, client: Client, month: dt.date) -> UsageSlip | None:
    if UsageSlip.objects.filter(client=client, month=month).exists():
        return None
    try:
        return slip_services.slip_generate(actor=actor, client=client, month=month)
    except ValidationError:
        return None


def _confirmed_month(actor: User, client: Client, month: dt.date) -> None:
    slip = _generate(actor, client, month)
    if slip is None:
        return
    explained = month - dt.timedelta(days=4)
    slip_services.slip_consent_record(
        actor=actor, slip=slip, consented_on=explained, method="visit", consented_by=client.name
    )
    for provider_id, name in slip_services.slip_providers(slip):
        slip_services.slip_delivery_record(
            actor=actor,
            slip=slip,
            provider_id=provider_id,
            provider_name=name,
            delivered_on=explained,
            method="fax",
        )
    try:
        slip = slip_services.slip_confirm(actor=actor, slip=slip)
    except ValidationError:
        return  # a line left blank: the draft stays for the care manager
    for index, line in enumerate(slip.lines.all()):
        # The actuals as the providers reported them: as planned, but the first line missed one day.
        days = line.planned_days
        if index == 0 and "1" in days:
            at = days.index("1")
            days = days[:at] + "0" + days[at + 1 :]
        slip_services.slip_line_actuals_set(actor=actor, line=line, actual_days=days)


def _go_over_limit(actor: User, slip: UsageSlip, office: Office) -> None:
    """訪問介護 twice a day, every day: the month passes the 区分支給限度基準額."""
    helper = next(
        (p for p in Provider.objects.filter(office=office).order_by("id") if "11" in p.service_type_codes), None
    )
    level = _level(slip.client, slip.month)
    choice = master_code_lookup(slip.month)("11", 60, level, slip.month)
    if choice is None:
        return
    last = len(slip_rules.month_days(slip.month))
    every_day = "1" * last + "0" * (31 - last)
    for start, end in ((dt.time(8), dt.time(9)), (dt.time(18), dt.time(19))):
        slip_services.slip_line_add(
            actor=actor,
            slip=slip,
            data=UsageLineInput(
                provider_id=helper.pk if helper else None,
                provider_name=helper.name if helper else "ヘルパーステーション",
                service_type="11",
                service_code=choice.code,
                service_name=choice.name,
                start_time=start,
                end_time=end,
                units=choice.units,
                planned_days=every_day,
            ),
        )
