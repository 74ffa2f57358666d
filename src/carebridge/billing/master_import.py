"""`carebridge master import FILE [--dry-run]`: load the service master from the CSV described in
docs/billing-master-csv.md. All or nothing: every error is reported with its line and column,
and nothing is written unless the whole file is valid. A dry run reports, per row, whether it
would add a row, change one (and which fields) or leave it unchanged.

Rows are keyed by (区分, コード, 適用開始日) — a revision of the official table is a new row with a
new 適用開始日, never an edit of the figures a closed month was computed with.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

from carebridge.core.import_errors import RowError, RowsImportError
from carebridge.core.messages import Message
from carebridge.core.models import RegionGrade
from carebridge.directory.models import ServiceType

from . import master_messages as msg
from .models import ServiceCode, UnitBasis, UnitPrice

KIND_TYPE = "サービス種類"
KIND_CODE = "サービスコード"
KIND_PRICE = "単価"
KINDS = (KIND_TYPE, KIND_CODE, KIND_PRICE)

# CSV column -> what it holds. 区分 and 適用開始日 are required on every row; the others by kind.
COLUMNS = (
    "区分",
    "コード",
    "名称",
    "サービス種類コード",
    "単位数",
    "算定単位",
    "限度額管理",
    "加算率",
    "商品コード必須",
    "人件費割合",
    "短期入所",
    "連携対象",
    "地域区分",
    "単価",
    "適用開始日",
    "適用終了日",
    "出典",
)
REQUIRED_HEADER = ("区分", "適用開始日")
REQUIRED_BY_KIND: dict[str, tuple[str, ...]] = {
    KIND_TYPE: ("コード", "名称", "人件費割合"),
    KIND_CODE: ("コード", "名称", "サービス種類コード"),
    KIND_PRICE: ("地域区分", "人件費割合", "単価"),
}
_BASIS: dict[str, str] = {"回": UnitBasis.VISIT.value, "日": UnitBasis.DAY.value, "月": UnitBasis.MONTH.value} | {
    b.value: b.value for b in UnitBasis
}
_LABOUR = {"70": "70", "55": "55", "45": "45", "なし": "flat", "flat": "flat"}
_GRADE = {g.value: g.value for g in RegionGrade} | {"その他": "other"} | {f"{n}級地": str(n) for n in range(1, 8)}
_TRUE = {"1", "はい", "対象", "true", "TRUE", "True", "○"}
_FALSE = {"0", "いいえ", "対象外", "false", "FALSE", "False", "", "×"}
_TYPE_CODE = re.compile(r"^[0-9A-Z]{2}$")
_SERVICE_CODE = re.compile(r"^[0-9A-Z]{6}$")
_LIMITS = {"名称": 100, "出典": 200}
# Field -> its column: a column left out of the file leaves that field of an existing row as it is.
FIELD_COLUMN = {
    "name": "名称",
    "labor_ratio_class": "人件費割合",
    "short_stay": "短期入所",
    "exchange_scope": "連携対象",
    "valid_to": "適用終了日",
    "source": "出典",
    "service_type": "サービス種類コード",
    "units": "単位数",
    "unit_basis": "算定単位",
    "limit_managed": "限度額管理",
    "rate_permille": "加算率",
    "product_code_required": "商品コード必須",
    "region_grade": "地域区分",
    "price_x100": "単価",
}


class MasterImportError(RowsImportError):
    pass


@dataclass
class Change:
    """One row of the file against the table: add, change (the fields and their old values) or none."""

    line: int
    kind: str
    key: str
    valid_from: dt.date
    values: dict[str, Any]
    status: str  # "added" | "changed" | "unchanged"
    changed: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    row: models.Model | None = None

    def describe(self) -> str:
        label = {"added": "追加", "changed": "変更", "unchanged": "変更なし"}[self.status]
        text = f"{label}: {self.kind} {self.key}（{self.valid_from.isoformat()}〜）"
        if self.changed:
            text += " " + "、".join(f"{name}: {old} → {new}" for name, (old, new) in self.changed.items())
        return text


@dataclass
class ImportPlan:
    file: str
    changes: list[Change] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for c in self.changes if c.status == status)

    def summary(self) -> str:
        return f"追加 {self.count('added')}件、変更 {self.count('changed')}件、変更なし {self.count('unchanged')}件"


def decode(data: bytes, file_name: str) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise MasterImportError([RowError(file_name, 1, "", msg.CSV_ENCODING)])


class _Row:
    """One CSV line's cells by column, collecting its errors."""

    def __init__(self, file_name: str, line: int, cells: dict[str, str], errors: list[RowError]) -> None:
        self.file_name = file_name
        self.line = line
        self.cells = cells
        self.errors = errors
        self.failed = False

    def fail(self, column: str, message: Message) -> None:
        self.errors.append(RowError(self.file_name, self.line, column, message))
        self.failed = True

    def text(self, column: str) -> str:
        # Shift_JIS (cp932) files carry the wave dash of 「要介護3〜5」 as U+FF5E: read it as U+301C.
        value = self.cells.get(column, "").replace("\uff5e", "\u301c")
        limit = 50 if column == "名称" and self.cells.get("区分") == KIND_TYPE else _LIMITS.get(column)
        if limit and len(value) > limit:
            self.fail(column, msg.CSV_TOO_LONG.format(column=column, limit=limit))
        return value

    def choice(self, column: str, allowed: dict[str, str]) -> str:
        value = self.cells.get(column, "")
        if value not in allowed:
            self.fail(column, msg.CSV_CHOICE.format(column=column, allowed="、".join(allowed), value=value))
            return ""
        return allowed[value]

    def integer(self, column: str) -> int | None:
        value = self.cells.get(column, "")
        if value == "":
            return None
        if not value.isdigit():
            self.fail(column, msg.CSV_INTEGER.format(column=column, value=value))
            return None
        return int(value)

    def boolean(self, column: str, default: bool) -> bool:
        value = self.cells.get(column, "")
        if value == "":
            return default
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        self.fail(column, msg.CSV_BOOL.format(column=column, value=value))
        return default

    def date(self, column: str) -> dt.date | None:
        value = self.cells.get(column, "")
        if value == "":
            return None
        try:
            return dt.date.fromisoformat(value.replace("/", "-"))
        except ValueError:
            self.fail(column, msg.CSV_DATE.format(column=column, value=value))
            return None

    def tenths(self, column: str, error: Message) -> int | None:
        """A percentage to ‰: '24.5' -> 245 (no more than one decimal, never a float)."""
        return self.scaled(column, error, 1)

    def hundredths(self, column: str, error: Message) -> int | None:
        """'10.42' -> 1042 (no more than two decimals, never a float)."""
        return self.scaled(column, error, 2)

    def scaled(self, column: str, error: Message, places: int) -> int | None:
        value = self.cells.get(column, "")
        if value == "":
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = Decimal("NaN")
        step = Decimal(1).scaleb(-places)
        if not number.is_finite() or number < 0 or number != number.quantize(step):
            self.fail(column, error.format(value=value))
            return None
        return int(number.scaleb(places))


