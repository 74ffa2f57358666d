"""常時介護を必要とする状態に関する判断基準 as versioned data (育児・介護休業法 第2条第3号・則第2条).

Source: 厚生労働省 通達「育児休業、介護休業等育児又は家族介護を行う労働者の福祉に関する法律の施行に
ついて」別添1 (令和7年2月5日 職発0205第4号・雇均発0205第2号), in effect from 2025-04-01. It covers
caring for people with disabilities and children who need medical care too (not the ordinary care
of infants). A family member is in the state when (1) among items ①〜⑫ at least two are rated 2
or at least one is rated 3 and the state continues, or (2) the care level is 要介護2 or above.

The criteria are a REFERENCE: the 通達 asks employers to apply them flexibly so that no one is
kept from leave by a strict reading. The software records the assessment and shows the result
with the words 「参考 — 事業主は柔軟に運用」; nothing in CareBridge refuses anything because of it.

Wording marked "(verify)" was not read in the primary text; items ①〜⑥ follow the 2017 wording.
Plain Python (no Django): the services and the tests use it directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

REFERENCE_NOTICE = "参考 — 事業主は柔軟に運用"
FLEXIBLE_USE = (
    "この判断基準に厳密に従うことにとらわれて介護休業等の利用が制限されることのないよう、"
    "事業主は労働者の個々の事情にあわせて柔軟に運用することが望まれます。"
    "この記録は参考であり、制度の利用を断る理由にはなりません。"
)
LEVELS = (1, 2, 3)


@dataclass(frozen=True)
class CriteriaItem:
    number: int  # 1..12
    symbol: str  # ①..⑫
    name: str
    levels: tuple[str, str, str]  # the wording of levels 1, 2, 3

    @property
    def label(self) -> str:
        return f"{self.symbol} {self.name}"


@dataclass(frozen=True)
class CriteriaVersion:
    effective_from: dt.date
    source: str
    items: tuple[CriteriaItem, ...]

    def item(self, number: int) -> CriteriaItem | None:
        return next((i for i in self.items if i.number == number), None)


@dataclass(frozen=True)
class CriteriaResult:
    """Whether the recorded state matches the criteria, and why (for display only)."""

    meets: bool
    reasons: tuple[str, ...]
    rated_2: tuple[int, ...]
    rated_3: tuple[int, ...]


_ADL = ("自分で可", "一部介助、見守り等が必要", "全面的介助が必要")
_FREQUENCY = ("ない", "ときどきある", "ほとんど毎日ある")

V2025_04_01 = CriteriaVersion(
    effective_from=dt.date(2025, 4, 1),
    source="令和7年2月5日 職発0205第4号・雇均発0205第2号 別添1",
    items=(
        CriteriaItem(
            1, "①", "座位保持（10分間一人で座っていることができる）", ("自分で可", "支えてもらえればできる", "できない")
        ),
        CriteriaItem(
            2,
            "②",
            "歩行（立ち止まらず、座り込まずに5m程度歩くことができる）",
            ("つかまらないでできる", "何かにつかまればできる", "できない"),
        ),
        CriteriaItem(3, "③", "移乗（ベッドと車いす、車いすと便座の間を移るなどの乗り移りの動作）", _ADL),
        CriteriaItem(4, "④", "水分・食事摂取", _ADL),
        CriteriaItem(5, "⑤", "排泄", _ADL),
        CriteriaItem(6, "⑥", "衣類の着脱", _ADL),
        CriteriaItem(7, "⑦", "意思の伝達", ("できる", "ときどきできない", "できない")),
        CriteriaItem(8, "⑧", "外出すると戻れない・危険の認識がない等 (verify)", _FREQUENCY),
        CriteriaItem(9, "⑨", "物を壊したり衣類を破くことがある等 (verify)", _FREQUENCY),
        CriteriaItem(
            10, "⑩", "周囲の者が何らかの対応をとらなければならないほどの物忘れ・認知行動上の課題 (verify)", _FREQUENCY
        ),
        CriteriaItem(11, "⑪", "薬の内服・医療機器の管理等 (verify)", _ADL),
        CriteriaItem(12, "⑫", "日常の意思決定", ("できる", "本人に関する重要な意思決定はできない", "ほとんどできない")),
    ),
)

VERSIONS: tuple[CriteriaVersion, ...] = (V2025_04_01,)


def version_on(day: dt.date) -> CriteriaVersion:
    """The version in effect on `day` (the earliest one for a day before every version)."""
    in_effect = [v for v in VERSIONS if v.effective_from <= day]
    return max(in_effect, key=lambda v: v.effective_from) if in_effect else VERSIONS[0]


def version_of(effective_from: dt.date) -> CriteriaVersion | None:
    return next((v for v in VERSIONS if v.effective_from == effective_from), None)


def level_errors(version: CriteriaVersion, levels: Mapping[str, object]) -> list[str]:
    """The keys of `levels` that are not an item of `version` or not rated 1, 2 or 3."""
    wrong: list[str] = []
    for key, value in levels.items():
        number = int(key) if key.isdigit() else 0
        if version.item(number) is None or isinstance(value, bool) or value not in LEVELS:
            wrong.append(key)
    return wrong


def evaluate(version: CriteriaVersion, levels: Mapping[str, int], *, care_level_2_or_above: bool) -> CriteriaResult:
    """(1) two or more items rated 2 or one or more rated 3, or (2) 要介護2 or above.

    Items not rated count as 1 (no help needed). The result is a reference, never a refusal."""
    rated_2 = tuple(sorted(int(k) for k, v in levels.items() if v == 2))
    rated_3 = tuple(sorted(int(k) for k, v in levels.items() if v == 3))
    reasons: list[str] = []
    if len(rated_2) >= 2:
        names = "・".join(i.symbol for n in rated_2 if (i := version.item(n)) is not None)
        reasons.append(f"「2」が2項目以上（{names}）")
    if rated_3:
        names = "・".join(i.symbol for n in rated_3 if (i := version.item(n)) is not None)
        reasons.append(f"「3」が1項目以上（{names}）")
    if care_level_2_or_above:
        reasons.append("要介護2以上")
    return CriteriaResult(meets=bool(reasons), reasons=tuple(reasons), rated_2=rated_2, rated_3=rated_3)
