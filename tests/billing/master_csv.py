"""The seeded master (billing/data/master_2024.json) written as the import CSV
(docs/billing-master-csv.md), for the import tests."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import carebridge.billing
from carebridge.billing.master_import import COLUMNS

SEED = Path(carebridge.billing.__file__).resolve().parent / "data" / "master_2024.json"
_LABOUR = {"flat": "なし"}


def seed() -> dict:
    return json.loads(SEED.read_text(encoding="utf-8"))


def _flag(value: bool) -> str:
    return "1" if value else "0"


def rows_of(data: dict) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for t in data["service_types"]:
        rows.append(
            {
                "区分": "サービス種類",
                "コード": t["code"],
                "名称": t["name"],
                "人件費割合": _LABOUR.get(t["labor_ratio_class"], t["labor_ratio_class"]),
                "短期入所": _flag(t["short_stay"]),
                "連携対象": _flag(t["exchange_scope"]),
                "適用開始日": t["valid_from"],
                "適用終了日": t["valid_to"] or "",
                "出典": t["source"][:200],
            }
        )
    for c in data["service_codes"]:
        rate = c["rate_permille"]
        rows.append(
            {
                "区分": "サービスコード",
                "コード": c["code"],
                "名称": c["name"],
                "サービス種類コード": c["service_type"],
                "単位数": "" if c["units"] is None else str(c["units"]),
                "算定単位": {"visit": "回", "day": "日", "month": "月"}[c["unit_basis"]],
                "限度額管理": _flag(c["limit_managed"]),
                "加算率": "" if rate is None else f"{rate // 10}.{rate % 10}",
                "商品コード必須": _flag(c["product_code_required"]),
                "適用開始日": c["valid_from"],
                "適用終了日": c["valid_to"] or "",
                "出典": c["source"][:200],
            }
        )
    for p in data["unit_prices"]:
        price = p["price_x100"]
        rows.append(
            {
                "区分": "単価",
                "地域区分": "その他" if p["region_grade"] == "other" else p["region_grade"],
                "人件費割合": _LABOUR.get(p["labor_ratio_class"], p["labor_ratio_class"]),
                "単価": f"{price // 100}.{price % 100:02d}",
                "適用開始日": p["valid_from"],
                "適用終了日": p["valid_to"] or "",
                "出典": p["source"][:200],
            }
        )
    return rows


def to_csv(rows: list[dict[str, str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode(encoding)
