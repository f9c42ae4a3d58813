# Generator pipelines: chained generators, infinite sources with early stop, generator expressions, stateful filters.
def naturals(start=1):
    n = start
    while True:
        yield n
        n += 1
def take(n, gen):
    for i, v in enumerate(gen):
        if i >= n:
            return
        yield v
def where(pred, gen):
    for v in gen:
        if pred(v):
            yield v
def mapped(f, gen):
    for v in gen:
        yield f(v)
def primes():
    found = []
    for n in naturals(2):
        if all(n % p != 0 for p in found if p * p <= n):
            found.append(n)
            yield n
print(list(take(10, primes())))
print(list(take(5, where(lambda v: v % 7 == 0, naturals()))))
print(list(take(6, mapped(lambda v: v * v, where(lambda v: v % 2, naturals())))))
def window(gen, size):
    buf = []
    for v in gen:
        buf.append(v)
        if len(buf) > size:
            buf.pop(0)
        if len(buf) == size:
            yield tuple(buf)
print(list(window(range(6), 3)), list(window("ab", 3)))
def dedupe(gen):
    seen = {}
    for v in gen:
        if v not in seen:
            seen[v] = True
            yield v
print(list(dedupe([3, 1, 3, 2, 1, 4, 2])), "".join(dedupe("mississippi")))
def chunked(gen, n):
    chunk = []
    for v in gen:
        chunk.append(v)
        if len(chunk) == n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
print(list(chunked(range(10), 4)), list(chunked([], 3)))
def accumulate(gen):
    total = 0
    for v in gen:
        total += v
        yield total
print(list(accumulate(range(1, 11))), list(accumulate(take(5, naturals(10)))))
def interleave(a, b):
    ia = iter(a)
    ib = iter(b)
    while True:
        try:
            yield next(ia)
        except StopIteration:
            for rest in ib:
                yield rest
            return
        try:
            yield next(ib)
        except StopIteration:
            for rest in ia:
                yield rest
            return
print(list(interleave([1, 2, 3, 4], "ab")), list(interleave([], [9, 8])))
squares = (v * v for v in naturals())
big = (v for v in squares if v > 50)
print(next(big), next(big), next(squares), next(big))
lines = ["# comment", "x = 1", "", "  y = 2  ", "# another", "z=3"]
cleaned = (l.strip() for l in lines)
code = (l for l in cleaned if l and not l.startswith("#"))
pairs = (l.replace(" ", "").split("=") for l in code)
print({k: int(v) for k, v in pairs})
total = sum(v for v in take(999, naturals()) if v % 3 == 0 or v % 5 == 0)
print("euler1:", total)
def yield_fib():
    a, b = 1, 2
    while True:
        yield a
        a, b = b, a + b
print(sum(v for v in take(32, yield_fib()) if v % 2 == 0 and v < 4000000))
gen = mapped(str, take(4, naturals(7)))
print("-".join(gen), list(gen))
