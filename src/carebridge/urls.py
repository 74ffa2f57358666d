"""The site's routes: each app mounts its own (the composition root may import every app)."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from carebridge.api import api
from carebridge.core import views as core_views

urlpatterns = [
    path("", include("carebridge.desk.urls")),
    path("accounts/login/", core_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", core_views.password_change, name="password_change"),
    path("accounts/two-factor/", core_views.otp_setup, name="otp_setup"),
    path("audit/", core_views.audit_log, name="audit_log"),
    path("office/", include("carebridge.core.office_urls")),
    path("clients/", include("carebridge.clients.urls")),
    path("directory/", include("carebridge.directory.urls")),
    path("", include("carebridge.careplans.urls")),
    path("care/compliance/", include("carebridge.compliance.urls")),
    path("care/", include("carebridge.assessments.urls")),
    path("care/", include("carebridge.casework.urls")),
    path("workcare/", include("carebridge.workcare.urls")),
    path("billing/", include("carebridge.billing.urls")),
    path("interop/", include("carebridge.interop.urls")),
    path("api/v1/", api.urls),
]
handler400 = "carebridge.core.views.bad_request"
handler403 = "carebridge.core.views.permission_denied"
handler404 = "carebridge.core.views.page_not_found"
handler500 = "carebridge.core.views.server_error"
