"""The 国保連 file of 給付管理票 (交換情報識別番号 8222, データ種別 821), as data.

(verify) against the federation's current interface spec (国保中央会「介護保険 インタフェース
仕様書」): the field lists below follow the shape described in docs (kyotaku.md, 給付管理票):
a control record `1,…` (record number, volume number, record count, data kind 821, office
number, media kind 7, processing month = the review month), data records `2,…` with 8222 — per
client the detail lines 01–98 (one per provider and service type) and a total line 99 carrying
the limit, the total units and the care manager number; the insurer number 8 digits, zero
padded — and an end record `3,…`. The layout is a table of fields per record kind, so a
correction of the spec is a change of data, not of code.

Pure Python: the writer returns bytes in MS932 with CRLF line ends; the parser reads them back
(tests and the pre-send check).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

ENCODING = "cp932"  # MS932
NEWLINE = "\r\n"
DATA_KIND = "821"  # 給付管理票情報
EXCHANGE_ID = "8222"  # 交換情報識別番号 of the 給付管理票 records
MEDIA_KIND = "7"  # インターネット請求
TOTAL_LINE = "99"
MAX_DETAIL_LINES = 98


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    label: str  # the spec's item name (Japanese)
    width: int = 0  # zero-pad numbers to this width (0: as is)


# The layout: one list of fields per record kind; the data records share the client's key.
CONTROL_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("record_kind", "レコード種別"),
    FieldSpec("record_number", "レコード番号"),
    FieldSpec("volume_number", "ボリューム通番"),
    FieldSpec("record_count", "レコード件数"),
    FieldSpec("data_kind", "データ種別"),
    FieldSpec("office_number", "事業所番号"),
    FieldSpec("media_kind", "媒体区分"),
    FieldSpec("processing_month", "処理対象年月"),
)
_KEY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("record_kind", "レコード種別"),
    FieldSpec("record_number", "レコード番号"),
    FieldSpec("exchange_id", "交換情報識別番号"),
    FieldSpec("service_month", "サービス提供年月"),
    FieldSpec("insurer_number", "保険者番号", 8),
    FieldSpec("office_number", "居宅介護支援事業所番号"),
    FieldSpec("insured_number", "被保険者番号"),
    FieldSpec("statement_kind", "給付管理票作成区分"),
    FieldSpec("creator_kind", "給付管理票種別区分"),
    FieldSpec("line_number", "給付管理票明細行番号", 2),
)
DETAIL_FIELDS: tuple[FieldSpec, ...] = (
    *_KEY_FIELDS,
    FieldSpec("provider_number", "サービス事業所番号"),
    FieldSpec("designation", "指定/基準該当/地域密着型サービス識別"),
    FieldSpec("service_type", "サービス種類コード"),
    FieldSpec("planned_units", "給付計画単位数"),
)
TOTAL_FIELDS: tuple[FieldSpec, ...] = (
    *_KEY_FIELDS,
    FieldSpec("birth_date", "生年月日"),
    FieldSpec("sex", "性別コード"),
    FieldSpec("care_level", "要介護状態区分コード"),
    FieldSpec("limit_from", "限度額適用期間（開始）"),
    FieldSpec("limit_to", "限度額適用期間（終了）"),
    FieldSpec("limit_units", "居宅・介護予防支給限度額"),
    FieldSpec("total_units", "給付計画合計単位数"),
    FieldSpec("care_manager_number", "担当介護支援専門員番号"),
)
END_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("record_kind", "レコード種別"),
    FieldSpec("record_number", "レコード番号"),
)


# 指定/基準該当/地域密着型サービス識別 (verify): 1 指定, 2 基準該当, 3 地域密着型 — by service type,
# the 地域密着型 kinds (介護保険法第8条第14項) that a 給付管理票 can carry.
DESIGNATION_DESIGNATED = "1"
DESIGNATION_STANDARD = "2"
DESIGNATION_COMMUNITY = "3"
COMMUNITY_SERVICE_TYPES = frozenset({"71", "72", "73", "76", "77", "78", "68", "74", "75", "79"})


def designation_for(service_type: str) -> str:
    return DESIGNATION_COMMUNITY if service_type in COMMUNITY_SERVICE_TYPES else DESIGNATION_DESIGNATED


@dataclass(frozen=True, slots=True)
class ProviderLine:
    provider_number: str
    designation: str  # 1 指定, 2 基準該当, 3 地域密着型 (verify)
    service_type: str
    planned_units: int


@dataclass(frozen=True, slots=True)
class Statement:
    """One 給付管理票 as the file carries it."""

    service_month: str  # YYYYMM
    insurer_number: str
    insured_number: str
    statement_kind: str  # 1 新規, 2 修正, 3 取消
    creator_kind: str  # 1 居宅, 2 自己作成, 3 介護予防
    birth_date: str  # YYYYMMDD
    sex: str  # 1 男, 2 女
    care_level: str  # 2 digits (clients/rules.py CARE_LEVEL_CODES)
    limit_from: str  # YYYYMMDD
    limit_to: str
    limit_units: int
    care_manager_number: str
    lines: tuple[ProviderLine, ...] = ()

    @property
    def total_units(self) -> int:
        return sum(line.planned_units for line in self.lines)


@dataclass(frozen=True, slots=True)
class FileHeader:
    office_number: str
    processing_month: str  # YYYYMM, the review month
    volume_number: int = 1


def _value(spec: FieldSpec, values: Mapping[str, object]) -> str:
    text = str(values.get(spec.name, ""))
    return text.zfill(spec.width) if spec.width and text.isdigit() else text


def _row(specs: Sequence[FieldSpec], values: Mapping[str, object]) -> list[str]:
    return [_value(spec, values) for spec in specs]


def records(header: FileHeader, statements: Sequence[Statement]) -> list[list[str]]:
    """Every record of the file, in order (control, data, end)."""
    data: list[tuple[tuple[FieldSpec, ...], dict[str, object]]] = []
    for st in statements:
        if len(st.lines) > MAX_DETAIL_LINES:
            raise ValueError(f"給付管理票の明細行は{MAX_DETAIL_LINES}行までです。")
        key: dict[str, object] = {
            "record_kind": "2",
            "exchange_id": EXCHANGE_ID,
            "service_month": st.service_month,
            "insurer_number": st.insurer_number,
            "office_number": header.office_number,
            "insured_number": st.insured_number,
            "statement_kind": st.statement_kind,
            "creator_kind": st.creator_kind,
        }
        for n, line in enumerate(st.lines, start=1):
            data.append(
                (
                    DETAIL_FIELDS,
                    {
                        **key,
                        "line_number": n,
                        "provider_number": line.provider_number,
                        "designation": line.designation,
                        "service_type": line.service_type,
                        "planned_units": line.planned_units,
                    },
                )
            )
        data.append(
            (
                TOTAL_FIELDS,
                {
                    **key,
                    "line_number": TOTAL_LINE,
                    "birth_date": st.birth_date,
                    "sex": st.sex,
                    "care_level": st.care_level,
                    "limit_from": st.limit_from,
                    "limit_to": st.limit_to,
                    "limit_units": st.limit_units,
                    "total_units": st.total_units,
                    "care_manager_number": st.care_manager_number,
                },
            )
        )
    control = {
        "record_kind": "1",
        "record_number": 1,
        "volume_number": header.volume_number,
        "record_count": len(data),
        "data_kind": DATA_KIND,
        "office_number": header.office_number,
        "media_kind": MEDIA_KIND,
        "processing_month": header.processing_month,
    }
    rows = [_row(CONTROL_FIELDS, control)]
    for i, (specs, values) in enumerate(data, start=2):
        rows.append(_row(specs, {**values, "record_number": i}))
    rows.append(_row(END_FIELDS, {"record_kind": "3", "record_number": len(data) + 2}))
    return rows


def write(header: FileHeader, statements: Sequence[Statement]) -> bytes:
    """The file's bytes: MS932, CRLF, no quoting (no field holds a comma)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=NEWLINE, quoting=csv.QUOTE_MINIMAL)
    writer.writerows(records(header, statements))
    return buffer.getvalue().encode(ENCODING)


