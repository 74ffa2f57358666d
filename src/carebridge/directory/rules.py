"""Directory rules — pure Python: service type codes and the provider CSV row checks."""

from __future__ import annotations

import re
from collections.abc import Mapping

# サービス種類コード (介護給付費単位数等サービスコード表). The list in force comes from the service
# master (directory.ServiceType, read through directory/service_types.py; ADR 0007); this built-in copy
# is its bootstrap default for a database whose master table is empty.
BUILTIN_SERVICE_TYPES: dict[str, str] = {
    "11": "訪問介護",
    "12": "訪問入浴介護",
    "13": "訪問看護",
    "14": "訪問リハビリテーション",
    "15": "通所介護",
    "16": "通所リハビリテーション",
    "17": "福祉用具貸与",
    "21": "短期入所生活介護",
    "22": "短期入所療養介護（老健）",
    "23": "短期入所療養介護（病院等）",
    "2A": "短期入所療養介護（介護医療院）",
    "31": "居宅療養管理指導",
    "32": "認知症対応型共同生活介護",
    "33": "特定施設入居者生活介護",
    "41": "特定福祉用具販売",
    "43": "居宅介護支援",
    "71": "夜間対応型訪問介護",
    "72": "認知症対応型通所介護",
    "73": "小規模多機能型居宅介護",
    "76": "定期巡回・随時対応型訪問介護看護",
    "77": "看護小規模多機能型居宅介護",
    "78": "地域密着型通所介護",
    "A2": "訪問型サービス（総合事業）",
    "A6": "通所型サービス（総合事業）",
}

# 短期入所 (生活介護 21, 療養介護 22 老健 / 23 病院等 / 2A 介護医療院): the days the 運営基準第13条第21号
# counts against half of the certification period (careplans.selectors, compliance).
BUILTIN_SHORT_STAY_TYPES: frozenset[str] = frozenset({"21", "22", "23", "2A"})

_CODE_SPLIT = re.compile(r"[\s,、/;]+")


def parse_service_type_codes(text: str, known: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """'11 13,15' -> (['11', '13', '15'], codes not in `known`). Order kept, duplicates dropped."""
    codes: list[str] = []
    unknown: list[str] = []
    for raw in _CODE_SPLIT.split(text.strip()):
        if not raw:
            continue
        code = raw.upper()
        if code not in known:
            unknown.append(raw)
        elif code not in codes:
            codes.append(code)
    return codes, unknown


def service_type_label(code: str, known: Mapping[str, str]) -> str:
    return known.get(code, code)
