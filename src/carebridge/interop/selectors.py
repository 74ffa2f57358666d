"""Reads of the exchange: the send records of a client or of a provider (who received what, when,
with which hash)."""

from __future__ import annotations

from django.db.models import QuerySet

from carebridge.careplans.models import CarePlan
from carebridge.clients.models import Client
from carebridge.directory.models import Provider

from .models import ExchangeSend, SendContent


def client_sends(*, client: Client) -> QuerySet[ExchangeSend]:
    """Every send that carried this client, newest first (plans prefetched: one query more)."""
    return (
        ExchangeSend.objects.filter(office_id=client.office_id, clients=client)
        .select_related("sent_by", "provider")
        .prefetch_related("plans")
        .order_by("-sent_at", "-id")
    )


def plan_sends(*, plan: CarePlan) -> QuerySet[ExchangeSend]:
    return (
        ExchangeSend.objects.filter(office_id=plan.office_id, plans=plan)
        .select_related("sent_by", "provider")
        .order_by("-sent_at", "-id")
    )


def provider_sends(*, provider: Provider) -> QuerySet[ExchangeSend]:
    """Every send to or from this provider, newest first, with the clients and plan versions it
    carried (two prefetch queries, whatever the number of sends)."""
    return (
        ExchangeSend.objects.filter(office_id=provider.office_id, provider=provider)
        .select_related("sent_by")
        .prefetch_related("plans", "clients")
        .order_by("-sent_at", "-id")
    )


def month_sends(*, client: Client, month: str) -> list[ExchangeSend]:
    """The sends of a client's month set and its withdrawals (month YYYYMM), newest first."""
    sends = (
        ExchangeSend.objects.filter(
            office_id=client.office_id, clients=client, content__in=[SendContent.MONTH, SendContent.MONTH_WITHDRAWAL]
        )
        .select_related("sent_by", "provider")
        .order_by("-sent_at", "-id")
    )
    return [s for s in sends if month in (s.months or [])]  # JSON containment differs per database
