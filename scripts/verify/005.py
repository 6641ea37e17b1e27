"""005 goods in two lots: the figures of examples/005-goods-two-lots from the text's rules."""
from cal import D, d, days_after, years_after, late, fen, show

TOTAL, LOT_A, LOT_B = D("200000"), D("120000"), D("80000")
RATE = D("0.0004")  # 万分之四 a day
# The parts delivered late, as the record states them: lot A none (on time), lot B 50,000 of its
# 80,000 (30,000 came in time).
LATE_A, LATE_B = D("0"), D("50000")

# 六(二)2: late delivery, 万分之四 of the late part a day; deadlines 30 days after signing.
due = days_after("2025-03-03", 30)
show("delivery due", due)
a_days, b_days = late(due, "2025-03-31"), late(due, "2025-04-20")
show("lot A days late", a_days)
show("lot B days late", b_days)
show("六(二)2-A penalty", fen(LATE_A * RATE * a_days))
show("六(二)2-B penalty (perform: the buyer still wants the goods)", fen(LATE_B * RATE * b_days))
# 六(二)1: more than 15 days late = cannot deliver: the buyer may terminate from day 16.
from datetime import timedelta
show("六(二)2-B terminate from", due + timedelta(16))
show("六(二)2-B terminate instead (cannot deliver): 5% of the total", fen(TOTAL * D("0.05")))

# 五.2: 95% on acceptance, 5% a year later; 六(一)2: 万分之四 of the overdue amount a day.
m1_due, m2_due = d("2025-04-24"), years_after("2025-04-24", 1)
m1, m2 = fen(TOTAL * D("0.95")), fen(TOTAL * D("0.05"))
m1_late, m2_late = late(m1_due, "2025-05-29"), late(m2_due, "2026-05-08")
show("m1", f"{m1} due {m1_due}, {m1_late} days late, penalty {fen(m1 * RATE * m1_late)}")
show("m2", f"{m2} due {m2_due}, {m2_late} days late, penalty {fen(m2 * RATE * m2_late)}")
show("六(一)2 total", fen(m1 * RATE * m1_late) + fen(m2 * RATE * m2_late))
