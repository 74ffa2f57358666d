"""The work–care pages, under /workcare/ (each area's views module holds its routes)."""

from __future__ import annotations

from .views import company, consultations, ledger, people, plans, portal, programs, report

app_name = "workcare"
urlpatterns = [
    *company.urlpatterns,
    *people.urlpatterns,
    *consultations.urlpatterns,
    *plans.urlpatterns,
    *portal.urlpatterns,
    *programs.urlpatterns,
    *ledger.urlpatterns,
    *report.urlpatterns,
]
