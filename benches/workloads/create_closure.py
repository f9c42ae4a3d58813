# Closure creation: each thread creates a fresh nested function per iteration and calls it once
# Pattern: ftscalingbench `create_closure`. Every function object is private, but it references the shared
# code object and globals dict, whose refcounts are touched at creation and destruction.
# iters: 2500000
def work(tid, n):
    accu = 0
    for i in range(n):
        def foo(x):
            return x
        accu = foo(i)
    return accu
