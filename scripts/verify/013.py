"""013 cabling: stepped per-day rates on the total, the completion deadline moved (顺延) by the
buyer's payment delay, and force majeure stopping accrual.

'十天以上' / '一个月以上' include the number (Civil Code Art. 1259); a month of delay is 30 days.
Buyer: days 1-9 nothing, from day 10 1‰, from day 30 5‰. Seller: days 1-9 1‰, from day 10 5‰.
'stepped': each day at its band's rate; 'whole': every day at the rate of the last day's band.
"""
from datetime import timedelta
from cal import D, d, days_after, move, late, fen, show

TOTAL = D("200000")
BUYER = [(1, 9, D("0")), (10, 29, D("0.001")), (30, None, D("0.005"))]
SELLER = [(1, 9, D("0.001")), (10, None, D("0.005"))]


def stepped(bands, n):
    s = D(0)
    for lo, hi, rate in bands:
        top = n if hi is None else min(hi, n)
        if top >= lo:
            s += TOTAL * rate * (top - lo + 1)
    return fen(s)


def whole(bands, n):
    for lo, hi, rate in bands:
        if n >= lo and (hi is None or n <= hi):
            return fen(TOTAL * rate * n)
    return fen(D(0))


# Payments (assumed): 50% 5 days after signing, 50% 10 days after acceptance.
m1_due = days_after("2025-03-03", 5)          # Sat 03-08 -> Mon 03-10 (Art. 203)
m2_due = days_after("2025-05-20", 10)         # Fri 05-30
n1, n2 = late(m1_due, "2025-03-24"), late(m2_due, "2025-07-15")
show("m1", f"due {m1_due}, paid 2025-03-24, {n1} days late: stepped {stepped(BUYER, n1)}, "
           f"whole {whole(BUYER, n1)}")
show("m2", f"due {m2_due}, paid 2025-07-15, {n2} days late: stepped {stepped(BUYER, n2)}, "
           f"whole {whole(BUYER, n2)}")
show("四.1 stepped", stepped(BUYER, n1) + stepped(BUYER, n2))
show("四.1 whole", whole(BUYER, n1) + whole(BUYER, n2))

# Completion 45 days after signing, moved by the buyer's delay in paying the advance (m1: due
# 03-10, paid 03-24: 14 days): 45 + 14 = 59 days after 03-03 = 05-01, Labour Day -> 05-06.
delay = (d("2025-03-24") - m1_due).days
unmoved = days_after("2025-03-03", 45)
due = move(d("2025-03-03") + timedelta(45 + delay))
n = late(due, "2025-05-19")
show("buyer's delay (days)", delay)
show("completion due unmoved", unmoved)
show("completion due moved", due)
show("四.2", f"{n} days late: stepped {stepped(SELLER, n)}, whole {whole(SELLER, n)}")
show("四.2 unmoved would be", f"{late(unmoved, '2025-05-19')} days late: "
                              f"stepped {stepped(SELLER, late(unmoved, '2025-05-19'))}")

# What if force majeure struck on 2025-05-12 (the contract dissolves): accrual stops that day
# (counted up to it, inclusive). 四.2: 05-07 ... 05-12 = 6 days; m2 falls due after it: nothing.
fm = d("2025-05-12")
n_fm = (fm - due).days
show("四.2 with force majeure on 2025-05-12", f"{n_fm} days: {stepped(SELLER, n_fm)}")
show("四.1 with force majeure on 2025-05-12", stepped(BUYER, n1) + stepped(BUYER, max(0, (fm - m2_due).days)))
