# Calls: positional/keyword arguments, defaults, *args, mixing keywords with defaults, argument errors.
def describe(name, age=0, city="nowhere"):
    return f"{name} ({age}) from {city}"
print(describe("ann"))
print(describe("bob", 31))
print(describe("cy", city="Oslo"))
print(describe(city="Rome", name="dee", age=9))
print(describe("ed", 5, "Lima"))
def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s, len(nums)
print(total(), total(1), total(1, 2, 3, 4))
def head_tail(first, *rest):
    return first, rest
print(head_tail(1), head_tail(1, 2, 3))
def fmt(upper, sep, *parts):
    s = sep.join(parts)
    return s.upper() if upper else s
print(fmt(False, "-", "a", "b", "c"), fmt(True, "+", "x", "y"), fmt(False, ","), fmt(sep="/", upper=True))
args = [3, 4, 5]
print(total(*args), total(*args, 6), total(*range(5)))
print(describe(*["fay", 22]), max(*[4, 9, 2]))
def mutable_default(x, acc=[]):
    acc.append(x)
    return acc
print(mutable_default(1), mutable_default(2), mutable_default(3, []))
def none_default(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc
print(none_default(1), none_default(2))
def power(base, exp=2):
    return base ** exp
print(power(3), power(2, 10), power(exp=3, base=4))
def apply(repeat, f, *a):
    r = None
    for _ in range(repeat):
        r = f(*a)
    return r
print(apply(1, power, 5), apply(3, power, 2, 5), apply(1, total, 1, 2))
print("a", "b", "c", sep="")
print("a", "b", "c", sep=", ", end=".\n")
print(1, 2, 3, sep=" < ")
print("no newline", end="")
print(" -- continued")
print()
print("", end="")
print(*[1, 2, 3], sep="\n")
def default_expr(n, lst=list(range(3))):
    return [n + v for v in lst]
print(default_expr(10))
def kw_only_like(a, b=1, c=2):
    return a * 100 + b * 10 + c
print(kw_only_like(1), kw_only_like(1, c=5), kw_only_like(a=2, b=0))
try:
    describe()
except TypeError:
    print("TypeError for missing argument")
try:
    describe("a", nope=1)
except TypeError:
    print("TypeError for unexpected keyword")
try:
    power(1, 2, 3)
except TypeError:
    print("TypeError for too many arguments")
def recurse_default(n, depth=0):
    if n == 0:
        return depth
    return recurse_default(n - 1, depth=depth + 1)
print(recurse_default(12))
