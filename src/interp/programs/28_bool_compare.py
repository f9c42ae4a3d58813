# Boolean logic and comparisons: chained comparisons, and/or value semantics, short-circuit, not, is, in, ternary.
a, b, c = 1, 5, 10
print(a < b < c, a < c < b, 1 <= 1 < 2 <= 2, 3 > 2 > 1 > 0, 1 == 1.0 == True)
print(a < b > 2, 0 < b != 5, 5 == b is not None)
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "x", "" or [] or 0)
print([] and "never", "a" and "b" and "c", 0 or "" or None)
print(not 0, not 1, not "", not "x", not [], not None, not not 5)
calls = []
def t(v):
    calls.append(v)
    return v
r = t(0) and t(1)
r2 = t(1) or t(2)
r3 = t(1) and t(0) and t(3)
r4 = t(0) or t(0) or t(5)
print(r, r2, r3, r4, calls)
def mid(x):
    calls.append("mid")
    return x
calls = []
print(1 < mid(2) < 3, calls)
calls = []
print(5 < mid(2) < 3, calls)
x = None
y = [1]
z = y
print(x is None, y is z, y is not [1], y == [1], x is not None)
print(True is True, (1 == 1) is True, None is None)
print(2 in [1, 2, 3], "b" in "abc", "k" in {"k": 1}, 1 in {"k": 1}, (1, 2) in [(1, 2)])
print(4 not in [1, 2], "z" not in "abc", 3 in range(5), 7 in range(0, 10, 2))
for v in [-1, 0, 5, 10, 11]:
    label = "low" if v < 0 else "zero" if v == 0 else "mid" if v <= 10 else "high"
    print(v, label, end="; ")
print()
print(bool(0), bool(1), bool(-1), bool(0.0), bool(""), bool("0"), bool([]), bool([0]), bool(None), bool({}), bool(()))
print(True + 1, True == 1, False == 0, True > False, str(True), repr(False))
def sign(n):
    return (n > 0) - (n < 0)
print([sign(v) for v in [-5, 0, 5]])
values = [0, 1, "", "a", None, [], [0]]
print([v for v in values if v], [bool(v) for v in values])
print(any([]), all([]), any([0, "", None]), all([1, "x", [0]]))
print(min(3, 1, 2) < max(3, 1, 2), "abc" < "abd" < "b", [1, 2] < [1, 2, 3] < [2])
lo, hi = 10, 20
for v in [5, 10, 15, 20, 25]:
    print(v, lo <= v < hi, not (lo <= v < hi), v in range(lo, hi))
p = q = None
print(p is q, p == q, p or q or "both none")
print(1 if True else 2, 1 if False else 2, (lambda: 0)() or "fallback")
n = 15
print("fizz" * (n % 3 == 0) + "buzz" * (n % 5 == 0) or str(n))
print(not 1 == 2, not (1 == 2), (not 1) == 2, -1 < 0 == False)
