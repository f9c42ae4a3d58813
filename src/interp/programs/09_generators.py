# Generators: yield in loops, next() and StopIteration, generator expressions with sum/any/all/min/max.
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
def evens(limit):
    for v in range(limit):
        if v % 2 == 0:
            yield v
print(list(count_up(5)), list(evens(11)))
g = count_up(3)
print(next(g), next(g), next(g))
try:
    next(g)
except StopIteration:
    print("exhausted")
print(next(g, "default"))
def trace():
    print("  start")
    yield 1
    print("  middle")
    yield 2
    print("  end")
for v in trace():
    print("got", v)
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
out = []
for v in fib():
    if v > 500:
        break
    out.append(v)
print(out)
f = fib()
print([next(f) for _ in range(12)])
print(sum(x * x for x in range(10)))
print(any(x > 8 for x in range(10)), any(x > 9 for x in range(10)))
print(all(x < 10 for x in range(10)), all(x % 2 == 0 for x in [2, 4, 5]))
print(min(x % 7 for x in range(3, 20)), max(len(w) for w in ["a", "abc", "ab"]))
print(sorted(x % 5 for x in range(12)), list(c * 2 for c in "ab"))
gen = (n * 3 for n in range(4))
print(next(gen), list(gen), list(gen))
def take(n, it):
    it = iter(it)
    result = []
    for _ in range(n):
        try:
            result.append(next(it))
        except StopIteration:
            break
    return result
print(take(4, fib()), take(10, [1, 2, 3]))
def flatten(items):
    for item in items:
        if isinstance(item, list):
            for sub in flatten(item):
                yield sub
        else:
            yield item
print(list(flatten([1, [2, [3, [4, 5]], 6], [[7]]])))
def with_return(n):
    for i in range(n):
        yield i
        if i == 2:
            return
    yield "never when n>3"
print(list(with_return(10)), list(with_return(2)))
def gen_finally():
    try:
        yield "a"
        yield "b"
    finally:
        print("  cleanup")
for x in gen_finally():
    print(x)
def running_avg(values):
    total = 0.0
    count = 0
    for v in values:
        total += v
        count += 1
        yield total / count
print(list(running_avg([1, 2, 3, 4, 10])))
it = iter([10, 20, 30])
print(next(it), next(it), next(it), next(it, None))
print(list(zip(count_up(3), evens(100))), dict(enumerate(count_up(2))))
