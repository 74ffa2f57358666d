"""Run inside the e2e server's environment (`carebridge shell`): this month's confirmed slips for
office A's demo clients that have none yet (b10_slips' desk/demo_billing.py makes them later).
A client the pre-send check would refuse keeps a draft slip instead: the page lists it as left.
Prints the month (YYYY-MM)."""

from django.utils import timezone

from carebridge.billing import close_selectors
from carebridge.billing.models import SlipStatus, UsageLine, UsageSlip
from carebridge.clients.models import Client
from carebridge.core.models import User
from carebridge.directory.models import Provider

clerk = User.objects.get(username="clerk_a")
office = clerk.office
month = timezone.localdate().replace(day=1)
for user in User.objects.filter(office=office, care_manager_number=""):
    if user.role in ("care_manager", "chief_care_manager"):
        user.care_manager_number = f"{13000000 + user.pk:08d}"
        user.save(update_fields=["care_manager_number"])
providers = list(Provider.objects.filter(office=office).exclude(provider_number="")[:2])
have = set(UsageSlip.objects.filter(office=office, month=month).values_list("client_id", flat=True))
for client in Client.objects.filter(office=office, status="active").exclude(pk__in=have):
    slip = UsageSlip.objects.create(
        office=office,
        client=client,
        month=month,
        status=SlipStatus.CONFIRMED,
        care_manager=client.care_manager,
        confirmed_at=timezone.now(),
        confirmed_by=clerk,
    )
    for i, provider in enumerate(providers):
        UsageLine.objects.create(
            office=office,
            slip=slip,
            position=i,
            provider=provider,
            provider_name=provider.name,
            service_type="11",
            service_code="112111",
            service_name="身体介護2",
            units=387,
            planned_days=("1" * (4 + i)).ljust(31, "0"),
        )
for c in close_selectors.month_clients(office=office, month=month):
    if c.errors and c.slip.status == SlipStatus.CONFIRMED:
        UsageSlip.objects.filter(pk=c.slip.pk).update(status=SlipStatus.DRAFT)
print(f"{month:%Y-%m}")
