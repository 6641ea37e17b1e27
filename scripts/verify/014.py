"""014 competitive-consultation form: a penalty inside the agreed extension (4.1.1, capped and set
off), another beyond it (4.1.2), both on the amount delivered late. The form's rates are blank:
the model's assumed 0.5% a day (cap 5% of the late part) and 1% a day.
"""
from datetime import timedelta
from cal import D, d, days_after, move, late, fen, show

LATE = D("200000")          # the amount delivered late (recorded)
R1, CAP1, R2 = D("0.005"), D("0.05"), D("0.01")
TOTAL = D("500000")

due = days_after("2025-06-02", 60)                          # Fri 08-01
extended = move(d("2025-06-02") + timedelta(60 + 15))       # 08-16 Sat -> Mon 08-18
done = d("2025-08-25")
show("contract time", due)
show("extended time (consent of 15 days)", extended)

# 4.1.1: from the contract time to the extended time (accrual stops there), capped at 5% of the
# late part; the cap is reached on the first day the running total reaches it.
n1 = late(due, str(min(done, extended)))
p1 = fen(LATE * R1 * n1)
cap = fen(LATE * CAP1)
k = next(k for k in range(1, n1 + 1) if LATE * R1 * k >= cap)
show("4.1.1", f"{n1} days × {R1} × {LATE} = {p1}; cap {cap} reached on day {k} "
              f"({due + timedelta(k)}); owed {min(p1, cap)}")
# 4.1.2: from the extended time to performance.
n2 = late(extended, "2025-08-25")
p2 = fen(LATE * R2 * n2)
show("4.1.2", f"{n2} days × {R2} × {LATE} = {p2}")
show("seller pays", min(p1, cap) + p2)

# Payment (assumed): 100% 15 days after acceptance (2025-09-05): 09-20 Sat -> Mon 09-22. Only
# 4.1.1's penalty is deducted: net payable 500,000 - 10,000 = 490,000, paid that day.
pay_due = days_after("2025-09-05", 15)
show("payment due", pay_due)
show("set off (4.1.1 only)", min(p1, cap))
show("net payable", TOTAL - min(p1, cap))

# Without the consent: no extension, so 4.1.1 stops on the contract time (nothing) and 4.1.2
# counts from it: 24 days × 2,000 = 48,000; nothing is set off.
n = late(due, "2025-08-25")
show("without the consent: 4.1.2", f"{n} days: {fen(LATE * R2 * n)}")
# Force majeure from 2025-08-20 (excused to the end): of 4.1.2's days 08-19 ... 08-25, the six
# from 08-20 are excused; 08-19 alone counts.
days = [extended + timedelta(i) for i in range(1, n2 + 1)]
counted = [x for x in days if x < d("2025-08-20")]
show("force majeure from 2025-08-20: 4.1.2", f"{len(counted)} day(s): {fen(LATE * R2 * len(counted))}")
