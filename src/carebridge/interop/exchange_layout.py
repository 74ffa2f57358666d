"""The columns of every file kind of ケアプランデータ連携標準仕様 v4.1, as data.

Source: interop/data/columns-v4.1.csv, a verbatim copy of ../shared/domain/careplan-exchange/
columns-v4.1.csv (one row per column; rules in rules-v4.1.md). The 【要確認】 items of the spec (the
必須 marks of UPHOSOKU 5–8 and 第6表 6–7, the lengths of 第7表 17/30, the fixed value of 第7表
No.34 …) live in that copy: correct them there, never in code. The CSVバージョン values and the
service types in scope are dated tables next to it (exchange_versions.csv, exchange_scope.csv).

Pure: no Django import. Every column gets a `kind` of value that the writer and the checker share.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
COLUMNS_FILE = DATA_DIR / "columns-v4.1.csv"
VERSIONS_FILE = DATA_DIR / "exchange_versions.csv"
SCOPE_FILE = DATA_DIR / "exchange_scope.csv"

# File kinds whose name carries a month token (rules §2).
MONTH_KINDS = frozenset({"UPHOSOKU", "UPPLAN", "UPJSK", "DLTPLAN", "DLTJSK", "UPSIKYU"})
# The plan set (send unit 1, rules §3) in writing order; the month set (UPPLAN, UPSIKYU) comes later.
PLAN_SET = ("UPHOSOKU", "UP1KYO", "UP2KYO", "UP3KYO")
MONTH_SET = ("UPHOSOKU", "UPPLAN", "UPSIKYU")

# 【コード表】 (rules §9), keyed by the column name of the CSV.
CARE_LEVEL_CODES = frozenset({"06", "12", "13", "21", "22", "23", "24", "25"})
CODE_LISTS: dict[str, frozenset[str]] = {
    "利用者性別": frozenset({"1", "2"}),
    "認定状況区分": frozenset({"1", "2"}),
    "要介護状態区分": CARE_LEVEL_CODES,
    "前回要介護状態区分": CARE_LEVEL_CODES,
    "計画書区分": frozenset({"11", "12", "21", "51", "52", "53", "54"}),
    "生活援助中心型の算定理由": frozenset({"1", "2", "3"}),
    "保険対象区分": frozenset({"Y", "N"}),
    "曜日": frozenset({"1", "2", "3", "4", "5", "6", "7"}),
    "３０日超区分": frozenset({"0", "1"}),
}


@dataclass(frozen=True)
class Column:
    """One column: `kind` is how its value is written and checked (see _kind_of)."""

    file_kind: str
    no: int
    name: str
    length: int | None  # None: free text without limit ('-') or not legible ('?')
    required: bool
    format: str
    notes: str
    kind: str

    @property
    def free_text(self) -> bool:
        """Free text (フリーテキスト): always written in double quotes (rules §6)."""
        return self.kind == "free"

    @property
    def codes(self) -> frozenset[str] | None:
        return CODE_LISTS.get(self.name) if self.kind == "code" else None

    @property
    def label(self) -> str:
        return f"No.{self.no} {self.name}"


@dataclass(frozen=True)
class FileLayout:
    kind: str
    columns: tuple[Column, ...]

    @property
    def width(self) -> int:
        return len(self.columns)

    @property
    def has_month(self) -> bool:
        return self.kind in MONTH_KINDS

    def column(self, name: str, occurrence: int = 1) -> Column:
        """The column called `name` (the `occurrence`-th one when the name repeats, as in 3表)."""
        found = [c for c in self.columns if c.name == name]
        return found[occurrence - 1]

    def index(self, name: str, occurrence: int = 1) -> int:
        return self.column(name, occurrence).no - 1


def _kind_of(fmt: str, name: str) -> str:
    """Map the `format` text of the CSV to a value kind."""
    f = fmt.strip()
    if f == "free text":
        return "free"
    if f == "YYYYMM":
        return "yyyymm"
    if f == "YYYYMMDD":
        return "yyyymmdd"
    if f == "HHMM":
        return "hhmm"
    if f.startswith("HHMM | 9999"):
        return "hhmm9999"
    if f == "XXX-XXXX":
        return "postal"
    if f == "numeric(6)":
        return "insurer"
    if f == "alnum(10)":
        return "insured"
    if f.startswith("事業所番号(10)"):
        return "office"
    if f.startswith("サービスコード(6)"):
        return "service_code"
    if f.startswith("code (サービス種類2桁)") or f == "code (2)":
        return "service_type"
    if f.startswith("31-char"):
        return "day_flags"
    if f.startswith("decimal"):
        return "decimal"
    if f.startswith("integer"):
        return "integer"
    if f == "fixed":
        return "fixed"
    if f == "code":
        return "code" if name in CODE_LISTS else "text"
    return "text"  # 'text', '-', TAIS codes and the unused 識別子


def _length(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isdigit() else None


@cache
def layouts() -> dict[str, FileLayout]:
    """Every file kind of the CSV, columns in order (the CSV is checked to be numbered 1..n)."""
    by_kind: dict[str, list[Column]] = {}
    with COLUMNS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            kind = row["file_kind"]
            column = Column(
                file_kind=kind,
                no=int(row["no"]),
                name=row["name_ja"],
                length=_length(row["length"]),
                required=row["required"].strip() == "Y",
                format=row["format"],
                notes=row["notes"],
                kind=_kind_of(row["format"], row["name_ja"]),
            )
            by_kind.setdefault(kind, []).append(column)
    out: dict[str, FileLayout] = {}
    for kind, columns in by_kind.items():
        if [c.no for c in columns] != list(range(1, len(columns) + 1)):
            raise ValueError(f"{COLUMNS_FILE.name}: {kind} の項目番号が1から連続していません")
        out[kind] = FileLayout(kind=kind, columns=tuple(columns))
    return out


def layout(kind: str) -> FileLayout:
    try:
        return layouts()[kind]
    except KeyError:
        raise KeyError(f"未知のファイル種別です: {kind}") from None


# -- dated tables ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionRow:
    csv_version: str
    applies_from: str  # service month YYYYMM
    writes: bool  # the value our exporter writes (the latest such row applying to the month)
    note: str


@cache
def versions() -> tuple[VersionRow, ...]:
    with VERSIONS_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            VersionRow(
                csv_version=row["csv_version"],
                applies_from=row["applies_from"],
                writes=row["writes"].strip() == "Y",
                note=row["note"],
            )
            for row in csv.DictReader(handle)
        )


def csv_version_for(month: str | None = None) -> str:
    """The CSVバージョン to write: the newest written row that applies to the service month
    (YYYYMM; None for the 1表 family, which has no month: the newest of all, rules §7)."""
    rows = [r for r in versions() if r.writes and (month is None or r.applies_from <= month)]
    if not rows:
        rows = [r for r in versions() if r.writes]
    return max(rows, key=lambda r: r.applies_from).csv_version


def accepted_versions() -> frozenset[str]:
    """Values a file we read may carry for the v4.1 layout (202407, and 202504 of early v4.0)."""
    return frozenset(r.csv_version for r in versions() if "layout=v4" in r.note)


@dataclass(frozen=True)
class ScopeRow:
    service_type: str
    in_scope: bool
    valid_from: dt.date
    name: str


@cache
def scope_rows() -> tuple[ScopeRow, ...]:
    with SCOPE_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            ScopeRow(
                service_type=row["service_type"].strip(),
                in_scope=row["in_scope"].strip() == "Y",
                valid_from=dt.date.fromisoformat(row["valid_from"]),
                name=row["name"],
            )
            for row in csv.DictReader(handle)
        )


def in_scope(service_type: str, on: dt.date) -> bool:
    """Whether a サービス種類 is 連携対象 on a day (rules §11): the newest row valid on that day
    decides; a type without any row is out of scope."""
    rows = [r for r in scope_rows() if r.service_type == service_type and r.valid_from <= on]
    if not rows:
        return False
    return max(rows, key=lambda r: r.valid_from).in_scope
