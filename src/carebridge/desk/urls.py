from django.urls import path

from . import views

# Site-wide names (no namespace): other apps link to the home, the 今日 page and the client page.
urlpatterns = [
    path("", views.home, name="home"),
    path("today/", views.today, name="today"),
    path("clients/<int:client_id>/", views.client_page, name="client_page"),
]
