"""The support map: for the care recipient's municipality, the 地域包括支援センター, providers by type,
social resources and specialists of the office's directory, and the public systems that apply;
one page on screen and an A4 PDF (checked with pdftotext, pdffonts, pdftoppm)."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from carebridge.core.services import api_token_create
from carebridge.directory.models import Provider
from carebridge.workcare import public_systems
from carebridge.workcare.pdf_map import support_map_pdf
from carebridge.workcare.selectors.consultations import support_map

from .factories import CareRecipientFactory
from .factories_consultations import directory_of, linked_employee, sakura_consultation

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_text(path: Path) -> str:
    return re.sub(r"\s+", "", run("pdftotext", "-layout", str(path), "-"))


def test_the_map_takes_the_municipality_of_the_care_recipient(world):
    directory = directory_of(world.office_a)
    consultation = sakura_consultation(world)  # 世田谷区, care_1
    support = support_map(consultation, as_of=timezone.localdate())
    assert [p.name for p in support.centers] == [directory["center"].name]  # not 杉並ケア24
    assert [(label, [p.name for p in rows]) for label, rows in support.providers_by_type] == [
        ("訪問介護", ["ヘルパー三軒茶屋"]),
        ("通所介護", ["デイ桜"]),
    ]
    assert [r.name for r in support.resources] == ["配食せたがや"]
    assert [s.name for s in support.specialists] == ["社労 花子"]  # 司法書士 is not a referral target
    codes = [s.code for s in support.systems]
    # Certified (要介護1): no application needed; 高額介護サービス費 applies.
    assert "ltci_application" not in codes and "high_cost_care" in codes and "care_leave_benefit" in codes


def test_an_uncertified_family_member_gets_the_application_first(world):
    employee = linked_employee(world)
    recipient = CareRecipientFactory(employee=employee, care_level="", municipality="世田谷区")
    consultation = sakura_consultation(world, care_recipient=recipient)
    codes = [s.code for s in support_map(consultation, as_of=timezone.localdate()).systems]
    assert codes[0] == "ltci_application" and "high_cost_care" not in codes


def test_another_offices_directory_never_shows(world):
    directory_of(world.office_b)
    consultation = sakura_consultation(world)
    support = support_map(consultation, as_of=timezone.localdate())
    assert (support.centers, support.providers_by_type, support.resources, support.specialists) == ([], [], [], [])


def test_without_a_municipality_the_map_says_so(world):
    directory_of(world.office_a)
    recipient = CareRecipientFactory(employee=linked_employee(world), municipality="")
    support = support_map(sakura_consultation(world, care_recipient=recipient), as_of=timezone.localdate())
    assert support.centers == [] and support.notes


def test_public_systems_are_effective_dated():
    before = public_systems.applicable(dt.date(2005, 1, 1), public_systems.Situation(certified=True))
    assert "care_leave_benefit" not in [s.code for s in before]  # listed from 2016-08-01 in our data
    assert "community_center" not in [s.code for s in before]  # 地域包括支援センター: from 2006-04-01


def test_the_page_and_the_api(world, client):
    directory_of(world.office_a)
    consultation = sakura_consultation(world)
    client.force_login(world.wcm_a)
    page = client.get(reverse("workcare:consultation_map", args=[consultation.pk])).content.decode()
    assert "太子堂包括支援センター" in page and "介護休業給付金" in page and "杉並ケア24" not in page
    token = api_token_create(actor=None, user=world.wcm_a)
    response = client.get(f"/api/v1/workcare/consultations/{consultation.pk}/map", HTTP_AUTHORIZATION=f"Bearer {token}")
    data = json.loads(response.content)
    assert data["municipality"] == "世田谷区"
    assert [c["name"] for c in data["community_centers"]] == ["太子堂包括支援センター"]


def test_the_map_queries_do_not_grow_with_the_directory(world):
    consultation = sakura_consultation(world)
    directory_of(world.office_a)
    with CaptureQueriesContext(connection) as few:
        support_map(consultation, as_of=timezone.localdate())
    for n in range(20):
        Provider.objects.create(
            office=world.office_a, kind="service", name=f"追加{n}", address="東京都世田谷区", service_type_codes=["13"]
        )
    with CaptureQueriesContext(connection) as many:
        support_map(consultation, as_of=timezone.localdate())
    assert len(few) == len(many)


def test_the_pdf_is_one_a4_page_with_embedded_fonts(world, client, tmp_path):
    directory_of(world.office_a)
    consultation = sakura_consultation(world)
    client.force_login(world.wcm_a)
    response = client.get(reverse("workcare:consultation_map_pdf", args=[consultation.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "map.pdf"
    path.write_bytes(response.content)
    text = pdf_text(path)
    for expected in (
        "支援マップ",
        "太子堂包括支援センター",
        "ヘルパー三軒茶屋",
        "配食せたがや",
        "社労花子",
        "介護休業給付金",
        "ハローワーク",
    ):
        assert expected in text, expected
    assert "杉並" not in text
    assert "夜勤" not in text
    info = run("pdfinfo", str(path))
    assert re.search(r"Pages:\s+1\b", info)
    assert re.search(r"Page size:\s+841\.89 x 595\.2", info)  # A4 landscape
    japanese = [line.split() for line in run("pdffonts", str(path)).splitlines()[2:] if "IPAexGothic" in line]
    assert japanese and all(columns[-5] == "yes" for columns in japanese)  # the "emb" column
    out = tmp_path / "png"
    out.mkdir()
    run("pdftoppm", "-r", "40", "-png", str(path), str(out / "page"))
    assert len(list(out.glob("page*.png"))) == 1


def test_a_long_directory_flows_on_to_more_pages(world, tmp_path):
    consultation = sakura_consultation(world)
    for n in range(60):
        Provider.objects.create(
            office=world.office_a,
            kind="service",
            name=f"事業所{n:02d}",
            address="東京都世田谷区",
            service_type_codes=["13"],
        )
    pdf = support_map_pdf(support_map(consultation, as_of=timezone.localdate()), employee_name="桜井 一郎")
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf.data)
    text = pdf_text(path)
    assert "事業所00" in text and "事業所59" in text and "介護休業給付金" in text
