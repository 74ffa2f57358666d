"""Reads of the directory, scoped to the actor's office."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from carebridge.core.access import office_scope
from carebridge.core.models import User

from .models import Provider, Resource, Specialist


def provider_list(*, actor: User, query: str = "", kind: str = "", service_type: str = "") -> QuerySet[Provider]:
    qs = office_scope(actor, Provider.objects.all(), "directory.view")
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(provider_number__startswith=query) | Q(address__icontains=query))
    if kind:
        qs = qs.filter(kind=kind)
    if service_type:
        # JSON "contains" is not portable to SQLite; the codes are short, so match the quoted code.
        qs = qs.filter(service_type_codes__icontains=f'"{service_type}"')
    return qs.order_by("-is_active", "name", "id")


def resource_list(*, actor: User, query: str = "") -> QuerySet[Resource]:
    qs = office_scope(actor, Resource.objects.all(), "directory.view")
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(description__icontains=query) | Q(area__icontains=query))
    return qs


def specialist_list(*, actor: User, query: str = "") -> QuerySet[Specialist]:
    qs = office_scope(actor, Specialist.objects.all(), "directory.view")
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(organization__icontains=query))
    return qs
