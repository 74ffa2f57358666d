"""Data exchange pages (ケアプランデータ連携, FHIR, office export), one views module per area."""

from django.urls import path  # noqa: F401  (the areas append their routes)

app_name = "interop"

urlpatterns: list = []
