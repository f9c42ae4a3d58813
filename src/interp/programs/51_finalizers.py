# Finalizers: __del__ runs once when an object dies (dropped, rebound, a local at return, a cycle), may resurrect it, and is inherited.
# Each drop is followed by gc.collect(), so that a tracing collector finds the object dead at the same point.
import gc

log = []

class Tracked:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        log.append(self.name)
        print("del", self.name)

class Quiet:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        log.append(self.name)

a = Tracked("a")
del a
gc.collect()
print("after del", log)

b = Tracked("b")
b = None
gc.collect()
print("after rebind", log)

def make_and_drop(n):
    t = Tracked("local" + str(n))
    return n * 2

r = make_and_drop(1)
gc.collect()
print("returned", r, log)

saved = []

class Phoenix:
    deaths = 0
    def __del__(self):
        Phoenix.deaths += 1
        print("phoenix dies, count", Phoenix.deaths)
        saved.append(self)

p = Phoenix()
p.payload = [1, 2, 3]
del p
gc.collect()
print("resurrected:", len(saved), saved[0].payload)
saved.clear()
gc.collect()
print("deaths after second drop:", Phoenix.deaths)

x = Tracked("x")
y = Quiet("y")
x.other = y
y.other = x
del x, y
log.clear()
found = gc.collect()
print("cycle finalized:", sorted(log), found > 0)

class Child(Tracked):
    pass

c = Child("child")
del c
gc.collect()
print("inherited", log[-1])

items = [Quiet("item" + str(i)) for i in range(3)]
log.clear()
items.clear()
gc.collect()
print("list cleared:", sorted(log))

class Holder:
    def __init__(self):
        self.inner = Tracked("inner")
    def __del__(self):
        print("holder dies first, inner still", self.inner.name)

h = Holder()
del h
gc.collect()
print("done")
