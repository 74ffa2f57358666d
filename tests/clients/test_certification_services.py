"""Certification services and pages for issue 9 (items 6, 9 and 13)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from carebridge.careplans import services as plan_services
from carebridge.careplans.inputs import ServiceInput
from carebridge.careplans.selectors import plan_facts
from carebridge.clients import messages, services
from carebridge.clients.inputs import ApplicationInput, CertificationInput, ShortStayApprovalInput
from carebridge.clients.models import ApplicationStatus, CertificationApplication, ShortStayApproval
from carebridge.compliance.rules import Rule
from carebridge.compliance.selectors import client_findings
from carebridge.core.models import AuditEvent

from ..careplan_helpers import agree_and_start, draft_plan
from ..factories import CertificationFactory, ClientFactory, ProviderFactory

pytestmark = pytest.mark.django_db

D = dt.date


# -- item 13: a filed renewal becomes 認定済 when the new certification is registered ---------------


def test_registering_the_new_certification_settles_the_filed_renewal(world, client_a):
    """介護保険法第28条 (更新申請): the filed renewal is answered by the certification registered for it:
    認定結果受領 and linked to it, audited; the new line takes the application's kind."""
    old = CertificationFactory(client=client_a, valid_from=D(2026, 4, 1), valid_to=D(2027, 3, 31))
    app = services.certification_application_create(
        actor=world.cm_a,
        client=client_a,
        data=ApplicationInput(kind="renewal", filed_on=D(2027, 2, 1), previous_certification=old),
    )
    new = services.certification_create(
        actor=world.cm_a,
        client=client_a,
        data=CertificationInput(
            care_level="care_3", certified_on=D(2027, 3, 20), valid_from=D(2027, 4, 1), valid_to=D(2028, 3, 31)
        ),
    )
    app.refresh_from_db()
    assert (app.status, app.certification_id) == (ApplicationStatus.DECIDED, new.pk)
    assert new.kind == "renewal"
    assert AuditEvent.objects.filter(action="certificationapplication.decided", subject_id=str(app.pk)).exists()


def test_a_pending_line_does_not_settle_the_application_but_its_decision_does(world, client_a):
    app = CertificationApplication.objects.create(
        office=world.office_a, client=client_a, kind="change", status="filed", filed_on=D(2026, 11, 10)
    )
    pending = services.certification_create(
        actor=world.cm_a,
        client=client_a,
        status="applied",
        data=CertificationInput(valid_from=D(2026, 11, 10), valid_to=D(2027, 5, 31)),
    )
    app.refresh_from_db()
    assert app.status == ApplicationStatus.FILED
    services.certification_decide(
        actor=world.cm_a,
        certification=pending,
        data=CertificationInput(
            care_level="care_4", certified_on=D(2026, 11, 30), valid_from=D(2026, 11, 10), valid_to=D(2027, 5, 31)
        ),
    )
    app.refresh_from_db()
    assert (app.status, app.certification_id) == (ApplicationStatus.DECIDED, pending.pk)


# -- item 9: period warnings, not refusals --------------------------------------------------------


def test_period_warning_kisoku_38_is_shown_but_the_line_is_saved(world, client, client_a):
    """規則第38条: a new validity of 2 months (May, June) and not ending on a month end is saved,
    with warnings on the page and in the API response."""
    client.force_login(world.cm_a)
    body = {
        "status": "certified",
        "kind": "new",
        "care_level": "care_1",
        "certified_on": "2026-05-20",
        "valid_from": "2026-04-15",
        "valid_to": "2026-06-29",
        "copay_rate": 10,
    }
    response = client.post(f"/clients/{client_a.pk}/certifications/new/", body, follow=True)
    page = response.content.decode()
    assert str(messages.CERT_PERIOD_NOT_MONTH_END) in page
    assert "認定有効期間が2か月です。新規の有効期間は3〜12か月（原則6か月）です。" in page
    api = client.get(f"/api/v1/clients/{client_a.pk}/certifications").json()
    assert api[0]["kind"] == "new"
    assert api[0]["period_warnings"] == [
        str(messages.CERT_PERIOD_NOT_MONTH_END),
        "認定有効期間が2か月です。新規の有効期間は3〜12か月（原則6か月）です。",
    ]


def test_period_warning_kisoku_41_renewal_of_the_same_level_may_run_48_months(world, client, client_a):
    """規則第41条: the kind is inferred when blank (a line ending the day before → renewal); the same
    level allows 48 months, another level 36."""
    CertificationFactory(client=client_a, care_level="care_2", valid_from=D(2025, 4, 1), valid_to=D(2026, 3, 31))
    client.force_login(world.cm_a)
    same = {"status": "certified", "care_level": "care_2", "certified_on": "2026-03-20"}
    created = client.post(
        f"/api/v1/clients/{client_a.pk}/certifications",
        {**same, "valid_from": "2026-04-01", "valid_to": "2030-03-31"},
        content_type="application/json",
    ).json()
    assert created["period_warnings"] == []
    changed = client.patch(
        f"/api/v1/certifications/{created['id']}", {"care_level": "care_3"}, content_type="application/json"
    ).json()
    assert changed["period_warnings"] == ["認定有効期間が48か月です。更新の有効期間は3〜36か月（原則12か月）です。"]


# -- item 6: the insurer's approval of short stays beyond half ------------------------------------


