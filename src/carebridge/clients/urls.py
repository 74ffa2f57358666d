from django.urls import path

from . import views

app_name = "clients"

urlpatterns = [
    path("", views.client_list, name="list"),
    path("new/", views.client_create, name="create"),
    path("<int:client_id>/edit/", views.client_edit, name="edit"),
    path("<int:client_id>/status/", views.client_status, name="status"),
    path("<int:client_id>/contacts/new/", views.contact_create, name="contact_create"),
    path("<int:client_id>/contacts/<int:contact_id>/edit/", views.contact_edit, name="contact_edit"),
    path("<int:client_id>/certifications/new/", views.certification_create, name="certification_create"),
    path(
        "<int:client_id>/certifications/<int:certification_id>/edit/",
        views.certification_edit,
        name="certification_edit",
    ),
    path(
        "<int:client_id>/certifications/<int:certification_id>/decide/",
        views.certification_decide,
        name="certification_decide",
    ),
    path("<int:client_id>/applications/new/", views.application_create, name="application_create"),
    path(
        "<int:client_id>/short-stay-approvals/new/",
        views.short_stay_approval_create,
        name="short_stay_approval_create",
    ),
    path("<int:client_id>/consents/new/", views.consent_create, name="consent_create"),
    path("<int:client_id>/consents/<int:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
]
