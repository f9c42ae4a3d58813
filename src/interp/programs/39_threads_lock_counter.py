# threading: Lock-protected shared counter via acquire/release and `with lock:`, several threads, join all.
import threading
counter = 0
lock = threading.Lock()
def add_acquire_release(n):
    global counter
    for _ in range(n):
        lock.acquire()
        try:
            counter += 1
        finally:
            lock.release()
def add_with(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 2
threads = []
for i in range(4):
    threads.append(threading.Thread(target=add_acquire_release, args=(2500,)))
for i in range(4):
    threads.append(threading.Thread(target=add_with, args=(1500,)))
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter:", counter, "expected:", 4 * 2500 + 4 * 1500 * 2)
print("acquire returns", lock.acquire())
lock.release()
state = {"total": 0, "calls": 0, "max_seen": 0}
state_lock = threading.Lock()
def record(values):
    for v in values:
        with state_lock:
            state["total"] += v
            state["calls"] += 1
            if v > state["max_seen"]:
                state["max_seen"] = v
chunks = [list(range(k * 100, (k + 1) * 100)) for k in range(6)]
ts = [threading.Thread(target=record, args=(chunk,)) for chunk in chunks]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(state, sum(sum(c) for c in chunks))
hits = [0] * 8
hits_lock = threading.Lock()
def bucket_counter(seed):
    x = seed
    for _ in range(400):
        x = (x * 1103515245 + 12345) % 2147483648
        with hits_lock:
            hits[x % 8] += 1
ws = [threading.Thread(target=bucket_counter, args=(s,)) for s in range(5)]
for w in ws:
    w.start()
for w in ws:
    w.join()
print(hits, sum(hits))
def safe_fail(k):
    try:
        with lock:
            if k % 2:
                raise ValueError("inside lock")
    except ValueError:
        pass
fs = [threading.Thread(target=safe_fail, args=(k,)) for k in range(6)]
for f in fs:
    f.start()
for f in fs:
    f.join()
print("lock free after exceptions:", lock.acquire())
lock.release()
