# gc.freeze() after building shared data, then threads read it (and one thread mutates a frozen list).
import gc
import threading

TABLE = {}
for k in range(50):
    TABLE["k%d" % k] = [k, k * 1000003, str(k) * 3, (k, k + 1.5)]
TABLE["keys"] = ["k%d" % k for k in range(50)]
gc.freeze()

results = [0] * 4


def reader(t):
    keys = TABLE["keys"]
    total = 0
    for i in range(2000):
        row = TABLE[keys[(i * 7 + t) % 50]]
        total += row[1] % 97 + len(row[2]) + row[3][0]
    results[t] = total


threads = [threading.Thread(target=reader, args=(t,)) for t in range(4)]
for th in threads:
    th.start()
for th in threads:
    th.join()
print(results)

# Frozen containers stay mutable: new items are counted as usual, replaced frozen ones stay alive.
row = TABLE["k3"]
row[0] = "replaced"
row.append([1, 2, 3])
del TABLE["k4"]
print(row, "k4" in TABLE, len(TABLE))
