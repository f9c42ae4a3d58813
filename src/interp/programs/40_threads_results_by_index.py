# threading: workers write results into a preallocated list by index; Thread(target=, args=) with several args.
import threading
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
def worker(idx, n, results):
    results[idx] = fib(n)
N = 10
results = [None] * N
threads = []
for i in range(N):
    t = threading.Thread(target=worker, args=(i, i * 8, results))
    threads.append(t)
    t.start()
for t in threads:
    t.join()
print(results)
def square_range(out, slot, lo, hi):
    acc = []
    for v in range(lo, hi):
        acc.append(v * v)
    out[slot] = acc
out = [None] * 4
ts = [threading.Thread(target=square_range, args=(out, k, k * 5, k * 5 + 5)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(out)
print([sum(x) for x in out], sum(sum(x) for x in out))
def count_words(texts, slot, table):
    counts = {}
    for text in texts:
        for w in text.split():
            counts[w] = counts.get(w, 0) + 1
    table[slot] = counts
docs = ["a b c a", "b c d", "a a a z", "z y x", "c c b", "d a"]
parts = [docs[0:2], docs[2:4], docs[4:6]]
tables = [None] * len(parts)
ws = [threading.Thread(target=count_words, args=(parts[i], i, tables)) for i in range(len(parts))]
for w in ws:
    w.start()
for w in ws:
    w.join()
merged = {}
for tbl in tables:
    for k, v in tbl.items():
        merged[k] = merged.get(k, 0) + v
print(sorted(merged.items()))
print(tables)
def mat_row(a, b, i, out):
    row = []
    for j in range(len(b[0])):
        row.append(sum(a[i][k] * b[k][j] for k in range(len(b))))
    out[i] = row
A = [[i + j for j in range(6)] for i in range(6)]
B = [[(i * j) % 5 for j in range(6)] for i in range(6)]
C = [None] * 6
rows = [threading.Thread(target=mat_row, args=(A, B, i, C)) for i in range(6)]
for r in rows:
    r.start()
for r in rows:
    r.join()
for row in C:
    print(" ".join(["%3d" % v for v in row]))
flags = [False] * 16
def set_flag(i):
    flags[i] = True
fl = [threading.Thread(target=set_flag, args=(i,)) for i in range(16)]
for t in fl:
    t.start()
for t in fl:
    t.join()
print(all(flags), flags.count(True))
