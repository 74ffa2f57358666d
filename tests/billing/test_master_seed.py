"""The seeded service master (billing/data/master_2024.json, data migration billing 0003): every
service type the directory and the domain file name, the short-stay types, the unit-price table
of 平成27年厚生労働省告示第93号 and the 2024 sample units of kyotaku.md; each row cites a source.
And the directory reads its list of service types from the master (ADR 0007)."""

from __future__ import annotations

import datetime as dt

import pytest

from carebridge.billing.master_lookup import month_master
from carebridge.billing.models import ServiceCode, UnitPrice
from carebridge.directory import rules, service_types
from carebridge.directory.models import ServiceType

from .master_csv import seed

pytestmark = pytest.mark.django_db

# kyotaku.md's 人件費割合 classes (Billing): every type it names, with its class.
CLASSES = {
    "11": "70", "12": "70", "13": "70", "43": "70", "76": "70", "71": "70",
    "14": "55", "16": "55", "72": "55", "73": "55", "77": "55", "21": "55",
    "15": "45", "78": "45", "22": "45", "23": "45", "2A": "45", "33": "45", "32": "45",
    "31": "flat", "17": "flat",
}  # fmt: skip


def test_every_row_cites_a_source():
    data = seed()
    for table in ("service_types", "service_codes", "unit_prices"):
        for row in data[table]:
            assert row["source"], row
            assert isinstance(row.get("verify", False), bool)


def test_every_service_type_is_in_the_master_with_its_class():
    seeded = {t.code: t for t in ServiceType.objects.all()}
    assert set(rules.BUILTIN_SERVICE_TYPES) <= set(seeded)
    for code, labor_ratio_class in CLASSES.items():
        assert seeded[code].labor_ratio_class == labor_ratio_class, code
    assert {code for code, t in seeded.items() if t.short_stay} == {"21", "22", "23", "2A"}
    assert {"21", "22", "23", "2A"} == rules.BUILTIN_SHORT_STAY_TYPES


def test_unit_price_table_of_the_notice():
    """告示第93号 (kyotaku.md's table): 70% 11.40…10.00, 55% 11.10…10.00, 45% 10.90…10.00; flat 10円."""
    table = {(p.labor_ratio_class, p.region_grade): p.price_x100 for p in UnitPrice.objects.all()}
    grades = ["1", "2", "3", "4", "5", "6", "7", "other"]
    assert [table[("70", g)] for g in grades] == [1140, 1112, 1105, 1084, 1070, 1042, 1021, 1000]
    assert [table[("55", g)] for g in grades] == [1110, 1088, 1083, 1066, 1055, 1033, 1017, 1000]
    assert [table[("45", g)] for g in grades] == [1090, 1072, 1068, 1054, 1045, 1027, 1014, 1000]
    assert {table[("flat", g)] for g in grades} == {1000}


def test_the_2024_sample_units():
    """kyotaku.md's sample 2024 units: 訪問介護 身体 163/244/387/567, 生活援助 179/220, 通院等乗降介助
    97; 通所介護 通常規模 7–8h 658/777/900/1,023/1,148 + 入浴介助加算Ⅰ 40; 訪問看護 314/471/823/1,128;
    処遇改善加算 訪問介護 24.5/22.4/18.2/14.5%, 通所介護 9.2/9.0/8.0/6.4% (outside the limit);
    居宅介護支援費 (Ⅰ)ⅰ 1,086/1,411 and its 加算; 居宅療養管理指導 outside the limit."""
    master = month_master(dt.date(2026, 10, 1))
    units = {code: facts.units for code, facts in master.codes.items()}
    by_type: dict[str, list[int | None]] = {}
    for code in sorted(units):
        by_type.setdefault(code[:2], []).append(units[code])
    assert [units[c] for c in ("111011", "111111", "111211", "111311", "112111", "112211", "117111")] == [
        163, 244, 387, 567, 179, 220, 97,
    ]  # fmt: skip
    assert [units[f"1515{i}1"] for i in range(1, 6)] == [658, 777, 900, 1023, 1148]
    assert units["155051"] == 40
    assert [units[c] for c in ("131111", "131211", "131311", "131411")] == [314, 471, 823, 1128]
    rates = {c: f.rate_permille for c, f in master.codes.items() if f.rate_permille is not None}
    assert rates == {
        "116275": 245, "116276": 224, "116277": 182, "116278": 145,
        "156275": 92, "156276": 90, "156277": 80, "156278": 64,
    }  # fmt: skip
    assert not any(master.codes[c].limit_managed for c in rates)
    assert master.codes["311111"].limit_managed is False
    assert (units["431111"], units["431121"], units["434001"]) == (1086, 1411, 300)
    assert master.codes["171001"].product_code_required and units["171001"] is None
    assert master.codes["211111"].units is not None and by_type["12"] and by_type["16"]


def test_only_the_issue_confirmed_code_is_unmarked():
    """Codes not checked against the official サービスコード表 carry verify: true."""
    unverified = set(ServiceCode.objects.filter(verify=False).values_list("code", flat=True))
    assert unverified == {"111211"}


def test_directory_reads_service_types_from_the_master():
    """A type added to the master (and the registry reloaded, as the import does on commit) is
    accepted by the directory; the short-stay set follows the master's flag."""
    try:
        ServiceType.objects.create(
            code="2B", name="テスト短期入所", labor_ratio_class="55", short_stay=True, valid_from=dt.date(2024, 4, 1)
        )
        service_types.reload()
        assert service_types.label("2B") == "テスト短期入所"
        assert "2B" in service_types.short_stay_codes()
        assert rules.parse_service_type_codes("11 2b", service_types.names()) == (["11", "2B"], [])
    finally:
        service_types.reload()


def test_an_empty_master_falls_back_to_the_builtin_list():
    ServiceType.objects.all().delete()
    loaded = service_types.load()
    assert loaded.names == rules.BUILTIN_SERVICE_TYPES
    assert loaded.short_stay == rules.BUILTIN_SHORT_STAY_TYPES


def test_the_month_master_takes_the_rows_in_force_on_the_first():
    """A revision is a new row with a new 適用開始日; the month reads the rows valid on its 1st
    (the 2024 処遇改善加算 took effect 2024-06-01, 訪問看護's 2024 units on 2024-06-01)."""
    assert "116275" not in month_master(dt.date(2024, 5, 1)).codes
    assert month_master(dt.date(2024, 6, 1)).codes["116275"].rate_permille == 245
    ServiceCode.objects.filter(code="111211").update(valid_to=dt.date(2027, 3, 31))
    ServiceCode.objects.create(
        code="111211", service_type="11", name="身体介護2", units=400, valid_from=dt.date(2027, 4, 1)
    )
    assert month_master(dt.date(2027, 3, 1)).codes["111211"].units == 387
    assert month_master(dt.date(2027, 4, 1)).codes["111211"].units == 400
    UnitPrice.objects.create(region_grade="6", labor_ratio_class="70", price_x100=1050, valid_from=dt.date(2027, 4, 1))
    assert month_master(dt.date(2027, 4, 1)).unit_price("6", "11") == 1050
    assert month_master(dt.date(2027, 3, 1)).unit_price("6", "11") == 1042
