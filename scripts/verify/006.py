"""006 switchgear installation: payment due dates and 5.5's 3‰ a day of the unpaid amount; 5.6's
right; 3.2's period moved by the civil works' delay; 5.4's 3 days after the payment notice."""
from datetime import datetime, timedelta
from cal import D, d, days_after, move, late, fen, show

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

# 5.6: '甲方未按合同约定支付工程款的，乙方有权不予通电': from the first day a payment is late.
firsts = [due + timedelta(1) for _, _, due, paid in rows if late(due, paid) > 0]
show("5.6 stop_service arises", min(firsts))

# 3.2 (period and civil-works date assumed): works due 90 days after signing, moved by the days
# the civil works (due 10 days after signing) were late in being handed over (06-20).
cw_due = days_after("2025-06-02", 10)
delay = (d("2025-06-20") - cw_due).days
unmoved = days_after("2025-06-02", 90)
moved = move(d("2025-06-02") + timedelta(90 + delay))
show("3.2 civil works due", f"{cw_due}, handed over 2025-06-20: {delay} days late")
show("3.2 works due", f"{moved} (unmoved {unmoved}); done 2025-09-05: "
                      f"{'late' if d('2025-09-05') > moved else 'in time'} "
                      f"({'late' if d('2025-09-05') > unmoved else 'in time'} unmoved)")

# 5.4: unpaid 3 days after the seller's notice (sent 2025-08-05 10:00): a period in days ends at
# 24:00 of the 3rd day; paid 2025-08-20 10:00.
deadline = datetime.combine(d("2025-08-05") + timedelta(3 + 1), datetime.min.time())
over = int((datetime.fromisoformat("2025-08-20T10:00") - deadline).total_seconds() // 60)
show("5.4 the notice's 3 days end", f"{deadline}, paid {over} min later: may stop work from then")
