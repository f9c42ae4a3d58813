# Write sharing: every thread appends to and pops from one shared list
# Scenario: a shared work list used as a stack without a user lock (the list's own thread safety is what
# is measured: a per-object lock, a GIL, or a race). Each thread pops only after its own append, so the
# list never underflows and stays short. Stresses contended writes to one container object.
# iters: 3000000
SHARED = []


def setup():
    global SHARED
    SHARED = []


def work(tid, n):
    shared = SHARED
    total = 0
    for i in range(n):
        shared.append(i)
        total += shared.pop()
    return total % 1000003
