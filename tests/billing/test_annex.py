"""billing.annex: the 第7表 of a slip, hand-computed from the rules' text (kyotaku.md's billing
part and the sources cited there), never from the calculator's own output. Prices are injected
(the service master's job); here they are the 1級地 figures of 平成27年厚生労働省告示第93号:
人件費割合70% (訪問介護) 11.40円, 45% (通所介護) 10.90円."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from carebridge.billing import annex
from carebridge.clients.rules import benefit_limit_units

APRIL = dt.date(2026, 4, 1)
HOME_HELP, DAY_CARE = "1312345678", "1312345679"
PRICES = {"11": 1140, "15": 1090, "21": 1088}
SHORT_STAY = frozenset({"21", "22", "23", "2A"})


@dataclass
class Cert:
    care_level: str
    valid_from: dt.date = dt.date(2026, 4, 1)
    valid_to: dt.date = dt.date(2027, 3, 31)
    copay_rate: int = 10
    is_certified: bool = True

    @property
    def benefit_limit_units(self) -> int | None:
        return benefit_limit_units(self.care_level, self.valid_from)


def price_of(service_type: str, on: dt.date) -> int:
    assert on == APRIL  # the month's first day
    return PRICES[service_type]


def days(count: int, start: int = 1) -> str:
    """`count` days with one visit each, from day `start`."""
    cells = ["0"] * 31
    for d in range(start - 1, start - 1 + count):
        cells[d] = "1"
    return "".join(cells)


def row(provider: str, kind: str, code: str, name: str, units: int, count: int, **extra) -> annex.SlipRow:
    values = {
        "provider_number": provider,
        "provider_name": "ヘルパー" if provider == HOME_HELP else "デイ",
        "service_type": kind,
        "service_code": code,
        "service_name": name,
        "units": units,
        "days": days(count),
        "basis": annex.BASIS_PLANNED,
    }
    values.update(extra)
    return annex.SlipRow(**values)


TWO_PROVIDERS = [
    row(HOME_HELP, "11", "111211", "身体介護2", 387, 20),
    row(HOME_HELP, "11", "112111", "生活援助3", 220, 12),
    row(DAY_CARE, "15", "151112", "通所介護（通常規模・7-8時間・要介護2）", 777, 13),
    row(DAY_CARE, "15", "155011", "入浴介助加算Ⅰ", 40, 13),
]


def build(rows, certs, **extra):
    return annex.build(
        month=APRIL, rows=rows, certifications=certs, price_of=price_of, short_stay_types=SHORT_STAY, **extra
    )


def test_two_provider_month_over_the_limit() -> None:
    """要介護2: 区分支給限度基準額 19,705単位 (告示 平成12年厚生省告示第33号, 2019-10〜).
    訪問介護 387×20 + 220×12 = 7,740 + 2,640 = 10,380; 通所介護 777×13 + 40×13 = 10,101 + 520 = 10,621;
    total 21,001 → 1,296 over, taken from the last lines first (the 第7表's default): 入浴介助加算 520,
    then 776 of 通所介護. Per provider and type (「サービスコード表」の計算方法):
    訪問介護 費用総額 floor(10,380×11.40) = 118,332; 保険 floor(118,332×0.9) = 106,498; 負担 11,834.
    通所介護 in-limit 9,325: floor(9,325×10.90) = 101,642; 保険 floor(101,642×0.9) = 91,477; 負担 10,165;
    全額負担 floor(1,296×10.90) = 14,126."""
    sheet = build(TWO_PROVIDERS, [Cert("care_2")])
    assert sheet.limit_units == 19_705
    assert sheet.care_level == "要介護2"
    assert (sheet.result.total_units, sheet.over_limit_units, sheet.result.in_limit_units) == (21_001, 1_296, 19_705)
    help_group, day_group = sheet.groups
    assert (help_group.provider_number, help_group.service_type, help_group.unit_price_text) == (
        HOME_HELP,
        "11",
        "11.40",
    )
    g = help_group.result
    assert (g.units, g.over_limit_units, g.total_cost, g.insurance_claim, g.copay, g.full_pay) == (
        10_380,
        0,
        118_332,
        106_498,
        11_834,
        0,
    )
    g = day_group.result
    assert (g.units, g.over_limit_units, g.in_limit_units) == (10_621, 1_296, 9_325)
    assert (g.total_cost, g.insurance_claim, g.copay, g.full_pay) == (101_642, 91_477, 10_165, 14_126)
    assert [ln.result.over_limit_units for ln in day_group.lines] == [776, 520]
    t = sheet.totals
    assert (t.total_cost, t.insurance_claim, t.copay, t.full_pay, t.client_pays) == (
        219_974,
        197_975,
        21_999,
        14_126,
        36_125,
    )
    assert sheet.is_over and sheet.benefit_rate == 90
    assert "1,296単位超えています" in sheet.plain_words
    assert "全額自己負担（14,126円）" in sheet.plain_words
    assert [ln.row.service_name for ln in sheet.over_lines] == [
        "通所介護（通常規模・7-8時間・要介護2）",
        "入浴介助加算Ⅰ",
    ]


def test_mid_month_level_change_takes_the_higher_limit() -> None:
    """A 区分変更 from 要介護2 to 要介護3 on the 15th: the month's limit is the higher one, 27,048,
    not pro-rated (kyotaku.md; rules.monthly_limit) — the same month is then within the limit."""
    certs = [
        Cert("care_2", valid_to=dt.date(2026, 4, 14)),
        Cert("care_3", valid_from=dt.date(2026, 4, 15)),
    ]
    sheet = build(TWO_PROVIDERS, certs)
    assert sheet.limit_units == 27_048
    assert sheet.care_level == "要介護3"
    assert sheet.levels == ("要介護2", "要介護3")
    assert "level_changed" in sheet.notes
    assert sheet.over_limit_units == 0 and sheet.totals.full_pay == 0
    # 通所介護 all 10,621 units in limit: floor(10,621×10.90) = 115,768; 保険 floor(×0.9) = 104,191.
    day = sheet.groups[1].result
    assert (day.total_cost, day.insurance_claim, day.copay) == (115_768, 104_191, 11_577)


def test_copay_twenty_percent() -> None:
    """利用者負担2割 (介護保険法第49条の2): 給付率 80%. 訪問介護 only, 10,380 units within 要介護2's limit:
    費用総額 118,332; 保険 floor(118,332×0.8) = 94,665; 負担 23,667."""
    sheet = build(TWO_PROVIDERS[:2], [Cert("care_2", copay_rate=20)])
    assert sheet.copay_rate == 20 and sheet.benefit_rate == 80
    g = sheet.groups[0].result
    assert (g.total_cost, g.insurance_claim, g.copay) == (118_332, 94_665, 23_667)


def test_short_stay_days_before_this_month_and_the_31st_day() -> None:
    """短期入所利用日数: 前月まで (the slip's figure) + 今月 = 累計. The 30-consecutive-day rule
    (告示 平成12年厚生省告示第19号 別表8 注): a stay running since 3/17 (15 days to 3/31) reaches its
    31st consecutive day on 4/16, which is not covered; the count starts again on 4/17."""
    stay = row(DAY_CARE, "21", "211111", "短期入所生活介護", 700, 20)
    march = "0" * 16 + "1" * 15  # 3/17–3/31
    sheet = build([stay], [Cert("care_3")], short_stay_days_before=15, previous_short_stay_days=march)
    s = sheet.short_stay
    assert (s.before, s.this_month, s.total) == (15, 20, 35)
    assert s.uncovered == (dt.date(2026, 4, 16),)
    assert "short_stay_over_30" in sheet.notes


def test_counts_use_actuals_when_entered_else_the_plan() -> None:
    """A line's actual days (実績) count once entered; the sheet says which basis it used."""

    @dataclass
    class Line:
        service_type: str = "11"
        service_code: str = "111211"
        service_name: str = "身体介護2"
        units: int = 387
        planned_days: str = days(20)
        actual_days: str = ""
        provider_name: str = "ヘルパー"
        provider: object = None
        limit_managed: bool = True
        rate_permille: int | None = None
        over_limit_units: int | None = None

    planned = annex.row_of(Line())
    actual = annex.row_of(Line(actual_days=days(18)))
    assert (planned.count, planned.basis) == (20, "予定")
    assert (actual.count, actual.basis) == (18, "実績")
    assert build([actual], [Cert("care_2")]).basis == "実績"
    assert build([planned], [Cert("care_2")]).basis == "予定"
    assert build([planned, actual], [Cert("care_2")]).basis == annex.BASIS_MIXED


def test_what_if_candidate_adds_to_the_month() -> None:
    """A candidate line (not saved) joins the same calculation, last: it carries the excess first."""
    base = build(TWO_PROVIDERS[:2], [Cert("care_2")])
    extra = annex.candidate_row(service_type="11", service_code="111211", units=387, count=25)
    sheet = build([*TWO_PROVIDERS[:2], extra], [Cert("care_2")])
    assert base.over_limit_units == 0
    # 10,380 + 9,675 = 20,055 → 350 over, on the candidate line.
    assert sheet.over_limit_units == 350
    assert sheet.groups[-1].provider_name == "（検討中）"
    assert sheet.groups[-1].lines[-1].result.over_limit_units == 350
    assert sheet.basis == "予定"  # candidates do not change the sheet's basis


@pytest.mark.parametrize("count", [0, 1, 9, 10, 31, 279])
def test_candidate_days_hold_the_count(count: int) -> None:
    assert annex.candidate_row(service_type="11", service_code="111211", units=1, count=count).count == count


def test_no_certification_in_the_month() -> None:
    """No 認定 covering the month: limit 0, everything over the limit, said in a note."""
    sheet = build(TWO_PROVIDERS[:1], [Cert("care_2", valid_from=dt.date(2026, 5, 1))])
    assert sheet.limit_units == 0 and sheet.over_limit_units == 7_740
    assert "no_certification" in sheet.notes


def test_a_type_without_a_price_is_said_not_a_crash() -> None:
    """The master prices every type it knows; one it does not is shown at 0円 with a note."""

    def partial_prices(service_type: str, on: dt.date) -> int:
        if service_type == "15":
            raise LookupError(service_type)
        return PRICES[service_type]

    sheet = annex.build(
        month=APRIL,
        rows=TWO_PROVIDERS,
        certifications=[Cert("care_2")],
        price_of=partial_prices,
        short_stay_types=SHORT_STAY,
    )
    assert sheet.groups[1].result.total_cost == 0 and sheet.groups[0].result.total_cost == 118_332
    assert "price_missing:15" in sheet.notes
    assert any("サービス種類 15 の単位数単価" in text for text in annex.note_texts(sheet))