def _values(row: _Row, kind: str) -> tuple[str, dict[str, Any]]:
    """The key and the model's fields of a row (errors collected on `row`)."""
    source = row.text("出典")
    valid_to = row.date("適用終了日")
    if kind == KIND_TYPE:
        code = row.cells.get("コード", "").upper()
        if code and not _TYPE_CODE.match(code):
            row.fail("コード", msg.CSV_TYPE_CODE.format(value=code))
        return code, {
            "name": row.text("名称"),
            "labor_ratio_class": row.choice("人件費割合", _LABOUR),
            "short_stay": row.boolean("短期入所", False),
            "exchange_scope": row.boolean("連携対象", True),
            "valid_to": valid_to,
            "source": source,
        }
    if kind == KIND_CODE:
        code = row.cells.get("コード", "").upper()
        service_type = row.cells.get("サービス種類コード", "").upper()
        if code and (not _SERVICE_CODE.match(code) or (service_type and code[:2] != service_type)):
            row.fail("コード", msg.CSV_SERVICE_CODE.format(value=code))
        units = row.integer("単位数")
        rate = row.tenths("加算率", msg.CSV_RATE)
        if units is not None and rate is not None:
            row.fail("加算率", msg.CSV_UNITS_AND_RATE)
        basis = row.choice("算定単位", _BASIS) if row.cells.get("算定単位") else UnitBasis.VISIT.value
        return code, {
            "service_type": service_type,
            "name": row.text("名称"),
            "units": units,
            "unit_basis": basis,
            "limit_managed": row.boolean("限度額管理", True),
            "rate_permille": rate,
            "product_code_required": row.boolean("商品コード必須", False),
            "valid_to": valid_to,
            "source": source,
        }
    grade = row.choice("地域区分", _GRADE)
    labour = row.choice("人件費割合", _LABOUR)
    return f"{grade}/{labour}", {
        "region_grade": grade,
        "labor_ratio_class": labour,
        "price_x100": row.hundredths("単価", msg.CSV_PRICE),
        "valid_to": valid_to,
        "source": source,
    }


