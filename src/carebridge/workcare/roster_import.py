"""CSV import of a company's roster (従業員名簿): all or nothing, every error with line and column.

The format is documented in docs/workcare-roster-csv.md and on the import page:

- encoding: UTF-8 (with or without BOM) or Shift_JIS (CP932), detected;
- the first line is the header; the columns may come in any order; Japanese names (as below) or
  the English field names (employee_number, name, …);
- 社員番号, 氏名, 生年月日, 入社日 are required; an existing 社員番号 of the company is updated, a new
  one is created; dates as 1975-04-01 (or 1975/4/1);
- at most MAX_BYTES and MAX_ROWS rows.

Each row goes through the same services as the screens (employee_create / employee_update, one
audit event per row written), each in a savepoint so every row's errors are collected; if any
row fails — or when only a preview (dry run) is asked for — the whole transaction is rolled back.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction

from carebridge.core import messages as core_messages
from carebridge.core.inputs import input_from
from carebridge.core.models import Company, User

from . import messages
from .access import may_keep_roster
from .inputs import EmployeeInput
from .models import Employee
from .services.people import employee_create, employee_update

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 10_000

# (Japanese header, English header, field, required)
COLUMNS: tuple[tuple[str, str, str, bool], ...] = (
    ("社員番号", "employee_number", "employee_number", True),
    ("氏名", "name", "name", True),
    ("所属", "department", "department", False),
    ("生年月日", "birth_date", "birth_date", True),
    ("週所定労働日数", "weekly_days", "weekly_days", False),
    ("1日の所定労働時間", "daily_hours", "daily_hours", False),
    ("入社日", "hired_on", "hired_on", True),
    ("有期契約の終了日", "fixed_term_end", "fixed_term_end", False),
    ("メール", "email", "email", False),
)
HEADER = ",".join(c[0] for c in COLUMNS)
COLUMN_OF_FIELD = {f: ja for ja, _en, f, _r in COLUMNS}
_FIELD_OF_HEADER = {ja: f for ja, _en, f, _r in COLUMNS} | {en: f for _ja, en, f, _r in COLUMNS}
# Other spellings HR files often use (the model's own labels among them).
_FIELD_OF_HEADER |= {
    "社員番号（従業員番号）": "employee_number",
    "従業員番号": "employee_number",
    "部署": "department",
    "週の所定労働日数": "weekly_days",
    "1日の所定労働時間数": "daily_hours",
    "メールアドレス": "email",
}
_DATES = ("birth_date", "hired_on", "fixed_term_end")
_DATE_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.line}行目「{self.column}」: {self.message}" if self.column else f"{self.line}行目: {self.message}"
        )


class RosterImportError(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)}件のエラー")
        self.errors = errors


@dataclass(frozen=True)
class RowOutcome:
    line: int
    employee_number: str
    name: str
    action: str  # "create", "update", "unchanged"
    changed: tuple[str, ...] = ()  # the columns an update changes

    @property
    def action_label(self) -> str:
        return {"create": "新規", "update": "更新", "unchanged": "変更なし"}[self.action]


@dataclass
class ImportResult:
    applied: bool
    digest: str
    rows: list[RowOutcome] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(r.action == "create" for r in self.rows)

    @property
    def updated(self) -> int:
        return sum(r.action == "update" for r in self.rows)

    @property
    def unchanged(self) -> int:
        return sum(r.action == "unchanged" for r in self.rows)


def digest_of(data: bytes) -> str:
    """What the preview shows and the apply step must match (the same file)."""
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise RosterImportError(
            [RowError(1, "", messages.ROSTER_TOO_LARGE.format(limit=f"{MAX_BYTES // 1024 // 1024}MB"))]
        )
    if b"\x00" in data:
        raise RosterImportError([RowError(1, "", messages.ROSTER_NOT_CSV)])
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CONTROL_RE.search(text):
            raise RosterImportError([RowError(1, "", messages.ROSTER_NOT_CSV)])
        return text
    raise RosterImportError([RowError(1, "", messages.ROSTER_ENCODING)])


def _rows(text: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        raise RosterImportError([RowError(1, "", messages.ROSTER_NOT_CSV)]) from None


def _header(cells: list[str]) -> list[str]:
    """The field of each column (errors for unknown, repeated and missing columns)."""
    errors: list[RowError] = []
    fields: list[str] = []
    allowed = "、".join(c[0] for c in COLUMNS)
    for cell in cells:
        name = cell.strip().replace("\ufeff", "")
        found = _FIELD_OF_HEADER.get(name) or _FIELD_OF_HEADER.get(name.lower())
        if found is None:
            errors.append(RowError(1, name, messages.ROSTER_HEADER_UNKNOWN.format(column=name, allowed=allowed)))
            fields.append("")
        elif found in fields:
            errors.append(RowError(1, name, messages.ROSTER_HEADER_TWICE.format(column=COLUMN_OF_FIELD[found])))
            fields.append("")
        else:
            fields.append(found)
    missing = [ja for ja, _en, f, required in COLUMNS if required and f not in fields]
    if missing:
        errors.append(RowError(1, "", messages.ROSTER_HEADER_MISSING.format(columns="、".join(missing))))
    if errors:
        raise RosterImportError(errors)
    return fields


def _date(text: str) -> dt.date | None:
    match = _DATE_RE.match(text)
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _parse(line: int, fields: list[str], row: list[str], errors: list[RowError]) -> dict[str, Any]:
    """The row's values by field (blank optional cells left out); format errors appended."""
    values: dict[str, Any] = {}
    for name, cell in zip(fields, row, strict=True):
        text = unicodedata.normalize("NFKC", cell).strip()
        column = COLUMN_OF_FIELD[name]
        if not text:
            if name in ("employee_number", "name", "birth_date", "hired_on"):
                errors.append(RowError(line, column, messages.ROSTER_REQUIRED))
            elif name in ("department", "email"):
                values[name] = ""
            elif name == "fixed_term_end":
                values[name] = None
            continue
        if name in _DATES:
            parsed = _date(text)
            if parsed is None:
                errors.append(RowError(line, column, messages.ROSTER_DATE))
            else:
                values[name] = parsed
        elif name == "weekly_days":
            if text.isdigit() and len(text) <= 3:
                values[name] = int(text)
            else:
                errors.append(RowError(line, column, messages.ROSTER_INTEGER))
        elif name == "daily_hours":
            try:
                number = Decimal(text)
            except InvalidOperation:
                number = None
            if number is None or not number.is_finite() or len(text) > 10:
                errors.append(RowError(line, column, messages.ROSTER_DECIMAL))
            else:
                values[name] = number
        else:
            values[name] = cell.strip() if name != "employee_number" else text
    return values


