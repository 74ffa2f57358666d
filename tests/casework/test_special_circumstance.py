"""特段の事情 (運営基準第13条第14号「特段の事情のない限り」; 老企第22号 第二の3(8)⑭): a month without the
monitoring visit because of the client's own circumstances, recorded with its reason and evidence,
shown as 「特段の事情あり」 in the compliance report (no 減算 risk) and on 第5表."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.core.exceptions import ValidationError

from carebridge.casework import messages, services
from carebridge.casework.inputs import MonitoringInput, SpecialCircumstanceInput
from carebridge.casework.models import SpecialCircumstance
from carebridge.casework.pdf import progress_notes_pdf
from carebridge.compliance.rules import Rule
from carebridge.compliance.selectors import compliance_report
from carebridge.core.models import AuditEvent
from carebridge.core.services import api_token_create

from ..careplan_helpers import D, agree_and_start, contract_and_home_assessment, draft_plan
from ..factories import CertificationFactory, ProviderFactory

pytestmark = pytest.mark.django_db

HOSPITAL = SpecialCircumstanceInput(reason="hospital", evidence="6/1〜6/30 肺炎で○○病院に入院（長女より電話）")


@pytest.fixture
def started(world, client_a):
    """A plan in effect from 2026-04-15, visited in April and May."""
    CertificationFactory(client=client_a, valid_from=D(2026, 4, 1), valid_to=D(2027, 3, 31))
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    contract_and_home_assessment(world.cm_a, client_a)
    agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    for month, day in ((D(2026, 4, 1), 20), (D(2026, 5, 1), 12)):
        services.monitoring_record(
            actor=world.cm_a, client=client_a, month=month, data=MonitoringInput(visited_on=month.replace(day=day))
        )
    return client_a


def test_special_circumstance_recorded_and_audited(world, client_a):
    """運営基準第13条第14号: the month (any day of it given), its client-side reason and evidence."""
    row = services.special_circumstance_record(actor=world.cm_a, client=client_a, month=D(2026, 6, 17), data=HOSPITAL)
    assert (row.month, row.reason, row.get_reason_display()) == (D(2026, 6, 1), "hospital", "入院")
    assert AuditEvent.objects.filter(subject_type="casework.specialcircumstance", subject_id=str(row.pk)).exists()


def test_special_circumstance_refused_for_a_month_with_a_visit_or_twice(world, started):
    """特段の事情 is for a month without a visit; one record per month."""
    with pytest.raises(ValidationError) as err:
        services.special_circumstance_record(actor=world.cm_a, client=started, month=D(2026, 5, 1), data=HOSPITAL)
    assert err.value.message_dict == {"month": [messages.SPECIAL_CIRCUMSTANCE_VISITED]}
    services.special_circumstance_record(actor=world.cm_a, client=started, month=D(2026, 6, 1), data=HOSPITAL)
    with pytest.raises(ValidationError) as err:
        services.special_circumstance_record(actor=world.cm_a, client=started, month=D(2026, 6, 1), data=HOSPITAL)
    assert err.value.message_dict == {"month": [messages.SPECIAL_CIRCUMSTANCE_DUPLICATE]}
    assert SpecialCircumstance.objects.count() == 1


def test_special_circumstance_care_manager_reasons_do_not_exist(world, client_a):
    """老企第22号 第二の3(8)⑭: the care manager's own circumstances are not 特段の事情 and a broken
    video link is not either: such a reason is refused with a message naming the field."""
    for reason in ("care_manager", "video_failure", ""):
        with pytest.raises(ValidationError) as err:
            services.special_circumstance_record(
                actor=world.cm_a,
                client=client_a,
                month=D(2026, 6, 1),
                data=SpecialCircumstanceInput(reason=reason, evidence="担当者の都合"),
            )
        assert set(err.value.message_dict) == {"reason"}
    with pytest.raises(ValidationError) as err:
        services.special_circumstance_record(
            actor=world.cm_a,
            client=client_a,
            month=D(2026, 6, 1),
            data=SpecialCircumstanceInput(reason="refusal", evidence=""),
        )
    assert set(err.value.message_dict) == {"evidence"}


def test_special_circumstance_api_answers_422_for_a_reason_not_offered(world, client, client_a):
    token = api_token_create(actor=None, user=world.cm_a)
    url = f"/api/v1/clients/{client_a.pk}/special-circumstances"
    bad = {"month": "2026-06", "reason": "care_manager", "evidence": "出張"}
    response = client.post(url, bad, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 422
    assert SpecialCircumstance.objects.count() == 0


def test_special_circumstance_month_is_no_penalty_risk_in_the_report(world, started):
    """運営基準第13条第14号: June without a visit is a 減算 risk; recorded as 特段の事情 (入院) it is
    shown as such, without 減算."""
    before = compliance_report(actor=world.cm_a, month=D(2026, 6, 1), today=D(2026, 7, 5))
    assert [(f.rule, f.penalty_risk) for row in before for f in row.findings] == [(Rule.MONITORING_MISSING, True)]
    services.special_circumstance_record(actor=world.cm_a, client=started, month=D(2026, 6, 1), data=HOSPITAL)
    (row,) = compliance_report(actor=world.cm_a, month=D(2026, 6, 1), today=D(2026, 7, 5))
    assert [(f.rule, f.message, f.penalty_risk) for f in row.findings] == [
        (Rule.SPECIAL_CIRCUMSTANCE, "特段の事情あり（令和8年6月: 入院）", False)
    ]
    assert row.penalty_label is None


def test_special_circumstance_month_on_the_progress_notes_pdf(world, client_a, tmp_path, client):
    """第5表: the month recorded as 特段の事情 gets an entry with its reason and evidence."""
    services.special_circumstance_record(actor=world.cm_a, client=client_a, month=D(2026, 6, 1), data=HOSPITAL)
    path = tmp_path / "notes.pdf"
    rows = SpecialCircumstance.objects.filter(client=client_a)
    path.write_bytes(progress_notes_pdf(client_a, [], special_circumstances=rows).data)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout)
    for expected in ("令和8年6月", "特段の事情あり（入院）", "肺炎で○○病院に入院"):
        assert expected in text, expected
    # And through the page that prints it.
    client.force_login(world.cm_a)
    response = client.get(f"/care/clients/{client_a.pk}/notes/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_special_circumstance_page_offers_only_client_side_reasons(world, client, started):
    """老企第22号 第二の3(8)⑭: the form offers 入院, 入所, 本人の拒否 and other client-side reasons only;
    a month that has a visit is refused with the message on the page."""
    client.force_login(world.cm_a)
    url = f"/care/clients/{started.pk}/special-circumstances/new/"
    page = client.get(url + "?month=2026-06").content.decode()
    options = re.findall(r'<option value="([a-z_]+)"', page)
    assert options == ["hospital", "facility", "refusal", "other_client"]
    refused = client.post(url, {"month": "2026-05", "reason": "refusal", "evidence": "拒否"})
    assert refused.status_code == 200
    assert messages.SPECIAL_CIRCUMSTANCE_VISITED in refused.content.decode()
    done = client.post(url, {"month": "2026-06", "reason": "hospital", "evidence": "入院"})
    assert done.status_code == 302
    assert "特段の事情あり" in client.get(done["Location"]).content.decode()
