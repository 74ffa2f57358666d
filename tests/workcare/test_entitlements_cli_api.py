"""The entitlement calculator's JSON (issue 8 item 7): `evaluate`, `carebridge workcare
entitlements --input FILE|-` and `POST /api/v1/workcare/entitlements`. The expected answers are
worked out by hand from 育児・介護休業法 (articles named below)."""

from __future__ import annotations

import copy
import io
import json

import pytest
from django.core.management import execute_from_command_line
from hypothesis import given, settings
from hypothesis import strategies as st

from carebridge.core.services import api_token_create
from carebridge.workcare import messages
from carebridge.workcare.entitlement_json import RELATIONS, EntitlementInputError, evaluate
from carebridge.workcare.models.choices import Relation

# The issue's example, word for word.
EXAMPLE = {
    "as_of": "2026-11-22",
    "employee": {"weekly_days": 5, "daily_hours": "7.5", "hired_on": "2019-04-01", "fixed_term_end": None},
    "company": {"fiscal_year_start": "04-01", "labor_agreement_excludes": ["under_1_year"]},
    "family": [{"id": "mother", "relation": "parent"}],
    "history": [
        {"kind": "care_leave", "family_id": "mother", "start": "2026-01-05", "end": "2026-02-03"},
        {"kind": "care_days_off", "family_id": "mother", "date": "2026-05-11", "hours": 3},
    ],
    "request": {"kind": "care_leave", "family_id": "mother", "start": "2026-12-01", "end": "2027-01-31"},
}
# By hand:
# - 介護休業 (第11条第2項): 2026-01-05..02-03 = 27 days of January + 3 of February = 30 days, one
#   period: 93 - 30 = 63 days and 3 - 1 = 2 periods left.
# - 介護休暇 (第16条の5): one family member → 5 days; the fiscal year of 2026-11-22 starts
#   2026-04-01; 7.5 h a day counts 8 h (rounded up), so 40 h; 3 h used on 2026-05-11 → 37 h left =
#   4 days (32 h) and 5 hours.
# - The request: 2026-12-01..2027-01-31 = 31 + 31 = 62 days ≤ 63, the second period ≤ 3; hired
#   2019-04-01, so the agreement's "under 1 year" does not touch them; no fixed term → allowed.
EXPECTED = {
    "care_leave": [{"family_id": "mother", "days_used": 30, "days_left": 63, "periods_used": 1, "periods_left": 2}],
    "care_days_off": {
        "fiscal_year_start": "2026-04-01",
        "entitled_days": 5,
        "used_hours": 3,
        "left_days": 4,
        "left_hours": 5,
    },
    "request": {"allowed": True, "reasons": []},
}


def with_(path: str, value: object) -> dict:
    data = copy.deepcopy(EXAMPLE)
    *parents, last = path.split(".")
    target: object = data
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]  # type: ignore[index]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value  # type: ignore[index]
    return data


def test_the_issue_example():
    assert evaluate(copy.deepcopy(EXAMPLE)) == EXPECTED


def test_a_refused_request_explains_itself():
    """第11条第2項第2号: 64 days (2026-12-01..2027-02-02) on top of 30 reach day 94."""
    answer = evaluate(with_("request.end", "2027-02-02"))
    assert answer["request"]["allowed"] is False
    [reason] = answer["request"]["reasons"]
    assert reason["code"] == messages.CARE_LEAVE_DAYS_EXCEEDED.code
    assert reason["article"] == "育児・介護休業法 第11条第2項第2号・第15条第1項"
    assert reason["message"] == "この対象家族の介護休業は通算93日までです（取得済み30日、申出64日、残り63日）。"


def test_no_request_gives_null_and_a_care_days_off_request():
    data = copy.deepcopy(EXAMPLE)
    del data["request"]
    assert evaluate(data)["request"] is None
    # 37 h are left (see above): 5 hours yes; a whole day (8 h) yes; and the company may give more.
    hourly = with_("request", {"kind": "care_days_off", "family_id": "mother", "date": "2027-03-31", "hours": 5})
    assert evaluate(hourly)["request"] == {"allowed": True, "reasons": []}
    generous = with_("company.care_days_off_one", 7)
    assert evaluate(generous)["care_days_off"]["entitled_days"] == 7


@pytest.mark.parametrize(
    ("path", "value", "field", "message"),
    [
        ("employee.daily_hours", "abc", "employee.daily_hours", messages.ENTITLEMENT_HOURS),
        ("employee.daily_hours", "0", "employee.daily_hours", messages.ENTITLEMENT_HOURS),
        ("employee.weekly_days", 8, "employee.weekly_days", messages.ENTITLEMENT_INTEGER),
        ("employee.hired_on", "2019-02-30", "employee.hired_on", messages.ENTITLEMENT_DATE),
        ("as_of", None, "as_of", messages.ENTITLEMENT_REQUIRED),
        ("as_of", "9999-12-31", "as_of", messages.ENTITLEMENT_DATE_RANGE),
        ("company.fiscal_year_start", "13-01", "company.fiscal_year_start", messages.ENTITLEMENT_MONTH_DAY),
        (
            "company.labor_agreement_excludes",
            ["under_6_months"],
            "company.labor_agreement_excludes[0]",
            messages.ENTITLEMENT_CHOICE,
        ),
        ("history.0.family_id", "father", "history[0].family_id", messages.ENTITLEMENT_UNKNOWN_FAMILY),
        ("history.0.end", "2026-01-01", "history[0].end", messages.ENTITLEMENT_PERIOD_ORDER),
        ("history.1.hours", "3", "history[1].hours", messages.ENTITLEMENT_INTEGER),
        ("request.kind", "holiday", "request.kind", messages.ENTITLEMENT_CHOICE),
        ("family", "mother", "family", messages.ENTITLEMENT_LIST),
        ("employee.salary", 1, "employee.salary", messages.ENTITLEMENT_UNKNOWN_KEY),
    ],
)
def test_bad_input_names_the_field(path, value, field, message):
    with pytest.raises(EntitlementInputError) as caught:
        evaluate(with_(path, value))
    assert caught.value.field == field
    assert caught.value.message.code == message.code
    assert caught.value.message.startswith(field)


