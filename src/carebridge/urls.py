from django.contrib.auth import views as auth_views
from django.urls import include, path

from carebridge.api import api
from carebridge.careplans import views as careplan_views
from carebridge.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("today/", core_views.today, name="today"),
    path("accounts/login/", core_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/two-factor/", core_views.otp_setup, name="otp_setup"),
    path("audit/", core_views.audit_log, name="audit_log"),
    path("clients/", include("carebridge.clients.urls")),
    path("clients/<int:client_id>/careplans/new/", careplan_views.plan_create, name="careplan_create"),
    path("directory/", include("carebridge.directory.urls")),
    path("careplans/", include("carebridge.careplans.urls")),
    path("care/", include("carebridge.casework.urls")),
    path("api/v1/", api.urls),
]
