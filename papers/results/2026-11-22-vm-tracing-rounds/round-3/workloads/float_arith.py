# Float arithmetic: the control, a tight loop on private floats with nothing shared but the code
# Pattern: ftscalingbench `mult_constant`. No shared mutable state at all (only float constants), so every
# design should scale here; a design that does not scale on this has a global bottleneck (allocator, lock).
# iters: 4000000
def work(tid, n):
    x = 1.0
    y = 0.0
    for i in range(n):
        x *= 1.01
        y += x
        if x > 2.0:
            x = x * 0.5
    return y
