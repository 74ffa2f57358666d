"""The service code a new 第6表 line starts with: chosen from the time band on 第3表 and the care
level by a dated table (data/code_bands_*.json), then named and priced by the service master in
force that month. Only a starting value — the care manager confirms or changes it on the slip —
so an unknown band gives no code (the line stays blank to fill), never a guess."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .master_lookup import month_master
from .slip_rules import CodeChoice, CodeLookup

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Band:
    service_type: str
    code: str
    minutes_from: int | None = None
    minutes_to: int | None = None  # exclusive; None: no upper bound
    care_level: str | None = None

    def matches(self, service_type: str, minutes: int, care_level: str) -> bool:
        if service_type != self.service_type:
            return False
        if self.care_level is not None and care_level != self.care_level:
            return False
        if self.minutes_from is not None and minutes < self.minutes_from:
            return False
        return self.minutes_to is None or minutes < self.minutes_to


@cache
def band_tables() -> tuple[tuple[dt.date, tuple[Band, ...]], ...]:
    """Every band table, newest first."""
    tables = []
    for path in sorted(DATA.glob("code_bands_*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        bands = tuple(Band(**band) for band in raw["bands"])
        tables.append((dt.date.fromisoformat(raw["valid_from"]), bands))
    return tuple(sorted(tables, key=lambda table: table[0], reverse=True))


def band_code(service_type: str, minutes: int, care_level: str, on: dt.date) -> str | None:
    """The code of the first band that matches in the table in force on `on`."""
    for valid_from, bands in band_tables():
        if valid_from <= on:
            return next((b.code for b in bands if b.matches(service_type, minutes, care_level)), None)
    return None


def master_code_lookup(month: dt.date) -> CodeLookup:
    """slip_rules.CodeLookup over the master in force in `month` (read once: three queries), for
    the generation of that month's slips: the band's code with its name and units."""
    master = month_master(month.replace(day=1))

    def code_for(service_type: str, minutes: int, care_level: str, on: dt.date) -> CodeChoice | None:
        code = band_code(service_type, minutes, care_level, on)
        facts = master.codes.get(code) if code is not None else None
        if facts is None or facts.units is None:
            return None
        return CodeChoice(facts.code, facts.name, facts.units, facts.limit_managed, facts.rate_permille)

    return code_for
