"""Issue 9 item 17: search finds 木村文子 with or without the space, in kanji and kana, and by 被保険者番号 prefix."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carebridge.core.services import api_token_create

from ..factories import CertificationFactory, ClientFactory

pytestmark = pytest.mark.django_db

SPELLINGS = [
    "木村文子",
    "木村 文子",
    "木村\u3000文子",
    "きむらふみこ",
    "キムラ フミコ",
    "キムラフミコ",
    "ｷﾑﾗﾌﾐｺ",
    "ｷﾑﾗ ﾌﾐｺ",
    "123456",  # 被保険者番号 prefix
    "１２３４５６",  # typed in full-width digits
]


@pytest.fixture
def kimura(world):
    return ClientFactory(
        office=world.office_a, name="木村 文子", kana="キムラ\u3000フミコ", insured_number="1234567890"
    )


@pytest.fixture
def kimura_fullwidth_space(world):
    return ClientFactory(
        office=world.office_a, name="木村\u3000文子", kana="キムラ　フミコ", insured_number="1234560001"
    )


@pytest.fixture
def other(world):
    return ClientFactory(
        office=world.office_a, name="木下 文夫", kana="キノシタ\u3000フミオ", insured_number="9876543210"
    )


def page_ids(django_client, q):
    response = django_client.get("/clients/", {"q": q})
    assert response.status_code == 200
    return {c.pk for c in response.context["page"]}


def api_ids(django_client, token, q):
    response = django_client.get("/api/v1/clients", {"q": q}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize("q", SPELLINGS)
def test_search_finds_kimura_fumiko_on_the_page_with_or_without_the_space(world, client, kimura, other, q):
    client.force_login(world.cm_a)
    assert page_ids(client, q) == {kimura.pk}


@pytest.mark.parametrize("q", SPELLINGS)
def test_search_finds_kimura_fumiko_in_the_api_with_or_without_the_space(world, client, kimura, other, q):
    token = api_token_create(actor=None, user=world.cm_a)
    assert api_ids(client, token, q) == {kimura.pk}


@pytest.mark.parametrize("q", ["木村文子", "木村 文子", "きむらふみこ", "ｷﾑﾗﾌﾐｺ", "123456"])
def test_search_finds_a_name_stored_with_a_full_width_space(world, client, kimura_fullwidth_space, other, q):
    client.force_login(world.cm_a)
    assert page_ids(client, q) == {kimura_fullwidth_space.pk}
    token = api_token_create(actor=None, user=world.cm_a)
    assert api_ids(client, token, q) == {kimura_fullwidth_space.pk}


def test_search_by_insured_number_prefix_matches_only_the_start(world, client, kimura, other):
    client.force_login(world.cm_a)
    assert page_ids(client, "1234") == {kimura.pk}
    assert page_ids(client, "4567") == set()  # a middle part is not a prefix
    assert page_ids(client, "987654") == {other.pk}


def test_search_does_not_find_a_different_client(world, client, kimura, other):
    client.force_login(world.cm_a)
    assert page_ids(client, "木下文夫") == {other.pk}
    assert page_ids(client, "きのしたふみお") == {other.pk}
    assert page_ids(client, "木村文夫") == set()
    assert page_ids(client, "キムラフミオ") == set()


def test_search_stays_in_the_actors_office(world, client, kimura):
    ClientFactory(office=world.office_b, name="木村 文子", kana="キムラ\u3000フミコ", insured_number="1234567891")
    client.force_login(world.cm_a)
    assert page_ids(client, "木村文子") == {kimura.pk}


def _count(django_client, url, **extra):
    with CaptureQueriesContext(connection) as ctx:
        response = django_client.get(url, **extra)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _more_clients(world, n):
    for i in range(n):
        CertificationFactory(client=ClientFactory(office=world.office_a, name=f"木村 文{i}", kana="キムラ\u3000フミ"))


def test_search_query_count_does_not_grow_with_the_number_of_clients(world, client, kimura):
    client.force_login(world.cm_a)
    token = api_token_create(actor=None, user=world.cm_a)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    _more_clients(world, 5)
    _count(client, "/api/v1/clients", **auth)  # the token's first use is recorded once, not per search
    page_small = _count(client, "/clients/?q=きむらふみ")
    api_small = _count(client, "/api/v1/clients?q=きむらふみ", **auth)
    _more_clients(world, 60)
    assert _count(client, "/clients/?q=きむらふみ") == page_small
    assert _count(client, "/api/v1/clients?q=きむらふみ", **auth) == api_small
