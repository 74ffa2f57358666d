"""Small-cell suppression of the company report (workcare/report_rules.py).

Acceptance (issue 8): the report never shows a figure between 1 and 4 for any cell, nor one
derivable from totals — property tests on random tables, and hand-worked examples."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carebridge.workcare.report_rules import (
    HIDDEN_LABEL,
    SMALL_LABEL,
    Equation,
    Figure,
    Hidden,
    distribution,
    json_value,
    rate,
    single,
    suppress,
    table,
)

# Counts with many small ones and zeros, some large.
COUNT = st.one_of(st.integers(0, 6), st.integers(0, 60))


def lines_of(t):
    """Every equation of a Table as (parts, total) figures, with the hidden values' bounds."""
    lines = [(list(row), total) for row, total in zip(t.cells, t.row_totals, strict=True)]
    lines += [([row[j] for row in t.cells], t.column_totals[j]) for j in range(len(t.columns))]
    lines.append((list(t.column_totals), t.total))
    lines.append((list(t.row_totals), t.total))
    return lines


def bounds(figure: Figure) -> tuple[float, float]:
    if figure.hidden is Hidden.SMALL:
        return 1, 4
    if figure.hidden is Hidden.COMPLEMENT:
        return 0, math.inf
    return figure.value, figure.value


def derivable(parts: list[Figure], total: Figure) -> list[Figure]:
    """An attacker with one equation: the hidden parts whose value the shown ones pin down."""
    if total.is_hidden:
        return []
    hidden = [p for p in parts if p.is_hidden]
    rest = total.value - sum(p.value for p in parts if not p.is_hidden)
    pinned = []
    for cell in hidden:
        others = [bounds(p) for p in hidden if p is not cell]
        lo_c, hi_c = bounds(cell)
        lo = max(lo_c, rest - sum(hi for _lo, hi in others))
        hi = min(hi_c, rest - sum(lo for lo, _hi in others))
        if lo == hi:
            pinned.append(cell)
    return pinned


def check_line(parts: list[Figure], total: Figure) -> None:
    members = [*parts, total]
    assert all(not (f.value is not None and 1 <= f.value <= 4) for f in members)
    assert sum(1 for f in members if f.is_hidden) != 1, [f.label for f in members]
    assert derivable(parts, total) == [], [f.label for f in members]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda cols: st.lists(st.lists(COUNT, min_size=cols, max_size=cols), min_size=1, max_size=12)
    )
)
def test_random_tables_show_no_small_figure_and_nothing_derivable(counts):
    t = table([f"r{i}" for i in range(len(counts))], [f"c{j}" for j in range(len(counts[0]))], counts)
    for parts, total in lines_of(t):
        check_line(parts, total)
    # what is shown is the truth
    for i, row in enumerate(t.cells):
        for j, cell in enumerate(row):
            assert cell.value is None or cell.value == counts[i][j]


@settings(max_examples=300, deadline=None)
@given(st.lists(COUNT, min_size=1, max_size=8))
def test_random_distributions_show_no_small_figure_and_nothing_derivable(counts):
    d = distribution([(f"k{i}", c) for i, c in enumerate(counts)])
    check_line(list(d.cells), d.total)
    assert d.total.value in (None, sum(counts))


# -- hand-worked examples ----------------------------------------------------------------------------


def labels(d):
    return [c.label for c in d.cells], d.total.label


def test_a_distribution_of_large_figures_is_shown_whole():
    assert labels(distribution([("高", 12), ("中", 30), ("低", 8)])) == (["12", "30", "8"], "50")


def test_one_small_cell_hides_the_next_smallest_too():
    # 3 is hidden; alone it would be 50 - 12 - 35 = 3, so 12 (the smallest other) goes too.
    assert labels(distribution([("高", 3), ("中", 35), ("低", 12)])) == ([SMALL_LABEL, "35", HIDDEN_LABEL], "50")


def test_a_zero_next_to_a_small_cell_does_not_protect_it():
    # [2, 0, 40] total 42: hiding only the 2 would leave 42 - 0 - 40 = 2; the positive 40 is hidden
    # rather than the 0 (hiding the 0 would leave 2 + 0 = 2 with the 2 known to be >= 1: still 2).
    assert labels(distribution([("高", 2), ("中", 0), ("低", 40)])) == ([SMALL_LABEL, "0", HIDDEN_LABEL], "42")


def test_a_complementary_cell_with_only_zeros_beside_it_hides_the_total():
    # r0 = [2, 0 | 2], r1 = [30, 0 | 30]: the 2 and r0's total are small; column c0 [2, 30 | 32]
    # then hides the 30, and row r1 [30, 0 | 30] its total 30 (the 0 beside them protects nothing).
    t = table(["r0", "r1"], ["c0", "c1"], [[2, 0], [30, 0]])
    for parts, total in lines_of(t):
        check_line(parts, total)
    assert t.cells[0][0].label == SMALL_LABEL
    assert t.cells[1][0].label == HIDDEN_LABEL
    assert t.row_totals[1].label == HIDDEN_LABEL
    assert t.total.label == "32"


def test_two_small_cells_that_must_both_be_one_are_protected():
    # [1, 1, 20] total 22: two hidden cells adding up to 2, each >= 1: both are 1. One more goes.
    d = distribution([("a", 1), ("b", 1), ("c", 20)])
    assert labels(d) == ([SMALL_LABEL, SMALL_LABEL, HIDDEN_LABEL], "22")


def test_a_small_total_is_hidden_and_zeros_stay():
    assert labels(distribution([("a", 3), ("b", 0)])) == ([SMALL_LABEL, "0"], SMALL_LABEL)


def test_a_table_hides_complementary_cells_in_rows_and_columns():
    #        c0  c1 | total
    # r0      2  10 | 12
    # r1     10  10 | 20
    # total  12  20 | 32
    t = table(["r0", "r1"], ["c0", "c1"], [[2, 10], [10, 10]])
    assert [[c.label for c in row] for row in t.cells] == [[SMALL_LABEL, HIDDEN_LABEL], [HIDDEN_LABEL, HIDDEN_LABEL]]
    assert [f.label for f in t.row_totals] == ["12", "20"]
    assert [f.label for f in t.column_totals] == ["12", "20"]
    assert t.total.label == "32"
    for parts, total in lines_of(t):
        check_line(parts, total)


def test_equations_with_unknown_cells_and_negative_counts_are_refused():
    with pytest.raises(KeyError):
        suppress({"a": 1}, [Equation(("a", "b"), "t")])
    with pytest.raises(ValueError, match="negative"):
        suppress({"a": -1})
    with pytest.raises(ValueError, match="match"):
        table(["r"], ["c"], [[1, 2]])


def test_single_figures_rates_and_json():
    assert single(0).label == "0"
    assert single(4).label == SMALL_LABEL
    assert single(5).label == "5"
    assert rate(Figure(8), Figure(10)) == "80%"
    assert rate(Figure(None, Hidden.SMALL), Figure(10)) == "—"
    assert rate(Figure(0), Figure(0)) == "—"
    assert json_value(Figure(7)) == 7
    assert json_value(Figure(None, Hidden.SMALL)) == "<5"
