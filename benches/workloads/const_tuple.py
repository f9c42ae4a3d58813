# Constant loads: each thread compares against a tuple constant of the shared code object
# Pattern: ftscalingbench `load_tuple_const`. Like const_string but the shared constant is a tuple (a
# container, so not necessarily immortal in every design).
# iters: 6000000
def work(tid, n):
    accu = 0
    for i in range(n):
        if i == (1, 2):
            accu += 7
        else:
            accu += 1
    return accu
