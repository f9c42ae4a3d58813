# Tuples and unpacking: tuple methods, nested/starred unpacking, swaps, multiple targets, returns.
t = (1, 2, 3, 2, 1)
print(t, len(t), t.count(2), t.index(3), t.index(1, 1), t[1:4])
print((), (5,), (1, 2) + (3,), (0,) * 3, tuple([4, 5]), tuple("ab"), tuple())
print((1, 2) < (1, 3), (1, 2, 3) > (1, 2), (1, "a") == (1, "a"), 2 in t)
a, b = 1, 2
a, b = b, a
print(a, b)
x, y, z = "xyz"
print(x, y, z)
(p, q), r = (10, 20), 30
print(p, q, r)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = (1, 2, 3, 4)
print(init, last)
head, *mid, tail = range(6)
print(head, mid, tail)
one, *none = [1]
print(one, none)
m, (n, *o), *pp = 1, (2, 3, 4), 5, 6
print(m, n, o, pp)
i = j = k = 7
print(i, j, k)
lst = [0, 0, 0]
lst[0], lst[2] = "a", "c"
print(lst)
def minmax(seq):
    lo = hi = seq[0]
    for v in seq:
        if v < lo:
            lo = v
        if v > hi:
            hi = v
    return lo, hi
lo, hi = minmax([4, -2, 9, 0])
print(lo, hi, minmax([5]))
pairs = [(1, "one"), (2, "two"), (3, "three")]
for num, name in pairs:
    print(num, name, end=" | ")
print()
for idx, (num, name) in enumerate(pairs):
    print(idx, num, name)
for a, *bs in [(1, 2, 3), (4,), (5, 6)]:
    print(a, bs)
fib = [0, 1]
for _ in range(10):
    a, b = fib[-2], fib[-1]
    fib.append(a + b)
print(fib)
u, v = 0, 1
for _ in range(20):
    u, v = v, u + v
print(u, v)
coords = [(1, 2), (3, 4), (5, 6)]
xs, ys = zip(*coords)
print(xs, ys)
nested = ((1, 2), (3, (4, 5)))
(a1, a2), (b1, (b2, b3)) = nested
print(a1 + a2 + b1 + b2 + b3)
print(hash((1, 2)) == hash((1, 2)), (1, 2) == tuple([1, 2]))
try:
    aa, bb = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    aa, bb, cc = [1, 2]
except ValueError as e:
    print("ValueError:", e)
try:
    t.index(99)
except ValueError as e:
    print("ValueError:", e)
try:
    print(t[10])
except IndexError as e:
    print("IndexError:", e)
