"""Demo data of the office's own fee (billing): the providers' 法人, the office's fee setting and a
few FeeEvents of this month, so /billing/fee/ and /billing/concentration/ show real content.
Idempotent: providers that already have a 法人名 and an office that already has events are left alone."""

from __future__ import annotations

import dataclasses
import datetime as dt

from carebridge.billing import fee_services
from carebridge.billing.fee_inputs import FeeEventInput, FeeSettingInput
from carebridge.billing.models import FeeEvent, FeeSetting
from carebridge.clients.models import Client, ClientStatus
from carebridge.core.dates import month_start
from carebridge.core.models import Office, User
from carebridge.directory import services as directory_services
from carebridge.directory.inputs import ProviderInput
from carebridge.directory.models import Provider

CORPORATIONS = ("社会福祉法人 みどり会", "株式会社 ひだまりケア", "医療法人社団 さくら", "社会福祉法人 みどり会")
EVENTS = ("initial", "admission", "outpatient", "emergency_conference", "discharge")


def _corporations(admin: User, office: Office) -> None:
    fields = [f.name for f in dataclasses.fields(ProviderInput)]
    for i, provider in enumerate(Provider.objects.filter(office=office, corporation_name="").order_by("pk")):
        values = {name: getattr(provider, name) for name in fields}
        values["corporation_name"] = CORPORATIONS[i % len(CORPORATIONS)]
        directory_services.provider_update(actor=admin, provider=provider, data=ProviderInput(**values))


def load_fee(*, office: Office, admin: User, today: dt.date) -> int:
    """Returns the number of events made."""
    _corporations(admin, office)
    if not FeeSetting.objects.filter(office=office).exists():
        fee_services.fee_setting_save(
            actor=admin, data=FeeSettingInput(valid_from=dt.date(2024, 4, 1), tier="1", special="3")
        )
    if FeeEvent.objects.filter(office=office).exists():
        return 0
    clients = Client.objects.filter(office=office, status=ClientStatus.ACTIVE, care_manager__isnull=False).order_by(
        "pk"
    )
    made = 0
    day = max(month_start(today), today - dt.timedelta(days=3))
    for kind, client in zip(EVENTS, clients, strict=False):
        if client.care_manager is None:
            continue
        data = FeeEventInput(
            kind=kind,
            day=day,
            info_on=day if kind == "admission" else None,
            contacts=2 if kind == "discharge" else 1,
            conference=kind == "discharge",
            notes="デモ: 要件を確認済み",
        )
        fee_services.fee_event_create(actor=client.care_manager, client=client, data=data)
        made += 1
    return made
