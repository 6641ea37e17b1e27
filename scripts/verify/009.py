"""009 video-conference system: the due dates of the schedule's duties."""
from datetime import timedelta
from cal import d, days_after, late, show

rows = [
    ("3.1 plan", days_after("2025-04-07", 3), "2025-04-10"),
    ("3.2 survey", days_after("2025-04-07", 2), "2025-04-11"),
    ("3.3 installation", days_after("2025-05-09", 10), "2025-05-22"),
    # 'N days before' is counted back and never moved.
    ("7.2.2 certificates", d("2025-05-12") - timedelta(5), "2025-05-06"),
]
for name, due, done in rows:
    n = late(due, done)
    show(name, f"due {due}, done {done}, {'done late by %d days' % n if n else 'done'}")
