"""(filled in by the work-care issue)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
