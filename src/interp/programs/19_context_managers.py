# with statements: user __enter__/__exit__, `as` binding, exception passing/suppression, nesting, ordering.
log = []
class Tracker:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        log.append("enter " + self.name)
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            print("exit", self.name, "cleanly")
        else:
            print("exit", self.name, "with", exc_type is ValueError, str(exc))
        log.append("exit " + self.name)
        return self.suppress
with Tracker("a") as t:
    print("inside", t.name)
with Tracker("outer"):
    with Tracker("inner") as inner:
        print("nested body", inner.name)
with Tracker("suppressor", True):
    raise ValueError("hidden")
print("after suppressed")
try:
    with Tracker("passer"):
        raise ValueError("visible")
except ValueError as e:
    print("caught outside:", e)
try:
    with Tracker("o2"):
        with Tracker("i2", True):
            raise KeyError("k")
        print("inner suppressed, continuing")
        raise ValueError("from outer body")
except ValueError as e:
    print("caught", e)
print(log)
class Resource:
    open_count = 0
    def __init__(self, name):
        self.name = name
        self.data = []
    def __enter__(self):
        Resource.open_count += 1
        return self.data
    def __exit__(self, exc_type, exc, tb):
        Resource.open_count -= 1
        print(f"closing {self.name} with {len(self.data)} items")
        return False
def use(n):
    with Resource("r" + str(n)) as data:
        for i in range(n):
            data.append(i)
            if i == 3:
                return "early return at 3"
    return "finished"
print(use(2), Resource.open_count)
print(use(10), Resource.open_count)
for i in range(3):
    with Resource("loop" + str(i)) as d:
        d.append(i)
        if i == 1:
            continue
        if i == 2:
            break
print("loop done", Resource.open_count)
class Timer:
    def __enter__(self):
        self.entered = True
        return self
    def __exit__(self, a, b, c):
        self.exited = True
tm = Timer()
with tm:
    pass
print(tm.entered, tm.exited)
class Indent:
    level = 0
    def __enter__(self):
        Indent.level += 1
        return Indent.level
    def __exit__(self, *args):
        Indent.level -= 1
        return False
def show(msg):
    print("  " * Indent.level + msg)
show("top")
with Indent():
    show("one")
    with Indent() as lvl:
        show("two at " + str(lvl))
    show("one again")
show("top again")
