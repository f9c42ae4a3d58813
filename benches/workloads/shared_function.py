# Shared function: every thread calls the same module-level function object
# Pattern: ftscalingbench `pyfunction`. The function object, its code and its globals dict are shared by all
# threads, so each call touches shared objects (a LOAD_GLOBAL and a call). Under naive atomic reference
# counting each call is a contended RMW on the function object; deferred or biased RC should scale.
# iters: 2500000
def next_number(i):
    return i + 1


def work(tid, n):
    accu = 0
    for i in range(n):
        accu = next_number(i)
    return accu
