"""The benefit simulation (issue 10 item 4): `simulate`, `carebridge billing simulate --input
FILE|-` and `POST /api/v1/billing/simulate`. Expected figures are worked out by hand from the
rules in shared/domain/kyotaku.md (billing part) and the seeded master (units of the 2024 告示,
unit prices of 平成27年厚生労働省告示第93号)."""

from __future__ import annotations

import copy
import io
import json

import pytest
from django.core.management import execute_from_command_line

from carebridge.billing import master_messages as msg
from carebridge.billing.simulate import SimulationInputError, simulate
from carebridge.core.services import api_token_create

pytestmark = pytest.mark.django_db

URL = "/api/v1/billing/simulate"

# The issue's example, word for word.
EXAMPLE = {
    "month": "2026-10",
    "care_level": "care_2",
    "copay_rate": 10,
    "region_grade": "6",
    "lines": [
        {
            "provider": "1312345678",
            "service_type": "11",
            "service_code": "111211",
            "units": 387,
            "count": 12,
            "over_limit_units": None,
            "limit_managed": True,
        }
    ],
}
# By hand: 387 × 12 = 4,644 units ≤ 19,705 (要介護2); 訪問介護 is the 70% class, 6級地 → 10.42円:
# floor(4,644 × 10.42 = 48,390.48) = 48,390; claim floor(48,390 × 0.9) = 43,551; copay 4,839.
EXPECTED_TOTALS = {"total_cost": 48_390, "insurance_claim": 43_551, "copay": 4_839, "full_pay": 0, "client_pays": 4_839}


def with_(path: str, value: object) -> dict:
    data = copy.deepcopy(EXAMPLE)
    *parents, last = path.split(".")
    target: object = data
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]  # type: ignore[index]
    if isinstance(target, list):
        target[int(last)] = value
    elif value is ...:
        del target[last]  # type: ignore[attr-defined]
    else:
        target[last] = value  # type: ignore[index]
    return data


def test_the_issue_example():
    answer = simulate(EXAMPLE)
    assert (answer["limit_units"], answer["total_units"], answer["in_limit_units"], answer["over_limit_units"]) == (
        19_705,
        4_644,
        4_644,
        0,
    )
    (line,) = answer["lines"]
    assert (line["service_units"], line["in_limit_units"], line["over_limit_units"]) == (4_644, 4_644, 0)
    (group,) = answer["groups"]
    assert group == {
        "provider": "1312345678",
        "service_type": "11",
        "units": 4_644,
        "in_limit_units": 4_644,
        "over_limit_units": 0,
        "unit_price": "10.42",
        "total_cost": 48_390,
        "insurance_claim": 43_551,
        "copay": 4_839,
        "full_pay": 0,
    }
    assert answer["totals"] == EXPECTED_TOTALS


def test_units_and_limit_flag_come_from_the_master():
    """111211 (身体介護2) is 387 units in the seed; 311111 (居宅療養管理指導) is outside limit
    management (告示第33号) and 10円 flat: not in total_units, priced 10.00."""
    data = with_("lines.0", {"provider": "1312345678", "service_type": "11", "service_code": "111211", "count": 12})
    data["lines"].append({"provider": "1310000009", "service_type": "31", "service_code": "311111", "count": 2})
    answer = simulate(data)
    assert answer["lines"][0]["units"] == 387
    assert answer["lines"][1]["limit_managed"] is False
    assert answer["total_units"] == 4_644
    group = answer["groups"][1]
    assert (group["units"], group["unit_price"], group["total_cost"]) == (1_030, "10.00", 10_300)


