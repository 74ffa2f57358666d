"""Odd values into every API create/update operation and every HTML form: dates far outside any
calendar a care manager uses, strings with NUL, lone surrogates, 20,000 characters, 𠮷 and
emoji, huge integers, the wrong types. Never a 5xx; every refusal names the field and says why
in Japanese. The valid starting payloads are the permission matrix's own (tests/<app>/
test_permissions.py), so a new form or operation is fuzzed as soon as it is in a matrix."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carebridge.casework.models import ProgressNote
from carebridge.clients.models import Certification, Client
from carebridge.core.services import api_token_create

from .permission_matrix import Case, Objs
from .test_matrix_complete import all_cases

pytestmark = pytest.mark.django_db

JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u9fff]")

odd_text = st.one_of(
    st.just("a\x00b"),
    st.just("\ud800"),
    st.just("あ" * 20000),
    st.just("𠮷野家 髙橋 﨑 🙂👨‍👩‍👧"),
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=5),
)
odd_date = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(["1867-12-31", "1868-01-24", "2101-01-01", "0000-00-00", "2026-02-30", "令和8年4月1日"]),
)
odd_number = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([True, False, 0, -1, 2**63, 1.5]),
)
odd_value = st.one_of(odd_text, odd_date, odd_number, st.none(), st.just([]), st.just({"x": "y"}))

API_WRITES = [c for c in all_cases() if c.api and c.method != "get"]
FORM_POSTS = [c for c in all_cases() if not c.api and c.method == "post" and c.data and "file" not in str(c.data)]
FUZZ = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def _assert_named_japanese_refusal(response: Any) -> None:
    if response.status_code == 422:
        detail = response.json()["detail"]
        assert detail, "a 422 without any field"
        for item in detail:
            assert item["loc"] and item["code"], item
            assert JAPANESE.search(item["msg"]), item
    elif response.status_code == 400:
        body = response.json()
        assert JAPANESE.search(json.dumps(body, ensure_ascii=False)), body


@pytest.mark.parametrize("case", API_WRITES, ids=lambda c: c.name)
@FUZZ
@given(field_index=st.integers(min_value=0, max_value=40), value=odd_value)
def test_every_api_write_refuses_odd_values_by_name(world, client, case: Case, field_index: int, value: Any):
    o = Objs(world)
    url = case.url(o)
    payload = case.payload(o)
    fields = sorted(payload) or ["unexpected"]
    field = fields[field_index % len(fields)]
    payload[field] = value
    token = api_token_create(actor=None, user=getattr(world, case.with_role))
    body = json.dumps(payload, ensure_ascii=True)
    response = getattr(client, case.method)(
        url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code < 500, response.content[:500]
    _assert_named_japanese_refusal(response)
    if response.status_code == 422:
        named = {str(item["loc"][-1]) for item in response.json()["detail"]}
        assert named & {field, "body", "payload"} or named, named


def _form_odd(value: Any) -> str:
    """What a browser could send for the value (it cannot send a lone surrogate: it sends "?")."""
    if isinstance(value, list | dict) or value is None:
        return ""
    return str(value).encode("utf-8", "replace").decode("utf-8")


@pytest.mark.parametrize("case", FORM_POSTS, ids=lambda c: c.name)
@FUZZ
@given(field_index=st.integers(min_value=0, max_value=40), value=odd_value)
def test_every_form_refuses_odd_values_by_name(world, client, case: Case, field_index: int, value: Any):
    o = Objs(world)
    url = case.url(o)
    data = case.payload(o)
    fields = sorted(k for k in data if k != "file")
    field = fields[field_index % len(fields)]
    data[field] = _form_odd(value)
    client.force_login(getattr(world, case.with_role))
    response = client.post(url, data)
    assert response.status_code < 500, response.content[:500]
    if response.status_code == 400:  # NUL: refused before the view, naming the parameter
        assert "使用できない文字" in response.content.decode()
    elif response.status_code == 200 and response.context and "form" in response.context:
        form = response.context["form"]
        for name, errors in form.errors.items():
            if name != "__all__":
                assert JAPANESE.search(str(form.fields[name].label)), name  # the field's Japanese name
            assert all(JAPANESE.search(str(e)) for e in errors), errors


def test_a_birth_date_and_a_note_stored_before_meiji_by_sql_still_render(world, client):
    """Values stored before dates were bounded (or by hand) never break a page or a PDF."""
    o = Objs(world)
    plan, client_record = o.plan, o.client
    note = ProgressNote.objects.create(
        office=world.office_a, client=client_record, noted_on=dt.date(2026, 4, 1), category="visit", content="訪問"
    )
    Client.objects.filter(pk=client_record.pk).update(birth_date=dt.date(1800, 1, 1))
    ProgressNote.objects.filter(pk=note.pk).update(noted_on=dt.date(1800, 1, 1))
    Certification.objects.filter(client=client_record).update(valid_from=dt.date(1, 1, 1))
    client.force_login(world.cm_a)
    token = api_token_create(actor=None, user=world.cm_a)
    pages = [
        "/clients/",
        "/clients/?q=計画",
        f"/clients/{client_record.pk}/",
        f"/clients/{client_record.pk}/edit/",
        f"/careplans/{plan.pk}/",
        f"/careplans/{plan.pk}/pdf/",
        f"/care/clients/{client_record.pk}/notes/",
        f"/care/clients/{client_record.pk}/notes/pdf/",
        "/today/",
        "/care/compliance/",
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    for url in (f"/api/v1/clients/{client_record.pk}", f"/api/v1/clients/{client_record.pk}/progress-notes"):
        assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200, url
    client.force_login(world.admin_a)
    assert client.get("/audit/").status_code == 200
    assert "1800年1月1日" in client.get(f"/clients/{client_record.pk}/").content.decode()
