# Read-mostly sharing, frozen: shared_dict_read with gc.freeze() at the end of setup()
# Scenario: the read-mostly remedy of issue 5. Under `biased`, gc.freeze() makes every object reachable from
# the module (the dict, its lists, keys and ints) deferred, so the reads below touch no shared count; the
# other strategies (and CPython, where gc.freeze() only hides objects from the collector) run it unchanged.
# Compare with shared_dict_read, which is this file without the freeze.
# iters: 1200000
import gc

DATA = {}


def setup():
    global DATA
    DATA = {}
    for k in range(256):
        DATA["key%d" % k] = [k, k * 2, k * 3, k * 5, k * 7, k * 11, k * 13, k * 17]
    DATA["keys"] = ["key%d" % k for k in range(256)]
    gc.freeze()


def work(tid, n):
    data = DATA
    keys = data["keys"]
    total = 0
    for i in range(n):
        row = data[keys[(i * 7 + tid) % 256]]
        total += row[i % 8] + row[(i + 3) % 8]
    return total % 1000003
