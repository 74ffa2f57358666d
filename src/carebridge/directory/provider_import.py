"""CSV import of providers: all or nothing, every error with file, line and column.

The rows are written through the same services as the screens (provider_create / _update), each
in a savepoint so every row's errors are collected; if any row fails, the whole transaction is
rolled back and nothing is written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from carebridge.core import japanese
from carebridge.core.access import office_id_of
from carebridge.core.import_errors import RowError, RowsImportError
from carebridge.core.inputs import input_from
from carebridge.core.models import User

from . import messages, services
from .inputs import ProviderInput
from .models import Provider, ProviderKind

# CSV header -> model field. The first three are required.
COLUMNS: dict[str, str] = {
    "事業所番号": "provider_number",
    "事業所名": "name",
    "サービス種類コード": "service_type_codes",
    "種別": "kind",
    "郵便番号": "postal_code",
    "所在地": "address",
    "電話番号": "phone",
    "FAX番号": "fax",
}
REQUIRED = ("事業所番号", "事業所名", "サービス種類コード")
_FIELD_TO_COLUMN = {f: c for c, f in COLUMNS.items()}
_KIND_BY_LABEL = {label: value for value, label in ProviderKind.choices} | {v: v for v in ProviderKind.values}


class ProviderImportError(RowsImportError):
    pass


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


def decode(data: bytes, file_name: str) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ProviderImportError([RowError(file_name, 1, "", messages.CSV_ENCODING)])


def import_providers(
    *,
    actor: User,
    data: bytes,
    file_name: str,
    progress: Callable[[int, int], None] | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Every row of the CSV or none (errors with line and column); `dry_run`: the counts of what
    the import would do, nothing written."""
    text = decode(data, file_name)
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ProviderImportError([RowError(file_name, 1, "", messages.CSV_EMPTY)])
    header = [h.strip() for h in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ProviderImportError(
            [RowError(file_name, 1, "", messages.CSV_HEADER_MISSING.format(columns="、".join(missing)))]
        )
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(cell.strip() for cell in row)]
    if not body:
        raise ProviderImportError([RowError(file_name, 2, "", messages.CSV_EMPTY)])

    result = ImportResult()
    seen: dict[str, int] = {}
    existing = {
        p.provider_number: p for p in Provider.objects.filter(office_id=office_id_of(actor)).exclude(provider_number="")
    }
    with transaction.atomic():
        for done, (line, row) in enumerate(body, start=1):
            _import_row(actor, file_name, header, line, row, seen, existing, result)
            if progress:
                progress(done, len(body))
        if result.errors or dry_run:
            transaction.set_rollback(True)
    if result.errors:
        raise ProviderImportError(result.errors)
    return result


def _import_row(
    actor: User,
    file_name: str,
    header: list[str],
    line: int,
    row: list[str],
    seen: dict[str, int],
    existing: dict[str, Provider],
    result: ImportResult,
) -> None:
    def error(column: str, message: str) -> None:
        result.errors.append(RowError(file_name, line, column, message))

    if len(row) != len(header):
        error("", messages.CSV_FIELD_COUNT.format(expected=len(header), actual=len(row)))
        return
    fields: dict[str, object] = {}
    for column, value in zip(header, row, strict=True):
        if column in COLUMNS:
            fields[COLUMNS[column]] = value.strip()
    for column in REQUIRED:
        if not fields.get(COLUMNS[column]):
            error(column, messages.CSV_REQUIRED.format(column=column))
    kind_text = str(fields.pop("kind", "") or ProviderKind.SERVICE)
    if kind_text not in _KIND_BY_LABEL:
        error("種別", messages.CSV_UNKNOWN_KIND.format(value=kind_text, allowed="、".join(ProviderKind.labels)))
    fields["kind"] = _KIND_BY_LABEL.get(kind_text, ProviderKind.SERVICE)
    number = japanese.normalize_digits(str(fields.get("provider_number", ""))).upper()
    if number in seen:
        error("事業所番号", messages.CSV_DUPLICATE_IN_FILE.format(number=number, line=seen[number]))
    seen.setdefault(number, line)
    # Still run the row through the service, so every other error of the line is reported too;
    # a column already reported above is not reported twice.
    reported = {e.column for e in result.errors if e.line == line}
    try:
        with transaction.atomic():
            current = existing.get(number)
            if current is None:
                services.provider_create(actor=actor, data=input_from(ProviderInput, fields))
                result.created += 1
            else:
                before = current.updated_at
                services.provider_update(
                    actor=actor, provider=current, data=input_from(ProviderInput, fields, base=current)
                )
                if current.updated_at == before:
                    result.unchanged += 1
                else:
                    result.updated += 1
    except ValidationError as exc:
        for name, errors in exc.message_dict.items():
            column = _FIELD_TO_COLUMN.get(name, "") if name != NON_FIELD_ERRORS else ""
            if column and column in reported:
                continue
            for message in errors:
                error(column, message)
