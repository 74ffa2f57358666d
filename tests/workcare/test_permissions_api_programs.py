"""Permission matrix of the seminar and survey API beyond the list and results
(tests/permission_matrix.py), case for case as the pages in test_permissions_report.py; the
employee answers their own company's survey for themselves only."""

from __future__ import annotations

from ..permission_matrix import Case, answered, changed, matrix, removed
from .factories_programs import ANSWERS
from .test_permissions_report import SURVEY, answered_once, company, my_survey, seminar, survey, surveys_in_company

CASES = [
    Case("seminar_update_api", "patch", lambda o: f"/api/v1/workcare/seminars/{seminar(o).pk}",
         "PATCH /api/v1/workcare/seminars/{seminar_id}", "wcm_a", "hr", 403, 200, data={"topic": "介護休業の使い方"},
         post=changed("seminar", "topic", "介護休業の使い方")),
    Case("seminar_delete_api", "delete", lambda o: f"/api/v1/workcare/seminars/{seminar(o).pk}",
         "DELETE /api/v1/workcare/seminars/{seminar_id}", "wcm_a", "hr", 403, 204, post=removed("seminar")),
    Case("survey_list_api", "get", lambda o: (survey(o), f"/api/v1/workcare/companies/{company(o)}/surveys")[1],
         "GET /api/v1/workcare/companies/{company_id}/surveys", "hr", "employee", 404, 200),
    Case("survey_create_api", "post", lambda o: f"/api/v1/workcare/companies/{company(o)}/surveys",
         "POST /api/v1/workcare/companies/{company_id}/surveys", "wcm_a", "hr", 403, 201, data=SURVEY,
         post=surveys_in_company),
    Case("my_surveys_api", "get", lambda o: (my_survey(o), "/api/v1/workcare/me/surveys")[1],
         "GET /api/v1/workcare/me/surveys", "employee", "hr", 403, 200, other_office=403),
    Case("my_survey_answer_api", "post", lambda o: f"/api/v1/workcare/me/surveys/{my_survey(o).pk}/answer",
         "POST /api/v1/workcare/me/surveys/{survey_id}/answer", "employee", "hr", 403, 201,
         data={"answers": ANSWERS}, other_office=403,
         post=answered(answered_once, "one receipt and one anonymous answer sheet"),
         company_callers={"coworker": 201}),
]  # fmt: skip

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
