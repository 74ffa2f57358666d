"""第4表 会議出席者: the plan's providers are pre-filled under their names and kept even while the
person is not known (issue 9 item 16), and a 担当者 who could not attend is recorded with the reason
(issue 9 item 11; 第4表 記載要領: 出席できないサービス担当者の所属（職種）・氏名と出席できない理由, and the
照会 to them under 検討した項目)."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.core.exceptions import ValidationError

from carebridge.careplans import messages, services
from carebridge.careplans.inputs import AttendeeInput, ConferenceInput
from carebridge.careplans.models import CareConference, ConferenceAttendee
from carebridge.careplans.pdf import conference_pdf
from carebridge.core.services import api_token_create

from ..careplan_helpers import D, draft_plan
from ..factories import CertificationFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def providers(world):
    names = ("デイサービスさくら", "訪問看護ステーションあおば", "福祉用具ひまわり")
    return [
        ProviderFactory(office=world.office_a, name=name, service_type_codes=[code])
        for name, code in zip(names, ("15", "13", "17"), strict=True)
    ]


@pytest.fixture
def plan(world, client_a, providers):
    CertificationFactory(client=client_a)
    return draft_plan(world.cm_a, client_a, providers)


def meeting(**changes) -> ConferenceInput:
    values = {
        "held_on": D(2026, 4, 10),
        "place": "利用者宅",
        "items_discussed": "居宅サービス計画原案について",
        "discussion": "入浴と歩行の支援",
        "conclusion": "原案のとおり",
    } | changes
    return ConferenceInput(**values)


def form_data(rows: list[dict[str, str]], rows_in_form: int) -> dict[str, str]:
    data = {
        "held_on": "2026-04-10",
        "place": "利用者宅",
        "count": "1",
        "items_discussed": "居宅サービス計画原案について",
        "discussion": "入浴と歩行の支援",
        "conclusion": "原案のとおり",
    }
    for i in range(rows_in_form):
        for key in ("kind", "affiliation", "name", "relation", "absence_reason"):
            data[f"att{i}_{key}"] = ""
    for i, row in enumerate(rows):
        data |= {f"att{i}_{key}": value for key, value in row.items()}
    return data


# -- item 16: pre-filled provider rows are kept -------------------------------------------------------


def test_provider_rows_prefilled_in_the_form_are_kept_without_a_person_name(world, client, plan, providers):
    """The form pre-fills a row per provider of the plan with its name; posted back as it came (no
    person named yet), every one of them is recorded — none is silently dropped."""
    client.force_login(world.cm_a)
    page = client.get(f"/careplans/{plan.pk}/conferences/new/").content.decode()
    for provider in providers:
        assert f'value="{provider.name}"' in page
    rows = [
        {"kind": "client", "name": plan.client.name},
        {"kind": "care_manager", "name": "鈴木 次郎", "affiliation": "介護支援専門員"},
        *({"kind": "provider", "affiliation": p.name} for p in sorted(providers, key=lambda p: p.name)),
    ]
    response = client.post(f"/careplans/{plan.pk}/conferences/new/", form_data(rows, 6))
    assert response.status_code == 302, response.content.decode()
    conference = CareConference.objects.get(plan=plan)
    kept = list(conference.attendees.filter(kind="provider").values_list("affiliation", "name"))
    assert sorted(kept) == sorted((p.name, "") for p in providers)
    assert conference.attendees.count() == 5


def test_a_plan_with_more_providers_than_rows_gets_a_row_for_each(world, client, plan, providers):
    """Rows are added for every provider (there were four provider rows; a fifth provider vanished)."""
    extra = [ProviderFactory(office=world.office_a, name=f"追加事業所{i}") for i in range(3)]
    for provider in extra:
        services.service_add(
            actor=world.cm_a,
            goal=plan.needs.first().goals.filter(term="short").first(),
            data=services.ServiceInput(
                content="見守り",
                service_kind="訪問介護",
                provider=provider,
                frequency="週1回",
                period_start=D(2026, 4, 15),
                period_end=D(2026, 6, 30),
            ),
        )
    client.force_login(world.cm_a)
    page = client.get(f"/careplans/{plan.pk}/conferences/new/").content.decode()
    for provider in [*providers, *extra]:
        assert f'value="{provider.name}"' in page, provider.name
    assert 'name="att7_affiliation"' in page  # 2 + 6 providers + 2 free rows
    assert 'name="att9_affiliation"' in page


def test_the_service_keeps_a_provider_attendee_without_a_name(world, plan):
    conference = services.conference_create(
        actor=world.cm_a,
        plan=plan,
        data=meeting(attendees=(AttendeeInput(kind="provider", affiliation="デイサービスさくら"),)),
    )
    assert list(conference.attendees.values_list("kind", "affiliation", "name")) == [
        ("provider", "デイサービスさくら", "")
    ]


def test_an_attendee_row_naming_no_one_is_refused_with_a_message(world, plan):
    with pytest.raises(ValidationError) as error:
        services.conference_create(
            actor=world.cm_a, plan=plan, data=meeting(attendees=(AttendeeInput(kind="provider"),))
        )
    assert error.value.messages == [messages.ATTENDEE_NEEDS_NAME.format(row=1)]
    assert not CareConference.objects.filter(plan=plan).exists()


def test_a_nameless_attendee_from_the_api_is_kept(world, client, plan):
    response = client.post(
        f"/api/v1/careplans/{plan.pk}/conferences",
        {
            "held_on": "2026-04-10",
            "place": "利用者宅",
            "items_discussed": "原案",
            "discussion": "支援内容",
            "conclusion": "原案のとおり",
            "attendees": [{"kind": "provider", "affiliation": "デイサービスさくら"}],
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(actor=None, user=world.cm_a)}",
    )
    assert response.status_code == 201, response.content
    assert ConferenceAttendee.objects.get(conference__plan=plan).affiliation == "デイサービスさくら"


# -- item 11: absent 担当者 and why ----------------------------------------------------------------


def test_an_absent_member_needs_the_reason(world, plan):
    """第4表 記載要領: for a 担当者 who could not attend, the reason is written with the name."""
    absent = AttendeeInput(kind="physician", affiliation="池尻クリニック（主治医）", name="田中 医師", attended=False)
    with pytest.raises(ValidationError) as error:
        services.conference_create(actor=world.cm_a, plan=plan, data=meeting(attendees=(absent,)))
    assert error.value.messages == [messages.ABSENCE_NEEDS_REASON.format(row=1, who="田中 医師")]

    present = AttendeeInput(kind="provider", affiliation="デイサービスさくら", absence_reason="外来診療のため")
    with pytest.raises(ValidationError) as error:
        services.conference_create(actor=world.cm_a, plan=plan, data=meeting(attendees=(present,)))
    assert error.value.messages == [messages.ABSENCE_REASON_WHEN_PRESENT.format(row=1, who="デイサービスさくら")]


def test_absence_and_reason_through_the_form_and_on_the_fourth_sheet(world, client, plan, tmp_path):
    """Recorded in the form (欠席 and 欠席理由), printed in the 会議出席者 area of 第4表 with the
    所属・氏名 and the reason, apart from those present; the 照会 to them under 検討した項目."""
    client.force_login(world.cm_a)
    rows = [
        {"kind": "client", "name": plan.client.name},
        {"kind": "provider", "affiliation": "デイサービスさくら（生活相談員）", "name": "佐藤 一"},
        {
            "kind": "physician",
            "affiliation": "池尻クリニック（主治医）",
            "name": "田中 医師",
            "absent": "on",
            "absence_reason": "外来診療の時間と重なったため",
        },
        {"kind": "provider", "affiliation": "訪問看護ステーションあおば", "absent": "on", "absence_reason": ""},
    ]
    response = client.post(f"/careplans/{plan.pk}/conferences/new/", form_data(rows, 6))
    assert response.status_code == 200
    assert messages.ABSENCE_NEEDS_REASON.format(row=4, who="訪問看護ステーションあおば") in response.content.decode()
    rows[3]["absence_reason"] = "他の利用者の緊急訪問のため"
    data = form_data(rows, 6) | {
        "inq0_recipient": "池尻クリニック 田中医師",
        "inq0_sent_on": "2026-04-03",
        "inq0_question": "入浴の可否について",
        "inq0_answer": "血圧が安定していれば入浴可",
        "inq0_answered_on": "2026-04-08",
    }
    assert client.post(f"/careplans/{plan.pk}/conferences/new/", data).status_code == 302
    conference = CareConference.objects.get(plan=plan)
    absent = conference.attendees.filter(attended=False).order_by("id")
    assert list(absent.values_list("name", "absence_reason")) == [
        ("田中 医師", "外来診療の時間と重なったため"),
        ("", "他の利用者の緊急訪問のため"),
    ]
    detail = client.get(f"/careplans/{plan.pk}/").content.decode()
    assert "外来診療の時間と重なったため" in detail

    path = tmp_path / "absent.pdf"
    path.write_bytes(conference_pdf(conference).data)
    layout = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    text = re.sub(r"\s+", "", layout.stdout)
    assert "欠席：池尻クリニック（主治医）田中医師（欠席理由：外来診療の時間と重なったため）" in text
    assert "欠席：訪問看護ステーションあおば（欠席理由：他の利用者の緊急訪問のため）" in text
    assert "佐藤一" in text
    # 検討した項目 holds the 照会 (it comes before 検討内容 on the sheet)
    assert text.index("照会先：池尻クリニック田中医師") < text.index("入浴と歩行の支援")
    assert "血圧が安定していれば入浴可" in text
    pages = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", pages, re.MULTILINE)
