from django.urls import path

from . import office_views as views

app_name = "office"

urlpatterns = [
    path("", views.office_home, name="home"),
    path("edit/", views.office_edit, name="edit"),
    path("users/new/", views.staff_create, name="staff_create"),
    path("users/<int:user_id>/edit/", views.staff_edit, name="staff_edit"),
    path("users/<int:user_id>/password/", views.staff_password, name="staff_password"),
    path("users/<int:user_id>/deactivate/", views.staff_deactivate, name="staff_deactivate"),
    path("users/<int:user_id>/reactivate/", views.staff_reactivate, name="staff_reactivate"),
    path("tokens/new/", views.token_create, name="token_create"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
