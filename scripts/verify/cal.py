"""Shared helpers for the verify scripts: exact decimals and the Civil Code's counting of periods.

Written independently of lvyue's engine: the State Council holiday schedules the examples touch
are typed in here by hand (2024 and 2025; other years: weekends only, as the examples' dates in
2026 fall on plain weekdays), and periods are counted as Civil Code Arts. 201-203 say (the first
day is not counted; a last day on a day off moves to the next working day).
"""
from datetime import date, timedelta
from decimal import Decimal, ROUND_HALF_UP

D = Decimal


def d(s):
    return date.fromisoformat(s)


def rng(a, b):
    a, b = d(a), d(b)
    return {a + timedelta(n) for n in range((b - a).days + 1)}


# Statutory days off (国务院办公厅 放假安排) and make-up working days (调休上班).
HOLIDAYS = set().union(
    # 2024
    {d("2024-01-01")}, rng("2024-02-10", "2024-02-17"), rng("2024-04-04", "2024-04-06"),
    rng("2024-05-01", "2024-05-05"), {d("2024-06-10")}, rng("2024-09-15", "2024-09-17"),
    rng("2024-10-01", "2024-10-07"),
    # 2025
    {d("2025-01-01")}, rng("2025-01-28", "2025-02-04"), rng("2025-04-04", "2025-04-06"),
    rng("2025-05-01", "2025-05-05"), rng("2025-05-31", "2025-06-02"),
    rng("2025-10-01", "2025-10-08"),
)
MAKEUP = {d(x) for x in (
    "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14",
    "2024-09-29", "2024-10-12",
    "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
)}


def working(x):
    if x in MAKEUP:
        return True
    return x.weekday() < 5 and x not in HOLIDAYS


def move(x):
    """Art. 203: a last day on a day off moves to the next working day."""
    while not working(x):
        x += timedelta(1)
    return x


def days_after(s, n):
    """'N days after D': D is not counted (Art. 201); the last day moves (Art. 203)."""
    return move(d(s) + timedelta(n))


def working_days_after(s, n):
    x, left = d(s), n
    while left:
        x += timedelta(1)
        if working(x):
            left -= 1
    return x


def years_after(s, n):
    x = d(s)
    return move(x.replace(year=x.year + n))


def late(due, done):
    return max(0, (d(done) - due).days) if isinstance(due, date) else max(0, (d(done) - d(due)).days)


def fen(x):
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def show(label, value):
    print(f"{label}: {value}")