def _changed(current: Employee, data: EmployeeInput) -> tuple[str, ...]:
    changed = []
    for _ja, _en, name, _r in COLUMNS:
        new = getattr(data, name)
        old = getattr(current, name)
        if name == "daily_hours":
            old, new = Decimal(str(old)), Decimal(str(new))
        if old != new:
            changed.append(COLUMN_OF_FIELD[name])
    return tuple(changed)


def _service_errors(line: int, exc: ValidationError, reported: set[str], errors: list[RowError]) -> None:
    if not hasattr(exc, "error_dict"):
        errors.extend(RowError(line, "", str(m)) for m in exc.messages)
        return
    for name, items in exc.message_dict.items():
        column = COLUMN_OF_FIELD.get(name, "") if name != NON_FIELD_ERRORS else ""
        if column and column in reported:
            continue
        errors.extend(RowError(line, column, str(message)) for message in items)


def roster_import(*, actor: User, company: Company, data: bytes, dry_run: bool) -> ImportResult:
    """Import (or, with `dry_run`, only preview) a roster file for `company`. Raises
    RosterImportError with every error found; nothing is written unless the whole file is valid."""
    if not may_keep_roster(actor, company):
        raise PermissionDenied(core_messages.PERMISSION_DENIED)
    rows = _rows(decode(data))
    if not rows:
        raise RosterImportError([RowError(1, "", messages.ROSTER_EMPTY)])
    fields = _header(rows[0])
    body = [(line, row) for line, row in enumerate(rows[1:], start=2) if any(cell.strip() for cell in row)]
    if not body:
        raise RosterImportError([RowError(2, "", messages.ROSTER_EMPTY)])
    if len(body) > MAX_ROWS:
        raise RosterImportError([RowError(1, "", messages.ROSTER_TOO_MANY_ROWS.format(limit=MAX_ROWS))])

    result = ImportResult(applied=not dry_run, digest=digest_of(data))
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    existing = {e.employee_number: e for e in Employee.objects.filter(company=company).select_related("company")}
    with transaction.atomic():
        for line, row in body:
            if len(row) != len(fields):
                errors.append(
                    RowError(line, "", messages.ROSTER_FIELD_COUNT.format(expected=len(fields), actual=len(row)))
                )
                continue
            before = len(errors)
            values = _parse(line, fields, row, errors)
            number = str(values.get("employee_number", ""))
            if number and number in seen:
                errors.append(
                    RowError(line, "社員番号", messages.ROSTER_DUPLICATE.format(number=number, line=seen[number]))
                )
            if number:
                seen.setdefault(number, line)
            if len(errors) > before:
                continue
            _import_row(actor, company, line, values, existing.get(number), result, errors)
        if errors or dry_run:
            transaction.set_rollback(True)
    if errors:
        raise RosterImportError(errors)
    return result


def _import_row(
    actor: User,
    company: Company,
    line: int,
    values: dict[str, Any],
    current: Employee | None,
    result: ImportResult,
    errors: list[RowError],
) -> None:
    try:
        with transaction.atomic():
            if current is None:
                data = input_from(EmployeeInput, values)
                employee_create(actor=actor, company=company, data=data)
                result.rows.append(RowOutcome(line, data.employee_number, data.name, "create"))
                return
            data = input_from(EmployeeInput, values, base=current)
            changed = _changed(current, data)
            if changed:
                employee_update(actor=actor, employee=current, data=data)
            outcome = "update" if changed else "unchanged"
            result.rows.append(RowOutcome(line, data.employee_number, data.name, outcome, changed))
    except ValidationError as exc:
        _service_errors(line, exc, set(), errors)
