"""The invoice of a month (issue 8 item 14): the contract's fee items and the month's activity give
the lines. Pure Python; amounts are integer yen. No payment processing.

- a monthly item (`month`) appears once, quantity 1;
- a per-activity item counts the month's activity of its unit (consultations held, three-party
  meetings held, seminars held, surveys opened) less the item's `included_count` (the part the
  monthly fee already covers), never below zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MONTH = "month"


@dataclass(frozen=True)
class FeeItemFacts:
    label: str
    unit: str
    unit_price: int
    included_count: int = 0


@dataclass(frozen=True)
class InvoiceLine:
    label: str
    unit: str
    unit_price: int
    activity: int  # what happened in the month (1 for a monthly item)
    included: int  # of which covered by the monthly fee
    quantity: int
    amount: int


def invoice_lines(items: Sequence[FeeItemFacts], activity: Mapping[str, int]) -> list[InvoiceLine]:
    lines: list[InvoiceLine] = []
    for item in items:
        if item.unit == MONTH:
            lines.append(InvoiceLine(item.label, item.unit, item.unit_price, 1, 0, 1, item.unit_price))
            continue
        count = max(0, int(activity.get(item.unit, 0)))
        included = min(count, item.included_count)
        quantity = count - included
        lines.append(
            InvoiceLine(item.label, item.unit, item.unit_price, count, included, quantity, quantity * item.unit_price)
        )
    return lines


def invoice_total(lines: Sequence[InvoiceLine]) -> int:
    return sum(line.amount for line in lines)
