# Thread-local reads: every thread reads an attribute of one shared threading.local() object
# Pattern: ftscalingbench `thread_local_read`. The local object itself is shared (one module global), but
# each thread sees its own attribute values, so the reads touch the shared object's refcount and the
# calling thread's own storage. Free-threaded CPython once serialized here on the local's refcount.
# iters: 1200000
import threading

LOCAL = None


def setup():
    global LOCAL
    LOCAL = threading.local()


def work(tid, n):
    tmp = LOCAL
    tmp.x = 10 + tid
    total = 0
    for i in range(n):
        total += tmp.x
        total += tmp.x
        total += tmp.x
        total += tmp.x
        total += tmp.x
    return total
