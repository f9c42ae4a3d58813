# Float arithmetic and repr edge cases: 0.1+0.2, 1e16, 1/3, -0.0, exponents, round(), float() parsing.
print(0.1 + 0.2, 0.1 * 3, 1.1 * 3, 0.3 - 0.1)
print(1 / 3, 2 / 3, 10 / 3, 1 / 7)
print(1e16, 1e15, 1e22, 1.5e300, 123456789012345678.0)
print(1e-4, 1e-5, 0.00012345, 1e-7, 5e-324)
print(100.0, 2.5, -0.0, 0.0, 1.0, 3.0 * 2)
print(2 ** 0.5, 10 ** -2, 2.0 ** 10, 4 ** 0.5)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2)
print(float("1.5"), float("-2"), float("1e3"), float(" 3.25 "), float(7))
print(str(0.1), repr(0.1), str(1e16), repr(-1.5e-10))
print(int(1e15), int(-2.5), int(2.5e3))
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5))
print(round(1.2345, 2), round(2.675, 2), round(-1.005, 2), round(1234.5678, -2))
print(round(7), round(3.7), round(-3.7), round(0.125, 2), round(0.375, 2))
print(abs(-0.5), abs(-0.0), max(0.1, 0.2), min(-1.5, -1.25))
print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9, 1.0 == 1)
inf = float("inf")
print(inf, -inf, inf > 1e308, 1e308 * 10)
nan = float("nan")
print(nan == nan, nan != nan, nan < 1.0)
# accumulate small values
acc = 0.0
for i in range(10):
    acc += 0.1
print(acc, acc == 1.0)
total = 0.0
for i in range(1, 101):
    total += 1.0 / i
print("harmonic(100) =", total)
# Float formatting through str() inside strings
vals = [0.5, 0.25, 0.125, 1 / 1024, 3.14159, 2.0 / 3.0 * 3.0]
print(", ".join([str(v) for v in vals]))
print([v * 10 for v in vals])
# mixed int and float arithmetic
print(3 + 0.5, 3 * 1.5, 7 / 2.0, 2 ** 0.0, 5 - 5.0)
print(10 // 0.3, 10 % 0.3, -10 // 0.3)
print(1e300 * 1e300 > 0, -1e300 * 1e300)
# Newton's method square roots
def newton_sqrt(v):
    g = v / 2.0
    for k in range(30):
        g = (g + v / g) / 2.0
    return g
for v in [2.0, 9.0, 10.0, 1e10, 0.01]:
    print(v, newton_sqrt(v))
print(sum([0.1] * 10), sum([1e16, 1.0, -1e16]))
