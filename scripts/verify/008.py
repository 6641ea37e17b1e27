"""008 college IT project: milestone amounts and due dates (no penalty clause)."""
from cal import D, d, years_after, late, fen, show

TOTAL = D("1000000")
STAGE = D("0.50")  # the modules' stage: '分阶段累计付款不超过合同金额的50%'
rows = [
    ("m1 首付款 30%", D("0.30"), d("2024-03-04"), "2024-03-21"),
    ("mod1 40% × 50%", D("0.40") * STAGE, d("2024-06-17"), "2024-07-01"),
    ("mod2 35% × 50%", D("0.35") * STAGE, d("2024-08-19"), "2024-09-02"),
    ("mod3 25% × 50%", D("0.25") * STAGE, d("2024-10-21"), "2024-10-31"),
    # 20% after final acceptance (2024-12-16) once the bond is paid (2024-12-23): the later.
    ("m-final 20%", D("0.20"), max(d("2024-12-16"), d("2024-12-23")), "2024-12-30"),
    ("bond-1 5%", D("0.05"), years_after("2024-12-16", 1), "2025-12-26"),
    ("bond-2 5%", D("0.05"), years_after("2024-12-16", 2), "2026-12-21"),
]
s = D(0)
for name, share, due, paid in rows:
    s += share
    show(name, f"{fen(TOTAL * share)} due {due}, paid {paid}, {late(due, paid)} days late")
show("shares add up to", s)