def test_short_stay_types_21_22_23_2a_are_counted(world, client_a):
    """運営基準第13条第21号: 短期入所生活介護 21 and 短期入所療養介護 22, 23, 2A count; 15 does not."""
    CertificationFactory(client=client_a)
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    plan = agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    short = plan.needs.order_by("order").first().goals.get(term="short")
    for code in ("21", "22", "23", "2A", "15"):
        # A started plan is not edited; the facts are read as stored.
        plan_services.PlannedService.objects.create(
            office=world.office_a,
            goal=short,
            content=f"短期入所 {code}",
            service_type_code=code,
            service_kind="短期入所",
            frequency="月1回",
            period_start=D(2026, 5, 1),
            period_end=D(2026, 5, 31),
            short_stay_days=3,
        )
    (facts,) = plan_facts([client_a.pk])[client_a.pk]
    assert sorted(line.days for line in facts.short_stays) == [3, 3, 3, 3]


def test_short_stay_over_half_is_a_finding_only_without_the_insurers_approval(world, client_a):
    """運営基準第13条第21号: 200 planned days in a 365-day period (4/1〜3/31) is over half; once the
    理由書 and the insurer's approval are recorded for that certification, it is not a finding."""
    cert = CertificationFactory(client=client_a, valid_from=D(2026, 4, 1), valid_to=D(2027, 3, 31))
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    short_stay = ProviderFactory(office=world.office_a, service_type_codes=["21"])
    plan = draft_plan(world.cm_a, client_a, providers)
    short = plan.needs.order_by("order").first().goals.get(term="short")
    plan_services.service_add(
        actor=world.cm_a,
        goal=short,
        data=ServiceInput(
            content="短期入所生活介護",
            service_kind="短期入所生活介護",
            service_type_code="21",
            provider=short_stay,
            frequency="月15日程度",
            period_start=D(2026, 4, 15),
            period_end=D(2027, 3, 31),
            short_stay_days=200,
        ),
    )
    agree_and_start(world.cm_a, plan, [*providers, short_stay])
    today = D(2026, 11, 22)
    assert Rule.SHORT_STAY_OVER_HALF in {f.rule for f in client_findings(client=client_a, month=today, today=today)}
    services.short_stay_approval_create(
        actor=world.cm_a,
        client=client_a,
        data=ShortStayApprovalInput(
            certification=cert, approved_on=D(2026, 4, 10), note="介護者の入院のため理由書を提出"
        ),
    )
    assert Rule.SHORT_STAY_OVER_HALF not in {f.rule for f in client_findings(client=client_a, month=today, today=today)}


def test_short_stay_approval_needs_its_note_and_a_past_date(world, client_a):
    cert = CertificationFactory(client=client_a)
    with pytest.raises(ValidationError) as err:
        services.short_stay_approval_create(
            actor=world.cm_a,
            client=client_a,
            data=ShortStayApprovalInput(certification=cert, approved_on=D(2099, 1, 1), note=" "),
        )
    assert err.value.message_dict == {
        "note": [str(messages.SHORT_STAY_APPROVAL_NOTE_REQUIRED)],
        "approved_on": [str(messages.SHORT_STAY_APPROVAL_FUTURE)],
    }
    assert not ShortStayApproval.objects.exists()


def test_short_stay_approval_api_refuses_another_clients_certification_with_422(world, client, client_a):
    other = CertificationFactory(client=ClientFactory(office=world.office_a))
    client.force_login(world.cm_a)
    response = client.post(
        f"/api/v1/clients/{client_a.pk}/short-stay-approvals",
        {"certification_id": other.pk, "approved_on": "2026-11-01", "note": "理由書"},
        content_type="application/json",
    )
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "certification"]
    assert error["msg"] == str(messages.SHORT_STAY_APPROVAL_OTHER_CLIENT)


def test_period_warning_shows_on_the_edit_form(world, client, client_a):
    """規則第38条・第41条: a validity ending mid-month is warned about on the form that corrects it."""
    cert = CertificationFactory(client=client_a, valid_from=D(2026, 4, 1), valid_to=D(2027, 3, 30))
    client.force_login(world.cm_a)
    page = client.get(f"/clients/{client_a.pk}/certifications/{cert.pk}/edit/").content.decode()
    assert str(messages.CERT_PERIOD_NOT_MONTH_END) in page


def test_a_past_line_entered_late_does_not_settle_the_filed_renewal(world, client_a):
    """Only a validity starting on or after the filing answers it (介護保険法第28条: the renewal runs
    from the day after the expiry; 第27条第8項: a new one from the application date)."""
    app = services.certification_application_create(
        actor=world.cm_a, client=client_a, data=ApplicationInput(kind="renewal", filed_on=D(2026, 2, 1))
    )
    services.certification_create(
        actor=world.cm_a,
        client=client_a,
        data=CertificationInput(
            care_level="care_1", certified_on=D(2025, 3, 20), valid_from=D(2025, 4, 1), valid_to=D(2026, 3, 31)
        ),
    )
    app.refresh_from_db()
    assert (app.status, app.certification_id) == (ApplicationStatus.FILED, None)


def test_client_list_shows_the_certification_in_effect_today(world, client_a):
    """介護保険法第28条: the list's level is today's, not the line registered for next year."""
    from carebridge.clients.selectors import client_list

    CertificationFactory(client=client_a, care_level="care_1", valid_from=D(2026, 4, 1), valid_to=D(2026, 12, 31))
    CertificationFactory(client=client_a, care_level="care_2", valid_from=D(2027, 1, 1), valid_to=D(2027, 12, 31))
    (row,) = client_list(actor=world.cm_a, today=D(2026, 12, 2)).filter(pk=client_a.pk)
    assert (row.current_care_level, row.current_valid_to) == ("care_1", D(2026, 12, 31))
    (row,) = client_list(actor=world.cm_a, today=D(2027, 1, 1)).filter(pk=client_a.pk)
    assert row.current_care_level == "care_2"
