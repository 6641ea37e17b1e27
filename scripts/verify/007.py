"""007 fit-out works: 8.1 late completion, 8.2 rework, 6.4's 48-hour on-site timer."""
from datetime import datetime, timedelta
from cal import D, days_after, late, fen, show

TOTAL = D("300000")
due = days_after("2025-03-10", 60)
n = late(due, "2025-05-14")
show("completion due", due)
show("days late", n)
show("8.1 penalty", fen(TOTAL * D("0.003") * n))
show("8.1 terminate from (day 3)", due + timedelta(3))
show("8.1 further 20%", fen(TOTAL * D("0.20")))
show("8.2 penalty (one failed rework)", fen(TOTAL * D("0.20")))
for wid, rep, onsite in (("W-01", "2025-08-04T09:00", "2025-08-05T15:00"),
                         ("W-02", "2025-11-03T10:00", "2025-11-05T16:00")):
    r, o = datetime.fromisoformat(rep), datetime.fromisoformat(onsite)
    deadline = r + timedelta(hours=48)
    over = max(0, int((o - deadline).total_seconds() // 60))
    show(f"6.4 {wid}", f"deadline {deadline}, over {over} min, {'breached' if over else 'met'}")
