# Whole program, per thread: fannkuch-redux permutation flipping on private lists
# Kernel: the benchmarks game / pyperformance bm_fannkuch (adapted from src/interp/programs/k03_fannkuch.py).
# Each iteration runs fannkuch(6) (720 permutations): list indexing, slicing, tuple swaps and integer
# arithmetic on private lists, nothing shared but code. Returns a checksum of checksums and flip counts.
# iters: 250
def fannkuch(n):
    max_flips = 0
    perm_sign = True
    checksum = 0
    perm1 = list(range(n))
    count = perm1[:]
    nm = n - 1
    while True:
        k = perm1[0]
        if k:
            perm = perm1[:]
            flips = 1
            kk = perm[k]
            while kk:
                # reverse perm[0..k] in place
                lo = 0
                hi = k
                while lo < hi:
                    perm[lo], perm[hi] = perm[hi], perm[lo]
                    lo += 1
                    hi -= 1
                flips += 1
                k = kk
                kk = perm[kk]
            if max_flips < flips:
                max_flips = flips
            checksum += flips if perm_sign else -flips
        # incremental change to generate the next permutation
        if perm_sign:
            perm1[0], perm1[1] = perm1[1], perm1[0]
            perm_sign = False
        else:
            perm1[1], perm1[2] = perm1[2], perm1[1]
            perm_sign = True
            r = 2
            exhausted = True
            while r < nm:
                if count[r]:
                    exhausted = False
                    break
                count[r] = r
                perm0 = perm1[0]
                for i in range(r + 1):
                    perm1[i] = perm1[i + 1]
                perm1[r + 1] = perm0
                r += 1
            if exhausted:
                r = nm
                if not count[r]:
                    return checksum, max_flips
            count[r] -= 1


def pyperf_fannkuch(n):
    # the pyperformance formulation: rotate with insert/pop, reverse by slicing
    count = list(range(1, n + 1))
    max_flips = 0
    m = n - 1
    r = n
    perm1 = list(range(n))
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        if perm1[0] != 0 and perm1[m] != m:
            perm = perm1[:]
            flips_count = 0
            k = perm[0]
            while k:
                perm = perm[k::-1] + perm[k + 1:]
                flips_count += 1
                k = perm[0]
            if flips_count > max_flips:
                max_flips = flips_count
        done = True
        while r != n:
            perm1.insert(r, perm1.pop(0))
            count[r] -= 1
            if count[r] > 0:
                done = False
                break
            r += 1
        if done:
            return max_flips


def work(tid, n):
    total = 0
    for i in range(n):
        if i % 2 == 0:
            checksum, flips = fannkuch(6)
            total = (total + checksum * 100 + flips) % 1000003
        else:
            total = (total + pyperf_fannkuch(6)) % 1000003
    return total
