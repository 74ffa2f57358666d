from django.urls import path

from . import views

app_name = "careplans"

urlpatterns = [
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/edit/", views.plan_edit, name="edit"),
    path("<int:plan_id>/needs/new/", views.need_create, name="need_create"),
    path("<int:plan_id>/needs/<int:need_id>/goals/new/", views.goal_create, name="goal_create"),
    path("<int:plan_id>/goals/<int:goal_id>/services/new/", views.service_create, name="service_create"),
    path("<int:plan_id>/weekly/new/", views.weekly_create, name="weekly_create"),
    path("<int:plan_id>/rows/<str:kind>/<int:row_id>/delete/", views.row_delete, name="row_delete"),
    path("<int:plan_id>/conferences/new/", views.conference_create, name="conference_create"),
    path("<int:plan_id>/consent/", views.consent_create, name="consent_create"),
    path("<int:plan_id>/deliveries/new/", views.delivery_create, name="delivery_create"),
    path("<int:plan_id>/activate/", views.activate, name="activate"),
    path("<int:plan_id>/revise/", views.revise, name="revise"),
    path("<int:plan_id>/diff/", views.diff, name="diff"),
    path("<int:plan_id>/pdf/", views.plan_pdf, name="pdf"),
    path("conferences/<int:conference_id>/pdf/", views.conference_pdf, name="conference_pdf"),
]
