# Generators: each thread creates a fresh generator per iteration and runs it to exhaustion
# Pattern: ftscalingbench `generator`. The generator objects and frames are private; the generator function
# and its code are shared. Stresses frame/generator allocation and refcounts on the shared function.
# iters: 300000
def simple_gen():
    for i in range(10):
        yield i


def work(tid, n):
    accu = 0
    for i in range(n):
        for v in simple_gen():
            accu += v
    return accu
