# Whole program, per thread: spectral norm of the infinite matrix A on private vectors
# Kernel: the benchmarks game / pyperformance bm_spectral_norm (adapted from
# src/interp/programs/k02_spectral_norm.py). Each iteration computes the norm for a 12x12 truncation (10
# power steps of A^T A u): function calls through shared module functions, list comprehensions,
# enumerate/zip and float arithmetic on private lists. Returns the sum of the norms.
# iters: 150
SIZE = 12


def eval_A(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def eval_times_u(func, u):
    return [func((i, u)) for i in range(len(list(u)))]


def part_A_times_u(i_u):
    i, u = i_u
    partial_sum = 0
    for j, u_j in enumerate(u):
        partial_sum += eval_A(i, j) * u_j
    return partial_sum


def part_At_times_u(i_u):
    i, u = i_u
    partial_sum = 0
    for j, u_j in enumerate(u):
        partial_sum += eval_A(j, i) * u_j
    return partial_sum


def eval_AtA_times_u(u):
    return eval_times_u(part_At_times_u, eval_times_u(part_A_times_u, u))


def spectral_norm(n):
    u = [1] * n
    for dummy in range(10):
        v = eval_AtA_times_u(u)
        u = eval_AtA_times_u(v)
    vBv = vv = 0
    for ue, ve in zip(u, v):
        vBv += ue * ve
        vv += ve * ve
    return (vBv / vv) ** 0.5


def work(tid, n):
    total = 0.0
    for i in range(n):
        total += spectral_norm(SIZE + i % 2)
    return total
