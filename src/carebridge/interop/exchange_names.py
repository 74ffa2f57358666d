"""File names of the exchange (rules-v4.1.md §2, v4.1 form):

    {KIND}[_{YYYYMM|000000}]_{送信元事業所番号10}_{送信元種類2}_{送信先事業所番号10}_{送信先種類2}_{YYYYMMDDHHMMSS}.CSV

The month token is there for UPHOSOKU (000000 with the 1表 family), UPPLAN, UPSIKYU, UPJSK, DLTPLAN
and DLTJSK. The trailing 14-digit timestamp (ファイル連番) is shared by every file of a send unit.
On reading, any case of `.csv` is accepted and the service-type tokens are not trusted for the
direction (the spec's own UPJSK example swaps them, §2).

Pure: no Django import.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .exchange_layout import MONTH_KINDS, layouts

CARE_MANAGEMENT_TYPE = "43"  # 居宅介護支援 (送信元 of every CM file; 介護予防支援 would be 46)
NO_MONTH = "000000"  # UPHOSOKU sent with the 1表 family (§6 sentinels)

_OFFICE = re.compile(r"^[0-9A-Z]{10}$")
_TYPE = re.compile(r"^[0-9A-Z]{2}$")
_STAMP = re.compile(r"^\d{14}$")
_MONTH = re.compile(r"^\d{6}$")


@dataclass(frozen=True)
class ExchangeName:
    kind: str
    month: str | None  # YYYYMM, '000000', or None for kinds without a month token
    sender_number: str
    sender_type: str
    receiver_number: str
    receiver_type: str
    stamp: str

    def render(self) -> str:
        tokens = [self.kind]
        if self.month is not None:
            tokens.append(self.month)
        tokens += [self.sender_number, self.sender_type, self.receiver_number, self.receiver_type, self.stamp]
        return "_".join(tokens) + ".CSV"


def stamp_of(moment: dt.datetime) -> str:
    """The 14-digit ファイル連番 of a send unit (local wall time of the office)."""
    return moment.strftime("%Y%m%d%H%M%S")


def stamp_moment(stamp: str, tz: dt.tzinfo | None = None) -> dt.datetime | None:
    """The wall time of a 14-digit stamp (in `tz`, UTC when None), or None when it names no moment."""
    if not _STAMP.match(stamp):
        return None
    year, month, day = int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8])
    hour, minute, second = int(stamp[8:10]), int(stamp[10:12]), int(stamp[12:14])
    try:
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=tz or dt.UTC)
    except ValueError:
        return None


def file_name(
    kind: str,
    *,
    sender_number: str,
    receiver_number: str,
    receiver_type: str,
    stamp: str,
    month: str | None = None,
    sender_type: str = CARE_MANAGEMENT_TYPE,
) -> str:
    """The name of one file; raises ValueError on a malformed token (never writes a bad name)."""
    if kind not in layouts():
        raise ValueError(f"未知のファイル種別です: {kind}")
    if kind in MONTH_KINDS:
        if month is None or not _MONTH.match(month):
            raise ValueError(f"{kind}: 年月（YYYYMM または 000000）が必要です")
    elif month is not None:
        raise ValueError(f"{kind}: ファイル名に年月は入りません")
    for label, value, pattern in (
        ("送信元事業所番号", sender_number, _OFFICE),
        ("送信元サービス種類", sender_type, _TYPE),
        ("送信先事業所番号", receiver_number, _OFFICE),
        ("送信先サービス種類", receiver_type, _TYPE),
        ("ファイル連番", stamp, _STAMP),
    ):
        if not pattern.match(value):
            raise ValueError(f"{label}が正しくありません: {value!r}")
    return ExchangeName(kind, month, sender_number, sender_type, receiver_number, receiver_type, stamp).render()


def parse_name(name: str) -> ExchangeName:
    """The tokens of a file name; ValueError with a Japanese message when it is not one of ours."""
    base = name.rsplit("/", 1)[-1]
    if not base.upper().endswith(".CSV"):
        raise ValueError("拡張子が .CSV ではありません")
    tokens = base[:-4].split("_")
    kind = tokens[0].upper()
    if kind not in layouts():
        raise ValueError(f"ファイル種別「{tokens[0]}」はケアプランデータ連携のファイルではありません")
    rest = tokens[1:]
    month: str | None = None
    if kind in MONTH_KINDS:
        if not rest or not _MONTH.match(rest[0]):
            raise ValueError(f"{kind}: ファイル名の2つ目は年月（YYYYMM または 000000）です")
        month, rest = rest[0], rest[1:]
    if len(rest) != 5:
        raise ValueError(f"{kind}: ファイル名の区切り（_）の数が正しくありません")
    sender, sender_type, receiver, receiver_type, stamp = rest
    if not _OFFICE.match(sender) or not _OFFICE.match(receiver):
        raise ValueError("ファイル名の事業所番号は10桁です")
    if not _TYPE.match(sender_type) or not _TYPE.match(receiver_type):
        raise ValueError("ファイル名のサービス種類コードは2桁です")
    if not _STAMP.match(stamp):
        raise ValueError("ファイル名の最後はファイル連番（YYYYMMDDHHMMSS の14桁）です")
    if stamp_moment(stamp) is None:
        raise ValueError("ファイル連番の日時が正しくありません")
    if month is not None and month != NO_MONTH and stamp_moment(month + "01000000") is None:
        raise ValueError("ファイル名の年月が正しくありません")
    return ExchangeName(kind, month, sender, sender_type, receiver, receiver_type, stamp)
