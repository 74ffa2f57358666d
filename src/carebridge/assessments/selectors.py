"""Reads of assessments (the client came through its gate)."""

from __future__ import annotations

from django.db.models import QuerySet

from carebridge.clients.models import Client

from .models import Assessment


def assessment_list(*, client: Client) -> QuerySet[Assessment]:
    return Assessment.objects.filter(client=client).select_related("assessor").order_by("-version")


def latest_assessment(*, client: Client) -> Assessment | None:
    return assessment_list(client=client).first()


def recent_assessments(*, client: Client, count: int = 5) -> list[Assessment]:
    """For the client page: the newest versions (one query)."""
    return list(Assessment.objects.filter(client=client).order_by("-version")[:count])
