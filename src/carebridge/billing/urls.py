"""給付管理's pages, one views module per area."""

from django.urls import path

from . import views_annex, views_fee

app_name = "billing"

urlpatterns: list = [
    path("clients/<int:client_id>/slips/<str:month>/annex/", views_annex.annex_page, name="annex"),
    path("clients/<int:client_id>/slips/<str:month>/annex.pdf", views_annex.annex_pdf_view, name="annex_pdf"),
    path("clients/<int:client_id>/slips/<str:month>/what-if/", views_annex.what_if, name="what_if"),
    # The office's own fee and 特定事業所集中減算 (issue 10 items 7 and 8).
    path("fee/", views_fee.fee_current, name="fee"),
    path("fee/settings/", views_fee.fee_settings, name="fee_settings"),
    path("fee/clients/<int:client_id>/events/new/", views_fee.fee_event_new, name="fee_event_new"),
    path("fee/<str:month>/", views_fee.fee_month, name="fee_month"),
    path("concentration/<str:period>/", views_fee.concentration_report, name="concentration"),
    path("concentration/<str:period>/pdf/", views_fee.concentration_pdf, name="concentration_pdf"),
]
