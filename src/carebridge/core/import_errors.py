"""The errors of a file import, one shape for every importer (providers, the service master):
each names the file, the line and the column, and the import writes nothing while any exists."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class RowError:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" + (f" 列「{self.column}」" if self.column else "")
        return f"{where}: {self.message}"


class RowsImportError(Exception):
    """The file was refused: every error found, none written."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)}件のエラー")
        self.errors = errors


def as_field_errors(exc: RowsImportError, field: str, limit: int = 200) -> ValidationError:
    """The import's refusal as field errors of the upload (`field`), each naming the file, line
    and column in Japanese — the API's 422."""
    return ValidationError({field: [str(error) for error in exc.errors[:limit]]}, code="import_rows")
