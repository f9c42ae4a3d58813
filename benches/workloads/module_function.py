# Module attribute call: each thread calls a builtin function through a shared module object
# Pattern: ftscalingbench `module_function` / `cmodule_function`. gilfree has no user modules, so this calls
# `threading.get_ident()` (a native function, no system call: CPython reads pthread_self, gilfree its thread
# state): a load of the shared module global, an attribute lookup in the module's dict, and a native call.
# Stresses refcounts on the module object and the function object in its dict.
# iters: 2500000
import threading


def work(tid, n):
    total = 0
    for i in range(n):
        if threading.get_ident() == 0:
            total += 7
        else:
            total += 1
    return total
