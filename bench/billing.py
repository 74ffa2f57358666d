"""Benchmark of 給付管理 (issue 10's acceptance). Figures are printed, not asserted.

1. The pure calculator (billing/rules.py `calculate`) on 10,000 clients' months generated in
   memory: client-months per second, and the ratio to a loop that only reads the same lines and
   sums their units (the floor for pure Python). Aim: ≥ 50,000 client-months/s on one core and
   within 5× the summing loop.
2. The month close and the 国保連 export on SQLite and on PostgreSQL against a raw SQL read of the
   same rows (section `close_and_export`; filled in with the month close).

    uv run python bench/billing.py [--clients 10000] [--repeat 5] [--seed 1]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from carebridge.billing.rules import ClientMonthInput, LineInput, calculate

LIMITS = (5032, 10531, 16765, 19705, 27048, 30938, 36217)
# (service type, code, units, unit price ×100 in 6級地, limit managed, rate ‰): the seed's figures.
SERVICES = (
    ("11", "111111", 244, 1042, True, None),
    ("11", "111211", 387, 1042, True, None),
    ("11", "112111", 179, 1042, True, None),
    ("13", "131311", 823, 1042, True, None),
    ("15", "151521", 777, 1027, True, None),
    ("15", "151531", 900, 1027, True, None),
    ("16", "161721", 903, 1033, True, None),
    ("21", "211121", 715, 1033, True, None),
    ("31", "311111", 515, 1000, False, None),
)
ADDITIONS = {"11": ("116275", 245), "15": ("156275", 92)}


def generate(clients: int, seed: int) -> list[ClientMonthInput]:
    """Client months like an office's: 2–6 services from 1–4 providers, a 処遇改善加算 on most
    訪問介護 and 通所介護 providers, about one client in ten over the limit."""
    rng = random.Random(seed)
    months = []
    for _ in range(clients):
        limit = rng.choice(LIMITS)
        lines: list[LineInput] = []
        providers = [f"13{rng.randrange(10**8):08d}" for _ in range(rng.randint(1, 4))]
        for _ in range(rng.randint(2, 6)):
            kind, code, units, price, managed, _ = rng.choice(SERVICES)
            count = rng.randint(1, 16 if kind != "21" else 7)
            lines.append(LineInput(rng.choice(providers), kind, code, units, count, price, managed))
        for provider, kind in {(line.provider, line.service_type) for line in lines}:
            if kind in ADDITIONS and rng.random() < 0.8:
                code, rate = ADDITIONS[kind]
                price = next(line.unit_price for line in lines if line.service_type == kind)
                lines.append(LineInput(provider, kind, code, 0, 1, price, False, None, rate))
        managed = sum(line.units * line.count for line in lines if line.limit_managed and line.rate_permille is None)
        if rng.random() < 0.1:  # over the limit
            limit = max(1000, managed * 3 // 4)
        elif managed > limit:  # most clients plan within their limit
            limit = next((lim for lim in LIMITS if lim >= managed), managed)
        months.append(ClientMonthInput(limit_units=limit, copay_rate=rng.choice((10, 10, 10, 20, 30)), lines=lines))
    return months


def sum_units(months: Sequence[ClientMonthInput]) -> int:
    """The floor: read every line once and sum its units."""
    total = 0
    for month in months:
        for line in month.lines:
            total += line.units * line.count
    return total


def sum_units_by_group(months: Sequence[ClientMonthInput]) -> int:
    """A second floor, for the report: the same read, summing per provider and service type (the
    grouping the 第7表 needs and the summing loop skips)."""
    total = 0
    for month in months:
        groups: dict[tuple[str, str], int] = {}
        for line in month.lines:
            key = (line.provider, line.service_type)
            groups[key] = groups.get(key, 0) + line.units * line.count
        total += len(groups)
    return total


def run_calculator(months: Sequence[ClientMonthInput]) -> int:
    total = 0
    for month in months:
        total += calculate(month).totals.total_cost
    return total


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def calculator(clients: int, repeat: int, seed: int) -> None:
    months = generate(clients, seed)
    line_count = sum(len(m.lines) for m in months)
    over = sum(1 for m in months if calculate(m).over_limit_units)
    floor = best_of(repeat, lambda: sum_units(months))
    grouped = best_of(repeat, lambda: sum_units_by_group(months))
    calc = best_of(repeat, lambda: run_calculator(months))
    print(f"client-months: {clients:,} ({line_count:,} lines, {over:,} over the limit)")
    print(f"summing loop:  {floor * 1000:8.1f} ms  {clients / floor:12,.0f} client-months/s")
    print(f"grouping loop: {grouped * 1000:8.1f} ms  {clients / grouped:12,.0f} client-months/s (for reference)")
    print(f"calculator:    {calc * 1000:8.1f} ms  {clients / calc:12,.0f} client-months/s")
    print(f"ratio calculator / summing loop: {calc / floor:.2f}× (aim ≤ 5×; aim ≥ 50,000 client-months/s)")
    print(f"ratio calculator / grouping loop: {calc / grouped:.2f}×")
    spread = [best_of(1, lambda: run_calculator(months)) for _ in range(repeat)]
    print(f"calculator runs: median {statistics.median(spread) * 1000:.1f} ms over {repeat}")


def close_and_export(clients: int) -> None:
    """The month close and the 国保連 export of `clients` clients on SQLite and PostgreSQL, against
    a raw SQL read of the same rows (aim ≤ 3×): bench/billing_close.py in its own process (it sets
    up Django and two databases of its own)."""
    script = Path(__file__).with_name("billing_close.py")
    subprocess.run([sys.executable, str(script), "--clients", str(clients)], check=True)  # noqa: S603 — our own script


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print("== calculator (billing/rules.py) ==")
    calculator(args.clients, args.repeat, args.seed)
    print("== close and export ==")
    close_and_export(args.clients)


if __name__ == "__main__":
    main()
