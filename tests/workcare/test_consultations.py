"""Consultations: requested by the employee or recorded by the workplace care manager, their
lifecycle (申込み -> 対応中 -> 終了), the situation assessment (reference only), screening and
referrals; HR and managers never see a consultation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from carebridge.core.models import AuditEvent
from carebridge.workcare import messages, services
from carebridge.workcare.inputs import ConsultationInput, ReferralInput, ScreeningInput, SituationAssessmentInput
from carebridge.workcare.models import Consultation

from .factories import CareRecipientFactory, EmployeeFactory
from .factories_consultations import (
    CALM_ANSWERS,
    URGENT_ANSWERS,
    consultation_of,
    directory_of,
    linked_employee,
    sakura_consultation,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


# -- requested by the employee ------------------------------------------------------------------


def test_the_employee_requests_a_consultation_from_the_portal(world, client):
    employee = linked_employee(world)
    mother = CareRecipientFactory(employee=employee)
    client.force_login(world.employee)
    page = client.get(reverse("workcare:my_consultation_new"))
    assert page.status_code == 200 and "相談の申込み" in page.content.decode()
    response = client.post(
        reverse("workcare:my_consultation_new"),
        {"channel": "online", "care_recipient": mother.pk, "content": "母が転んでから一人暮らしが心配です。"},
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get(employee=employee)
    assert (consultation.status, consultation.requested_by_employee, consultation.requested_on) == (
        "requested",
        True,
        TODAY(),
    )
    assert consultation.care_recipient == mother
    assert AuditEvent.objects.filter(subject_type="workcare.consultation", event_type="create").count() == 1
    listing = client.get(reverse("workcare:my_consultations"))
    assert "母が転んでから" in listing.content.decode()


def test_the_employee_cannot_name_someone_elses_family_member(world):
    employee = linked_employee(world)
    other = CareRecipientFactory(employee=EmployeeFactory(company=world.company))
    with pytest.raises(ValidationError) as caught:
        services.consultation_request(
            actor=world.employee, data=ConsultationInput(channel="phone", content="相談", care_recipient_id=other.pk)
        )
    assert caught.value.error_dict["care_recipient"][0].message == messages.CONSULTATION_RECIPIENT_NOT_OWN
    assert not Consultation.objects.filter(employee=employee).exists()


def test_hr_and_the_manager_cannot_request_or_read(world, client):
    consultation = sakura_consultation(world)
    for user in (world.hr, world.manager):
        with pytest.raises(PermissionDenied):
            services.consultation_request(actor=user, data=ConsultationInput(channel="phone", content="x"))
        client.force_login(user)
        assert client.get(reverse("workcare:consultation_detail", args=[consultation.pk])).status_code == 404
        assert client.get(reverse("workcare:my_consultations")).status_code == 403


# -- recorded by the workplace care manager, lifecycle ---------------------------------------------


def test_the_workplace_care_manager_records_and_moves_a_consultation(world, client):
    employee = linked_employee(world)
    client.force_login(world.wcm_a)
    response = client.post(
        reverse("workcare:employee_consultation_new", args=[employee.pk]),
        {
            "channel": "meeting",
            "content": "父の退院後の生活",
            "urgency": "medium",
            "family_help": "妹が週末に",
            "held_on": "",
        },
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get(employee=employee)
    assert (consultation.status, consultation.handled_by) == ("requested", world.wcm_a)
    client.post(reverse("workcare:consultation_start", args=[consultation.pk]), {"on": TODAY().isoformat()})
    consultation.refresh_from_db()
    assert (consultation.status, consultation.held_on) == ("in_progress", TODAY())
    client.post(reverse("workcare:consultation_close", args=[consultation.pk]), {"on": TODAY().isoformat()})
    consultation.refresh_from_db()
    assert (consultation.status, consultation.closed_on) == ("closed", TODAY())
    actions = set(AuditEvent.objects.filter(subject_type="workcare.consultation").values_list("action", flat=True))
    assert {"consultation.started", "consultation.closed"} <= actions


def test_a_closed_consultation_cannot_be_started_again(world):
    consultation = sakura_consultation(world, status="closed")
    with pytest.raises(ValidationError) as caught:
        services.consultation_start(actor=world.wcm_a, consultation=consultation, held_on=TODAY())
    assert caught.value.messages == [messages.CONSULTATION_TRANSITION_REFUSED]


def test_held_before_requested_is_refused(world):
    consultation = sakura_consultation(world)
    with pytest.raises(ValidationError) as caught:
        services.consultation_start(
            actor=world.wcm_a, consultation=consultation, held_on=consultation.requested_on - dt.timedelta(days=1)
        )
    assert caught.value.error_dict["held_on"][0].message == messages.CONSULTATION_DATE_ORDER


# -- assessment (reference only) --------------------------------------------------------------------


def test_the_assessment_is_stored_with_its_criteria_version_and_shown_as_a_reference(world, client):
    consultation = sakura_consultation(world)
    client.force_login(world.wcm_a)
    data = {"assessed_on": TODAY().isoformat(), "item_2": "2", "item_10": "2", "note": "見守りが必要"}
    response = client.post(reverse("workcare:consultation_assessment", args=[consultation.pk]), data)
    assert response.status_code == 302
    assessment = consultation.assessments.get()
    assert assessment.criteria_version == dt.date(2025, 4, 1)
    assert assessment.item_levels == {"2": 2, "10": 2}
    page = client.get(reverse("workcare:consultation_detail", args=[consultation.pk])).content.decode()
    assert "参考 — 事業主は柔軟に運用" in page
    assert "「2」が2項目以上（②・⑩）" in page


def test_an_assessment_below_the_criteria_refuses_nothing(world):
    consultation = sakura_consultation(world)
    data = SituationAssessmentInput(assessed_on=TODAY(), item_levels={"1": 1})
    services.situation_assessment_record(actor=world.wcm_a, consultation=consultation, data=data)
    # The consultation goes on: a referral and a bridge are still possible.
    consultation.refresh_from_db()
    assert consultation.status == "requested"


def test_levels_outside_1_to_3_are_refused(world):
    consultation = sakura_consultation(world)
    with pytest.raises(ValidationError) as caught:
        services.situation_assessment_record(
            actor=world.wcm_a,
            consultation=consultation,
            data=SituationAssessmentInput(assessed_on=TODAY(), item_levels={"1": 4, "13": 1}),
        )
    assert caught.value.error_dict["item_levels"][0].message == messages.ASSESSMENT_LEVELS_INVALID.format(keys="1、13")


# -- screening ----------------------------------------------------------------------------------------


def test_the_employee_answers_the_screening_in_the_portal(world, client):
    consultation = sakura_consultation(world)
    client.force_login(world.employee)
    response = client.post(reverse("workcare:my_screening"), URGENT_ANSWERS)
    assert response.status_code == 200
    body = response.content.decode()
    assert "緊急度の目安: 高" in body and "介護を分担できる家族がいない" in body
    consultation.refresh_from_db()
    assert consultation.urgency == "high"
    assert [f["code"] for f in consultation.urgency_factors] == ["continuous_leave", "no_family_help"]


def test_the_workplace_care_manager_records_a_screening_on_a_consultation(world):
    consultation = sakura_consultation(world)
    screening = services.screening_answer(
        actor=world.wcm_a, data=ScreeningInput(answers=CALM_ANSWERS), consultation=consultation
    )
    assert (screening.urgency, screening.factors, screening.questions_version) == ("low", [], "2026-01")


def test_incomplete_answers_are_refused_naming_the_question(world):
    consultation = sakura_consultation(world)
    answers = {k: v for k, v in CALM_ANSWERS.items() if k != "own_health"}
    with pytest.raises(ValidationError) as caught:
        services.screening_answer(actor=world.wcm_a, data=ScreeningInput(answers=answers), consultation=consultation)
    assert caught.value.error_dict["answers"][0].message == messages.SCREENING_ANSWERS_INVALID.format(keys="own_health")


# -- referrals --------------------------------------------------------------------------------------------


def test_referrals_to_a_specialist_the_center_and_a_care_manager(world, client):
    consultation = sakura_consultation(world)
    directory = directory_of(world.office_a)
    to_sharoushi = services.referral_create(
        actor=world.wcm_a,
        consultation=consultation,
        data=ReferralInput(
            target="specialist", reason="介護休業給付金の手続き", specialist_id=directory["sharoushi"].pk
        ),
    )
    assert to_sharoushi.status == "proposed"
    services.referral_create(
        actor=world.wcm_a,
        consultation=consultation,
        data=ReferralInput(
            target="community_center", reason="認定の申請", provider_id=directory["center"].pk, referred_on=TODAY()
        ),
    )
    services.referral_create(
        actor=world.wcm_a,
        consultation=consultation,
        data=ReferralInput(target="care_manager", reason="ケアプラン", care_manager_id=world.cm_a.pk),
    )
    client.force_login(world.wcm_a)
    client.post(reverse("workcare:referral_status", args=[to_sharoushi.pk]), {"status": "referred"})
    client.post(
        reverse("workcare:referral_status", args=[to_sharoushi.pk]), {"status": "completed", "outcome": "申請済み"}
    )
    to_sharoushi.refresh_from_db()
    assert (to_sharoushi.status, to_sharoushi.outcome, to_sharoushi.referred_on) == ("completed", "申請済み", TODAY())
    assert consultation.referrals.count() == 3


R = ReferralInput
M = messages


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            lambda d, w: R(target="specialist", reason="x", specialist_id=d["scrivener"].pk),
            "specialist",
            M.REFERRAL_SPECIALIST_KIND,
        ),
        (
            lambda d, w: R(target="specialist", reason="x", provider_id=d["center"].pk),
            "target",
            M.REFERRAL_TARGET_MISMATCH,
        ),
        (
            lambda d, w: R(target="community_center", reason="x", provider_id=d["day"].pk),
            "provider",
            M.REFERRAL_TARGET_MISSING,
        ),
        (
            lambda d, w: R(target="care_manager", reason="x", care_manager_id=w.clerk_a.pk),
            "care_manager",
            M.REFERRAL_TARGET_MISSING,
        ),
        (lambda d, w: R(target="care_manager", reason="x"), "target", M.REFERRAL_TARGET_MISSING),
    ],
)
def test_a_referral_target_must_fit_its_kind(world, data, field, message):
    consultation = sakura_consultation(world)
    directory = directory_of(world.office_a)
    with pytest.raises(ValidationError) as caught:
        services.referral_create(actor=world.wcm_a, consultation=consultation, data=data(directory, world))
    assert caught.value.error_dict[field][0].message == message


def test_a_completed_referral_cannot_be_declined(world):
    consultation = sakura_consultation(world)
    directory = directory_of(world.office_a)
    referral = services.referral_create(
        actor=world.wcm_a,
        consultation=consultation,
        data=ReferralInput(
            target="specialist", reason="x", specialist_id=directory["sharoushi"].pk, referred_on=TODAY()
        ),
    )
    services.referral_update_status(actor=world.wcm_a, referral=referral, status="completed")
    with pytest.raises(ValidationError) as caught:
        services.referral_update_status(actor=world.wcm_a, referral=referral, status="declined")
    assert caught.value.messages == [messages.REFERRAL_TRANSITION_REFUSED]


# -- query counts ---------------------------------------------------------------------------------------


def _list_queries(client, world, employee) -> int:
    client.force_login(world.wcm_a)
    url = reverse("workcare:employee_consultations", args=[employee.pk])
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_consultation_list_takes_the_same_queries_for_5_and_50_rows(world, client):
    few, many = EmployeeFactory(company=world.company), EmployeeFactory(company=world.company)
    for _ in range(5):
        consultation_of(few, handled_by=world.wcm_a)
    for _ in range(50):
        consultation_of(many, handled_by=world.wcm_a)
    assert _list_queries(client, world, few) == _list_queries(client, world, many)


def test_the_list_writes_one_list_event(world, client):
    employee = linked_employee(world)
    shown = [consultation_of(employee) for _ in range(3)]
    client.force_login(world.wcm_a)
    before = AuditEvent.objects.count()
    client.get(reverse("workcare:employee_consultations", args=[employee.pk]))
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert sorted(event.changes["record_ids"]) == sorted(c.pk for c in shown)


def test_the_employee_reads_their_own_consultation_and_map_but_records_nothing(world, client):
    consultation = sakura_consultation(world)
    client.force_login(world.employee)
    page = client.get(reverse("workcare:consultation_detail", args=[consultation.pk]))
    assert page.status_code == 200 and consultation.content in page.content.decode()
    assert "判断基準で状態を確認" not in page.content.decode()
    assert client.get(reverse("workcare:consultation_map", args=[consultation.pk])).status_code == 200
    assert client.get(reverse("workcare:consultation_assessment", args=[consultation.pk])).status_code == 403
    assert client.post(reverse("workcare:consultation_start", args=[consultation.pk])).status_code == 403
    consultation.refresh_from_db()
    assert consultation.status == "requested"
    someone_else = consultation_of(EmployeeFactory(company=world.company))
    assert client.get(reverse("workcare:consultation_detail", args=[someone_else.pk])).status_code == 404


@pytest.mark.parametrize("bad", ["0", "99999999999999999999", "-1"])
def test_odd_ids_answer_404(world, client, bad):
    client.force_login(world.wcm_a)
    assert client.get(f"/workcare/consultations/{bad}/").status_code == 404
    assert client.get(f"/workcare/employees/{bad}/consultations/").status_code == 404


def test_odd_form_values_never_make_a_500(world, client):
    consultation = sakura_consultation(world)
    client.force_login(world.wcm_a)
    url = reverse("workcare:consultation_start", args=[consultation.pk])
    assert client.post(url, {"on": "9999-12-31"}).status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == "requested"
    response = client.post(reverse("workcare:referral_status", args=[999]), {"status": "x"})
    assert response.status_code == 404
    bad = {"assessed_on": "2026-02-30", "item_1": "7"}
    assert client.post(reverse("workcare:consultation_assessment", args=[consultation.pk]), bad).status_code == 200
    form = {"channel": "fax", "care_recipient": "abc", "content": ""}
    employee_url = reverse("workcare:employee_consultation_new", args=[consultation.employee_id])
    assert client.post(employee_url, form).status_code == 200
