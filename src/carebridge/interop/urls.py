"""Data exchange pages (ケアプランデータ連携, FHIR, office export), one views module per area."""

from django.urls import path

from . import views_exchange, views_exchange_month, views_import

app_name = "interop"

urlpatterns: list = [
    path("plans/<int:plan_id>/exchange/", views_exchange.plan_exchange, name="plan_exchange"),
    path("plans/<int:plan_id>/exchange/export/", views_exchange.plan_export, name="plan_export"),
    path("plans/<int:plan_id>/exchange/withdraw/", views_exchange.plan_withdraw, name="plan_withdraw"),
    path("clients/<int:client_id>/exchange/", views_exchange.client_exchange, name="client_exchange"),
    path("providers/<int:provider_id>/exchange/", views_exchange.provider_exchange, name="provider_exchange"),
    path(
        "clients/<int:client_id>/months/<str:month>/exchange/",
        views_exchange_month.month_exchange,
        name="month_exchange",
    ),
    path(
        "clients/<int:client_id>/months/<str:month>/exchange/export/",
        views_exchange_month.month_export,
        name="month_export",
    ),
    path(
        "clients/<int:client_id>/months/<str:month>/exchange/withdraw/",
        views_exchange_month.month_withdraw,
        name="month_withdraw",
    ),
    path("sends/<int:send_id>/deliver/", views_exchange.send_deliver, name="send_deliver"),
    path("imports/", views_import.imports, name="imports"),
    path("imports/preview/", views_import.import_preview, name="import_preview"),
    path("imports/apply/", views_import.import_apply, name="import_apply"),
]
