# Live heap of 30000 two-item lists, kept from setup(); every iteration allocates one garbage list.
# Scenario: the collector's pause against the live heap (papers/results/pause_sweep.py).
# iters: 300000
LIVE = []


def setup():
    global LIVE
    LIVE = [[i, i + 1000] for i in range(30000)]


def work(tid, n):
    live = LIVE
    total = 0
    for i in range(n):
        t = [i, tid + 1000]
        total += live[(i * 7) % 30000][1] + t[0]
    return total % 1000003
