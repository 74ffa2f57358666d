"""The public systems a working carer may use, as effective-dated data for the support map.

Each entry says what it is, where to apply and when it applies (the care recipient's situation).
Amounts change (the 介護休業給付金 daily-wage cap every August): they are not printed here; the
text points to the office that knows the current figure. Items marked "(verify)" were not read
in a primary source. Plain Python (no Django).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Situation:
    certified: bool  # has a 要介護・要支援 certification
    care_level_2_or_above: bool = False
    age: int | None = None


@dataclass(frozen=True)
class PublicSystem:
    code: str
    name: str
    summary: str
    where: str
    effective_from: dt.date
    effective_to: dt.date | None = None
    when: str = "always"  # "always" | "not_certified" | "certified"

    def in_effect(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def applies(self, situation: Situation) -> bool:
        if self.when == "not_certified":
            return not situation.certified
        if self.when == "certified":
            return situation.certified
        return True


SYSTEMS: tuple[PublicSystem, ...] = (
    PublicSystem(
        "ltci_application",
        "介護保険の申請（要介護認定）",
        "介護サービスを使うための認定の申請。本人・家族のほか地域包括支援センター等が代行できます。",
        "お住まいの市区町村の介護保険担当窓口、または地域包括支援センター",
        dt.date(2000, 4, 1),
        when="not_certified",
    ),
    PublicSystem(
        "community_center",
        "地域包括支援センターへの相談",
        "介護の総合相談窓口（無料）。介護保険の申請やサービスの探し方を一緒に考えます。",
        "介護を受けるご家族がお住まいの地域の地域包括支援センター",
        dt.date(2006, 4, 1),
    ),
    PublicSystem(
        "care_leave_benefit",
        "介護休業給付金（雇用保険）",
        "介護休業を取ったとき、休業開始時賃金日額の67%×休業日数が支給されます（同じ家族について93日・3回まで）。"
        "支給上限額は毎年8月に改定されます（最新額は要確認）。",
        "勤務先（事業主）を通じてハローワークへ",
        dt.date(2016, 8, 1),
    ),
    PublicSystem(
        "high_cost_care",
        "高額介護サービス費",
        "1か月の介護サービスの自己負担が上限額を超えた分が払い戻されます。",
        "介護を受けるご家族がお住まいの市区町村",
        dt.date(2000, 4, 1),
        when="certified",
    ),
    PublicSystem(
        "combined_high_cost",
        "高額医療・高額介護合算療養費制度",
        "1年間の医療と介護の自己負担の合計が上限額を超えた分が支給されます。",
        "加入している医療保険（市区町村の国保・後期高齢者医療、健康保険組合など）",
        dt.date(2008, 4, 1),
        when="certified",
    ),
    PublicSystem(
        "burden_limit",
        "介護保険負担限度額認定（施設・ショートステイの食費・居住費） (verify)",
        "所得と資産が一定以下の方は、施設やショートステイの食費・居住費が軽くなります。",
        "介護を受けるご家族がお住まいの市区町村",
        dt.date(2005, 10, 1),
        when="certified",
    ),
    PublicSystem(
        "disability_deduction",
        "障害者控除対象者認定（要介護認定を受けた方の所得税・住民税の控除） (verify)",
        "要介護認定を受けた65歳以上の方は、市区町村の認定により障害者控除の対象になることがあります。",
        "市区町村の高齢者福祉・介護保険担当窓口（申告は税務署）",
        dt.date(2000, 4, 1),
        when="certified",
    ),
    PublicSystem(
        "medical_deduction",
        "医療費控除（おむつ代・一部の介護サービス費）",
        "医師の証明によるおむつ代や、医療系の介護サービスの自己負担は医療費控除の対象になります。",
        "税務署（確定申告）",
        dt.date(2000, 4, 1),
        when="certified",
    ),
)


def applicable(day: dt.date, situation: Situation) -> list[PublicSystem]:
    """The systems in effect on `day` that apply to the situation, in the order above."""
    return [s for s in SYSTEMS if s.in_effect(day) and s.applies(situation)]
