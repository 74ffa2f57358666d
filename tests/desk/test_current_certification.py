"""Issue 9 item 13, acceptance: "A certification that starts next month does not change this
month's level and limit on the client page, the plan and the compliance report (test on the three)".

The certification in effect is the one whose validity covers the day shown (介護保険法第28条: a
certification is effective only within its validity), never the newest row. 区分支給限度基準額:
要介護1 16,765 units, 要介護2 19,705 units (平成12年厚生省告示第33号, as revised 2019-10).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from django.utils import timezone

from carebridge.careplans import services as plan_services
from carebridge.careplans.inputs import PlanInput
from carebridge.clients import services as client_services
from carebridge.clients.inputs import CertificationInput
from carebridge.core.dates import month_end, next_month
from carebridge.core.japanese import wareki

from ..careplan_helpers import agree_and_start, draft_plan
from ..factories import ClientFactory, ProviderFactory

pytestmark = pytest.mark.django_db

D = dt.date


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", out)


def test_a_certification_starting_next_month_changes_nothing_this_month(world, client, tmp_path):
    """介護保険法第28条 (validity) — the client page, the plan (page and 第1表 PDF) and the 運営基準
    report of this month show 要介護1 and 16,765 units after 要介護2 from next month is registered."""
    today = timezone.localdate()
    cm = world.cm_a
    person = ClientFactory(office=world.office_a, care_manager=cm, name="認定 継続")
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    # In effect today: 要介護1 from 2026-04-01 to the end of this month.
    client_services.certification_create(
        actor=cm,
        client=person,
        data=CertificationInput(
            care_level="care_1",
            certified_on=D(2026, 3, 20),
            valid_from=D(2026, 4, 1),
            valid_to=month_end(today),
            kind="renewal",
        ),
    )
    # An active plan since 2026-04-15 and no monitoring this month: the report has a row for them.
    agree_and_start(cm, draft_plan(cm, person, providers), providers)
    # Registered today: 要介護2 valid from next month.
    client_services.certification_create(
        actor=cm,
        client=person,
        data=CertificationInput(
            care_level="care_2",
            certified_on=today,
            valid_from=next_month(today),
            valid_to=month_end(next_month(today).replace(year=next_month(today).year + 1) - dt.timedelta(days=1)),
            kind="renewal",
        ),
    )
    # A plan made today (a 変更) is made under today's certification, not next month's.
    new_plan = plan_services.careplan_create(actor=cm, client=person, data=PlanInput(drafted_on=today, reason="change"))
    assert new_plan.certification.care_level == "care_1"

    client.force_login(cm)
    # 1. the client page
    page = client.get(f"/clients/{person.pk}/").content.decode()
    assert re.search(r'id="current-level">要介護1（', page)
    assert 'id="current-limit">16,765単位/月' in page

    # 2. the plan: its page and its 第1表 PDF
    plan_page = client.get(f"/careplans/{new_plan.pk}/").content.decode()
    assert "要介護1（" in plan_page and "要介護2（" not in plan_page
    pdf = client.get(f"/careplans/{new_plan.pk}/pdf/")
    assert pdf.status_code == 200
    text = _pdf_text(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content, tmp_path)
    # 第1表 prints every level with the one that applies marked; its 認定の有効期間 is today's line's.
    assert f"認定の有効期間{wareki(D(2026, 4, 1))}〜{wareki(month_end(today))}" in text
    assert wareki(next_month(today)) not in text

    # 3. the compliance report of this month
    report = client.get("/care/compliance/").content.decode()
    assert "認定 継続" in report, report[report.index("<table") :]
    row = report[report.index("認定 継続") :]
    row = row[: row.index("</tr>")]
    assert "要介護1" in row and "16,765単位" in row
    assert "要介護2" not in row and "19,705" not in row
