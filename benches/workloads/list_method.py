# Builtin method calls: each thread calls list methods (pop/append) on its own list
# Pattern: ftscalingbench `object_cfunction`. The list is private; the method descriptors live on the shared
# list type. Stresses the lookup and refcounting of the shared builtin method objects.
# iters: 2000000
def work(tid, n):
    accu = 0
    tab = [1] * 100
    for i in range(n):
        tab.pop(0)
        tab.append(i)
        accu += tab[50]
    return accu % 1000003
