# Small dict creation: each thread builds and drops a one-entry dict per iteration
# Pattern: ftscalingbench `create_dict`. The dict is private; its key and value are shared constant strings,
# so each creation and destruction touches their refcounts unless the design makes constants immortal.
# iters: 2500000
def work(tid, n):
    count = 0
    for i in range(n):
        d = {
            "key": "value",
        }
        count += len(d)
    return count
