# Higher-order functions: functions as values, hand-written map/filter/reduce, partial application, dispatch tables.
def my_map(f, xs):
    return [f(x) for x in xs]
def my_filter(pred, xs):
    return [x for x in xs if pred(x)]
def my_reduce(f, xs, init):
    acc = init
    for x in xs:
        acc = f(acc, x)
    return acc
def partial(f, *bound):
    def call(*rest):
        return f(*(bound + rest))
    return call
def pipe(*fns):
    def run(x):
        for f in fns:
            x = f(x)
        return x
    return run
nums = list(range(1, 11))
print(my_map(lambda x: x * x, nums), my_filter(lambda x: x % 3 == 0, nums))
print(my_reduce(lambda a, b: a + b, nums, 0), my_reduce(lambda a, b: a * b, nums, 1))
print(my_reduce(lambda acc, w: acc + [len(w)], "a bb ccc".split(), []))
add = lambda a, b: a + b
add5 = partial(add, 5)
print(add5(10), partial(add, "x")("y"), partial(max, 3, 9)(4, 1))
proc = pipe(lambda s: s.strip(), lambda s: s.lower(), lambda s: s.replace(" ", "_"), lambda s: s + "!")
print(proc("  Hello Big World "))
ops = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
       "pow": lambda a, b: a ** b, "max": max, "min": min}
for name in ["add", "sub", "mul", "pow", "max", "min"]:
    print(name, ops[name](7, 3), end="; ")
print()
def counter_factory():
    counts = {}
    def count(key):
        counts[key] = counts.get(key, 0) + 1
        return counts[key]
    def report():
        return sorted(counts.items())
    return count, report
count, report = counter_factory()
for ch in "abracadabra":
    count(ch)
print(report())
funcs = [abs, str, bool, len, lambda v: v * 2]
print([f(-3) if f is not len else f("abc") for f in funcs])
def apply_all(fs, v):
    return [f(v) for f in fs]
print(apply_all([lambda v: v + 1, lambda v: v - 1, lambda v: -v], 10))
def twice(f):
    return lambda x: f(f(x))
print(twice(lambda x: x * 3)(2), twice(twice(lambda x: x + 1))(0), twice(lambda s: s + s.upper())("ab"))
key_fns = [len, lambda w: w[-1], lambda w: (-len(w), w)]
words = ["pear", "fig", "banana", "kiwi", "apple"]
for kf in key_fns:
    print(sorted(words, key=kf))
def curry3(f):
    return lambda a: lambda b: lambda c: f(a, b, c)
vol = curry3(lambda a, b, c: a * b * c)
print(vol(2)(3)(4), curry3(lambda a, b, c: f"{a}-{b}-{c}")("x")("y")("z"))
def fixed_point(f, x, tol):
    while True:
        nx = f(x)
        if abs(nx - x) < tol:
            return nx
        x = nx
print("%.10f" % fixed_point(lambda x: (x + 2 / x) / 2, 1.0, 1e-12))
def memo(f):
    cache = {}
    def g(*args):
        if args not in cache:
            cache[args] = f(*args)
        return cache[args]
    return g
def grid_paths(r, c):
    if r == 0 or c == 0:
        return 1
    return grid_paths(r - 1, c) + grid_paths(r, c - 1)
grid_paths = memo(grid_paths)
print(grid_paths(16, 16), grid_paths(10, 5))
print(sorted(ops)[:3], type(ops["add"]) is type(add))
