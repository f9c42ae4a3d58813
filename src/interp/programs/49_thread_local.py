# threading.local: attributes are per thread; a new thread starts with none; locals are independent.
import threading
loc = threading.local()
other = threading.local()
loc.x = 1
loc.name = "main"
other.x = 100
print(loc.x, loc.name, other.x)
results = [None] * 4
def worker(i):
    try:
        loc.x
        seen = "inherited"
    except AttributeError as e:
        seen = str(e)
    loc.x = i * 10
    loc.items = []
    for k in range(100):
        loc.items.append(loc.x + k)
        loc.x += 1
    other.x = -i
    results[i] = (seen, loc.x, sum(loc.items), other.x, getattr(loc, "name", "no name"), hasattr(loc, "items"))
ts = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
for r in results:
    print(r)
print(loc.x, loc.name, other.x, hasattr(loc, "items"))
del loc.name
try:
    loc.name
except AttributeError as e:
    print("after del:", e)
try:
    del loc.missing
except AttributeError as e:
    print("del missing:", e)
setattr(loc, "y", 5)
print(getattr(loc, "y"), loc.x + loc.y)
fresh = threading.local()
print(hasattr(fresh, "x"), type(fresh) is type(loc), type(loc) is type(other))
def shared_counter(out, slot):
    loc.count = 0
    for _ in range(1000):
        loc.count += 1
    out[slot] = loc.count
out = [0] * 3
ws = [threading.Thread(target=shared_counter, args=(out, s)) for s in range(3)]
for w in ws:
    w.start()
for w in ws:
    w.join()
print(out, hasattr(loc, "count"))
