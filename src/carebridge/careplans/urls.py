from django.urls import path

from . import views

app_name = "careplans"

# Mounted at the site root: a plan is made from the client (/clients/<id>/careplans/new/) and
# lives under /careplans/.
urlpatterns = [
    path("clients/<int:client_id>/careplans/new/", views.plan_create, name="create"),
    path("careplans/<int:plan_id>/", views.plan_detail, name="detail"),
    path("careplans/<int:plan_id>/edit/", views.plan_edit, name="edit"),
    path("careplans/<int:plan_id>/needs/new/", views.need_create, name="need_create"),
    path("careplans/<int:plan_id>/needs/<int:need_id>/goals/new/", views.goal_create, name="goal_create"),
    path("careplans/<int:plan_id>/goals/<int:goal_id>/services/new/", views.service_create, name="service_create"),
    path("careplans/<int:plan_id>/weekly/new/", views.weekly_create, name="weekly_create"),
    path("careplans/<int:plan_id>/rows/<str:kind>/<int:row_id>/delete/", views.row_delete, name="row_delete"),
    path("careplans/<int:plan_id>/rows/<str:kind>/<int:row_id>/move/", views.row_move, name="row_move"),
    path("careplans/<int:plan_id>/needs/<int:need_id>/edit/", views.need_edit, name="need_edit"),
    path("careplans/<int:plan_id>/goals/<int:goal_id>/edit/", views.goal_edit, name="goal_edit"),
    path("careplans/<int:plan_id>/services/<int:service_id>/edit/", views.service_edit, name="service_edit"),
    path("careplans/inquiries/<int:inquiry_id>/answer/", views.inquiry_answer, name="inquiry_answer"),
    path("careplans/<int:plan_id>/conferences/new/", views.conference_create, name="conference_create"),
    path("careplans/<int:plan_id>/consent/", views.consent_create, name="consent_create"),
    path("careplans/<int:plan_id>/deliveries/new/", views.delivery_create, name="delivery_create"),
    path("careplans/<int:plan_id>/activate/", views.activate, name="activate"),
    path("careplans/<int:plan_id>/revise/", views.revise, name="revise"),
    path("careplans/<int:plan_id>/diff/", views.diff, name="diff"),
    path("careplans/<int:plan_id>/pdf/", views.plan_pdf, name="pdf"),
    path("careplans/conferences/<int:conference_id>/pdf/", views.conference_pdf, name="conference_pdf"),
]
