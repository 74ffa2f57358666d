"""給付管理's pages, one views module per area."""

from django.urls import path

from . import views_annex, views_close, views_fee, views_slips

app_name = "billing"

urlpatterns: list = [
    # 第6表 サービス利用票・提供票 (b10_slips)
    path("slips/", views_slips.office_month_current, name="home"),
    path("slips/<str:month>/", views_slips.office_month, name="slip_month"),
    path("slips/<str:month>/generate/", views_slips.office_month_generate, name="slip_month_generate"),
    path("clients/<int:client_id>/slips/<str:month>/", views_slips.client_slip, name="client_slip"),
    path(
        "clients/<int:client_id>/slips/<str:month>/generate/",
        views_slips.client_slip_generate,
        name="client_slip_generate",
    ),
    path("slip/<int:slip_id>/lines/new/", views_slips.line_add, name="slip_line_add"),
    path("slip/<int:slip_id>/lines/<int:line_id>/", views_slips.line_edit, name="slip_line_edit"),
    path("slip/<int:slip_id>/lines/<int:line_id>/actuals/", views_slips.line_actuals, name="slip_line_actuals"),
    path("slip/<int:slip_id>/lines/<int:line_id>/cell/", views_slips.line_cell, name="slip_line_cell"),
    path("slip/<int:slip_id>/lines/<int:line_id>/delete/", views_slips.line_delete, name="slip_line_delete"),
    path(
        "slip/<int:slip_id>/lines/<int:line_id>/move/<str:direction>/",
        views_slips.line_move,
        name="slip_line_move",
    ),
    path("slip/<int:slip_id>/confirm/", views_slips.slip_confirm, name="slip_confirm"),
    path("slip/<int:slip_id>/revise/", views_slips.slip_revise, name="slip_revise"),
    path("slip/<int:slip_id>/consent/", views_slips.slip_consent, name="slip_consent"),
    path("slip/<int:slip_id>/delivery/", views_slips.slip_delivery, name="slip_delivery"),
    path("slip/<int:slip_id>/pdf/", views_slips.slip_pdf_client, name="slip_pdf"),
    path("slip/<int:slip_id>/pdf/providers/<int:index>/", views_slips.slip_pdf_provider, name="slip_pdf_provider"),
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
    # The month close, 給付管理票 and the 国保連 CSV.
    path("close/<str:month>/", views_close.close_page, name="close"),
    path("close/<str:month>/close/", views_close.close_run, name="close_run"),
    path("close/<str:month>/export/", views_close.close_export, name="close_export"),
    path("sends/", views_close.send_list, name="sends"),
    path("sends/<int:send_id>/download/", views_close.send_download, name="send_download"),
]
