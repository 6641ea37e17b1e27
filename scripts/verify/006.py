"""006 switchgear installation: payment due dates and 5.5's 3‰ a day of the unpaid amount."""
from cal import D, days_after, late, fen, show

TOTAL, RATE = D("500000"), D("0.003")
rows = [
    ("m1 (5.1, 30%)", D("0.30"), days_after("2025-06-02", 5), "2025-06-09"),
    ("m2 (5.2, 40%)", D("0.40"), days_after("2025-07-14", 5), "2025-08-20"),
    ("m3 (5.3, 30%)", D("0.30"), days_after("2025-09-15", 10), "2025-10-31"),
]
total = D(0)
for name, share, due, paid in rows:
    amount = fen(TOTAL * share)
    n = late(due, paid)
    p = fen(amount * RATE * n)
    total += p
    show(name, f"{amount} due {due}, paid {paid}, {n} days late, penalty {p}")
show("5.5 total", total)
