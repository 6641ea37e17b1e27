"""011 mutual delay clause: 2‰ a day of the late batch or the late payment, 5% caps."""
from datetime import timedelta
from cal import D, days_after, late, fen, show

TOTAL, RATE = D("300000"), D("0.002")
CAP = fen(TOTAL * D("0.05"))
due = days_after("2025-03-03", 45)
n1, n2 = late(due, "2025-04-19"), late(due, "2025-07-06")
p1, p2 = fen(D("200000") * RATE * n1), fen(D("100000") * RATE * n2)
show("delivery due", due)
show("batch 1", f"{n1} days late, {p1}")
show("batch 2", f"{n2} days late, {p2}")
show("seller before cap", p1 + p2)
show("seller cap (5%)", CAP)
# In date order: batch 1's 800 first, then batch 2 up to the cap.
show("batch 2 after cap", min(p2, CAP - p1))
# Batch 2 adds 200 a day: the cap is reached when 800 + 200 × k >= 15,000.
k = 0
while p1 + fen(D("100000") * RATE * k) < CAP:
    k += 1
show("cap reached on", due + timedelta(k))
pay_due = days_after("2025-07-15", 30)
m = late(pay_due, "2025-08-24")
show("payment", f"due {pay_due}, {m} days late, {fen(TOTAL * RATE * m)} (cap {CAP})")
