# Lock contention: every thread increments one shared counter under one threading.Lock
# Scenario: the textbook shared counter. All threads serialize on the lock by design, so no strategy should
# scale here; it measures the cost of the lock itself (uncontended at T=1, contended above) and of the
# shared counter cell.
# iters: 600000
import threading

LOCK = None
COUNTER = [0]


def setup():
    global LOCK, COUNTER
    LOCK = threading.Lock()
    COUNTER = [0]


def work(tid, n):
    lock = LOCK
    counter = COUNTER
    last = 0
    for i in range(n):
        with lock:
            counter[0] += 1
            last = counter[0]
    return last % 1000003