def test_an_over_limit_month():
    """要介護1 (16,765). 通所介護 7–8h 要介護1 658 × 20 = 13,160 (45%, 6級地 10.27) then 身体介護2
    387 × 12 = 4,644 (70%, 10.42): 17,804 units, 1,039 over, taken from the last line.
    訪問介護: in 3,605 → floor(37,564.1) = 37,564, claim floor(33,807.6) = 33,807, copay 3,757,
    full pay floor(1,039 × 10.42 = 10,826.38) = 10,826. 通所介護: 13,160 × 10.27 = 135,153.2 →
    135,153, claim floor(121,637.7) = 121,637, copay 13,516. The client pays 17,273 + 10,826."""
    data = {
        "month": "2026-10",
        "care_level": "care_1",
        "copay_rate": 10,
        "region_grade": "6",
        "lines": [
            {"provider": "1312345679", "service_type": "15", "service_code": "151511", "count": 20},
            {"provider": "1312345678", "service_type": "11", "service_code": "111211", "count": 12},
        ],
    }
    answer = simulate(data)
    assert (answer["total_units"], answer["in_limit_units"], answer["over_limit_units"]) == (17_804, 16_765, 1_039)
    assert [line["over_limit_units"] for line in answer["lines"]] == [0, 1_039]
    day, home = answer["groups"]
    assert (day["unit_price"], day["total_cost"], day["insurance_claim"], day["copay"]) == (
        "10.27",
        135_153,
        121_637,
        13_516,
    )
    assert (home["in_limit_units"], home["total_cost"], home["insurance_claim"], home["copay"], home["full_pay"]) == (
        3_605,
        37_564,
        33_807,
        3_757,
        10_826,
    )
    assert answer["totals"] == {
        "total_cost": 172_717,
        "insurance_claim": 155_444,
        "copay": 17_273,
        "full_pay": 10_826,
        "client_pays": 28_099,
    }
    # The care manager names the excess on the day service instead.
    data["lines"][0]["over_limit_units"] = 1_039
    answer = simulate(data)
    assert [line["over_limit_units"] for line in answer["lines"]] == [1_039, 0]


def test_the_mhlw_example_through_the_simulation():
    """22,050 units × 11.10円 (55% class, 1級地; a code not in the master, units given) →
    244,755 / 220,279 / 24,476 (kyotaku.md)."""
    data = {
        "month": "2026-10",
        "care_level": "care_5",
        "copay_rate": 10,
        "region_grade": "1",
        "lines": [
            {"provider": "1312345678", "service_type": "16", "service_code": "169999", "units": 22_050, "count": 1}
        ],
    }
    totals = simulate(data)["totals"]
    assert (totals["total_cost"], totals["insurance_claim"], totals["copay"]) == (244_755, 220_279, 24_476)


def test_the_treatment_improvement_addition_takes_the_master_rate():
    """訪問介護処遇改善加算Ⅰ (24.5%, 2024-06) on 4,644 units: round half up(1,137.78) = 1,138,
    outside limit management."""
    data = copy.deepcopy(EXAMPLE)
    data["lines"].append({"provider": "1312345678", "service_type": "11", "service_code": "116275", "count": 1})
    answer = simulate(data)
    assert answer["lines"][1]["service_units"] == 1_138
    assert answer["lines"][1]["rate_permille"] == 245
    assert answer["total_units"] == 4_644
    assert answer["groups"][0]["units"] == 5_782


BAD = [
    ("month", "2026-13", "month", msg.SIM_MONTH),
    ("month", ..., "month", msg.SIM_REQUIRED),
    ("care_level", "care_6", "care_level", msg.SIM_CHOICE),
    ("care_level", "jigyo_taisho", "care_level", msg.SIM_CHOICE),
    ("copay_rate", 15, "copay_rate", msg.SIM_CHOICE),
    ("copay_rate", True, "copay_rate", msg.SIM_CHOICE),
    ("region_grade", "8", "region_grade", msg.SIM_CHOICE),
    ("lines", {}, "lines", msg.SIM_NOT_LIST),
    ("lines.0", 3, "lines[0]", msg.SIM_NOT_OBJECT),
    ("lines.0.count", -1, "lines[0].count", msg.SIM_INTEGER),
    ("lines.0.count", "12", "lines[0].count", msg.SIM_INTEGER),
    ("lines.0.count", ..., "lines[0].count", msg.SIM_REQUIRED),
    ("lines.0.units", 1.5, "lines[0].units", msg.SIM_INTEGER),
    ("lines.0.provider", "123", "lines[0].provider", msg.SIM_PROVIDER),
    ("lines.0.service_type", "999", "lines[0].service_type", msg.SIM_TYPE_FORMAT),
    ("lines.0.service_code", "121211", "lines[0].service_code", msg.SIM_CODE_TYPE),
    ("lines.0.service_code", "11121", "lines[0].service_code", msg.SIM_SERVICE_CODE),
    ("lines.0.limit_managed", "yes", "lines[0].limit_managed", msg.SIM_BOOL),
    ("lines.0.over_limit_units", -3, "lines[0].over_limit_units", msg.SIM_INTEGER),
    ("lines.0.colour", "red", "lines[0].colour", msg.SIM_UNKNOWN_FIELD),
    ("extra", 1, "extra", msg.SIM_UNKNOWN_FIELD),
]


