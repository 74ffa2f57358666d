"""Small-cell suppression of the company report (pure Python, no Django).

HR sees figures about groups, never about a person: any figure about 1 to 4 people is shown as
"<5" (primary suppression), and no hidden figure may be worked out from the figures shown
(complementary suppression).

The tables are described as cells (any hashable key -> a count) and *equations*: "these cells add
up to that total cell". A 2-D table with row and column totals gives one equation per row, per
column, plus the row of column totals and the column of row totals adding up to the grand total;
a 1-D distribution gives one equation. The rules:

1. Primary: a cell (or total) whose value is 1..4 is hidden ("<5").
2. Complementary: in every equation (its cells and its total together) the number of hidden
   members is 0 or at least 2: where exactly one is hidden, the smallest shown member is hidden
   too — a positive cell first (it protects better than a 0), then a 0, then the total. Zeros are
   hidden as complementary cells regardless of their value: a 0 shown next to one hidden cell in a
   row with a shown total would let anyone compute the hidden one.
3. Bounds: a hidden "<5" cell is known to be 1..4 and a complementary one to be >= 0. Where the
   total is shown, the hidden members add up to a known sum; if that leaves any of them a single
   possible value (two "<5" cells adding up to 2 are both 1; complementary cells under a total of
   0 are 0), one more member is hidden — in the end the total itself.
4. Repeat 2–3 until nothing changes (hiding a cell may open another equation).

A 0 that no equation needs stays 0: "nobody used this" is a figure about no one, and shows
nothing about a person. Hidden complementary cells are shown as "＊" (not "<5": they may be large,
and "<5" would misstate them).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

THRESHOLD = 5  # figures about fewer people than this are hidden
SMALL_LABEL = "<5"
HIDDEN_LABEL = "＊"


class Hidden(Enum):
    SMALL = "small"  # 1..4: primary suppression
    COMPLEMENT = "complement"  # hidden so that a small one cannot be derived


@dataclass(frozen=True)
class Equation:
    """`parts` add up to `total` (keys of the cells)."""

    parts: tuple[Hashable, ...]
    total: Hashable

    @property
    def members(self) -> tuple[Hashable, ...]:
        return (*self.parts, self.total)


@dataclass(frozen=True)
class Figure:
    """A figure as the report shows it: the number, or a label in its place."""

    value: int | None  # None when hidden
    hidden: Hidden | None = None

    @property
    def label(self) -> str:
        if self.hidden is Hidden.SMALL:
            return SMALL_LABEL
        if self.hidden is Hidden.COMPLEMENT:
            return HIDDEN_LABEL
        return str(self.value)

    @property
    def is_hidden(self) -> bool:
        return self.hidden is not None

    def __str__(self) -> str:
        return self.label


def is_small(value: int) -> bool:
    return 0 < value < THRESHOLD


def _bounds(kind: Hidden) -> tuple[float, float]:
    return (1, THRESHOLD - 1) if kind is Hidden.SMALL else (0, math.inf)


def _pinned(equation: Equation, values: Mapping[Hashable, int], hidden: Mapping[Hashable, Hidden]) -> bool:
    """With the total shown: do the bounds of the hidden parts leave one of them a single value?
    (A complementary 0 pinned to 0 by a total of 0 would give it away in its other equation.)"""
    if equation.total in hidden:
        return False
    unknown = [p for p in equation.parts if p in hidden]
    if not unknown:
        return False
    rest = sum(values[p] for p in unknown)  # what the total minus the shown parts tells
    for part in unknown:
        others = [_bounds(hidden[p]) for p in unknown if p != part]
        low, high = _bounds(hidden[part])
        low = max(low, rest - sum(hi for _lo, hi in others))
        high = min(high, rest - sum(lo for lo, _hi in others))
        if low == high:
            return True
    return False


def _pick(equation: Equation, values: Mapping[Hashable, int], hidden: Mapping[Hashable, Hidden]) -> Hashable | None:
    """The member to hide next: the smallest positive shown part, else a shown 0, else the total."""
    shown = [p for p in equation.parts if p not in hidden]
    positive = sorted((p for p in shown if values[p] > 0), key=lambda p: values[p])
    if positive:
        return positive[0]
    if shown:
        return shown[0]
    if equation.total not in hidden:
        return equation.total
    return None


def suppress(values: Mapping[Hashable, int], equations: Sequence[Equation] = ()) -> dict[Hashable, Figure]:
    """Every cell as shown: small ones and enough complementary ones hidden (rules above)."""
    for key, value in values.items():
        if value < 0:
            raise ValueError(f"a count cannot be negative: {key!r}={value}")
    for equation in equations:
        missing = [m for m in equation.members if m not in values]
        if missing:
            raise KeyError(f"an equation names unknown cells: {missing!r}")
    hidden: dict[Hashable, Hidden] = {key: Hidden.SMALL for key, value in values.items() if is_small(value)}
    changed = True
    while changed:
        changed = False
        for equation in equations:
            count = sum(1 for m in equation.members if m in hidden)
            if count == 1 or (count >= 2 and _pinned(equation, values, hidden)):
                pick = _pick(equation, values, hidden)
                if pick is not None:
                    hidden[pick] = Hidden.COMPLEMENT
                    changed = True
    return {key: Figure(None, hidden[key]) if key in hidden else Figure(value) for key, value in values.items()}


# -- the shapes the report uses ----------------------------------------------------------------------

TOTAL = "total"


@dataclass(frozen=True)
class Distribution:
    """A 1-D distribution and its total, as shown."""

    labels: tuple[str, ...]
    cells: tuple[Figure, ...]
    total: Figure

    @property
    def rows(self) -> list[tuple[str, Figure]]:
        return list(zip(self.labels, self.cells, strict=True))


def distribution(items: Sequence[tuple[str, int]]) -> Distribution:
    """Categories adding up to their total (urgency levels, on time / late / pending …)."""
    values: dict[Hashable, int] = {("part", i): count for i, (_label, count) in enumerate(items)}
    values[TOTAL] = sum(count for _label, count in items)
    shown = suppress(values, [Equation(tuple(("part", i) for i in range(len(items))), TOTAL)])
    return Distribution(
        labels=tuple(label for label, _count in items),
        cells=tuple(shown[("part", i)] for i in range(len(items))),
        total=shown[TOTAL],
    )


@dataclass(frozen=True)
class Table:
    """A 2-D table with row totals, column totals and the grand total, as shown."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[Figure, ...], ...]
    row_totals: tuple[Figure, ...]
    column_totals: tuple[Figure, ...]
    total: Figure

    @property
    def lines(self) -> list[tuple[str, tuple[Figure, ...], Figure]]:
        return list(zip(self.rows, self.cells, self.row_totals, strict=True))


