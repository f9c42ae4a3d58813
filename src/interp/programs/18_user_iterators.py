# User iterator classes: __iter__/__next__, StopIteration, for loops, list()/sum()/zip() on them, iter/next.
class Countdown:
    def __init__(self, start):
        self.current = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1
for v in Countdown(3):
    print(v, end=" ")
print()
print(list(Countdown(5)), sum(Countdown(100)))
class Cycle:
    def __init__(self, items, limit):
        self.items = items
        self.limit = limit
    def __iter__(self):
        return CycleIter(self.items, self.limit)
class CycleIter:
    def __init__(self, items, limit):
        self.items = items
        self.limit = limit
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.limit:
            raise StopIteration()
        v = self.items[self.i % len(self.items)]
        self.i += 1
        return v
c = Cycle(["a", "b", "c"], 7)
print(list(c), list(c), "".join(c))
it = iter(c)
print(next(it), next(it), next(it, "?"))
class Fib:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        a, b = 0, 1
        for _ in range(self.n):
            yield a
            a, b = b, a + b
print(list(Fib(15)), max(Fib(20)))
class Pairs:
    def __init__(self, seq):
        self.seq = seq
        self.pos = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.pos + 1 >= len(self.seq):
            raise StopIteration
        p = (self.seq[self.pos], self.seq[self.pos + 1])
        self.pos += 1
        return p
print(list(Pairs([1, 2, 3, 4])), [a * b for a, b in Pairs([2, 3, 5, 7])])
print(list(zip(Countdown(3), Pairs("wxyz"))), dict(Pairs("abcd")))
ci = Countdown(2)
print(next(ci), next(ci))
try:
    next(ci)
except StopIteration:
    print("StopIteration from user iterator")
print(next(ci, "done"))
for i, v in enumerate(Countdown(3)):
    print(i, v)
class Tokens:
    def __init__(self, text):
        self.words = text.split()
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        while self.i < len(self.words):
            w = self.words[self.i]
            self.i += 1
            if w.startswith("#"):
                continue
            return w.strip(",.")
        raise StopIteration
print(list(Tokens("alpha, #skip beta. gamma #also delta,")))
outer = Countdown(3)
results = []
for a in outer:
    for b in Countdown(a):
        results.append((a, b))
print(results)
print(any(v > 2 for v in Countdown(3)), all(v > 0 for v in Countdown(4)), sorted(Countdown(4)))
print(tuple(Countdown(3)), min(Countdown(6)), [x for x in Countdown(6) if x % 2])
