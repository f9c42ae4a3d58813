# Read-mostly sharing: every thread reads one shared dict of lists built once in setup()
# Scenario: a configuration or lookup table shared by all workers (ftscalingbench's premise that reads of
# shared objects ought to scale). Each iteration looks up a key and reads items of its list; nothing is
# written, but every read touches the refcounts of the shared dict, lists and items unless the design
# defers or skips them.
# iters: 1200000
DATA = {}


def setup():
    global DATA
    DATA = {}
    for k in range(256):
        DATA["key%d" % k] = [k, k * 2, k * 3, k * 5, k * 7, k * 11, k * 13, k * 17]
    DATA["keys"] = ["key%d" % k for k in range(256)]


def work(tid, n):
    data = DATA
    keys = data["keys"]
    total = 0
    for i in range(n):
        row = data[keys[(i * 7 + tid) % 256]]
        total += row[i % 8] + row[(i + 3) % 8]
    return total % 1000003
