from django.urls import path

from . import views, views_prevention

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
    *[
        # 介護予防サービス・支援計画書 (要支援1・2, 事業対象者): views_prevention.py
        path("clients/<int:client_id>/prevention-plans/", views_prevention.prevention_list, name="prevention_list"),
        path(
            "clients/<int:client_id>/prevention-plans/new/",
            views_prevention.prevention_create,
            name="prevention_create",
        ),
        path("prevention-plans/<int:plan_id>/", views_prevention.prevention_detail, name="prevention_detail"),
        path("prevention-plans/<int:plan_id>/edit/", views_prevention.prevention_edit, name="prevention_edit"),
        path(
            "prevention-plans/<int:plan_id>/rows/new/",
            views_prevention.prevention_row_create,
            name="prevention_row_create",
        ),
        path(
            "prevention-plans/<int:plan_id>/rows/<int:row_id>/delete/",
            views_prevention.prevention_row_delete,
            name="prevention_row_delete",
        ),
        path("prevention-plans/<int:plan_id>/consent/", views_prevention.prevention_consent, name="prevention_consent"),
        path("prevention-plans/<int:plan_id>/deliver/", views_prevention.prevention_deliver, name="prevention_deliver"),
        path("prevention-plans/<int:plan_id>/revise/", views_prevention.prevention_revise, name="prevention_revise"),
        path("prevention-plans/<int:plan_id>/pdf/", views_prevention.prevention_plan_pdf, name="prevention_pdf"),
    ],
]
