# Constant loads: each thread compares against a string constant of the shared code object
# Pattern: ftscalingbench `load_string_const`. The constant is shared by every thread running the code;
# loading it is a refcount increment on a shared object unless constants are immortal or deferred.
# iters: 5000000
def work(tid, n):
    accu = 0
    for i in range(n):
        if i == 'a string':
            accu += 7
        else:
            accu += 1
    return accu
