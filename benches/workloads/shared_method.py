# Shared class, private instance: method calls on a per-thread instance of one shared class
# Pattern: ftscalingbench `pymethod`. Each thread owns its Counter, but the class, its method function and
# the method lookup (type attribute cache) are shared. Stresses refcounts on the shared function/class and
# any bound-method object created per call.
# iters: 1500000
class Counter:
    def __init__(self):
        self.i = 0

    def next_number(self):
        self.i += 1
        return self.i


def work(tid, n):
    c = Counter()
    for i in range(n):
        c.next_number()
    return c.i
