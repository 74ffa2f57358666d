"""The pre-send check (billing/presend_rules.py): each error an insurer would return names the
client and the field in Japanese. Number formats: kyotaku.md 「Number formats」 (保険者番号 check
digit weights 2,1,2,1,2; 事業所番号 MHLW 資料13; 介護支援専門員番号 8 digits); limits: 介護保険法第43条."""

from __future__ import annotations

from dataclasses import replace

from carebridge.billing.presend_rules import ClientFacts, LineFacts, check, check_client

GOOD = ClientFacts(
    client_id=1,
    client_name="送信 太郎",
    insurer_number="122192",
    insured_number="0000000001",
    certified=True,
    limit_units=19705,
    planned_units=10000,
    has_plan=True,
    care_manager_number="12345678",
    lines=(LineFacts("1213100017", "ひだまり", "11", "112111"),),
)


def fields(facts: ClientFacts) -> list[str]:
    return [e.field for e in check_client(facts)]


def test_a_clean_client_has_no_error():
    assert check([GOOD]) == []


def test_each_error_names_the_client_and_the_field():
    cases = {
        "被保険者番号": replace(GOOD, insured_number=""),
        "保険者番号": replace(GOOD, insurer_number="122193"),
        "要介護状態区分": replace(GOOD, certified=False),
        "給付計画単位数": replace(GOOD, planned_units=19706),
        "居宅サービス計画": replace(GOOD, has_plan=False),
        "担当介護支援専門員番号": replace(GOOD, care_manager_number=""),
    }
    for field, facts in cases.items():
        errors = check_client(facts)
        assert [e.field for e in errors] == [field], field
        assert "送信 太郎" in str(errors[0])


def test_malformed_numbers():
    assert fields(replace(GOOD, insured_number="12345")) == ["被保険者番号"]
    assert fields(replace(GOOD, care_manager_number="1234")) == ["担当介護支援専門員番号"]
    assert fields(replace(GOOD, limit_units=None)) == ["支給限度基準額"]


def test_provider_number_and_service_code():
    bad = replace(GOOD, lines=(LineFacts("1213100018", "ひだまり", "11", ""),))
    errors = check_client(bad)
    assert [e.field for e in errors] == ["事業所番号", "サービスコード"]
    assert "ひだまり" in errors[0].message
    missing = replace(GOOD, lines=(LineFacts("", "あおば", "11", "112111"),))
    assert fields(missing) == ["事業所番号"]