def _existing() -> dict[tuple[str, str, dt.date], models.Model]:
    found: dict[tuple[str, str, dt.date], models.Model] = {}
    for t in ServiceType.objects.all():
        found[(KIND_TYPE, t.code, t.valid_from)] = t
    for c in ServiceCode.objects.all():
        found[(KIND_CODE, c.code, c.valid_from)] = c
    for p in UnitPrice.objects.all():
        found[(KIND_PRICE, f"{p.region_grade}/{p.labor_ratio_class}", p.valid_from)] = p
    return found


def plan_import(*, data: bytes, file_name: str, progress: Callable[[int, int], None] | None = None) -> ImportPlan:
    """Read and check the whole file and compare it with the tables; raise MasterImportError with
    every error found. Writes nothing (services.service_master_apply writes the plan)."""
    text = decode(data, file_name)
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise MasterImportError([RowError(file_name, 1, "", msg.CSV_EMPTY)])
    header = [h.strip() for h in rows[0]]
    missing = [c for c in REQUIRED_HEADER if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        header_errors = []
        if missing:
            header_errors.append(RowError(file_name, 1, "", msg.CSV_HEADER_MISSING.format(columns="、".join(missing))))
        if unknown:
            header_errors.append(RowError(file_name, 1, "", msg.CSV_HEADER_UNKNOWN.format(columns="、".join(unknown))))
        raise MasterImportError(header_errors)
    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(cell.strip() for cell in r)]
    if not body:
        raise MasterImportError([RowError(file_name, 2, "", msg.CSV_EMPTY)])

    errors: list[RowError] = []
    existing = _existing()
    known_types = {code for kind, code, _ in existing if kind == KIND_TYPE}
    known_types |= {r[header.index("コード")].strip().upper() for _, r in body if _kind_of(header, r) == KIND_TYPE}
    plan = ImportPlan(file_name)
    seen: dict[tuple[str, str, dt.date], int] = {}
    for done, (line, cells) in enumerate(body, start=1):
        change = _check_row(file_name, header, line, cells, errors, known_types)
        if change is not None:
            key = (change.kind, change.key, change.valid_from)
            if key in seen:
                errors.append(RowError(file_name, line, "", msg.CSV_DUPLICATE.format(line=seen[key])))
            else:
                seen[key] = line
                _compare(change, existing.get(key), header)
                plan.changes.append(change)
        if progress:
            progress(done, len(body))
    if errors:
        raise MasterImportError(errors)
    return plan


def _kind_of(header: list[str], cells: list[str]) -> str:
    index = header.index("区分")
    return cells[index].strip() if index < len(cells) else ""


def _check_row(
    file_name: str, header: list[str], line: int, cells: list[str], errors: list[RowError], known_types: set[str]
) -> Change | None:
    if len(cells) != len(header):
        errors.append(
            RowError(file_name, line, "", msg.CSV_FIELD_COUNT.format(expected=len(header), actual=len(cells)))
        )
        return None
    row = _Row(file_name, line, {h: c.strip() for h, c in zip(header, cells, strict=True)}, errors)
    kind = row.cells["区分"]
    if kind not in KINDS:
        row.fail("区分", msg.CSV_KIND.format(allowed="、".join(KINDS), value=kind))
        return None
    for column in (*REQUIRED_BY_KIND[kind], "適用開始日"):
        if not row.cells.get(column):
            row.fail(column, msg.CSV_REQUIRED.format(column=column))
    valid_from = row.date("適用開始日")
    key, values = _values(row, kind)
    valid_to = values.get("valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        row.fail("適用終了日", msg.CSV_PERIOD)
    service_type = values.get("service_type")
    if kind == KIND_CODE and service_type and service_type not in known_types:
        row.fail("サービス種類コード", msg.CSV_UNKNOWN_TYPE.format(code=service_type))
    if row.failed or valid_from is None:
        return None
    return Change(line=line, kind=kind, key=key, valid_from=valid_from, values=values, status="added")


def _compare(change: Change, current: models.Model | None, header: list[str]) -> None:
    if current is None:
        return
    change.row = current
    change.changed = {
        name: (getattr(current, name), value)
        for name, value in change.values.items()
        if FIELD_COLUMN[name] in header and getattr(current, name) != value
    }
    change.status = "changed" if change.changed else "unchanged"
