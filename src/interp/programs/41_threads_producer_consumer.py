# threading: producer/consumer over a shared list guarded by a Lock, polling with time.sleep(0), sentinels.
import threading
import time
buffer = []
lock = threading.Lock()
consumed = [None, None]
def producer(start, count):
    for i in range(start, start + count):
        with lock:
            buffer.append(i)
        if i % 50 == 0:
            time.sleep(0)
def consumer(slot):
    total = 0
    items = 0
    while True:
        item = None
        got = False
        with lock:
            if buffer:
                item = buffer.pop(0)
                got = True
        if not got:
            time.sleep(0)
            continue
        if item is None:
            break
        total += item
        items += 1
    consumed[slot] = (items, total)
producers = [threading.Thread(target=producer, args=(k * 1000, 300)) for k in range(3)]
consumers = [threading.Thread(target=consumer, args=(s,)) for s in range(2)]
for c in consumers:
    c.start()
for p in producers:
    p.start()
for p in producers:
    p.join()
with lock:
    buffer.append(None)
    buffer.append(None)
for c in consumers:
    c.join()
items = consumed[0][0] + consumed[1][0]
total = consumed[0][1] + consumed[1][1]
expected = sum(range(0, 300)) + sum(range(1000, 1300)) + sum(range(2000, 2300))
print("items", items, "total", total, "expected", expected, "buffer left", buffer)
# single producer / single consumer: order is preserved, so the sequence itself is deterministic
queue = []
qlock = threading.Lock()
received = []
def ordered_producer():
    for word in "the quick brown fox jumps over the lazy dog".split():
        with qlock:
            queue.append(word)
        time.sleep(0)
    with qlock:
        queue.append("<done>")
def ordered_consumer():
    while True:
        w = None
        with qlock:
            if queue:
                w = queue.pop(0)
        if w is None:
            time.sleep(0)
        elif w == "<done>":
            return
        else:
            received.append(w.upper())
pt = threading.Thread(target=ordered_producer)
ct = threading.Thread(target=ordered_consumer)
ct.start()
pt.start()
pt.join()
ct.join()
print(" ".join(received))
# pipeline: stage1 squares, stage2 sums; handoff through two lists
mid = []
mid_lock = threading.Lock()
final = {"sum": 0, "count": 0}
def stage1():
    for v in range(1, 201):
        with mid_lock:
            mid.append(v * v)
    with mid_lock:
        mid.append(-1)
def stage2():
    while True:
        v = None
        with mid_lock:
            if mid:
                v = mid.pop(0)
        if v is None:
            time.sleep(0)
            continue
        if v < 0:
            break
        final["sum"] += v
        final["count"] += 1
s2 = threading.Thread(target=stage2)
s1 = threading.Thread(target=stage1)
s2.start()
s1.start()
s1.join()
s2.join()
print(final, sum(v * v for v in range(1, 201)))
