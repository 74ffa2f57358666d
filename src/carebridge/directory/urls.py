from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.entry_list, name="providers"),
    path("providers/import/", views.provider_import, name="provider_import"),
    path("<str:section>/", views.entry_list, name="list"),
    path("<str:section>/new/", views.entry_create, name="create"),
    path("<str:section>/<int:entry_id>/edit/", views.entry_edit, name="edit"),
]
