"""第1〜4表 PDFs, checked with the real poppler tools (pdftotext, pdffonts, pdftoppm)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carebridge.careplans.models import (
    CareConference,
    CarePlan,
    ConferenceAttendee,
    ConferenceInquiry,
    Goal,
    Need,
    PlanConsent,
    PlannedService,
    WeeklyScheduleEntry,
)
from carebridge.careplans.pdf import body_row_heights, conference_pdf, consent_wording, plan_pdf, sheet2_rows
from carebridge.documents.pdf import LEADING, PAD, Column, wrap
from tests.factories import CertificationFactory, ClientFactory, ProviderFactory

pytestmark = pytest.mark.django_db

D = dt.date
# Short enough to stay on one line of their cells: pdftotext -layout interleaves wrapped cells.
NEED_TEXT = "自宅で入浴したい"
LONG_TEXT = "週2回入浴できる"
SHORT_TEXT = "浴槽をまたぐ動作を介助付きで安全に行う"


# -- poppler helpers --------------------------------------------------------------------------


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_text(path: Path) -> str:
    """pdftotext -layout may put spaces inside Japanese text: drop all whitespace."""
    return re.sub(r"\s+", "", run("pdftotext", "-layout", str(path), "-"))


def embedded_fonts(path: Path) -> dict[str, str]:
    """Font name (subset prefix removed) -> the "emb" column of pdffonts."""
    fonts = {}
    for line in run("pdffonts", str(path)).splitlines()[2:]:
        columns = line.split()
        name = columns[0].split("+")[-1]
        # name type [encoding words] emb sub uni object ID: emb is the 5th column from the end.
        fonts[name] = columns[-5]
    return fonts


def png_pages(path: Path, out: Path) -> list[Path]:
    out.mkdir(exist_ok=True)
    run("pdftoppm", "-r", "50", "-png", str(path), str(out / "page"))
    return sorted(out.glob("page*.png"))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_ipaex_embedded(path: Path) -> None:
    fonts = embedded_fonts(path)
    assert fonts.get("IPAexGothic") == "yes", fonts


# -- data -------------------------------------------------------------------------------------


@pytest.fixture
def plan(world) -> CarePlan:
    client = ClientFactory(
        office=world.office_a,
        name="山田 ハル",
        kana="ヤマダ　ハル",
        postal_code="154-0001",
        address="東京都世田谷区池尻1-2-3",
    )
    cert = CertificationFactory(client=client, office=world.office_a, care_level="care_2")
    plan = CarePlan.objects.create(
        office=world.office_a,
        client=client,
        version=1,
        author=world.cm_a,
        certification=cert,
        made_on=D(2026, 4, 1),
        drafted_on=D(2026, 4, 1),
        first_created_on=D(2026, 4, 1),
        plan_origin="initial",
        intentions="本人：住み慣れた家で暮らし続けたい。\n長女：入浴時の転倒が心配なので見守りがほしい。",
        policy="転倒を防ぎ、入浴と外出の機会を保ちながら在宅生活を続けられるよう支援します。",
        living_support_reason="1",
        daily_activities="7:00 起床\n8:00 朝食\n12:00 昼食\n18:00 夕食\n21:00 就寝",
        non_weekly_services="福祉用具貸与（手すり）　月1回の訪問診療",
    )
    need = Need.objects.create(office_id=plan.office_id, plan=plan, order=1, text=NEED_TEXT)
    long = Goal.objects.create(
        office_id=plan.office_id,
        need=need,
        term="long",
        text=LONG_TEXT,
        period_start=D(2026, 4, 1),
        period_end=D(2026, 9, 30),
    )
    short = Goal.objects.create(
        office_id=plan.office_id,
        need=need,
        term="short",
        parent=long,
        text=SHORT_TEXT,
        period_start=D(2026, 4, 1),
        period_end=D(2026, 6, 30),
    )
    for order, (content, kind, freq) in enumerate(
        [("入浴介助・見守り", "通所介護", "週2回"), ("浴室の手すりの貸与", "福祉用具貸与", "毎日")]
    ):
        PlannedService.objects.create(
            office_id=plan.office_id,
            goal=short,
            order=order,
            content=content,
            service_kind=kind,
            provider=ProviderFactory(office=world.office_a, name=f"デイさくら{order}"),
            frequency=freq,
            period_start=D(2026, 4, 1),
            period_end=D(2026, 6, 30),
        )
    need2 = Need.objects.create(office_id=plan.office_id, plan=plan, order=2, text="買い物に出かけたい")
    Goal.objects.create(
        office_id=plan.office_id,
        need=need2,
        term="long",
        text="近所の店まで歩く",
        period_start=D(2026, 4, 1),
        period_end=D(2026, 9, 30),
    )
    for weekday in (1, 4):
        WeeklyScheduleEntry.objects.create(
            office_id=plan.office_id,
            plan=plan,
            weekday=weekday,
            start_time=dt.time(9, 30),
            end_time=dt.time(16, 0),
            label="通所介護",
        )
    WeeklyScheduleEntry.objects.create(
        office_id=plan.office_id,
        plan=plan,
        weekday=0,
        start_time=dt.time(10),
        end_time=dt.time(11),
        label="訪問介護（身体）",
    )
    WeeklyScheduleEntry.objects.create(
        office_id=plan.office_id,
        plan=plan,
        weekday=0,
        start_time=dt.time(10, 30),
        end_time=dt.time(11, 30),
        label="訪問看護",
    )
    return plan


# -- 第1〜3表 ------------------------------------------------------------------------------------


def test_plan_set_has_three_sheets_with_text_dates_and_embedded_font(plan, tmp_path):
    path = write(tmp_path, "plan.pdf", plan_pdf(plan).data)

    text = pdf_text(path)
    for expected in (
        "居宅サービス計画書（1）",
        "居宅サービス計画書（2）",
        "週間サービス計画表",
        "山田ハル",
        NEED_TEXT,
        LONG_TEXT,
        "令和8年4月1日",  # 作成年月日 in 和暦
        "令和8年4月1日〜令和8年9月30日",  # the long goal's period
        "生活援助中心型の算定理由",
        "説明・同意日",
        "主な日常生活上の活動",
        "週単位以外のサービス",
        "デイさくら0",
    ):
        assert expected in text, expected
    assert_ipaex_embedded(path)
    assert len(png_pages(path, tmp_path / "png")) == 3


def circled_on_first_sheet(plan: CarePlan, monkeypatch) -> list[str]:
    """The words 第1表 circles (初回・紹介・継続, 認定済・申請中, 要介護n, …), in drawing order."""
    from carebridge.documents.pdf import Sheet

    circled: list[str] = []
    draw = Sheet.circle_text

    def record(self, x, y, text, size):
        circled.append(text)
        draw(self, x, y, text, size)

    monkeypatch.setattr(Sheet, "circle_text", record)
    plan_pdf(plan, sheets=("1",))
    return circled


@pytest.mark.parametrize(
    ("origin", "marks"),
    [
        ("initial", ["初回"]),
        ("referral", ["紹介"]),
        ("continuing", ["継続"]),
        ("initial_referral", ["初回", "紹介"]),
        ("referral_continuing", ["紹介", "継続"]),
    ],
)
def test_first_sheet_circles_referral_together_with_initial_or_continuing(plan, monkeypatch, origin, marks):
    """第1表 記載要領 (老企第29号): 紹介 is circled for a client referred by another 居宅介護支援事業所 or
    a 介護保険施設, and together with 初回 or 継続 when both hold — the exchange file's 計画書区分 51
    (初回＆紹介) and 53 (紹介＆継続)."""
    plan.plan_origin = origin
    circled = circled_on_first_sheet(plan, monkeypatch)
    assert [word for word in circled if word in ("初回", "紹介", "継続")] == marks


def test_made_on_and_drafted_on_print_apart_and_the_consent_covers_the_plan_set(plan, tmp_path):
    """作成年月日 (top right of 第1〜3表: the day this document was made) and 居宅サービス計画作成（変更）日
    are separate dates; the 説明・同意 line names the sheets it covers (第1〜3表)."""
    plan.made_on = D(2026, 4, 3)
    path = write(tmp_path, "dates.pdf", plan_pdf(plan).data)
    text = pdf_text(path)
    assert text.count("作成年月日令和8年4月3日") == 3  # on each sheet
    assert "居宅サービス計画作成（変更）日令和8年4月1日" in text
    assert "居宅サービス計画書（第1〜3表）について説明を受け、内容に同意し交付を受けました。" in text
    assert consent_wording(("1", "2", "3", "6", "7")) == (
        "居宅サービス計画書（第1〜3・6・7表）について説明を受け、内容に同意し交付を受けました。"
    )


def test_sheets_can_be_chosen_and_each_starts_a_page(plan, tmp_path):
    path = write(tmp_path, "sheet2.pdf", plan_pdf(plan, sheets=("2",)).data)
    text = pdf_text(path)
    assert "居宅サービス計画書（2）" in text
    assert "居宅サービス計画書（1）" not in text
    assert len(png_pages(path, tmp_path / "png")) == 1
    with pytest.raises(ValueError, match="unknown sheet"):
        plan_pdf(plan, sheets=("4",))


def test_consent_fills_the_date_and_the_signer(plan, tmp_path):
    PlanConsent.objects.create(
        office=plan.office, plan=plan, consented_on=D(2026, 4, 10), signer_name="山田 一郎", signer_relation="長男"
    )
    plan = CarePlan.objects.get(pk=plan.pk)
    text = pdf_text(write(tmp_path, "consented.pdf", plan_pdf(plan, sheets=("1",)).data))
    assert "令和8年4月10日" in text
    assert "山田一郎（長男）" in text


def test_plan_without_certification_author_or_content_still_draws(world, tmp_path):
    client = ClientFactory(office=world.office_a, name="空欄 太郎")
    plan = CarePlan.objects.create(
        office=world.office_a, client=client, version=1, made_on=D(2025, 5, 1), drafted_on=D(2025, 5, 1)
    )
    path = write(tmp_path, "empty.pdf", plan_pdf(plan).data)
    text = pdf_text(path)
    assert "空欄太郎" in text
    assert "令和7年5月1日" in text
    assert len(png_pages(path, tmp_path / "png")) == 3


def test_sheet2_rows_span_need_and_goals_over_their_services(plan):
    rows = sheet2_rows(plan.needs.all())
    assert len(rows) == 3  # two services under need 1, need 2 with a long goal and nothing below
    first, second, third = rows
    assert first[0] == NEED_TEXT
    assert first[6] == "○"
    assert second[:5] == [None] * 5  # continued cells: printed once, no rule between them
    assert second[5] == "浴室の手すりの貸与"
    assert third[0] == "買い物に出かけたい"
    assert third[5:] == [""] * 6


def test_long_second_sheet_flows_over_pages_with_the_header_repeated(plan, tmp_path):
    need = plan.needs.first()
    short = Goal.objects.filter(need=need, term="short").first()
    for i in range(30):
        PlannedService.objects.create(
            office_id=plan.office_id,
            goal=short,
            order=10 + i,
            content=f"追加サービス{i} " + "生活機能の維持のための支援を行う。" * 2,
            service_kind="訪問介護",
            provider_name="ヘルパーステーションひだまり",
            frequency="週1回",
            period_start=D(2026, 4, 1),
            period_end=D(2026, 6, 30),
        )
    path = write(tmp_path, "long2.pdf", plan_pdf(plan, sheets=("2",)).data)
    pages = png_pages(path, tmp_path / "png")
    assert len(pages) >= 2
    text = run("pdftotext", "-layout", str(path), "-")
    assert text.count("居宅サービス計画書（2）") == len(pages)
    assert re.sub(r"\s+", "", text).count("生活全般の解決すべき課題") == len(pages)
    assert "追加サービス29" in re.sub(r"\s+", "", text)


# -- 第4表 ----------------------------------------------------------------------------------------


def test_conference_sheet(plan, tmp_path, django_assert_num_queries):
    conference = CareConference.objects.create(
        office=plan.office,
        plan=plan,
        held_on=D(2026, 3, 28),
        place="利用者宅",
        start_time=dt.time(14),
        end_time=dt.time(15),
        items_discussed="居宅サービス計画原案について",
        discussion="入浴時の見守り体制と福祉用具の導入について検討した。",
        conclusion="原案のとおり実施する。",
        remaining_issues="外出の機会を増やす方法",
        next_date="令和8年9月",
        author=plan.author,
    )
    for kind, affiliation, name, relation in (
        ("client", "", "山田 ハル", ""),
        ("family", "", "山田 花子", "長女"),
        ("provider", "デイサービスさくら（生活相談員）", "佐藤 一", ""),
        ("care_manager", "事業所A（介護支援専門員）", "鈴木 次郎", ""),
    ):
        ConferenceAttendee.objects.create(
            office_id=plan.office_id,
            conference=conference,
            kind=kind,
            affiliation=affiliation,
            name=name,
            relation=relation,
        )
    ConferenceInquiry.objects.create(
        office_id=plan.office_id,
        conference=conference,
        recipient="池尻クリニック 田中医師",
        sent_on=D(2026, 3, 20),
        question="入浴の可否について",
        answer="血圧が安定していれば入浴可",
        answered_on=D(2026, 3, 25),
    )
    path = write(tmp_path, "conference.pdf", conference_pdf(conference).data)
    text = pdf_text(path)
    for expected in (
        "サービス担当者会議の要点",
        "山田ハル",
        "令和8年3月28日",
        "利用者宅",
        "14:00〜15:00",
        "家族（長女）",
        "佐藤一",
        "検討した項目",
        "池尻クリニック田中医師",
        "血圧が安定していれば入浴可",
        "残された課題",
        "令和8年9月",
    ):
        assert expected in text, expected
    assert_ipaex_embedded(path)
    assert len(png_pages(path, tmp_path / "png")) == 1

    prefetched = (
        CareConference.objects.select_related("plan__client", "plan__author", "author")
        .prefetch_related("attendees", "inquiries")
        .get(pk=conference.pk)
    )
    with django_assert_num_queries(0):
        conference_pdf(prefetched)


def pdf_pages(path: Path) -> int:
    """The page count pdfinfo reports."""
    return int(re.search(r"^Pages:\s+(\d+)$", run("pdfinfo", str(path)), re.MULTILINE).group(1))


def body_text(path: Path, page: int = 1) -> str:
    """The text right of 第4表's 110 pt label column on one page, whitespace removed (pdftotext
    cropped there, so that the labels do not interleave with the wrapped contents)."""
    area = ("-x", "140", "-y", "0", "-W", "700", "-H", "596")
    return re.sub(r"\s+", "", run("pdftotext", "-f", str(page), "-l", str(page), *area, str(path), "-"))


def numbered(prefix: str, count: int) -> str:
    """count characters of numbered sentences (「課題0001。」…) whose order can be checked."""
    text, i = "", 0
    while len(text) < count:
        text += f"{prefix}{i:04d}。"
        i += 1
    return text[:count]


def meeting(plan: CarePlan, **texts: str) -> CareConference:
    values = {
        "items_discussed": "居宅サービス計画原案について",
        "discussion": "入浴と歩行の支援について、各事業所の役割を確認した。",
        "conclusion": "原案のとおり実施する。",
        "remaining_issues": "3か月後に歩行状態を評価する。",
    } | texts
    conference = CareConference.objects.create(
        office=plan.office, plan=plan, held_on=D(2026, 3, 28), place="利用者宅", author=plan.author, **values
    )
    ConferenceAttendee.objects.create(office_id=plan.office_id, conference=conference, kind="client", name="山田 ハル")
    return conference


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text(alphabet="検討内容の本文。、\nABC123", max_size=900), min_size=4, max_size=4),
    room=st.floats(150, 450),
)
def test_the_four_rows_fill_the_room_exactly_or_flow_when_their_text_cannot_fit(texts, room):
    """body_row_heights: each row at least as tall as its text needs, together exactly the room left
    (no remainder for a page of its own) — or None, only when the text alone is taller than the room."""
    columns = [Column("", 110, align="center"), Column("", 675.89)]
    labels = ("検討した項目", "検討内容", "結論", "残された課題")
    rows = [[label, text] for label, text in zip(labels, texts, strict=True)]
    needed = [
        max(len(wrap(text, 9, c.width - 2 * PAD)) for c, text in zip(columns, row, strict=True)) * 9 * LEADING + 2 * PAD
        for row in rows
    ]
    heights = body_row_heights(columns, rows, 9, room=room)
    if heights is None:
        assert sum(needed) > room
    else:
        assert all(h >= n - 1e-9 for h, n in zip(heights, needed, strict=True))
        assert sum(heights) == pytest.approx(room, abs=1e-6)


def test_every_demo_meeting_prints_its_fourth_sheet_on_one_page(tmp_path):
    """Issue 9 item 11: the four text rows' shares added up to the room left exactly, and the
    floating-point remainder pushed 残された課題 alone onto a second page of every demo meeting."""
    from carebridge.desk.demo import load_demo

    load_demo(today=D(2026, 11, 22), quiet=True)
    conferences = list(CareConference.objects.all())
    assert len(conferences) > 10
    for conference in conferences:
        path = write(tmp_path, f"conference-{conference.pk}.pdf", conference_pdf(conference).data)
        assert pdf_pages(path) == 1, conference.pk
        assert conference.remaining_issues in pdf_text(path)


def test_two_thousand_characters_of_remaining_issues_still_fit_one_page(plan, tmp_path):
    """Issue 9 acceptance: 2,000 characters in 残された課題 with a usual meeting's other texts fit
    one page (the other rows give up their spare share), every character printed in order."""
    remaining = numbered("課題", 2000)
    conference = meeting(plan, remaining_issues=remaining)
    path = write(tmp_path, "long-remaining.pdf", conference_pdf(conference).data)
    assert pdf_pages(path) == 1
    text = body_text(path)
    assert remaining in text
    assert "原案のとおり実施する。" in text


def test_meeting_texts_that_cannot_fit_one_page_are_split_across_pages_with_nothing_lost(plan, tmp_path):
    """Only when the four rows' text cannot fit the page does 第4表 go on to a second page: the row
    that reaches the foot of the first page is split there (at least 3 lines on each side) and goes
    on under the repeated heading and its label; every character is printed, in order."""
    discussion = numbered("検討", 1500)
    remaining = numbered("課題", 2000)
    conference = meeting(plan, discussion=discussion, remaining_issues=remaining)
    path = write(tmp_path, "split.pdf", conference_pdf(conference).data)
    assert pdf_pages(path) == 2
    first, second = body_text(path, 1), body_text(path, 2)
    assert discussion in first
    # 残された課題 begins at the foot of page 1 and goes on on page 2: together, every character in order.
    start = first[first.index("課題0000。") :]
    assert remaining.startswith(start) and len(start) > 3 * 70  # at least 3 full lines on page 1
    rest = remaining[len(start) :]
    assert second.endswith(rest) and len(rest) > 3 * 70  # and at least 3 go on
    page2 = re.sub(r"\s+", "", run("pdftotext", "-f", "2", "-l", "2", "-layout", str(path), "-"))
    assert "サービス担当者会議の要点" in page2 and "山田ハル" in page2  # the heading repeats
    assert "残された課題" in page2  # and the row's label


def test_a_prefetched_plan_draws_without_further_queries(plan, django_assert_num_queries):
    plan = (
        CarePlan.objects.select_related("client", "office", "certification", "author", "consent")
        .prefetch_related("needs__goals__short_goals__services__provider", "weekly_entries")
        .get(pk=plan.pk)
    )
    with django_assert_num_queries(0):
        plan_pdf(plan)


# -- 外字 ----------------------------------------------------------------------------------------


def test_gaiji_print_in_the_fallback_font_and_emoji_as_the_marker(plan, tmp_path):
    client = plan.client
    client.name = "𠮷田 ハル"
    client.save(update_fields=["name"])
    plan.policy = "髙橋医師と連携し、笑顔😀で過ごせるよう支援します。"
    plan.save(update_fields=["policy"])
    plan = CarePlan.objects.get(pk=plan.pk)

    drawn = plan_pdf(plan)
    assert drawn.missing == ("😀",)
    path = write(tmp_path, "gaiji.pdf", drawn.data)
    text = pdf_text(path)
    assert text.count("𠮷田ハル") == 3  # 利用者名 on each sheet
    assert "髙橋医師と連携し、笑顔〓で過ごせるよう支援します。" in text
    fonts = embedded_fonts(path)
    assert fonts.get("IPAexGothic") == "yes"
    assert fonts.get("NotoSansJP-Thin") == "yes", fonts
    assert len(png_pages(path, tmp_path / "png")) == 3


def test_a_plan_without_gaiji_embeds_only_ipaex(plan, tmp_path):
    drawn = plan_pdf(plan)
    assert drawn.missing == ()
    assert "NotoSansJP-Thin" not in embedded_fonts(write(tmp_path, "plain.pdf", drawn.data))
