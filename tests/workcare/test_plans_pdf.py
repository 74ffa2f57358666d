"""The 両立プラン PDF and the 面談シート兼介護支援プラン PDF (A4 portrait), checked with poppler:
text (pdftotext), the embedded font (pdffonts) and that each page renders (pdftoppm)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from . import factories_plans as fp

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def pdf_text(path: Path) -> str:
    return re.sub(r"\s+", "", run("pdftotext", "-layout", str(path), "-"))


def assert_ipaex_embedded(path: Path) -> None:
    lines = run("pdffonts", str(path)).splitlines()[2:]
    fonts = {line.split()[0].split("+")[-1]: line.split()[-5] for line in lines}
    assert fonts.get("IPAexGothic") == "yes", fonts


def page_sizes(path: Path) -> list[tuple[float, float]]:
    info = run("pdfinfo", "-f", "1", "-l", "99", str(path))
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def pngs(path: Path, out: Path) -> list[Path]:
    out.mkdir(exist_ok=True)
    run("pdftoppm", "-r", "40", "-png", str(path), str(out / "page"))
    return sorted(out.glob("page*.png"))


def test_plan_pdf_has_goals_timeline_periods_and_articles(world, client, tmp_path):
    employee = fp.employee_of(world)
    plan = fp.plan_for(world, employee, goals="介護休業で体制を整える")
    fp.add(world, plan, "care_leave", fp.days(20), fp.days(49))
    fp.add(world, plan, "care_days_off", fp.days(60), hours=3)
    fp.add(world, plan, "contact_center", fp.days(2), detail="包括に電話")
    client.force_login(world.wcm_a)
    response = client.get(f"/workcare/plans/{plan.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = write(tmp_path, "plan.pdf", response.content)
    text = pdf_text(path)
    for expected in ("仕事と介護の両立プラン", "両立花子", "介護休業で体制を整える", "介護休業", "介護休暇", "3時間",
                     "地域包括支援", "包括に電話", "第11条〜第15条", "第16条の5", "本人の同意日"):  # fmt: skip
        assert expected in text, expected
    assert_ipaex_embedded(path)
    sizes = page_sizes(path)
    assert sizes and all(abs(w - 595.28) < 1 and abs(h - 841.89) < 1 for w, h in sizes)  # A4 portrait
    assert len(pngs(path, tmp_path / "png")) == len(sizes)


def test_a_long_timeline_flows_onto_more_pages(world, tmp_path):
    from carebridge.workcare import pdf_plan
    from carebridge.workcare.selectors.plans import plan_with_checks

    plan = fp.plan_for(world, fp.employee_of(world))
    for k in range(60):
        fp.add(world, plan, "contact_center", fp.days(k + 1), detail=f"相談{k}")
    path = write(tmp_path, "long.pdf", pdf_plan.plan_pdf(plan, plan_with_checks(plan)).data)
    assert len(page_sizes(path)) >= 2
    assert "相談59" in pdf_text(path)


def test_meeting_pdf_is_the_sheet_with_its_boxed_sections_and_signature_lines(world, client, tmp_path):
    employee = fp.employee_of(world)
    meeting = fp.meeting_for(world, employee)
    client.force_login(world.wcm_a)
    response = client.get(f"/workcare/meetings/{meeting.pk}/pdf/")
    assert response.status_code == 200
    path = write(tmp_path, "meeting.pdf", response.content)
    text = pdf_text(path)
    for expected in ("面談シート兼介護支援プラン", "初回面談", "プラン策定面談", "フォロー面談", "介護の状況",
                     "母（82歳）", "別居", "妹が週末に手伝う", "困りごと・希望", "勤務時間", "休み", "出張・転勤",
                     "宿泊を伴う出張は難しい", "利用したい制度", "業務の引継ぎ", "誰に", "いつ", "どのように",
                     "同じ係の田中さん", "合意事項", "通院日は時間単位の介護休暇を使う", "出席者", "本人", "上司",
                     "人事担当者", "産業ケアマネ", "上司一郎", "署名"):  # fmt: skip
        assert expected in text, expected
    assert text.count("署名") >= 4  # a signature line per attendee
    assert_ipaex_embedded(path)
    sizes = page_sizes(path)
    assert sizes and all(abs(w - 595.28) < 1 and abs(h - 841.89) < 1 for w, h in sizes)
    assert len(pngs(path, tmp_path / "png")) == len(sizes)


def test_the_employee_downloads_their_own_pdfs_only(world, client):
    employee = fp.employee_of(world)
    plan = fp.plan_for(world, employee)
    meeting = fp.meeting_for(world, employee)
    client.force_login(world.employee)
    assert client.get(f"/workcare/plans/{plan.pk}/pdf/").status_code == 200
    assert client.get(f"/workcare/meetings/{meeting.pk}/pdf/").status_code == 200
    client.force_login(world.hr)
    assert client.get(f"/workcare/plans/{plan.pk}/pdf/").status_code == 404
    assert client.get(f"/workcare/meetings/{meeting.pk}/pdf/").status_code == 404
