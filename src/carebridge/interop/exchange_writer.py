"""Rows → bytes of one exchange file (rules-v4.1.md §6): MS932, no header row, CRLF after every
record, free-text columns in double quotes with `"` doubled (line breaks and commas kept, line
breaks written as CRLF; an empty one is Null: nothing between the commas), other columns unquoted,
every column written, CSVバージョン in No.1.

Characters outside MS932, and 外字 (the user-defined area, which Python's cp932 codec would
silently accept), are replaced before writing: first by a known equivalent (〜 → ～, − → －, 𠮷 → 吉
…), then by NFKC, else by 〓 (the 下駄 mark). Every replacement is reported with line and column.

Pure: no Django import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .exchange_layout import FileLayout, csv_version_for, layout

ENCODING = "cp932"
CRLF = "\r\n"
GETA = "〓"  # 0x81AC: the conventional mark for a character that cannot be written

# Common characters missing from MS932 and their MS932 equivalents (JIS X 0208 mapping differences,
# JIS X 0213 variants of names).
EQUIVALENTS: dict[str, str] = {
    "\u301c": "\uff5e",  # 〜 WAVE DASH → ～
    "\u2212": "\uff0d",  # − MINUS SIGN → －
    "\u2016": "\u2225",  # ‖ → ∥
    "\u00a2": "\uffe0",  # ¢ → ￠
    "\u00a3": "\uffe1",  # £ → ￡
    "\u00ac": "\uffe2",  # ¬ → ￢
    "\u2014": "\u2015",  # — EM DASH → ―
    "\u00a0": " ",  # NO-BREAK SPACE
    "\U00020bb7": "吉",  # 𠮷 (つちよし) → 吉
    "\U0002123d": "土",  # 𡈽 → 土
    "\u9dd7": "鴎",  # 鷗 → 鴎
    "\u525d": "剥",  # 剝 → 剥
}


@dataclass(frozen=True)
class Replacement:
    """A character that could not be written as is (line and column of the record)."""

    line: int
    column_no: int
    column_name: str
    original: str
    written: str

    def message(self) -> str:
        where = f"{self.line}行目 No.{self.column_no} {self.column_name}"
        char = f"「{self.original}」(U+{ord(self.original):04X})"
        return f"{where}: {char} はMS932で書けないため「{self.written}」に置き換えました"


@dataclass(frozen=True)
class WrittenFile:
    data: bytes
    records: int
    replacements: tuple[Replacement, ...]


def _is_gaiji(char: str) -> bool:
    code = ord(char)
    return 0xE000 <= code <= 0xF8FF  # Private Use Area: cp932 maps it to 外字 (0xF040–0xF9FC)


def _writable(char: str) -> bool:
    if _is_gaiji(char):
        return False
    try:
        return char.encode(ENCODING).decode(ENCODING) == char  # round trip without loss (§10.1)
    except UnicodeEncodeError:
        return False


def safe_char(char: str) -> str:
    """An MS932 character standing for `char` (itself when writable)."""
    if _writable(char):
        return char
    known = EQUIVALENTS.get(char)
    if known is not None and all(_writable(c) for c in known):
        return known
    folded = unicodedata.normalize("NFKC", char)
    if folded != char and folded and all(_writable(c) for c in folded):
        return folded
    return GETA


def ms932_safe(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text with every unwritable character replaced, and the (original, written) pairs."""
    if text.isascii():
        return text, []
    try:
        if text.encode(ENCODING).decode(ENCODING) == text and not any(_is_gaiji(c) for c in text):
            return text, []
    except UnicodeEncodeError:
        pass
    out: list[str] = []
    changed: list[tuple[str, str]] = []
    for char in text:
        written = safe_char(char)
        if written != char:
            changed.append((char, written))
        out.append(written)
    return "".join(out), changed


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        raise TypeError("真偽値はコードに直してから渡してください")
    return str(value)


