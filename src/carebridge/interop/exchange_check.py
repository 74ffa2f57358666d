"""Checker of exchange files (rules-v4.1.md §6 and §10): any file — ours or a provider's — against
the layout: name, encoding (MS932, no 外字), CRLF record ends, column count, required columns,
lengths, value kinds (dates, months, times, numbers, office numbers, 被保険者番号), code lists,
quoting of free text, one CSVバージョン per file, the month of the name in every record, and the
sentinels of UPHOSOKU and 第7表. Findings carry the file, line and column.

`parse` is also the reader used to read our files back (round-trip tests, later the importer).
Pure: no Django import.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .exchange_layout import Column, FileLayout, accepted_versions, layouts
from .exchange_names import NO_MONTH, ExchangeName, parse_name
from .exchange_writer import ENCODING


@dataclass(frozen=True)
class Finding:
    file: str
    line: int  # 0: the file as a whole (its name, its encoding)
    column: int  # 0: the record as a whole
    message: str

    def render(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}行目"
        if self.column:
            where += f":No.{self.column}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Field:
    value: str
    quoted: bool


@dataclass(frozen=True)
class Record:
    line: int  # physical line where the record starts (1-based)
    fields: tuple[Field, ...]
    ending: str  # '\r\n', '\n', '\r' or '' (end of file without a line break)

    @property
    def values(self) -> list[str]:
        return [f.value for f in self.fields]


class ParseError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def parse(text: str) -> list[Record]:
    """CSV records with the line each starts on. Quoted fields may span lines; `""` inside quotes
    is a quote. Line breaks inside quoted text are returned as '\\n'. Any record end is accepted
    (the ending is kept for the checker)."""
    records: list[Record] = []
    i, n, line = 0, len(text), 1
    while i < n:
        start_line = line
        fields: list[Field] = []
        ending = ""
        while True:
            if i < n and text[i] == '"':
                i += 1
                chunk: list[str] = []
                while True:
                    if i >= n:
                        raise ParseError(start_line, '引用符（"）が閉じられていません')
                    c = text[i]
                    if c == '"':
                        if i + 1 < n and text[i + 1] == '"':
                            chunk.append('"')
                            i += 2
                            continue
                        i += 1
                        break
                    if c == "\r":
                        chunk.append("\n")
                        i += 2 if text[i + 1 : i + 2] == "\n" else 1
                        line += 1
                        continue
                    if c == "\n":
                        chunk.append("\n")
                        line += 1
                        i += 1
                        continue
                    chunk.append(c)
                    i += 1
                fields.append(Field("".join(chunk), True))
                if i < n and text[i] not in ",\r\n":
                    raise ParseError(line, "引用符で囲んだ項目の後に区切り（,）がありません")
            else:
                j = i
                while j < n and text[j] not in ",\r\n":
                    if text[j] == '"':
                        raise ParseError(line, '引用符で囲んでいない項目に引用符（"）があります')
                    j += 1
                fields.append(Field(text[i:j], False))
                i = j
            if i < n and text[i] == ",":
                i += 1
                continue
            if i < n and text[i] == "\r":
                ending = "\r\n" if text[i + 1 : i + 2] == "\n" else "\r"
            elif i < n and text[i] == "\n":
                ending = "\n"
            i += len(ending)
            if ending:
                line += 1
            break
        records.append(Record(start_line, tuple(fields), ending))
    return records


# -- value kinds ---------------------------------------------------------------------------------

_DIGITS = re.compile(r"^\d+$")
_SIGNED = re.compile(r"^-?\d+$")
_INSURED = re.compile(r"^(\d{10}|H\d{9})$")
_OFFICE = re.compile(r"^[0-9A-Z]{10}$")
_POSTAL = re.compile(r"^\d{3}-\d{4}$")
_TYPE = re.compile(r"^[0-9A-Z]{2}$")
_SERVICE_CODE = re.compile(r"^[0-9A-Z]{2}[0-9A-Z]{4}$")
_DECIMAL = re.compile(r"^\d{1,2}(\.\d{1,2})?$")
_FLAGS = re.compile(r"^[01]{31}$")


def _date_ok(value: str, fmt: str) -> bool:
    """YYYYMMDD (fmt %Y%m%d) or YYYYMM (%Y%m) naming a real day or month."""
    size = 8 if fmt == "%Y%m%d" else 6
    if len(value) != size or not value.isdigit():
        return False
    try:
        dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]) if size == 8 else 1)
    except ValueError:
        return False
    return True


def _hhmm_ok(value: str) -> bool:
    return len(value) == 4 and value.isdigit() and int(value[:2]) <= 23 and int(value[2:]) <= 59


def value_error(column: Column, value: str) -> str | None:
    """What is wrong with a non-empty value of a column, in Japanese, or None."""
    kind = column.kind
    if kind == "free":
        return None
    if column.length is not None and len(value) > column.length:
        return f"{column.name}は{column.length}文字以内です（{len(value)}文字）"
    checks: dict[str, tuple[bool, str]] = {}
    if kind == "yyyymm":
        sentinel = column.file_kind == "UPHOSOKU" and value == NO_MONTH  # No.63 with the 1表 family
        checks[kind] = (len(value) == 6 and (sentinel or _date_ok(value, "%Y%m")), "YYYYMM の年月")
    elif kind == "yyyymmdd":
        sentinel = column.file_kind == "UPHOSOKU" and column.no == 4 and value == "00000000"  # with 6表/7表
        checks[kind] = (sentinel or (len(value) == 8 and _date_ok(value, "%Y%m%d")), "YYYYMMDD の日付")
    elif kind == "hhmm":
        checks[kind] = (_hhmm_ok(value), "HHMM の時刻")
    elif kind == "hhmm9999":
        checks[kind] = (value == "9999" or _hhmm_ok(value), "HHMM の時刻または 9999")
    elif kind == "postal":
        checks[kind] = (bool(_POSTAL.match(value)), "XXX-XXXX の郵便番号")
    elif kind == "insurer":
        checks[kind] = (len(value) == 6 and value.isdigit(), "6桁の保険者番号")
    elif kind == "insured":
        checks[kind] = (bool(_INSURED.match(value)), "10桁（生保単独は H＋9桁）の被保険者番号")
    elif kind == "office":
        checks[kind] = (bool(_OFFICE.match(value)), "10桁の事業所番号")
    elif kind == "service_type":
        checks[kind] = (bool(_TYPE.match(value)), "2桁のサービス種類コード")
    elif kind == "service_code":
        checks[kind] = (bool(_SERVICE_CODE.match(value)), "6桁のサービスコード")
    elif kind == "integer":
        checks[kind] = (bool(_SIGNED.match(value)), "整数")
    elif kind == "decimal":
        checks[kind] = (bool(_DECIMAL.match(value)), "99.99 形式の数")
    elif kind == "day_flags":
        checks[kind] = (bool(_FLAGS.match(value)), "0/1 の31文字")
    elif kind == "fixed":
        checks[kind] = (value == "9999999999", "固定値 9999999999")
    elif kind == "code":
        codes = column.codes or frozenset()
        checks[kind] = (value in codes, "コード（" + "・".join(sorted(codes)) + "）")
    for ok, expected in checks.values():
        if not ok:
            return f"{column.name}は{expected}です（「{value}」）"
    if kind == "integer" and column.name.endswith("ＮＯ") and not 1 <= int(value) <= 99:
        return f"{column.name}は1〜99です（「{value}」）"
    return None


# -- one file --------------------------------------------------------------------------------------


def _decode(name: str, data: bytes) -> tuple[str | None, list[Finding]]:
    try:
        text = data.decode(ENCODING)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Finding(name, line, 0, f"MS932（Shift_JIS）として読めないバイトがあります（{exc.start}バイト目）")
        ]
    findings: list[Finding] = []
    if data.startswith(b"\xef\xbb\xbf"):
        findings.append(Finding(name, 1, 0, "先頭にBOMがあります（MS932のファイルにBOMは付けません）"))
    for line_no, raw in enumerate(data.split(b"\n"), start=1):
        if _gaiji_in(raw):
            findings.append(Finding(name, line_no, 0, "外字（ユーザー定義文字）があります"))
    return text, findings


def _gaiji_in(raw: bytes) -> bool:
    """True when a line holds a double-byte character of the user-defined area (lead byte F0–F9)."""
    i = 0
    while i < len(raw):
        b = raw[i]
        if 0x81 <= b <= 0x9F or 0xE0 <= b <= 0xFC:
            if 0xF0 <= b <= 0xF9:
                return True
            i += 2
        else:
            i += 1
    return False


def check_records(
    name: str, file_layout: FileLayout, records: list[Record], parsed: ExchangeName | None
) -> list[Finding]:
    findings: list[Finding] = []
    versions_seen: set[str] = set()
    accepted = accepted_versions()
    for record in records:
        line = record.line
        if record.ending != "\r\n":
            shown = {"\n": "LF", "\r": "CR", "": "改行なし"}[record.ending]
            findings.append(Finding(name, line, 0, f"レコードの終わりが CRLF ではありません（{shown}）"))
        if len(record.fields) != file_layout.width:
            findings.append(
                Finding(
                    name, line, 0, f"項目数が{len(record.fields)}です（{file_layout.kind}は{file_layout.width}項目）"
                )
            )
            continue
        for column, field in zip(file_layout.columns, record.fields, strict=True):
            value = field.value
            if value == "":
                if column.required:
                    findings.append(Finding(name, line, column.no, f"{column.name}は必須です"))
                continue
            if column.free_text and not field.quoted:
                findings.append(Finding(name, line, column.no, f'{column.name}はフリーテキストなので " で囲みます'))
            if not column.free_text and ("\n" in value):
                findings.append(Finding(name, line, column.no, f"{column.name}に改行があります"))
                continue
            problem = value_error(column, value)
            if problem:
                findings.append(Finding(name, line, column.no, problem))
        version = record.fields[0].value
        versions_seen.add(version)
        if version and version not in accepted:
            findings.append(Finding(name, line, 1, f"CSVバージョン「{version}」はv4.1の様式ではありません（202407）"))
        findings.extend(_record_rules(name, file_layout, record, parsed))
    if len(versions_seen) > 1:
        shown = "・".join(sorted(versions_seen))
        findings.append(Finding(name, 0, 1, f"1つのファイルにCSVバージョンが混在しています（{shown}）"))
    findings.extend(_file_rules(name, file_layout, records))
    return findings


def _record_rules(name: str, file_layout: FileLayout, record: Record, parsed: ExchangeName | None) -> list[Finding]:
    """Rules across columns of one record (rules §6 sentinels, §10.4 month of the name)."""
    out: list[Finding] = []
    values = record.values
    kind = file_layout.kind
    month = parsed.month if parsed is not None else None
    if kind == "UPHOSOKU":
        plan_date, target = values[3], values[62]
        if target == NO_MONTH and plan_date == "00000000":
            out.append(Finding(name, record.line, 4, "1表に紐づく補足情報の作成（変更）日が 00000000 です"))
        if target != NO_MONTH and plan_date not in ("00000000", ""):
            out.append(Finding(name, record.line, 4, "6表・7表に紐づく補足情報の作成（変更）日は 00000000 です"))
        if month is not None and target and target != month:
            out.append(Finding(name, record.line, 63, f"対象年月「{target}」がファイル名の年月「{month}」と違います"))
    elif kind in ("UPPLAN", "UPJSK", "UPSIKYU") and month is not None and values[4] and values[4] != month:
        out.append(Finding(name, record.line, 5, f"対象年月「{values[4]}」がファイル名の年月「{month}」と違います"))
    elif kind in ("DLTPLAN", "DLTJSK") and month is not None and values[3] and values[3] != month:
        out.append(Finding(name, record.line, 4, f"削除対象年月「{values[3]}」がファイル名の年月「{month}」と違います"))
    if kind in ("UPPLAN", "UPJSK") and values[14][:2] in ("17", "67") and not (values[15] or values[16]):
        out.append(Finding(name, record.line, 16, "福祉用具貸与はTAISコードか福祉用具届出コードが必要です"))
    return out


def _file_rules(name: str, file_layout: FileLayout, records: list[Record]) -> list[Finding]:
    """第7表: exactly one 999999 total row per user and month, subtotals on 0-unit rows (rules §8)."""
    if file_layout.kind != "UPSIKYU":
        return []
    out: list[Finding] = []
    totals: dict[tuple[str, str, str], int] = {}
    details: dict[tuple[str, str, str, str], int] = {}
    subtotals: set[tuple[str, str, str, str]] = set()
    for record in records:
        if len(record.fields) != file_layout.width:
            continue
        v = record.values
        key = (v[1], v[2], v[4])
        totals.setdefault(key, 0)
        code = v[8]
        special = code == "999999" or code[2:] in ("AAAA", "EEEE", "ZZZZ")
        if code[2:] == "AAAA":
            subtotals.add((*key, code[:2]))
        elif not special:
            details[(*key, code[:2])] = details.get((*key, code[:2]), 0) + 1
        if code == "999999":
            totals[key] += 1
            if v[6] != "9999999999":
                out.append(Finding(name, record.line, 7, "合計行の事業所コードは 9999999999 です"))
        if special and (v[12] not in ("0", "") or v[13] or v[14]):
            out.append(Finding(name, record.line, 13, "小計・合計行の単位数は0、割引後率・割引後単位数は空です"))
    for (insurer, insured, month, service_type), count in sorted(details.items()):
        if count > 1 and (insurer, insured, month, service_type) not in subtotals:
            out.append(
                Finding(
                    name,
                    0,
                    9,
                    f"{insurer}-{insured} {month}: 種類{service_type}は明細が{count}行あるので"
                    f"小計行（{service_type}AAAA）が必要です",
                )
            )
    out.extend(_sum_rules(name, records, file_layout.width))
    for (insurer, insured, month), count in totals.items():
        if count != 1:
            out.append(
                Finding(
                    name, 0, 9, f"{insurer}-{insured} {month}: 合計行（999999）が{count}行あります（1行のはずです）"
                )
            )
    return out


# 第7表 columns (0-based) a subtotal or the total adds up: No.17 サービス単位数 from the detail rows;
# No.21/22 限度基準超/内, No.24 費用総額, No.26 請求額, No.28/29 利用者負担 from the subtotals.
_UNITS = 16
_FROM_SUBTOTALS = {
    20: "区分支給限度基準を超える単位数",
    21: "区分支給限度基準内単位数",
    23: "費用総額",
    25: "保険／事業費請求額",
    27: "利用者負担（保険対象分）",
    28: "利用者負担（全額負担分）",
}


def _int(value: str) -> int | None:
    return int(value) if _SIGNED.match(value) else None


def _sum_rules(name: str, records: list[Record], width: int) -> list[Finding]:
    """第7表 sums (rules §8): an `AAAA` subtotal's サービス単位数 is the sum of its detail rows (same
    事業所 and type; any 事業所 when the subtotal names none of them), the 999999 total's is the sum
    of every detail row, and the total's amounts are the sums of the subtotals that give them."""
    out: list[Finding] = []
    details: dict[tuple[str, str, str], list[list[str]]] = {}
    subtotals: dict[tuple[str, str, str], list[Record]] = {}
    totals: list[Record] = []
    for record in records:
        if len(record.fields) != width:
            continue
        v = record.values
        key = (v[1], v[2], v[4])
        code = v[8]
        if code == "999999":
            totals.append(record)
        elif code[2:] == "AAAA":
            subtotals.setdefault(key, []).append(record)
        elif code[2:] not in ("EEEE", "ZZZZ"):
            details.setdefault(key, []).append(v)
    for key, rows in subtotals.items():
        mine = details.get(key, [])
        for record in rows:
            v = record.values
            same_type = [d for d in mine if d[8][:2] == v[8][:2]]
            same_office = [d for d in same_type if d[6] == v[6]] or same_type
            expected = sum(_int(d[_UNITS]) or 0 for d in same_office)
            given = _int(v[_UNITS])
            if given is not None and given != expected:
                text = f"小計行（{v[8]}）のサービス単位数{given}が明細の合計{expected}と違います"
                out.append(Finding(name, record.line, 17, text))
    for record in totals:
        v = record.values
        key = (v[1], v[2], v[4])
        expected = sum(_int(d[_UNITS]) or 0 for d in details.get(key, []))
        given = _int(v[_UNITS])
        if given is not None and given != expected:
            text = f"合計行（999999）のサービス単位数{given}が明細の合計{expected}と違います"
            out.append(Finding(name, record.line, 17, text))
        subs = [r.values for r in subtotals.get(key, [])]
        for index, label in _FROM_SUBTOTALS.items():
            given = _int(v[index])
            if given is None or not subs or any(_int(s[index]) is None for s in subs):
                continue
            expected = sum(_int(s[index]) or 0 for s in subs)
            if given != expected:
                text = f"合計行（999999）の{label}{given}が小計の合計{expected}と違います"
                out.append(Finding(name, record.line, index + 1, text))
    return out