@pytest.mark.parametrize(("path", "value", "field", "message"), BAD)
def test_bad_input_names_the_field(path, value, field, message):
    with pytest.raises(SimulationInputError) as caught:
        simulate(with_(path, value))
    assert caught.value.field == field
    assert caught.value.message.code == message.code
    assert str(caught.value.message).startswith(f"{field}: ")


def test_master_dependent_faults_name_the_field():
    """A service type missing from the month's master; a code not in it without units."""
    line = {"provider": "1312345678", "service_type": "99", "service_code": "991111", "units": 1, "count": 1}
    with pytest.raises(SimulationInputError) as caught:
        simulate(with_("lines.0", line))
    assert (caught.value.field, caught.value.message.code) == ("lines[0].service_type", msg.SIM_UNKNOWN_TYPE.code)
    with pytest.raises(SimulationInputError) as caught:
        simulate(
            with_("lines.0", {"provider": "1312345678", "service_type": "11", "service_code": "119999", "count": 1})
        )
    assert (caught.value.field, caught.value.message.code) == ("lines[0].units", msg.SIM_UNITS_NEEDED.code)
    with pytest.raises(SimulationInputError) as caught:  # before the seeded 2024 master
        simulate(with_("month", "2019-10"))
    assert caught.value.field == "lines[0].service_type"


def run(capsys, argv, stdin=None, monkeypatch=None):
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
    code, out, _ = run(capsys, ["billing", "simulate", "--input", str(path)])
    assert code == 0
    assert json.loads(out)["totals"] == EXPECTED_TOTALS


def test_cli_reads_standard_input(capsys, monkeypatch):
    code, out, _ = run(capsys, ["billing", "simulate", "--input", "-"], json.dumps(EXAMPLE), monkeypatch)
    assert code == 0
    assert json.loads(out)["groups"][0]["unit_price"] == "10.42"


@pytest.mark.parametrize(
    ("text", "field"),
    [("{", "--input"), (json.dumps(with_("lines.0.count", "x")), "lines[0].count"), ("[]", "入力")],
)
def test_cli_bad_input_exits_2_naming_the_field(capsys, monkeypatch, text, field):
    code, out, err = run(capsys, ["billing", "simulate", "--input", "-"], text, monkeypatch)
    assert code == 2
    assert out == ""
    assert f"{field}: " in err


def post(client, user, body):
    token = api_token_create(actor=None, user=user)
    text = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, data=text, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_api_answers_the_same_json(world, client):
    for user in (world.cm_a, world.clerk_a, world.cm_b):
        response = post(client, user, EXAMPLE)
        assert response.status_code == 200
        assert response.json() == simulate(EXAMPLE)


def test_api_bad_input_is_422_naming_the_field(world, client):
    response = post(client, world.cm_a, with_("lines.0.count", "x"))
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "lines[0].count"]
    assert error["code"] == msg.SIM_INTEGER.code
    assert post(client, world.cm_a, "{").status_code == 400
    assert post(client, world.cm_a, [1, 2]).status_code == 422


def test_api_is_for_billing_staff(world, client):
    assert client.post(URL, data=json.dumps(EXAMPLE), content_type="application/json").status_code == 401
    assert post(client, world.wcm_a, EXAMPLE).status_code == 403
    assert post(client, world.hr, EXAMPLE).status_code == 403
