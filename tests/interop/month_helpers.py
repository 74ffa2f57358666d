"""Helpers for tests of the month set (UPPLAN / UPSIKYU): a parsed file's rows grouped the way a
provider reads them. Column positions are the spec's numbers minus one (rules-v4.1.md §8)."""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict

from carebridge.interop.exchange_check import read_file
from carebridge.interop.exchange_names import parse_name

# UPPLAN (第6表) columns, 0-based: No.3 被保険者番号, No.15 サービスコード, No.20 サービス事業者コード.
PLAN_INSURED, PLAN_DATE, PLAN_COUNT, PLAN_CODE, PLAN_PROVIDER = 2, 9, 13, 14, 19


def plan_rows_by(rows: list[list[str]]) -> dict[str, dict[str, dict[str, list[list[str]]]]]:
    """A parsed UPPLAN's rows per client (被保険者番号) → provider (事業所番号) → service code, in
    file order."""
    out: dict[str, dict[str, dict[str, list[list[str]]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for row in rows:
        out[row[PLAN_INSURED]][row[PLAN_PROVIDER]][row[PLAN_CODE]].append(row)
    return {c: {p: dict(codes) for p, codes in providers.items()} for c, providers in out.items()}


def planned_days(rows: list[list[str]]) -> str:
    """The 31-digit day string (count per day) of one service's UPPLAN rows."""
    days = [0] * 31
    for row in rows:
        days[int(row[PLAN_DATE][6:8]) - 1] += int(row[PLAN_COUNT])
    return "".join(str(d) for d in days)


def zip_kinds(data: bytes) -> dict[str, list[list[str]]]:
    """{kind: parsed rows} of one zip of a send unit."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {parse_name(n).kind: read_file(archive.read(n)) for n in archive.namelist()}
