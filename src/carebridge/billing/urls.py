"""給付管理's pages, one views module per area."""

from django.urls import path  # noqa: F401  (the areas append their routes)

app_name = "billing"

urlpatterns: list = []
