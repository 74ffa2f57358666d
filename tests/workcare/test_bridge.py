"""The bridge (issue 8 item 10): with the employee's and the care recipient's consent, the
workplace care manager hands a consultation to the office's care management as an intake (route
企業相談); cm_a converts it into a client with casework's own flow; the workplace side sees only
the intake's status while consent lasts; HR reaches none of it; care-side staff never see the
employee's work data."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from carebridge.casework import services as casework
from carebridge.casework.inputs import ContractInput
from carebridge.casework.models import Intake
from carebridge.clients.inputs import ClientInput
from carebridge.core.models import AuditEvent
from carebridge.core.services import api_token_create
from carebridge.workcare import messages, services
from carebridge.workcare.models import CareBridge
from carebridge.workcare.selectors.consultations import bridge_view

from .factories_consultations import bridge_input, sakura_consultation

pytestmark = pytest.mark.django_db

CLIENT = ClientInput(
    name="桜井 トメ", kana="さくらい とめ", birth_date=dt.date(1944, 3, 3), sex="female",
    insurer_number="131128", insured_number="0000077777",
)  # fmt: skip


def _bridge(world, **consultation_values):
    consultation = sakura_consultation(
        world, work_constraints="夜勤あり・月2回の出張", family_help="弟は遠方", **consultation_values
    )
    return services.care_bridge_create(actor=world.wcm_a, consultation=consultation, data=bridge_input())


def test_a_consented_consultation_becomes_an_intake_that_cm_a_converts_into_a_client(world, client):
    bridge = _bridge(world, urgency="high")
    intake = bridge.intake
    assert intake is not None and intake.office == world.office_a
    assert (intake.route, intake.get_route_display(), intake.requester_name) == (
        "company",
        "企業相談",
        bridge.consultation.employee.name,
    )
    assert intake.requester_relation == "子"  # the care recipient is the employee's parent
    assert intake.subject_name == "桜井 トメ"
    assert intake.urgency == "high"
    assert "【共有に同意した範囲】相談内容と母の状態" in intake.main_complaint
    # The employee's work data stays on the workplace side.
    assert "夜勤" not in intake.main_complaint and "出張" not in intake.main_complaint

    # The care side sees it in its usual intake list.
    client.force_login(world.cm_a)
    listing = client.get(reverse("casework:intakes")).content.decode()
    assert "桜井 トメ" in listing and "企業相談" in listing and "夜勤" not in listing

    created = casework.intake_convert(
        actor=world.cm_a,
        intake=intake,
        client=CLIENT,
        contract=ContractInput(contracted_on=timezone.localdate(), multiple_providers_explained=True),
    )
    intake.refresh_from_db()
    assert intake.client == created and created.office == world.office_a
    bridge.refresh_from_db()
    assert bridge_view(bridge).live and bridge_view(bridge).client_registered
    assert AuditEvent.objects.filter(subject_type="workcare.carebridge", event_type="create").count() == 1

    # The workplace side sees the status, never the client's record.
    client.force_login(world.wcm_a)
    detail = client.get(reverse("workcare:consultation_detail", args=[bridge.consultation_id])).content.decode()
    assert "利用者として登録済み" in detail
    assert client.get(reverse("client_page", args=[created.pk])).status_code in (403, 404)
    assert client.get(reverse("casework:intakes")).status_code == 403


def test_withdrawal_ends_what_the_workplace_side_sees_at_once(world, client):
    bridge = _bridge(world)
    client.force_login(world.employee)  # the employee withdraws from their own consultation page
    response = client.post(reverse("workcare:bridge_withdraw", args=[bridge.pk]))
    assert response.status_code == 302
    bridge.refresh_from_db()
    assert bridge.withdrawn_at is not None
    assert not bridge_view(bridge).live
    event = AuditEvent.objects.get(action="care_bridge.withdrawn")
    assert event.actor_id == world.employee.pk
    client.force_login(world.wcm_a)
    detail = client.get(reverse("workcare:consultation_detail", args=[bridge.consultation_id])).content.decode()
    assert "同意は撤回されました" in detail and "受付の状況:" not in detail
    token = api_token_create(actor=None, user=world.wcm_a)
    body = client.post(
        f"/api/v1/workcare/bridges/{bridge.pk}/withdraw",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert body.status_code == 422  # already withdrawn
    with pytest.raises(ValidationError) as caught:
        services.care_bridge_withdraw(actor=world.wcm_a, bridge=bridge)
    assert caught.value.messages == [messages.BRIDGE_WITHDRAWN]


def test_after_withdrawal_the_api_shows_no_status(world, client):
    bridge = _bridge(world)
    token = api_token_create(actor=None, user=world.wcm_a)
    response = client.post(f"/api/v1/workcare/bridges/{bridge.pk}/withdraw", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert (data["live"], data["intake_outcome"], data["client_registered"]) == (False, "", False)


def test_hr_reaches_none_of_the_bridge(world, client):
    bridge = _bridge(world)
    consultation_id, intake_id = bridge.consultation_id, bridge.intake_id
    before = (CareBridge.objects.count(), Intake.objects.count(), AuditEvent.objects.count())
    client.force_login(world.hr)
    for url in (
        reverse("workcare:consultation_detail", args=[consultation_id]),
        reverse("workcare:bridge_new", args=[consultation_id]),
        reverse("workcare:consultation_map", args=[consultation_id]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("workcare:bridge_new", args=[consultation_id]), {}).status_code == 404
    assert client.post(reverse("workcare:bridge_withdraw", args=[bridge.pk])).status_code == 404
    assert client.get(reverse("casework:intakes")).status_code == 403
    assert client.get(reverse("casework:intake_convert", args=[intake_id])).status_code in (403, 404)
    token = api_token_create(actor=None, user=world.hr)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for method, url in (
        ("get", f"/api/v1/workcare/consultations/{consultation_id}"),
        ("post", f"/api/v1/workcare/consultations/{consultation_id}/bridge"),
        ("post", f"/api/v1/workcare/bridges/{bridge.pk}/withdraw"),
    ):
        if method == "get":
            response = client.get(url, **auth)
        else:
            response = client.post(url, content_type="application/json", data="{}", **auth)
        assert response.status_code in (403, 404, 422), (url, response.status_code)
    bridge.refresh_from_db()
    assert bridge.withdrawn_at is None
    assert (CareBridge.objects.count(), Intake.objects.count()) == before[:2]
    with pytest.raises(PermissionDenied):
        services.care_bridge_withdraw(actor=world.hr, bridge=bridge)


def test_care_side_staff_never_see_the_consultation(world, client):
    bridge = _bridge(world)
    for user in (world.cm_a, world.chief_a, world.admin_a, world.clerk_a):
        client.force_login(user)
        assert client.get(reverse("workcare:consultation_detail", args=[bridge.consultation_id])).status_code == 404
        assert client.post(reverse("workcare:bridge_withdraw", args=[bridge.pk])).status_code == 404


def test_the_bridge_needs_a_care_recipient_and_is_made_once(world):
    bridge = _bridge(world)
    with pytest.raises(ValidationError) as caught:
        services.care_bridge_create(actor=world.wcm_a, consultation=bridge.consultation, data=bridge_input())
    assert caught.value.messages == [messages.BRIDGE_ALREADY]
    services.care_bridge_withdraw(actor=world.wcm_a, bridge=bridge)
    again = services.care_bridge_create(actor=world.wcm_a, consultation=bridge.consultation, data=bridge_input())
    assert again.pk != bridge.pk  # new consent, a new bridge (the old one keeps its withdrawal)


def test_consent_dates_must_be_between_the_request_and_today(world):
    consultation = sakura_consultation(world)
    intakes = Intake.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.care_bridge_create(
            actor=world.wcm_a,
            consultation=consultation,
            data=bridge_input(employee_consented_on=timezone.localdate() + dt.timedelta(days=1)),
        )
    assert caught.value.error_dict["employee_consented_on"][0].message == messages.BRIDGE_CONSENT_DATE
    assert Intake.objects.count() == intakes


def test_the_bridge_through_the_page(world, client):
    consultation = sakura_consultation(world)
    client.force_login(world.wcm_a)
    form = client.get(reverse("workcare:bridge_new", args=[consultation.pk]))
    assert form.status_code == 200 and consultation.content in form.content.decode()
    today = timezone.localdate().isoformat()
    data = {
        "employee_consented_on": today,
        "recipient_consent_by": "代理人 桜井 次郎（長男）",
        "recipient_consented_on": today,
        "scope": "相談内容",
        "subject_name": "桜井 トメ",
        "main_complaint": "介護保険の申請について",
    }
    response = client.post(reverse("workcare:bridge_new", args=[consultation.pk]), data)
    assert response.status_code == 302
    bridge = CareBridge.objects.get(consultation=consultation)
    assert bridge.recipient_consent_by == "代理人 桜井 次郎（長男）"
    assert bridge.intake.route == "company"


def test_the_casework_service_takes_a_workplace_hand_over_only_as_company_route(world):
    from carebridge.casework.inputs import IntakeInput

    data = IntakeInput(
        received_on=timezone.localdate(), route="phone", requester_name="x", requester_relation="子",
        subject_name="y", main_complaint="z",
    )  # fmt: skip
    with pytest.raises(ValidationError):
        casework.intake_create(actor=world.wcm_a, data=data, from_workplace=True)
    with pytest.raises(PermissionDenied):
        casework.intake_create(actor=world.wcm_a, data=data)
