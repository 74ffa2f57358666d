from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("intakes/", views.intake_list, name="intakes"),
    path("intakes/new/", views.intake_create, name="intake_create"),
    path("intakes/<int:intake_id>/convert/", views.intake_convert, name="intake_convert"),
    path("clients/<int:client_id>/notes/", views.notes, name="notes"),
    path("clients/<int:client_id>/notes/pdf/", views.notes_pdf, name="notes_pdf"),
    path("clients/<int:client_id>/notes/<int:note_id>/edit/", views.note_edit, name="note_edit"),
    path("clients/<int:client_id>/contract/new/", views.contract_create, name="contract_create"),
    path("clients/<int:client_id>/monitoring/new/", views.monitoring_create, name="monitoring_create"),
    path(
        "clients/<int:client_id>/special-circumstances/new/",
        views.special_circumstance_create,
        name="special_circumstance_create",
    ),
    path("clients/<int:client_id>/monitoring/<int:visit_id>/edit/", views.monitoring_edit, name="monitoring_edit"),
    path("tasks/<int:task_id>/done/", views.task_done, name="task_done"),
]