def file_name(header: FileHeader) -> str:
    return f"KYUFUKANRI_{header.office_number}_{header.processing_month}.csv"


@dataclass
class ParsedFile:
    control: dict[str, str]
    details: list[dict[str, str]] = field(default_factory=list)
    totals: list[dict[str, str]] = field(default_factory=list)
    end: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _named(specs: Sequence[FieldSpec], row: Sequence[str]) -> dict[str, str]:
    return {spec.name: value for spec, value in zip(specs, row, strict=False)}


def parse(content: bytes) -> ParsedFile:
    """Read a file back: the records by kind and every structural error found (in Japanese)."""
    errors: list[str] = []
    try:
        text = content.decode(ENCODING)
    except UnicodeDecodeError:
        return ParsedFile(control={}, errors=["文字コードがMS932ではありません。"])
    if text and not text.endswith(NEWLINE):
        errors.append("最終行が改行（CRLF）で終わっていません。")
    lines = text.split(NEWLINE)[:-1] if text.endswith(NEWLINE) else text.split(NEWLINE)
    if any("\n" in line or "\r" in line for line in lines):
        errors.append("改行コードがCRLFではありません。")
        lines = [part for line in lines for part in line.replace("\r", "\n").split("\n") if part]
    rows = list(csv.reader(lines))
    if not rows or rows[0][:1] != ["1"]:
        return ParsedFile(control={}, errors=[*errors, "コントロールレコード（1）がありません。"])
    parsed = ParsedFile(control=_named(CONTROL_FIELDS, rows[0]), errors=errors)
    if rows[-1][:1] != ["3"]:
        errors.append("エンドレコード（3）がありません。")
    else:
        parsed.end = _named(END_FIELDS, rows[-1])
    for number, row in enumerate(rows[1:-1], start=2):
        if row[:1] != ["2"] or len(row) < len(_KEY_FIELDS):
            errors.append(f"{number}行目: データレコード（2）ではありません。")
            continue
        if row[2] != EXCHANGE_ID:
            errors.append(f"{number}行目: 交換情報識別番号が{EXCHANGE_ID}ではありません。")
        line_number = row[9]
        specs = TOTAL_FIELDS if line_number == TOTAL_LINE else DETAIL_FIELDS
        if len(row) != len(specs):
            errors.append(f"{number}行目: 項目数が{len(specs)}ではありません。")
        (parsed.totals if line_number == TOTAL_LINE else parsed.details).append(_named(specs, row))
    control = parsed.control
    data_count = len(rows) - 2
    if control.get("data_kind") != DATA_KIND:
        errors.append(f"データ種別が{DATA_KIND}ではありません。")
    if control.get("record_count") != str(data_count):
        errors.append("コントロールレコードのレコード件数がデータレコードの数と一致しません。")
    for number, row in enumerate(rows, start=1):
        if len(row) > 1 and row[1] != str(number):
            errors.append(f"{number}行目: レコード番号が連番ではありません。")
            break
    return parsed
