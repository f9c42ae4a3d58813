# threading: independent CPU-bound computations per thread, get_ident differs from main, perf_counter (not printed).
import threading
import time
main_ident = threading.get_ident()
def count_primes(lo, hi):
    n = 0
    for c in range(max(lo, 2), hi):
        d = 2
        ok = True
        while d * d <= c:
            if c % d == 0:
                ok = False
                break
            d += 1
        if ok:
            n += 1
    return n
def collatz_max(lo, hi):
    best = (0, 0)
    for s in range(lo, hi):
        n = s
        steps = 0
        while n != 1:
            n = n // 2 if n % 2 == 0 else 3 * n + 1
            steps += 1
        if steps > best[0]:
            best = (steps, s)
    return best
def string_work(k):
    s = ""
    for i in range(200):
        s += str((i * k) % 10)
    return len(s.replace("7", "")), s[:12]
tasks = [(count_primes, (0, 2000)), (count_primes, (2000, 4000)), (collatz_max, (1, 1500)),
         (collatz_max, (1500, 3000)), (string_work, (3,)), (string_work, (7,))]
results = [None] * len(tasks)
idents_differ = [None] * len(tasks)
elapsed_ok = [None] * len(tasks)
def run(i):
    start = time.perf_counter()
    fn, args = tasks[i]
    results[i] = fn(*args)
    idents_differ[i] = threading.get_ident() != main_ident
    elapsed_ok[i] = time.perf_counter() - start >= 0
threads = [threading.Thread(target=run, args=(i,)) for i in range(len(tasks))]
t0 = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.perf_counter() - t0
print("results:", results)
print("sequential check:", [fn(*args) for fn, args in tasks] == results)
print("idents differ from main:", idents_differ, "main ident stable:", threading.get_ident() == main_ident)
print("elapsed non-negative:", all(elapsed_ok), wall >= 0.0)
def nested_spawn(depth, out, slot):
    if depth == 0:
        out[slot] = 1
        return
    sub = [0, 0]
    ts = [threading.Thread(target=nested_spawn, args=(depth - 1, sub, j)) for j in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    out[slot] = sum(sub)
leaves = [0]
nested_spawn(4, leaves, 0)
print("leaves spawned:", leaves[0])
time.sleep(0.001)
print("done")
