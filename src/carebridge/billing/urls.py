"""給付管理's pages, one views module per area."""

from django.urls import path

from . import views_close

app_name = "billing"

urlpatterns: list = [
    path("close/<str:month>/", views_close.close_page, name="close"),
    path("close/<str:month>/close/", views_close.close_run, name="close_run"),
    path("close/<str:month>/export/", views_close.close_export, name="close_export"),
    path("sends/", views_close.send_list, name="sends"),
    path("sends/<int:send_id>/download/", views_close.send_download, name="send_download"),
]
