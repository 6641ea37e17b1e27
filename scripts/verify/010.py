"""010 software development: due dates (5 working days, with the 2025 National Day make-up
Sunday) and 3.3's late charge, days × amount due × 0.1%."""
from cal import D, d, working_days_after, late, fen, show

TOTAL, RATE = D("400000"), D("0.001")
rows = [
    ("m1 预付款 30%", D("0.30"), working_days_after("2025-09-22", 5), "2025-10-15"),
    ("m2 进度款 40%", D("0.40"), d("2025-12-10"), "2025-12-10"),
    ("m3 尾款 30%", D("0.30"), d("2026-03-16"), "2026-04-20"),
]
total = D(0)
for name, share, due, paid in rows:
    amount = fen(TOTAL * share)
    n = late(due, paid)
    p = fen(amount * RATE * n)
    total += p
    show(name, f"{amount} due {due}, {n} days late, charge {p}")
show("3.3 total", total)
