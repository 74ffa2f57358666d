"""Client pages: search, pagination, constant query counts, forms with Japanese messages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carebridge.clients.models import Contact

from ..factories import CertificationFactory, ClientFactory, ContactFactory

pytestmark = pytest.mark.django_db


def make_clients(world, n):
    for i in range(n):
        client = ClientFactory(office=world.office_a, care_manager=world.cm_a, name=f"利用者 {i}")
        CertificationFactory(client=client)


def count_queries(django_client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = django_client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_client_list_runs_the_same_number_of_queries_for_10_and_200_clients(world, client):
    client.force_login(world.cm_a)
    make_clients(world, 10)
    small = count_queries(client, "/clients/")
    make_clients(world, 190)
    large = count_queries(client, "/clients/")
    assert small == large
    # 8 to read and draw the page; the access log's one event per request: the chain's last hash and
    # the INSERT (PostgreSQL also takes the office's chain lock, core/audit.py).
    assert large <= 8 + (3 if connection.vendor == "postgresql" else 2)


def test_today_page_query_count_does_not_grow(world, client):
    client.force_login(world.cm_a)
    make_clients(world, 5)
    small = count_queries(client, "/today/")
    make_clients(world, 60)
    assert count_queries(client, "/today/") == small


def test_client_detail_query_count_does_not_grow_with_records(world, client):
    client.force_login(world.cm_a)
    target = ClientFactory(office=world.office_a)
    ContactFactory(client=target)
    small = count_queries(client, f"/clients/{target.pk}/")
    for i in range(20):
        ContactFactory(client=target, name=f"連絡先 {i}")
        CertificationFactory(client=target, valid_from=dt.date(2000 + i, 4, 1), valid_to=dt.date(2000 + i, 9, 30))
    assert count_queries(client, f"/clients/{target.pk}/") == small


@pytest.mark.parametrize("query", ["やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "山田", "00000777"])
def test_search_by_name_kana_or_insured_number(world, client, query):
    ClientFactory(office=world.office_a, name="山田 ハル", kana="ヤマダ\u3000ハル", insured_number="0000077700")
    ClientFactory(office=world.office_a, name="佐藤 キヨ", kana="サトウ\u3000キヨ", insured_number="0000011100")
    ClientFactory(office=world.office_b, name="山田 トシ", kana="ヤマダ\u3000トシ", insured_number="0000077701")
    client.force_login(world.cm_a)
    body = client.get("/clients/", {"q": query}).content.decode()
    assert "山田 ハル" in body
    assert "佐藤 キヨ" not in body
    assert "山田 トシ" not in body  # another office


def test_htmx_search_returns_only_the_rows(world, client):
    ClientFactory(office=world.office_a, name="山田 ハル", kana="ヤマダ\u3000ハル")
    client.force_login(world.cm_a)
    response = client.get("/clients/", {"q": "やまだ"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "山田 ハル" in body
    assert "<html" not in body


def test_pagination(world, client):
    client.force_login(world.cm_a)
    make_clients(world, 60)
    body = client.get("/clients/", {"page": 2}).content.decode()
    assert "2 / 2 ページ" in body


def test_create_form_shows_japanese_messages_naming_the_field(world, client):
    client.force_login(world.cm_a)
    response = client.post(
        "/clients/new/",
        {
            "name": "佐藤 キヨ",
            "kana": "佐藤",
            "birth_date": "1938-05-03",
            "sex": "female",
            "insurer_number": "131129",
            "insured_number": "123",
            "status": "active",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "保険者番号: 保険者番号の検証番号（6桁目）が正しくありません。" in body
    assert "被保険者番号: 被保険者番号は10桁の数字" in body
    assert "フリガナ: フリガナはカタカナ（またはひらがな）で入力してください。" in body


def test_create_then_detail_shows_wareki(world, client):
    client.force_login(world.cm_a)
    response = client.post(
        "/clients/new/",
        {
            "name": "佐藤 キヨ",
            "kana": "さとう きよ",
            "birth_date": "1938-05-03",
            "sex": "female",
            "insurer_number": "131128",
            "insured_number": "0000012345",
            "status": "active",
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "昭和13年5月3日" in detail
    assert "サトウ\u3000キヨ" in detail


@pytest.mark.parametrize(
    ("name", "address", "warned"),
    [
        ("𠮷田 ハル", "東京都", []),  # 𠮷 prints with the fallback font: nothing to say
        ("𠮷田 ハル😀", "東京都🏠", ["氏名の😀（U+1F600）", "住所の🏠（U+1F3E0）"]),
    ],
)
def test_saving_a_name_that_will_print_as_geta_warns_at_once(world, client, name, address, warned):
    """Issue 7 §9: a character no font has is never a silent box — the user hears it when typing
    it, not only when a PDF is drawn."""
    client.force_login(world.cm_a)
    response = client.post(
        "/clients/new/",
        {
            "name": name,
            "kana": "よしだ はる",
            "address": address,
            "birth_date": "1938-05-03",
            "sex": "female",
            "insurer_number": "131128",
            "insured_number": "0000012345",
            "status": "active",
        },
        follow=True,
    )
    shown = [(m.level_tag, str(m)) for m in response.context["messages"]]
    warnings = [text for level, text in shown if level == "warning"]
    assert len(warnings) == len(warned)
    for text, expected in zip(warnings, warned, strict=True):
        assert text.startswith(expected) and "「〓」で印字されます" in text


def test_detail_renewal_hint_says_when(world, client):
    target = ClientFactory(office=world.office_a)
    # In effect today (the hint is about the certification in effect, issue 9 item 13).
    CertificationFactory(client=target, valid_from=dt.date(2020, 4, 1), valid_to=dt.date(2100, 5, 31))
    client.force_login(world.cm_a)
    body = client.get(f"/clients/{target.pk}/").content.decode()
    # 60 days before 2100-05-31 is 2100-04-01 (令和82年).
    assert "更新申請は令和82年4月1日から提出できます" in body


def test_htmx_contact_add_returns_the_updated_list(world, client, client_a):
    client.force_login(world.cm_a)
    response = client.post(
        f"/clients/{client_a.pk}/contacts/new/",
        {"name": "山田 恵子", "kana": "やまだ けいこ", "relationship": "長女", "is_key_person": "on"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "山田 恵子" in body and "キーパーソン" in body
    assert Contact.objects.get(client=client_a).kana == "ヤマダ\u3000ケイコ"


def test_htmx_contact_add_with_errors_retargets_the_form(world, client, client_a):
    client.force_login(world.cm_a)
    response = client.post(f"/clients/{client_a.pk}/contacts/new/", {"name": ""}, HTTP_HX_REQUEST="true")
    assert response["HX-Retarget"] == "#contact-form-slot"
    assert "続柄" in response.content.decode()
    assert not Contact.objects.exists()


def test_today_lists_certifications_ending_without_renewal(world, client):
    from django.utils import timezone

    today = timezone.localdate()
    due = ClientFactory(office=world.office_a, care_manager=world.cm_a, name="期限 近子")
    CertificationFactory(client=due, valid_from=today - dt.timedelta(days=300), valid_to=today + dt.timedelta(days=20))
    filed = ClientFactory(office=world.office_a, care_manager=world.cm_a, name="申請 済子")
    CertificationFactory(
        client=filed, valid_from=today - dt.timedelta(days=300), valid_to=today + dt.timedelta(days=20)
    )
    filed.applications.create(office=world.office_a, kind="renewal", status="filed", filed_on=today)
    later = ClientFactory(office=world.office_a, care_manager=world.cm_a, name="余裕 有子")
    CertificationFactory(client=later, valid_from=today, valid_to=today + dt.timedelta(days=200))
    client.force_login(world.cm_a)
    body = client.get("/today/").content.decode()
    section = body.split("担当利用者")[0]
    assert "期限 近子" in section
    assert "申請 済子" not in section
    assert "余裕 有子" not in section
