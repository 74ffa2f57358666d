"""The 第7表 on screen, as a PDF (read back with poppler), through the API, and the what-if panel.
Prices come from billing/annex_sources.py (the master's lookup once it lands): the expected
figures are taken from the same sheet built in the test, the arithmetic itself is checked by hand in
test_annex.py."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from carebridge.billing.annex_selectors import annex_of
from carebridge.core.models import AuditEvent

from .annex_helpers import over_limit_slip

URL = "/billing/clients/{}/slips/2026-04/"


def _text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "annex.pdf"
    path.write_bytes(data)
    return re.sub(
        r"\s+",
        "",
        subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout,
    )


@pytest.mark.django_db
def test_page_shows_the_excess_and_who_pays(client, world) -> None:
    slip = over_limit_slip(world.office_a, world.cm_a)
    client.force_login(world.clerk_a)  # clerks do the billing
    answer = client.get(URL.format(slip.client_id) + "annex/")
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "区分支給限度基準を超える単位数" in page
    assert 'id="annex-over">1,296<' in page
    assert "全額自己負担" in page
    assert "回数の基準" in page and "予定" in page
    assert 'id="what-if"' in page
    assert AuditEvent.objects.filter(event_type=AuditEvent.EventType.VIEW, client_id=slip.client_id).count() == 1


@pytest.mark.django_db
def test_page_queries_do_not_grow_with_lines(client, world, django_assert_max_num_queries) -> None:
    few = over_limit_slip(world.office_a, world.cm_a)
    many = over_limit_slip(world.office_a, world.cm_a, extra_lines=25)
    client.force_login(world.cm_a)
    client.get(URL.format(few.client_id) + "annex/")  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(URL.format(few.client_id) + "annex/").status_code == 200
    with CaptureQueriesContext(connection) as large:
        assert client.get(URL.format(many.client_id) + "annex/").status_code == 200
    assert len(large) == len(small)
    with django_assert_max_num_queries(len(small)):
        client.get(URL.format(many.client_id) + "annex.pdf")


@pytest.mark.django_db
def test_pdf_shows_the_over_limit_units_and_full_pay(client, world, tmp_path) -> None:
    slip = over_limit_slip(world.office_a, world.cm_a)
    sheet = annex_of(client=slip.client, slip=slip)
    client.force_login(world.cm_a)
    answer = client.get(URL.format(slip.client_id) + "annex.pdf")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    text = _text(answer.content, tmp_path)
    assert "第7表" in text and "サービス利用票別表" in text
    assert "令和8年4月分" in text
    assert "区分支給限度基準を超える単位数" in text
    assert "全額負担分" in text  # the column title wraps in its cell
    assert "1,296" in text
    assert f"{sheet.totals.full_pay:,}" in text
    assert "全額負担です" in text
    pdf = tmp_path / "annex.pdf"
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page*.png"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height  # landscape


@pytest.mark.django_db
def test_what_if_adds_a_line_without_saving(client, world) -> None:
    slip = over_limit_slip(world.office_a, world.cm_a)
    client.force_login(world.cm_a)
    base = client.post(
        URL.format(slip.client_id) + "what-if/", {"cand_type": [""], "cand_units": [""], "cand_count": [""]}
    )
    assert base.status_code == 200
    assert 'id="what-if-over" class="field-error">1,296単位' in base.content.decode()
    lines = slip.lines.count()
    more = client.post(
        URL.format(slip.client_id) + "what-if/", {"cand_type": ["11"], "cand_units": ["387"], "cand_count": ["2"]}
    )
    assert 'id="what-if-over" class="field-error">2,070単位' in more.content.decode()  # 1,296 + 774
    assert slip.lines.count() == lines


@pytest.mark.django_db
def test_what_if_bad_input_names_the_field(client, world) -> None:
    slip = over_limit_slip(world.office_a, world.cm_a)
    client.force_login(world.cm_a)
    answer = client.post(
        URL.format(slip.client_id) + "what-if/", {"cand_type": ["X"], "cand_units": ["たくさん"], "cand_count": ["1"]}
    )
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "サービス種類コードは2桁の英数字で入力してください。" in page
    assert "単位数は0以上の整数で入力してください。" in page


@pytest.mark.django_db
def test_what_if_add_row(client, world) -> None:
    slip = over_limit_slip(world.office_a, world.cm_a)
    client.force_login(world.cm_a)
    answer = client.post(
        URL.format(slip.client_id) + "what-if/",
        {"cand_type": ["11"], "cand_units": ["100"], "cand_count": ["1"], "add": "1"},
    )
    assert answer.content.decode().count('name="cand_type"') == 2


@pytest.mark.django_db
def test_api_annex_json(client, world) -> None:
    from carebridge.core.services import api_token_create

    slip = over_limit_slip(world.office_a, world.cm_a)
    token = api_token_create(actor=None, user=world.clerk_a)
    answer = client.get(
        f"/api/v1/billing/clients/{slip.client_id}/slips/2026-04/annex", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["limit_units"] == 19_705 and body["over_limit"] is True
    assert body["totals"]["over_limit_units"] == 1_296
    assert [g["service_type"] for g in body["groups"]] == ["11", "15"]
    assert body["groups"][1]["lines"][-1]["over_limit_units"] == 520
    assert body["basis"] == "予定"
    assert answer.status_code == 200
    missing = client.get(
        f"/api/v1/billing/clients/{slip.client_id}/slips/2026-05/annex", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert missing.status_code == 404
    bad = client.get(
        f"/api/v1/billing/clients/{slip.client_id}/slips/2026-13/annex", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["path", "month"]


@pytest.mark.django_db
def test_other_office_and_workplace_role_get_404(client, world) -> None:
    slip = over_limit_slip(world.office_a, world.cm_a)
    for user in (world.cm_b, world.wcm_a):
        client.force_login(user)
        assert client.get(URL.format(slip.client_id) + "annex/").status_code == 404


@pytest.mark.django_db
def test_what_if_include_on_another_page_loads_itself(world) -> None:
    """The 第6表 page includes billing/_what_if.html with only `client` and `slip` in its context:
    the panel then fetches itself (hx-trigger="load") from the what-if URL."""
    from django.template.loader import render_to_string

    slip = over_limit_slip(world.office_a, world.cm_a)
    html = render_to_string("billing/_what_if.html", {"client": slip.client, "slip": slip})
    assert 'hx-trigger="load"' in html
    assert f'hx-post="/billing/clients/{slip.client_id}/slips/2026-04/what-if/"' in html


@pytest.mark.django_db
def test_mid_month_change_and_actuals_on_the_page(client, world) -> None:
    """A 区分変更 to 要介護3 from the 15th: the higher limit (27,048) for the whole month, said on
    the page; a line with actuals entered counts them (the sheet says 実績 for it)."""
    import datetime as dt

    from tests.factories import CertificationFactory, ClientFactory

    person = ClientFactory(office=world.office_a, care_manager=world.cm_a, name="変更 二郎")
    CertificationFactory(client=person, care_level="care_2", valid_to=dt.date(2026, 4, 14))
    CertificationFactory(client=person, care_level="care_3", valid_from=dt.date(2026, 4, 15), copay_rate=20)
    slip = over_limit_slip(world.office_a, world.cm_a, client=person)
    line = slip.lines.get(service_code="111211")
    line.actual_days = "1" * 18 + "0" * 13
    line.save()
    client.force_login(world.cm_a)
    page = client.get(URL.format(person.pk) + "annex/").content.decode()
    assert "27,048単位" in page and "要介護2 → 要介護3" in page
    assert "高い方の区分支給限度基準額を適用" in page
    assert "利用者負担割合: 20%（給付率 80%）" in page
    assert "18<small>（実績）</small>" in page
    assert 'id="annex-basis">実績（入力済みの行）と予定（その他の行）<' in page


def test_what_if_code_takes_the_masters_units() -> None:
    from django.http import QueryDict

    from carebridge.billing.views_annex import parse_candidates

    data = QueryDict(mutable=True)
    data.setlist("cand_type", ["", ""])
    data.setlist("cand_code", ["111211", "119999"])
    data.setlist("cand_units", ["", ""])
    data.setlist("cand_count", ["3", "1"])
    fields, rows = parse_candidates(data, {"111211": 387}.get)
    assert [(r.service_type, r.units, r.count) for r in rows] == [("11", 387, 3)]
    assert fields[1].errors == (
        "サービスコード 119999 の単位数がサービスマスタにありません。単位数を入力してください。",
    )


@pytest.mark.django_db
def test_prices_come_from_the_service_master(world) -> None:
    """The office's 地域区分 (1級地) and the types' 人件費割合 from the master: 訪問介護 (70%) 11.40円,
    通所介護 (45%) 10.90円 (平成27年厚生労働省告示第93号) — the same month as test_annex.py's
    hand-computed sheet: 全額負担 14,126円, the client pays 36,125円 in all."""
    assert world.office_a.region_grade == "1"
    slip = over_limit_slip(world.office_a, world.cm_a)
    sheet = annex_of(client=slip.client, slip=slip)
    assert [g.unit_price_text for g in sheet.groups] == ["11.40", "10.90"]
    assert (sheet.totals.full_pay, sheet.totals.client_pays) == (14_126, 36_125)
