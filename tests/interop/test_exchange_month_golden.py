"""Golden tests of the month set (send unit 2: UPHOSOKU 対象年月, UPPLAN, UPSIKYU) and DLTPLAN,
written by hand from ../shared/domain/careplan-exchange/rules-v4.1.md on a client whose April 2026
goes over the 区分支給限度基準額 (tests/billing/annex_helpers.over_limit_slip):

要介護2, limit 19,705 units, 1割負担 (給付率 90). 訪問介護 387×20 + 220×12 = 10,380 units (11.40円);
通所介護 777×13 + 40×13 = 10,621 units (10.90円); 21,001 in all, 1,296 over, taken from the last
lines first (入浴介助加算 520, then 通所介護 776) — billing/rules.py's arithmetic:
- 訪問介護: 費用総額 floor(10,380 × 11.40) = 118,332; 請求 floor(118,332 × 0.9) = 106,498; 負担 11,834.
- 通所介護: in 9,325 → floor(9,325 × 10.90) = 101,642; 請求 91,477; 負担 10,165; 全額 floor(1,296 × 10.90) = 14,126.
- 合計: 219,974 / 197,975 / 21,999 / 14,126; in 19,705, over 1,296.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from carebridge.billing.models import UsageLine
from carebridge.interop.exchange_check import check_file, read_file
from carebridge.interop.exchange_month_services import exchange_month_export, exchange_month_withdraw
from carebridge.interop.models import ExchangeSend
from tests.billing.annex_helpers import APRIL, add_line, over_limit_slip
from tests.factories import ProviderFactory

from .month_helpers import plan_rows_by, planned_days, zip_kinds

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2026, 4, 20, 9, 30, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
STAMP = "20260420093000"
HELPER_NAME = "ヘルパー𠮷野"  # 𠮷 is outside MS932 (rules §6): written as 吉 and reported
HELPER_WRITTEN = "ヘルパー吉野"
DAY_NAME = 'デイサービス"ひかり",本館'  # free text: quoted, `"` doubled, the comma kept (rules §6)


@pytest.fixture
def april(world):
    slip = over_limit_slip(world.office_a, world.cm_a)
    lines = list(slip.lines.select_related("provider").order_by("position"))
    for kind, name in (("11", HELPER_NAME), ("15", DAY_NAME)):
        UsageLine.objects.filter(pk__in=[ln.pk for ln in lines if ln.service_type == kind]).update(provider_name=name)
    # 特定施設入居者生活介護 (33) is out of scope (rules §11): its line is dropped and reported.
    facility = ProviderFactory(office=world.office_a, name="特定施設さくら", service_type_codes=["33"])
    add_line(slip, facility, "33", "331111", "特定施設", 500, 0)
    helper = next(ln.provider for ln in lines if ln.service_type == "11")
    day = next(ln.provider for ln in lines if ln.service_type == "15")
    return slip, helper, day


def _head(slip) -> list[str]:
    made = timezone.localtime(slip.created_at).strftime("%Y%m%d")
    return ["202407", slip.client.insurer_number, slip.client.insured_number, made, "202604"]


def _detail(head, name, number, code, units, count, service_units, over, inside, office) -> list[str]:
    """A 第7表 detail row (rules §8): per provider and service code."""
    return [
        *head, name, number, "", code, "", "", "", units, "", "", count, service_units, service_units, "", "",
        over, inside, *[""] * 10, "0", "", "", office, "",
    ]  # fmt: skip


def _summary(head, name, number, code, units, over, inside, price, cost, claim, copay, full, fixed, office):
    """A subtotal (AAAA) or total (999999) row: 単位数 0, 割引後 empty (rules §8); 回数 0."""
    return [
        *head, name, number, "", code, "", "", "", "0", "", "", "0", units, units, "", "", over, inside, price,
        cost, "90", claim, "", copay, full, "", "", "", "0", fixed, "", office, "",
    ]  # fmt: skip


def test_the_month_set_as_the_spec_writes_it(world, april) -> None:
    slip, helper, day = april
    office = world.office_a.office_number
    result = exchange_month_export(actor=world.cm_a, office=world.office_a, month=APRIL, moment=MOMENT)

    # §2 names, §3 one stamp per send unit, one zip per destination (事業所番号 + サービス種類).
    by_type = {a.send.counterpart_type: a for a in result.archives}
    assert set(by_type) == {"11", "15"}  # the 33 facility receives nothing
    for kind_type, provider in (("11", helper), ("15", day)):
        archive = by_type[kind_type]
        tail = f"{office}_43_{provider.provider_number}_{kind_type}_{STAMP}.CSV"
        assert [f.name for f in archive.files] == [
            f"UPHOSOKU_202604_{tail}",
            f"UPPLAN_202604_{tail}",
            f"UPSIKYU_202604_{tail}",
        ]
        assert archive.name == f"CAREPLAN_MONTH_202604_{office}_{provider.provider_number}_{kind_type}_{STAMP}.zip"
        # our own checker finds nothing (rules §10)
        assert [(f.name, [x.render() for x in check_file(f.name, f.data)]) for f in archive.files] == [
            (f.name, []) for f in archive.files
        ]

    # §5: 6表 and 7表 carry every provider's services, whichever provider receives them.
    helper_files = zip_kinds(by_type["11"].data)
    assert helper_files == zip_kinds(by_type["15"].data)

    # §4/§6 sentinels: UPHOSOKU with the 6表 family has No.4 00000000 and No.63 = 対象年月.
    (hosoku,) = helper_files["UPHOSOKU"]
    assert (hosoku[3], hosoku[62]) == ("00000000", "202604")
    assert (hosoku[15], hosoku[17], hosoku[18]) == ("2", "22", "19705")  # 認定済, 要介護2, 区分支給限度基準額
    assert (hosoku[59], hosoku[60]) == (office, office)

    # §8 UPSIKYU: details per provider and code, an AAAA subtotal per (provider, type), one total.
    head = _head(slip)
    h, d = helper.provider_number, day.provider_number
    assert helper_files["UPSIKYU"] == [
        _detail(head, HELPER_WRITTEN, h, "111211", "387", "20", "7740", "", "7740", office),
        _detail(head, HELPER_WRITTEN, h, "112111", "220", "12", "2640", "", "2640", office),
        _summary(head, HELPER_WRITTEN, h, "11AAAA", "10380", "0", "10380", "11.40", "118332", "106498", "11834", "0",
                 "", office),
        _detail(head, DAY_NAME, d, "151112", "777", "13", "10101", "776", "9325", office),
        _detail(head, DAY_NAME, d, "155011", "40", "13", "520", "520", "0", office),
        _summary(head, DAY_NAME, d, "15AAAA", "10621", "1296", "9325", "10.90", "101642", "91477", "10165", "14126",
                 "", office),
        _summary(head, "", "9999999999", "999999", "21001", "1296", "19705", "", "219974", "197975", "21999", "14126",
                 "9999999999", office),
    ]  # fmt: skip

    # §8 UPPLAN: one record per service code per date; no time → 9999; the 33 line is not there.
    plan = helper_files["UPPLAN"]
    assert len(plan) == 20 + 12 + 13 + 13
    cm = str(slip.care_manager)
    assert plan[0] == [
        *head[:5], office, cm, "387", "", "20260401", "", "9999", "9999", "1", "111211", "", "", "", "",
        h, HELPER_WRITTEN, "", "0", office, "",
    ]  # fmt: skip
    grouped = plan_rows_by(plan)[slip.client.insured_number]
    assert {p: sorted(codes) for p, codes in grouped.items()} == {h: ["111211", "112111"], d: ["151112", "155011"]}
    assert planned_days(grouped[h]["111211"]) == "1" * 20 + "0" * 11

    # §6 quoting in the bytes, and the replacement reported on the send record.
    text = by_type["15"].files[2].data.decode("cp932")
    assert ',"デイサービス""ひかり"",本館",' in text and text.endswith("\r\n")
    assert not text.startswith("UPSIKYU") and text.count("\r\n") == 7  # no header row, CRLF records
    send = ExchangeSend.objects.get(pk=by_type["11"].send.pk)
    assert any("𠮷" in note and "「吉」" in note for note in send.replacements)
    assert (send.content, send.months, list(send.clients.all())) == ("month", ["202604"], [slip.client])
    assert any("特定施設" in note and "連携対象外" in note for note in result.skipped)


def test_a_broken_subtotal_or_total_is_a_finding(world, april) -> None:
    """The checker adds the 第7表 up (rules §8): a subtotal's サービス単位数 is its details' sum,
    the total's amounts are the subtotals'."""
    result = exchange_month_export(actor=world.cm_a, office=world.office_a, month=APRIL, moment=MOMENT)
    upsikyu = result.archives[0].files[2]
    text = upsikyu.data.decode("cp932")
    broken = text.replace(",10621,10621,", ",10000,10000,").replace(",219974,", ",219000,")
    found = [(f.line, f.column, f.message) for f in check_file(upsikyu.name, broken.encode("cp932"))]
    assert found == [
        (6, 17, "小計行（15AAAA）のサービス単位数10000が明細の合計10621と違います"),
        (7, 24, "合計行（999999）の費用総額219000が小計の合計219974と違います"),
    ]


def test_withdrawal_goes_to_every_provider_that_holds_the_month(world, april) -> None:
    """DLTPLAN (rules §4, §5): 保険者番号 + 被保険者番号 + 削除対象年月, on its own send unit."""
    slip, helper, day = april
    exchange_month_export(actor=world.cm_a, office=world.office_a, month=APRIL, moment=MOMENT)
    result = exchange_month_withdraw(actor=world.cm_a, client=slip.client, month=APRIL, moment=MOMENT)
    office = world.office_a.office_number
    stamp = "20260420093001"  # the next second: an office's stamps never repeat (rules §3)
    assert sorted(f.name for a in result.archives for f in a.files) == sorted(
        f"DLTPLAN_202604_{office}_43_{p.provider_number}_{t}_{stamp}.CSV" for p, t in ((helper, "11"), (day, "15"))
    )
    for archive in result.archives:
        (only,) = archive.files
        assert only.data == f"202407,{slip.client.insurer_number},{slip.client.insured_number},202604\r\n".encode()
        assert check_file(only.name, only.data) == []
        assert archive.send.content == "month_withdrawal" and archive.send.months == ["202604"]
    assert read_file(result.archives[0].files[0].data)[0][3] == "202604"
