# Object creation: each thread creates and drops instances of one shared class
# Pattern: ftscalingbench `create_pyobject`. Every instance is private to its thread, but each allocation
# increments the shared class's refcount (an instance holds its type) and goes through the allocator.
# Stresses the allocator and refcounts on the type object.
# iters: 3000000
class MyObject:
    pass


def work(tid, n):
    count = 0
    for i in range(n):
        o = MyObject()
        count += 1
    return count
