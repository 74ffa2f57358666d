"""Reads of the exchange: the send records of a client (who received what, when, with which hash)."""

from __future__ import annotations

from django.db.models import QuerySet

from carebridge.careplans.models import CarePlan
from carebridge.clients.models import Client

from .models import ExchangeSend


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