def check_file(name: str, data: bytes) -> list[Finding]:
    """Every finding of one file (name and content)."""
    findings: list[Finding] = []
    parsed: ExchangeName | None = None
    try:
        parsed = parse_name(name)
    except ValueError as exc:
        findings.append(Finding(name, 0, 0, f"ファイル名: {exc}"))
    kind = parsed.kind if parsed is not None else name.split("_", 1)[0].upper()
    file_layout = layouts().get(kind)
    if file_layout is None:
        return findings
    text, problems = _decode(name, data)
    findings.extend(problems)
    if text is None:
        return findings
    try:
        records = parse(text)
    except ParseError as exc:
        findings.append(Finding(name, exc.line, 0, exc.message))
        return findings
    findings.extend(check_records(name, file_layout, records, parsed))
    return sorted(findings, key=lambda f: (f.line, f.column))


def check_paths(paths: Iterable[Path]) -> dict[str, list[Finding]]:
    """Findings per file for files and directories: every *.csv (any case) and every member of a
    *.zip, directories walked recursively. Members are named `archive.zip/FILE.CSV`."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".csv", ".zip")))
        else:
            files.append(path)
    return check_blobs((item.name, item.read_bytes()) for item in files)


# A zip member larger than this is not read (an upload's zip could unpack to far more than it weighs).
MAX_MEMBER_BYTES = 200 * 1024 * 1024


def check_blobs(files: Iterable[tuple[str, bytes]]) -> dict[str, list[Finding]]:
    """Findings per file for (name, bytes) pairs: a *.zip is opened and each member checked, named
    `archive.zip/FILE.CSV`; any other file is checked as an exchange file."""
    out: dict[str, list[Finding]] = {}
    for name, data in files:
        if name.lower().endswith(".zip"):
            out.update(_check_zip(name, data))
        else:
            out[name] = check_file(name, data)
    return out


def _check_zip(name: str, data: bytes) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                if info.is_dir():
                    continue
                label = f"{name}/{info.filename}"
                if info.file_size > MAX_MEMBER_BYTES:
                    out[label] = [Finding(label, 0, 0, "ZIPの中のファイルが大きすぎるため検査していません")]
                    continue
                findings = check_file(info.filename.rsplit("/", 1)[-1], archive.read(info))
                out[label] = [Finding(label, f.line, f.column, f.message) for f in findings]
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        NotImplementedError,
        RuntimeError,
        EOFError,
        ValueError,
    ):
        out[name] = [Finding(name, 0, 0, "ZIPファイルとして読めません")]
    return out


def read_file(data: bytes) -> list[list[str]]:
    """The values of a well-formed file (MS932, any line ends): rows of strings."""
    return [record.values for record in parse(data.decode(ENCODING))]
