# False sharing of a container: threads write disjoint keys of one shared dict
# Scenario: per-thread results stored into one shared dict (a common "results by worker" pattern). The keys
# never collide (key = tid * 1000000 + i % 64), so there is no logical conflict, only the dict object and
# its table shared between writers. A per-dict lock or a GIL serializes it; stresses writes to one object.
# iters: 3000000
SHARED = {}


def setup():
    global SHARED
    SHARED = {}


def work(tid, n):
    shared = SHARED
    base = tid * 1000000
    total = 0
    for i in range(n):
        key = base + i % 64
        shared[key] = i
        total += shared[key]
    return total % 1000003
