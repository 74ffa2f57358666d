from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("clients/<int:client_id>/assessments/new/", views.assessment_create, name="create"),
    path("clients/<int:client_id>/assessments/<int:assessment_id>/", views.assessment_detail, name="detail"),
]
