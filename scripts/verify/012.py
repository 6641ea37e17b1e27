"""012 data-centre operations SLA: every timer of every fault, from the plan's table.

Hours are counted 7x24 and end at an instant (no holiday move); a timer not stopped is measured
to the end of the as-of day. The emergency plan is owed only for level-I faults whose 12-hour fix
limit was overrun, within 24 hours of the report; the fault report within 24 hours of the fix.
"""
from datetime import datetime, timedelta
from cal import show

AS_OF_END = datetime.fromisoformat("2025-07-01T00:00")  # 24:00 on 2025-06-30

RESPONSE = {"I": 1, "II": 2, "III": 3, "IV": 4}
PLAN = {"I": 2, "II": 3, "III": 4, "IV": 4}
FIX = {"I": 12, "II": 24, "III": 48, "IV": 72}

FAULTS = [
    # id, level, raised, answered, plan given, emergency plan, fixed, report given
    ("DC-01", "I", "2025-03-03T09:00", "2025-03-03T09:40", "2025-03-03T11:30", None,
     "2025-03-03T19:00", "2025-03-04T15:00"),
    ("DC-02", "II", "2025-04-10T22:00", "2025-04-11T00:30", "2025-04-11T00:50", None,
     "2025-04-12T02:00", "2025-04-13T08:00"),
    ("DC-03", "III", "2025-05-06T10:00", "2025-05-06T12:00", "2025-05-06T13:30", None,
     "2025-05-08T09:00", "2025-05-08T17:00"),
    ("DC-04", "IV", "2025-06-16T14:00", "2025-06-16T19:00", "2025-06-16T19:30", None,
     "2025-06-20T09:00", None),
    ("DC-05", "I", "2025-05-20T08:00", "2025-05-20T08:30", "2025-05-20T09:45",
     "2025-05-21T02:00", "2025-05-21T14:00", "2025-05-22T10:00"),
    ("DC-06", "I", "2025-06-09T20:00", "2025-06-09T20:50", "2025-06-09T21:30",
     "2025-06-10T23:00", "2025-06-11T12:00", "2025-06-12T16:00"),
]


def t(s):
    return datetime.fromisoformat(s) if s else None


def timer(name, fid, start, hours, stop):
    deadline = start + timedelta(hours=hours)
    until = stop or AS_OF_END
    over = max(0, int((until - deadline).total_seconds() // 60))
    if stop:
        status = "breached" if until > deadline else "met"
    else:
        status = "overdue" if until > deadline else "running"
    show(f"{fid} {name}", f"deadline {deadline:%Y-%m-%d %H:%M}, {status}, over {over} min")
    return status


for fid, level, raised, answered, plan, emergency, fixed, report in FAULTS:
    raised = t(raised)
    timer("response", fid, raised, RESPONSE[level], t(answered))
    timer("plan", fid, raised, PLAN[level], t(plan))
    fix = timer("fix", fid, raised, FIX[level], t(fixed))
    if level == "I" and fix in ("breached", "overdue"):
        timer("emergency-plan", fid, raised, 24, t(emergency))
    else:
        show(f"{fid} emergency-plan", "not owed")
    if fixed:
        timer("report", fid, t(fixed), 24, t(report))
