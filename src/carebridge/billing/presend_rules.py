"""The pre-send check of the 給付管理票: every error an insurer would return, found before the
file leaves the office. Pure Python, fed by close_selectors.presend_facts.

Decisions (shown on the close page too): the close and the export are refused while any error
remains — the file is the office's whole month, and a partial file makes a second, easily
forgotten send; what is locked is what is sent. Drafts do not block the close: they stay
unlocked and are listed by client, so the clerk knows who is left (closed again later).

Each error names the client and the field in Japanese. The checks:
- 被保険者番号 missing or malformed (10 digits or H + 9: 介護保険法施行規則 様式, kyotaku.md);
- 保険者番号 format and check digit (weights 2,1,2,1,2);
- no certification in effect in the month (介護保険法第41条: benefits only while certified);
- 給付計画単位数 over the 区分支給限度基準額 (介護保険法第43条; 給付管理票 carries in-limit units);
- 事業所番号 of a provider: format and check digit (MHLW 資料13);
- no plan in effect in the month (運営基準第13条: benefits follow the plan);
- no 介護支援専門員番号 of the care manager (8 digits);
- a slip line without a service code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from carebridge.core import japanese

# A month repeats the same few providers and insurers thousands of times: check each number once.
_office_number_error = lru_cache(maxsize=4096)(japanese.office_number_error)
_insurer_number_error = lru_cache(maxsize=4096)(japanese.insurer_number_error)


@dataclass(frozen=True, slots=True)
class LineFacts:
    provider_number: str
    provider_name: str
    service_type: str
    service_code: str | None  # None: not known here (a statement's snapshot; checked at the close)


@dataclass(frozen=True, slots=True)
class ClientFacts:
    client_id: int
    client_name: str
    insurer_number: str
    insured_number: str
    certified: bool  # a certification in effect in the month
    limit_units: int | None
    planned_units: int  # the statement's total of 給付計画単位数
    has_plan: bool
    care_manager_number: str
    lines: Sequence[LineFacts] = ()


@dataclass(frozen=True, slots=True)
class PresendError:
    client_id: int
    client_name: str
    field: str  # the form's item, in Japanese
    message: str

    def __str__(self) -> str:
        return f"{self.client_name}: {self.field} — {self.message}"


def check_client(c: ClientFacts) -> list[PresendError]:
    errors: list[PresendError] = []

    def add(field: str, message: str) -> None:
        errors.append(PresendError(c.client_id, c.client_name, field, message))

    if not c.insured_number:
        add("被保険者番号", "被保険者番号がありません。")
    elif error := japanese.insured_number_error(c.insured_number):
        add("被保険者番号", error)
    if not c.insurer_number:
        add("保険者番号", "保険者番号がありません。")
    elif error := _insurer_number_error(c.insurer_number):
        add("保険者番号", error)
    if not c.certified:
        add("要介護状態区分", "対象年月に有効な要介護認定がありません。")
    elif c.limit_units is None:
        add("支給限度基準額", "支給限度基準額が決まりません（要介護状態区分を確認してください）。")
    elif c.planned_units > c.limit_units:
        add(
            "給付計画単位数",
            f"給付計画単位数の合計（{c.planned_units:,}単位）が支給限度基準額（{c.limit_units:,}単位）を超えています。",
        )
    if not c.has_plan:
        add("居宅サービス計画", "対象年月に有効な居宅サービス計画（介護予防サービス計画）がありません。")
    if not c.care_manager_number:
        add("担当介護支援専門員番号", "担当介護支援専門員の介護支援専門員番号（8桁）が登録されていません。")
    elif error := japanese.care_manager_number_error(c.care_manager_number):
        add("担当介護支援専門員番号", error)
    for line in c.lines:
        name = line.provider_name or line.provider_number or "（事業所未設定）"
        if not line.provider_number:
            add("事業所番号", f"{name}の事業所番号がありません。")
        elif error := _office_number_error(line.provider_number):
            add("事業所番号", f"{name}: {error}")
        if line.service_code is not None and not line.service_code:
            add("サービスコード", f"{name}の行にサービスコードがありません。")
    return errors


def check(clients: Sequence[ClientFacts]) -> list[PresendError]:
    """Every error of every client, in the order given."""
    return [error for c in clients for error in check_client(c)]