def _newlines(text: str) -> str:
    """Line breaks inside free text are kept (rules §6); written as CRLF like the records."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", CRLF)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _needs_quotes(text: str) -> bool:
    return any(c in text for c in ',"\r\n')


def encode_record(file_layout: FileLayout, values: Sequence[object], line: int) -> tuple[str, list[Replacement]]:
    """One record as text (without its CRLF) and the replacements made in it."""
    if len(values) != file_layout.width:
        raise ValueError(f"{file_layout.kind}: 項目数が{len(values)}です（{file_layout.width}項目のはずです）")
    fields: list[str] = []
    replaced: list[Replacement] = []
    for column, value in zip(file_layout.columns, values, strict=True):
        text, changed = ms932_safe(_text(value))
        for original, written in changed:
            replaced.append(Replacement(line, column.no, column.name, original, written))
        if column.free_text and text:
            fields.append(_quoted(_newlines(text)))
        elif _needs_quotes(text):  # never in well-formed data; kept valid CSV all the same
            fields.append(_quoted(text))
        else:
            fields.append(text)
    return ",".join(fields), replaced


_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")  # 外字: cp932 would accept it silently
_SPECIAL_NO_COMMA = re.compile('["\r\n]')


def _slow_record(free: tuple[bool, ...], values: Sequence[object]) -> str:
    """One record, field by field (quoting decided per field), characters assumed writable."""
    fields: list[str] = []
    for value, is_free in zip(values, free, strict=True):
        text = _text(value)
        if is_free and text:
            fields.append(_quoted(_newlines(text)))
        elif _needs_quotes(text):
            fields.append(_quoted(text))
        else:
            fields.append(text)
    return ",".join(fields)


def _fast_record(free_at: tuple[int, ...], values: Sequence[object]) -> tuple[str, int]:
    """One record as text assuming no value holds a comma, a quote or a line break (checked
    afterwards, once per file, by counting them) and every character writable; and the number of
    free-text fields it quoted. Rows of strings only (what the row builders give) skip the
    conversion."""
    try:
        if not any(values[i] for i in free_at):
            return ",".join(values), 0  # type: ignore[arg-type]
        out = list(values)
        quoted = 0
        for i in free_at:
            if out[i]:
                out[i] = '"' + out[i] + '"'  # type: ignore[operator]
                quoted += 1
        return ",".join(out), quoted  # type: ignore[arg-type]
    except TypeError:  # a value that is not a string: convert the row, then as above
        texts = [
            v if v.__class__ is str else "" if v is None else str(v) if v.__class__ is int else _text(v) for v in values
        ]
        return _fast_record(free_at, texts)


def _plain(body: str, records: int, width: int, quoted: int) -> bool:
    """Whether the fast records hold only their own separators: the commas between columns, the
    quotes around free text and the CRLF after each record — so no value needed more."""
    return (
        body.count(",") == records * (width - 1)
        and body.count('"') == 2 * quoted
        and body.count("\r") == records
        and body.count("\n") == records
    )


def _clean(text: str) -> bool:
    """Whether text goes to MS932 and back unchanged, with no 外字 (rules §10.1)."""
    if text.isascii():
        return True
    if _PRIVATE_USE.search(text):
        return False
    try:
        return text.encode(ENCODING).decode(ENCODING) == text
    except UnicodeEncodeError:
        return False


def _encoded_clean(text: str) -> bytes | None:
    """The MS932 bytes of text when it goes there and back unchanged with no 外字, else None: the
    check and the encoding of `_clean` in one pass over a whole file."""
    if _PRIVATE_USE.search(text):
        return None
    try:
        data = text.encode(ENCODING)
    except UnicodeEncodeError:
        return None
    if len(data) == len(text) or data.decode(ENCODING) == text:  # as many bytes as characters: ASCII
        return data
    return None


def write_file(kind: str, rows: Iterable[Sequence[object]], *, month: str | None = None) -> WrittenFile:
    """The bytes of one file of `kind`. Each row holds every column from No.2 on, or every column
    with No.1 empty: No.1 CSVバージョン is filled here (one value per file, rules §7) from the
    dated version table for the service `month` (YYYYMM; None for the 1表 family).

    Fast path: every record is joined assuming no value needs quoting beyond free text and every
    character is writable, and the whole file is checked once for each; a file that fails the
    first is written field by field, and only the records that fail the second go through the
    per-column replacement (`encode_record`), so the usual file costs about what the csv module
    costs."""
    file_layout = layout(kind)
    width = file_layout.width
    free = tuple(column.free_text for column in file_layout.columns)
    free_at = tuple(i for i, is_free in enumerate(free) if is_free)
    version = csv_version_for(month)
    rows_full: list[Sequence[object]] = []
    lines: list[str] = []
    quoted = 0
    for row in rows:
        size = len(row)
        if size == width and row[0]:
            values: Sequence[object] = row
        elif size == width - 1:
            values = (version, *row)
        elif size == width:
            values = (version, *row[1:])
        else:
            raise ValueError(f"{kind}: 項目数が{size}です（{width}項目のはずです）")
        rows_full.append(values)
        line, quotes = _fast_record(free_at, values)
        lines.append(line)
        quoted += quotes
    body = CRLF.join(lines) + CRLF if lines else ""
    if not _plain(body, len(lines), width, quoted):  # a value with a comma, a quote or a line break
        lines = [_slow_record(free, values) for values in rows_full]
        body = CRLF.join(lines) + CRLF
    data = _encoded_clean(body)
    if data is not None:
        return WrittenFile(data=data, records=len(lines), replacements=())
    replaced: list[Replacement] = []
    for number, line in enumerate(lines, start=1):
        if not _clean(line):
            text, changed = encode_record(file_layout, list(rows_full[number - 1]), number)
            lines[number - 1] = text
            replaced.extend(changed)
    body = CRLF.join(lines) + CRLF
    return WrittenFile(data=body.encode(ENCODING), records=len(lines), replacements=tuple(replaced))