def test_any_json_value_is_an_input_error_not_a_crash():
    for value in (None, [], "x", 3, {"as_of": []}):
        with pytest.raises(EntitlementInputError):
            evaluate(value)


def test_a_work_limit_request_of_the_extensions():
    """時間外労働の制限 (第18条第1項 → 第17条第2項): requested on 2026-11-22 for 2026-12-01 — later than
    one month before the start (2026-11-01); and 2026-12-01..2027-12-01 is over a year."""
    answer = evaluate(with_("request", {"kind": "overtime_limit", "start": "2026-12-01", "end": "2027-12-01"}))
    assert answer["request"]["allowed"] is False
    assert [r["code"] for r in answer["request"]["reasons"]] == [
        messages.REQUEST_NOTICE_LATE.code,
        messages.REQUEST_PERIOD_TOO_LONG.code,
    ]
    assert {r["article"] for r in answer["request"]["reasons"]} == {"育児・介護休業法 第18条第1項（第17条の準用）"}
    ok = with_(
        "request", {"kind": "overtime_limit", "start": "2027-01-01", "end": "2027-12-31", "requested_on": "2026-12-01"}
    )
    assert evaluate(ok)["request"] == {"allowed": True, "reasons": []}


def test_relations_follow_the_choices():
    assert set(RELATIONS) == {c.value for c in Relation}


# --- the command --------------------------------------------------------------------------------


def run(argv: list[str], capsys, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        execute_from_command_line(["carebridge", *argv])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prints_the_answer(tmp_path, capsys):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(EXAMPLE, ensure_ascii=False), encoding="utf-8")
    code, out, _err = run(["workcare", "entitlements", "--input", str(path)], capsys)
    assert code == 0
    assert json.loads(out) == EXPECTED
    assert out.startswith('{\n  "care_leave": [')  # indent 2


def test_cli_reads_standard_input(capsys, monkeypatch):
    code, out, _err = run(["workcare", "entitlements", "--input", "-"], capsys, json.dumps(EXAMPLE), monkeypatch)
    assert code == 0
    assert json.loads(out) == EXPECTED


def test_cli_bad_input_exits_2_naming_the_field(capsys, monkeypatch):
    bad = json.dumps(with_("employee.daily_hours", "seven"))
    code, out, err = run(["workcare", "entitlements", "--input", "-"], capsys, bad, monkeypatch)
    assert code == 2
    assert out == ""
    assert "employee.daily_hours" in err
    assert "時間数" in err
    code, _out, err = run(["workcare", "entitlements", "--input", "-"], capsys, "{not json", monkeypatch)
    assert code == 2
    assert "JSONとして読めません" in err


# --- the API ------------------------------------------------------------------------------------

URL = "/api/v1/workcare/entitlements"


def post(client, user, body: object):
    token = api_token_create(actor=None, user=user)
    text = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, data=text, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.mark.django_db
def test_api_answers_the_same_json(world, client):
    for user in (world.hr, world.employee, world.wcm_a, world.cm_a):
        response = post(client, user, EXAMPLE)
        assert response.status_code == 200
        assert response.json() == EXPECTED


@pytest.mark.django_db
def test_api_bad_input_is_422_naming_the_field(world, client):
    response = post(client, world.hr, with_("employee.daily_hours", "x"))
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "employee.daily_hours"]
    assert error["code"] == messages.ENTITLEMENT_HOURS.code
    assert post(client, world.hr, "{").status_code == 400
    assert post(client, world.hr, [1, 2]).status_code == 422


@pytest.mark.django_db
def test_api_needs_a_login(client):
    assert client.post(URL, data=json.dumps(EXAMPLE), content_type="application/json").status_code == 401


PATHS = [
    "as_of",
    "employee.weekly_days",
    "employee.daily_hours",
    "employee.hired_on",
    "employee.fixed_term_end",
    "company.fiscal_year_start",
    "company.labor_agreement_excludes",
    "company.care_leave_days",
    "family",
    "family.0.id",
    "history",
    "history.0.start",
    "history.0.end",
    "history.1.hours",
    "history.1.date",
    "request",
    "request.kind",
    "request.start",
    "request.end",
]
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["2026-02-29", "1868-01-25", "2100-12-31", "NaN", "Infinity", "-0", "02-29", "7.5"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATHS), json_values)
def test_any_value_anywhere_is_an_answer_or_an_input_error(path, value):
    """No input makes the calculator crash: it answers, or names the bad field."""
    answer: object
    try:
        answer = evaluate(with_(path, value))
    except EntitlementInputError as exc:
        answer = exc
    if isinstance(answer, EntitlementInputError):
        assert answer.field
        assert answer.message.code.startswith("entitlement_")
    else:
        assert isinstance(answer, dict)
        assert set(answer) == {"care_leave", "care_days_off", "request"}