def table(rows: Sequence[str], columns: Sequence[str], counts: Sequence[Sequence[int]]) -> Table:
    """Rows × columns of counts; the totals are computed here, then everything is suppressed."""
    if len(counts) != len(rows) or any(len(line) != len(columns) for line in counts):
        raise ValueError("the counts do not match the rows and columns")
    values: dict[Hashable, int] = {}
    for i, line in enumerate(counts):
        for j, count in enumerate(line):
            values[(i, j)] = count
        values[(i, TOTAL)] = sum(line)
    for j in range(len(columns)):
        values[(TOTAL, j)] = sum(line[j] for line in counts)
    values[(TOTAL, TOTAL)] = sum(sum(line) for line in counts)
    equations = [Equation(tuple((i, j) for j in range(len(columns))), (i, TOTAL)) for i in range(len(rows))]
    equations += [Equation(tuple((i, j) for i in range(len(rows))), (TOTAL, j)) for j in range(len(columns))]
    equations.append(Equation(tuple((TOTAL, j) for j in range(len(columns))), (TOTAL, TOTAL)))
    equations.append(Equation(tuple((i, TOTAL) for i in range(len(rows))), (TOTAL, TOTAL)))
    shown = suppress(values, equations)
    return Table(
        rows=tuple(rows),
        columns=tuple(columns),
        cells=tuple(tuple(shown[(i, j)] for j in range(len(columns))) for i in range(len(rows))),
        row_totals=tuple(shown[(i, TOTAL)] for i in range(len(rows))),
        column_totals=tuple(shown[(TOTAL, j)] for j in range(len(columns))),
        total=shown[(TOTAL, TOTAL)],
    )


def single(count: int) -> Figure:
    """A figure that adds up with no other shown figure: only the primary rule applies."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    return Figure(None, Hidden.SMALL) if is_small(count) else Figure(count)


def rate(part: Figure, whole: Figure) -> str:
    """「80%」 when both figures are shown and the whole is not 0; "—" otherwise."""
    if part.value is None or whole.value is None or whole.value == 0:
        return "—"
    return f"{round(part.value * 100 / whole.value)}%"


def json_value(figure: Figure) -> int | str:
    """The API's form: the number, or the label in its place ("<5", "＊")."""
    return figure.value if figure.value is not None else figure.label
