"""Reading of the actuals a provider sends (UPJSK 第6表 実績情報, DLTJSK 実績情報削除) into a plan of
changes: every column validated against the layout (exchange_layout), errors in Japanese with the
file, line and column. Pure: no Django import; exchange_import_preview.py matches the plan to the
office's clients and slips, exchange_import_services.py applies it.

Tolerated (rules-v4.1.md §6, §7, §10 import): a header line (a first line whose first field is
not a 6-digit YYYYMM), LF or CR line ends, quoted numbers, blank lines, CSVバージョン 202504 (the
v4.0 value, same layout), any case of `.csv`. Refused: bytes that are not MS932, a wrong column
count, an empty required column, a value not of its kind, mixed CSV versions in one file, a month
in a record other than the file name's, a service date outside the month, a file not addressed to
the office, a file kind other than UPJSK/DLTJSK.

The key of a report is (保険者番号, 被保険者番号, 対象年月, サービス事業者コード No.20, サービス種類 =
the first two characters of the サービスコード) — the key DLTJSK names (rules §4). Files are taken
in ファイル連番 order (rules §3): for one key, a later file's report replaces an earlier one's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from .exchange_check import ParseError, Record, parse, value_error
from .exchange_layout import Column, FileLayout, accepted_versions, layout
from .exchange_names import CARE_MANAGEMENT_TYPE, ExchangeName, parse_name
from .exchange_writer import ENCODING

IMPORT_KINDS = ("UPJSK", "DLTJSK")
CM_TYPES = frozenset({CARE_MANAGEMENT_TYPE, "46"})  # 居宅介護支援, 介護予防支援

# UPJSK (第6表 layout) and DLTJSK columns by number (columns-v4.1.csv).
J_VERSION, J_INSURER, J_INSURED, J_MONTH, J_PLANNER = 1, 2, 3, 5, 6
J_DATE, J_START, J_END, J_COUNT, J_CODE, J_PROVIDER = 10, 12, 13, 14, 15, 20
D_INSURER, D_INSURED, D_MONTH, D_PROVIDER, D_TYPE = 2, 3, 4, 5, 6

_KIND_MESSAGES = {
    "yyyymmdd": "日付の形式が正しくありません（YYYYMMDD）",
    "yyyymm": "年月の形式が正しくありません（YYYYMM）",
    "hhmm9999": "時刻の形式が正しくありません（HHMM または 9999）",
}


@dataclass(frozen=True)
class ImportProblem:
    """One error: the file, the line (0: the file as a whole) and the column (0: the whole line)."""

    file: str
    line: int
    column: int
    column_name: str
    message: str

    def render(self) -> str:
        where = self.file
        if self.line:
            where += f" {self.line}行目"
        if self.column:
            where += f" {self.column}列目（{self.column_name}）"
        return f"{where}: {self.message}"

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True)
class ActualRecord:
    """One UPJSK record: a service code on a day, `count` times, at start–end (HHMM, or 9999: no time)."""

    line: int
    day: int
    count: int
    service_code: str
    start: str
    end: str


@dataclass
class ActualsGroup:
    """The report of one key: its records (UPJSK), or None (DLTJSK: clear the actuals)."""

    file: str
    kind: str
    stamp: str
    insurer: str
    insured: str
    month: str  # YYYYMM
    provider_number: str
    service_type: str
    first_line: int
    records: list[ActualRecord] | None = None

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.insurer, self.insured, self.month, self.provider_number, self.service_type)


@dataclass(frozen=True)
class FileFacts:
    name: str
    kind: str
    sha256: str
    size: int
    records: int
    stamp: str
    counterpart_number: str  # the provider that sent it
    counterpart_type: str
    month: str


@dataclass
class ParsedImport:
    files: list[FileFacts] = field(default_factory=list)
    groups: list[ActualsGroup] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    superseded: list[ActualsGroup] = field(default_factory=list)  # replaced by a later file's report

    @property
    def ok(self) -> bool:
        return not self.problems


def _is_header(record: Record) -> bool:
    """A heading line: its first field is not a number (a CSVバージョン is YYYYMM), and it does not
    carry a 保険者番号 in No.2 — so a data line with a damaged version is checked, never skipped."""
    values = record.values
    first = values[0] if values else ""
    insurer = values[1] if len(values) > 1 else ""
    return bool(first) and not first.isdigit() and not (len(insurer) == 6 and insurer.isdigit())


def _column_problem(name: str, line: int, column: Column, value: str) -> ImportProblem | None:
    if value == "":
        if column.required:
            return ImportProblem(name, line, column.no, column.name, "必須の項目が空です")
        return None
    if "\n" in value and not column.free_text:
        return ImportProblem(name, line, column.no, column.name, "項目の中に改行があります")
    problem = value_error(column, value)
    if problem is None:
        return None
    message = _KIND_MESSAGES.get(column.kind)
    if message and not (column.length is not None and len(value) > column.length):
        problem = f"{message}（「{value}」）"
    return ImportProblem(name, line, column.no, column.name, problem)


def _decode(name: str, data: bytes) -> tuple[str | None, ImportProblem | None]:
    try:
        return data.decode(ENCODING), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        start_of_line = data.rfind(b"\n", 0, exc.start) + 1
        shown = data[exc.start : exc.start + 2].hex(" ").upper()
        message = (
            f"MS932（Shift_JIS）として読めないバイトがあります（{exc.start + 1}バイト目、"
            f"行の{exc.start - start_of_line + 1}バイト目: {shown}）。文字コードを MS932 にして出力し直してください"
        )
        return None, ImportProblem(name, line, 0, "", message)


def _counterpart(name: str, parsed_name: ExchangeName, office_number: str) -> tuple[str, str] | ImportProblem:
    sender, sender_type = parsed_name.sender_number, parsed_name.sender_type
    receiver, receiver_type = parsed_name.receiver_number, parsed_name.receiver_type
    if receiver == office_number:
        number = sender
    elif sender == office_number:  # the name's office tokens swapped: accepted (rules §2 quirk)
        number = receiver
    else:
        return ImportProblem(
            name, 0, 0, "", f"当事業所（{office_number}）宛てのファイルではありません（{receiver}宛て）"
        )
    # The spec's own UPJSK example swaps the type tokens: the provider's type is the one not 43/46.
    service_type = receiver_type if sender_type in CM_TYPES and receiver_type not in CM_TYPES else sender_type
    return number, service_type


def _records(name: str, file_layout: FileLayout, text: str, problems: list[ImportProblem]) -> list[Record]:
    try:
        records = parse(text)
    except ParseError as exc:
        problems.append(ImportProblem(name, exc.line, 0, "", exc.message))
        return []
    records = [r for r in records if not (len(r.fields) == 1 and r.fields[0].value == "")]  # blank lines
    if records and _is_header(records[0]):
        records = records[1:]
    if not records:
        problems.append(ImportProblem(name, 0, 0, "", "レコードがありません"))
    return records


def _check_record(
    name: str, file_layout: FileLayout, record: Record, month: str, office_number: str
) -> list[ImportProblem]:
    line = record.line
    if len(record.fields) != file_layout.width:
        message = f"項目数が{len(record.fields)}です（{file_layout.kind}は{file_layout.width}項目）"
        return [ImportProblem(name, line, 0, "", message)]
    out = []
    for column, item in zip(file_layout.columns, record.fields, strict=True):
        problem = _column_problem(name, line, column, item.value)
        if problem is not None:
            out.append(problem)
    values = record.values
    accepted = accepted_versions()
    if values[0] and values[0] not in accepted:
        col = file_layout.columns[0]
        shown = "・".join(sorted(accepted))
        out.append(ImportProblem(name, line, 1, col.name, f"CSVバージョン「{values[0]}」は取り込めません（{shown}）"))
    if out:
        return out
    cols = file_layout.columns
    if file_layout.kind == "UPJSK":
        if values[J_MONTH - 1] != month:
            message = f"対象年月「{values[J_MONTH - 1]}」がファイル名の年月「{month}」と違います"
            out.append(ImportProblem(name, line, J_MONTH, cols[J_MONTH - 1].name, message))
        elif values[J_DATE - 1][:6] != month:
            message = f"サービス利用日「{values[J_DATE - 1]}」が対象年月「{month}」の日ではありません"
            out.append(ImportProblem(name, line, J_DATE, cols[J_DATE - 1].name, message))
        if values[J_PLANNER - 1] != office_number:
            planner = values[J_PLANNER - 1]
            message = f"プラン担当業者コード「{planner}」が当事業所の事業所番号（{office_number}）ではありません"
            out.append(ImportProblem(name, line, J_PLANNER, cols[J_PLANNER - 1].name, message))
        if not 0 <= int(values[J_COUNT - 1]) <= 99:
            out.append(ImportProblem(name, line, J_COUNT, cols[J_COUNT - 1].name, "サービス回数は0〜99です"))
        if values[J_CODE - 1][:2] in ("17", "67") and not (values[15] or values[16]):
            message = "福祉用具貸与はTAISコードか福祉用具届出コードが必要です"
            out.append(ImportProblem(name, line, 16, cols[15].name, message))
    elif values[D_MONTH - 1] != month:
        message = f"削除対象年月「{values[D_MONTH - 1]}」がファイル名の年月「{month}」と違います"
        out.append(ImportProblem(name, line, D_MONTH, cols[D_MONTH - 1].name, message))
    return out


def _groups(name: str, kind: str, stamp: str, records: list[Record]) -> list[ActualsGroup]:
    groups: dict[tuple[str, ...], ActualsGroup] = {}
    for record in records:
        v = record.values
        if kind == "UPJSK":
            key = (v[J_INSURER - 1], v[J_INSURED - 1], v[J_MONTH - 1], v[J_PROVIDER - 1], v[J_CODE - 1][:2])
        else:
            key = (v[D_INSURER - 1], v[D_INSURED - 1], v[D_MONTH - 1], v[D_PROVIDER - 1], v[D_TYPE - 1])
        group = groups.get(key)
        if group is None:
            group = ActualsGroup(
                name, kind, stamp, *key, first_line=record.line, records=[] if kind == "UPJSK" else None
            )
            groups[key] = group
        if group.records is not None:
            group.records.append(
                ActualRecord(
                    line=record.line,
                    day=int(v[J_DATE - 1][6:8]),
                    count=int(v[J_COUNT - 1]),
                    service_code=v[J_CODE - 1],
                    start=v[J_START - 1],
                    end=v[J_END - 1],
                )
            )
    return list(groups.values())


def read_one(
    name: str, data: bytes, office_number: str
) -> tuple[FileFacts | None, list[ActualsGroup], list[ImportProblem]]:
    """One file: its facts, its reports and its problems (no report when it has any problem)."""
    try:
        parsed_name = parse_name(name)
    except ValueError as exc:
        return None, [], [ImportProblem(name, 0, 0, "", f"ファイル名: {exc}")]
    if parsed_name.kind not in IMPORT_KINDS:
        message = f"取り込めるのは実績（UPJSK）と実績の削除（DLTJSK）です（{parsed_name.kind}）"
        return None, [], [ImportProblem(name, 0, 0, "", message)]
    counterpart = _counterpart(name, parsed_name, office_number)
    if isinstance(counterpart, ImportProblem):
        return None, [], [counterpart]
    if data.startswith(b"\xef\xbb\xbf"):  # UTF-8's BOM: its bytes happen to decode as MS932
        message = "先頭にBOMがあります（UTF-8で保存されていませんか）。文字コードを MS932 にして出力し直してください"
        return None, [], [ImportProblem(name, 1, 0, "", message)]
    text, problem = _decode(name, data)
    if text is None:
        return None, [], [problem] if problem else []
    file_layout = layout(parsed_name.kind)
    problems: list[ImportProblem] = []
    records = _records(name, file_layout, text, problems)
    month = parsed_name.month or ""
    for record in records:
        problems.extend(_check_record(name, file_layout, record, month, office_number))
    versions = {r.fields[0].value for r in records if r.fields}
    if len(versions) > 1:
        shown = "・".join(sorted(versions))
        col = file_layout.columns[0]
        problems.append(ImportProblem(name, 0, 1, col.name, f"1つのファイルにCSVバージョンが混在しています（{shown}）"))
    facts = FileFacts(
        name=name,
        kind=parsed_name.kind,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        records=len(records),
        stamp=parsed_name.stamp,
        counterpart_number=counterpart[0],
        counterpart_type=counterpart[1],
        month=month,
    )
    if problems:
        return facts, [], problems
    return facts, _groups(name, parsed_name.kind, parsed_name.stamp, records), []


def parse_import(files: Sequence[tuple[str, bytes]], *, office_number: str) -> ParsedImport:
    """Every file read and checked; the reports in ファイル連番 order, a later one replacing an
    earlier one of the same key. Any problem anywhere: `ok` is False (nothing may be applied)."""
    out = ParsedImport()
    seen: set[str] = set()
    for name, data in files:
        if name.upper() in seen:
            out.problems.append(ImportProblem(name, 0, 0, "", "同じ名前のファイルが2回指定されています"))
            continue
        seen.add(name.upper())
        facts, groups, problems = read_one(name, data, office_number)
        if facts is not None:
            out.files.append(facts)
        out.problems.extend(problems)
        out.groups.extend(groups)
    if not files:
        out.problems.append(ImportProblem("", 0, 0, "", "ファイルが指定されていません"))
    latest: dict[tuple[str, str, str, str, str], ActualsGroup] = {}
    for group in sorted(out.groups, key=lambda g: (g.stamp, g.file.upper())):
        earlier = latest.get(group.key)
        if earlier is not None:
            out.superseded.append(earlier)
        latest[group.key] = group
    out.groups = sorted(
        latest.values(), key=lambda g: (g.insurer, g.insured, g.month, g.provider_number, g.service_type)
    )
    return out
