"""課題分析標準項目 (2023-10-16 revision, 介護保険最新情報 Vol.1178): 23 items, pure data.

Each item is free text plus optional sub-fields: the notice's Q&A says the listed details are
examples and need not all be collected, so no sub-field is ever required.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS_ADL = ("自立", "見守り", "一部介助", "全介助")
DISABILITY_INDEPENDENCE = ("自立", "J1", "J2", "A1", "A2", "B1", "B2", "C1", "C2")
DEMENTIA_INDEPENDENCE = ("自立", "Ⅰ", "Ⅱa", "Ⅱb", "Ⅲa", "Ⅲb", "Ⅳ", "M")


@dataclass(frozen=True)
class SubField:
    key: str
    label: str
    choices: tuple[str, ...] = ()  # empty: free text


@dataclass(frozen=True)
class Item:
    number: int
    name: str
    group: str  # "basic" (1–9) or "analysis" (10–23)
    fields: tuple[SubField, ...] = field(default_factory=tuple)

    @property
    def key(self) -> str:
        return f"{self.number:02d}"


def _levels(*names: tuple[str, str]) -> tuple[SubField, ...]:
    return tuple(SubField(key, label, LEVELS_ADL) for key, label in names)


ITEMS: tuple[Item, ...] = (
    Item(
        1,
        "基本情報（受付、利用者等基本情報）",
        "basic",
        (SubField("plan_status", "居宅サービス計画作成の状況", ("初回", "初回以外")),),
    ),
    Item(2, "これまでの生活と現在の状況", "basic"),
    Item(
        3,
        "利用者の社会保障制度の利用情報",
        "basic",
        (
            SubField("pension", "年金の種類"),
            SubField("public_assistance", "生活保護", ("なし", "あり")),
            SubField("disability_certificate", "障害者手帳等"),
        ),
    ),
    Item(4, "現在利用している支援や社会資源の状況", "basic"),
    Item(
        5,
        "日常生活自立度（障害）",
        "basic",
        (
            SubField("at_certification", "認定時の判定", DISABILITY_INDEPENDENCE),
            SubField("source", "判定の出典（主治医意見書・認定調査票）"),
            SubField("judged_on", "判定日"),
            SubField("current", "介護支援専門員の判断", DISABILITY_INDEPENDENCE),
        ),
    ),
    Item(
        6,
        "日常生活自立度（認知症）",
        "basic",
        (
            SubField("at_certification", "認定時の判定", DEMENTIA_INDEPENDENCE),
            SubField("source", "判定の出典（主治医意見書・認定調査票）"),
            SubField("judged_on", "判定日"),
            SubField("current", "介護支援専門員の判断", DEMENTIA_INDEPENDENCE),
        ),
    ),
    Item(7, "主訴・意向", "basic", (SubField("client", "本人の意向"), SubField("family", "家族の意向"))),
    Item(8, "認定情報", "basic"),
    Item(9, "今回のアセスメントの理由", "basic"),
    Item(
        10,
        "健康状態",
        "analysis",
        (SubField("diseases", "既往歴・主傷病"), SubField("medication", "服薬状況"), SubField("doctor", "主治医")),
    ),
    Item(
        11,
        "ADL",
        "analysis",
        _levels(
            ("rolling", "寝返り"),
            ("rising", "起き上がり"),
            ("transfer", "移乗"),
            ("walking", "歩行"),
            ("eating", "食事"),
            ("toileting", "排泄動作"),
            ("bathing", "入浴"),
            ("dressing", "更衣"),
            ("grooming", "整容"),
        ),
    ),
    Item(
        12,
        "IADL",
        "analysis",
        _levels(
            ("cooking", "調理"),
            ("cleaning", "掃除"),
            ("laundry", "洗濯"),
            ("shopping", "買物"),
            ("money", "金銭管理"),
            ("medicine", "服薬管理"),
            ("phone", "電話の利用"),
            ("outing", "外出"),
        ),
    ),
    Item(
        13,
        "認知機能や判断能力",
        "analysis",
        (
            SubField("memory", "短期記憶", ("問題なし", "問題あり")),
            SubField("decision", "日常の意思決定", ("できる", "特別な場合以外できる", "困難", "できない")),
            SubField("bpsd", "行動・心理症状（BPSD）"),
        ),
    ),
    Item(
        14,
        "コミュニケーションにおける理解と表出の状況",
        "analysis",
        (SubField("hearing", "聴力"), SubField("vision", "視力")),
    ),
    Item(15, "生活リズム", "analysis"),
    Item(16, "排泄の状況", "analysis", (SubField("incontinence", "失禁", ("なし", "時々", "あり")),)),
    Item(17, "清潔の保持に関する状況", "analysis"),
    Item(18, "口腔内の状況", "analysis", (SubField("dentures", "義歯", ("なし", "部分", "総義歯")),)),
    Item(19, "食事摂取の状況", "analysis", (SubField("diet", "食形態"),)),
    Item(20, "社会との関わり", "analysis"),
    Item(
        21,
        "家族等の状況",
        "analysis",
        (
            SubField("main_carer", "主たる介護者"),
            SubField("carer_relation", "続柄"),
            SubField("burden", "介護負担", ("なし", "軽い", "中程度", "重い")),
            SubField("carer_working", "介護者の就労", ("なし", "あり")),
        ),
    ),
    Item(22, "居住環境", "analysis", (SubField("hazards", "危険箇所（段差・手すり等）"),)),
    Item(23, "その他留意すべき事項・状況", "analysis"),
)

ITEMS_BY_KEY = {item.key: item for item in ITEMS}


def clean_items(data: dict[str, dict[str, str]]) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Keep known items and sub-fields, drop empty values; a choice must be one of its options.

    Returns the cleaned items and the errors (Japanese, naming the item and sub-field).
    """
    out: dict[str, dict[str, str]] = {}
    errors: list[str] = []
    for key, values in data.items():
        item = ITEMS_BY_KEY.get(key)
        if item is None or not isinstance(values, dict):
            continue
        fields = {f.key: f for f in item.fields}
        kept: dict[str, str] = {}
        for name, raw in values.items():
            value = str(raw).strip()
            if not value or (name != "text" and name not in fields):
                continue
            sub = fields.get(name)
            if sub is not None and sub.choices and value not in sub.choices:
                errors.append(
                    f"{item.number} {item.name}「{sub.label}」は {'・'.join(sub.choices)} から選んでください。"
                )
                continue
            kept[name] = value
        if kept:
            out[key] = kept
    return out, errors
