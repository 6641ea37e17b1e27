"""011 mutual delay clause: 2‰ a day of the late batch or the late payment, 5% caps."""
from datetime import timedelta
from cal import D, days_after, late, fen, show

TOTAL, RATE = D("300000"), D("0.002")
CAP = fen(TOTAL * D("0.05"))
due = days_after("2025-03-03", 45)
# '延期交货所折合的金额': the value delivered late, as the record states it: 150,000 of batch 1's
# 200,000 (50,000 came in time), all of batch 2's 100,000.
LATE1, LATE2 = D("150000"), D("100000")
n1, n2 = late(due, "2025-04-19"), late(due, "2025-07-06")
p1, p2 = fen(LATE1 * RATE * n1), fen(LATE2 * RATE * n2)
show("delivery due", due)
show("batch 1", f"{n1} days late, {p1}")
show("batch 2", f"{n2} days late, {p2}")
show("seller before cap", p1 + p2)
show("seller cap (5%)", CAP)
# In date order: batch 1's penalty first, then batch 2 up to the cap.
show("batch 2 after cap", min(p2, CAP - p1))
# Batch 2 adds 200 a day: the cap is reached when p1 + 200 × k >= 15,000.
k = 0
while p1 + fen(LATE2 * RATE * k) < CAP:
    k += 1
show("cap reached on", due + timedelta(k))
pay_due = days_after("2025-07-15", 30)
m = late(pay_due, "2025-08-24")
show("payment", f"due {pay_due}, {m} days late, {fen(TOTAL * RATE * m)} (cap {CAP})")
