"""給付管理's pages, one views module per area."""

from django.urls import path

from . import views_annex

app_name = "billing"

urlpatterns: list = [
    path("clients/<int:client_id>/slips/<str:month>/annex/", views_annex.annex_page, name="annex"),
    path("clients/<int:client_id>/slips/<str:month>/annex.pdf", views_annex.annex_pdf_view, name="annex_pdf"),
    path("clients/<int:client_id>/slips/<str:month>/what-if/", views_annex.what_if, name="what_if"),
]
