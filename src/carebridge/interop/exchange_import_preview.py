"""The preview of an actuals import (UPJSK/DLTJSK): the parsed reports matched to the office's clients
(保険者番号 + 被保険者番号, within the office) and to their month's slip, with each line's actuals
before and after (billing.slip_selectors.actuals_plan — the same rule the write applies). Reads only.

What cannot be applied is listed, never guessed: a client the office does not have, a month without
a slip, a record that matches no line of the slip. Format errors block the whole import; these
block it too unless the user confirms that the rest be applied (exchange_import_services).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from carebridge.billing import slip_actuals
from carebridge.billing import slip_selectors as billing
from carebridge.billing.models import UsageSlip
from carebridge.clients.models import Client
from carebridge.core.models import Office
from carebridge.directory.models import Provider

from .exchange_import import ActualRecord, ActualsGroup, ImportProblem, ParsedImport, parse_import

NO_TIME = "9999"


def _time(value: str) -> dt.time | None:
    return None if value == NO_TIME else dt.time(int(value[:2]), int(value[2:]))


def entries_of(records: Sequence[ActualRecord]) -> list[slip_actuals.ActualEntry]:
    return [slip_actuals.ActualEntry(r.service_code, r.day, r.count, _time(r.start), _time(r.end)) for r in records]


@dataclass
class PreviewRow:
    """One report matched to a client's month: the lines it changes (before → after)."""

    group: ActualsGroup
    client: Client
    month: dt.date
    provider_name: str
    plan: billing.ActualsPlan

    @property
    def entries(self) -> list[slip_actuals.ActualEntry] | None:
        return entries_of(self.group.records) if self.group.records is not None else None

    @property
    def clears(self) -> bool:
        return self.group.records is None


@dataclass
class ImportPreview:
    parsed: ParsedImport
    rows: list[PreviewRow] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[ImportProblem]:
        return self.parsed.problems

    @property
    def blocked(self) -> bool:
        return bool(self.parsed.problems)

    @property
    def changed_lines(self) -> int:
        return sum(len(row.plan.changed) for row in self.rows)

    @property
    def client_ids(self) -> list[int]:
        return sorted({row.client.pk for row in self.rows})

    @property
    def fingerprint(self) -> str:
        """What the user saw: the files and every change and unmatched item (a confirm is refused
        when it differs, i.e. the slips changed since the preview)."""
        facts = {
            "files": sorted(f.sha256 for f in self.parsed.files),
            "changes": [
                [row.client.pk, str(row.month), c.line_id, c.before, c.after]
                for row in self.rows
                for c in row.plan.changes
            ],
            "unmatched": self.unmatched,
        }
        return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode()).hexdigest()


def _where(group: ActualsGroup, line: int | None = None) -> str:
    return f"{group.file} {line or group.first_line}行目"


def preview_import(*, office: Office, files: Sequence[tuple[str, bytes]]) -> ImportPreview:
    """Parse, check and match; nothing is written. Queries: one for the clients, one for the
    providers, then the slip of each client's month (two per client-month)."""
    parsed = parse_import(files, office_number=office.office_number)
    preview = ImportPreview(parsed)
    if parsed.problems:
        return preview
    keys = {(g.insurer, g.insured) for g in parsed.groups}
    clients = {
        (c.insurer_number, c.insured_number): c
        for c in Client.objects.filter(office=office, insured_number__in=sorted({k[1] for k in keys}))
    }
    providers = {
        p.provider_number: p.name
        for p in Provider.objects.filter(
            office=office, provider_number__in=sorted({g.provider_number for g in parsed.groups})
        )
    }
    slips: dict[tuple[int, dt.date], UsageSlip | None] = {}
    for group in parsed.groups:
        client = clients.get((group.insurer, group.insured))
        if client is None:
            preview.unmatched.append(
                f"{_where(group)}: 保険者番号 {group.insurer}・被保険者番号 {group.insured} "
                "の利用者が当事業所にいません"
            )
            continue
        month = dt.date(int(group.month[:4]), int(group.month[4:]), 1)
        if (client.pk, month) not in slips:
            slips[(client.pk, month)] = billing.slip_for_actuals(client=client, month=month)
        slip = slips[(client.pk, month)]
        row = PreviewRow(
            group=group,
            client=client,
            month=month,
            provider_name=providers.get(group.provider_number, ""),
            plan=billing.ActualsPlan(None, [], []),
        )
        row.plan = billing.actuals_plan(
            slip=slip,
            provider_number=group.provider_number,
            service_type=group.service_type,
            entries=row.entries,
        )
        if slip is None:
            preview.unmatched.append(f"{_where(group)}: {client.name}さんの{month:%Y年%m月}の利用票がありません")
            continue
        lines = {(r.service_code, r.day): r.line for r in group.records or ()}
        for item in row.plan.unmatched:
            line = lines.get((item.entry.service_code, item.entry.day))
            preview.unmatched.append(
                f"{_where(group, line)}: {client.name}さん サービスコード {item.entry.service_code} "
                f"{item.entry.day}日: {item.reason}"
            )
        preview.rows.append(row)
    return preview
