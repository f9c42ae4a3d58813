# Integer arithmetic: + - * / // % ** with negatives, i64 edges, abs, int() conversions, augmented ops.
a = 17
b = 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(-a // b, -a % b, a // -b, a % -b, -a // -b, -a % -b)
print(7 // 2, -7 // 2, 7 // -2, -7 // -2)
print(7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(0 // 5, 0 % 5, -1 // 10, -1 % 10)
print(2 ** 10, 2 ** 62, (-2) ** 63, 3 ** 39)
big = 2 ** 62 + (2 ** 62 - 1)
print("max i64:", big)
print("min i64:", -big - 1)
print(big // 7, big % 7, -big // 1000000007)
print(abs(-42), abs(42), abs(0), abs(-big))
print(int("123"), int("-77"), int("  9  "), int(3.99), int(-3.99), int(True))
print(10 / 4, 10 / 5, -9 / 2, 1 / 8)
x = 100
x += 5
x -= 3
x *= 2
x //= 3
x %= 50
x **= 2
print("augmented:", x)
y = 7
y /= 2
print("true div aug:", y)
# Operator precedence
print(2 + 3 * 4 ** 2 // 5 - -3)
print(-2 ** 2, (-2) ** 2, 2 ** -1, 2 ** 3 ** 2)
print(+5, -(-5), --5, not 0, not 5)
# bool arithmetic
print(True + True, True * 10, False - 1)
# collatz lengths
def collatz(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps
print([collatz(n) for n in range(1, 16)])
best = 0
best_n = 0
for n in range(1, 3000):
    c = collatz(n)
    if c > best:
        best = c
        best_n = n
print("longest collatz below 3000:", best_n, best)
# gcd and lcm by hand
def gcd(p, q):
    while q:
        p, q = q, p % q
    return p
print(gcd(1071, 462), gcd(-48, 18), gcd(17, 0))
print("lcm:", 21 * 6 // gcd(21, 6))
# digit sums and reversing
n = 9876543210
total = 0
rev = 0
while n > 0:
    total += n % 10
    rev = rev * 10 + n % 10
    n //= 10
print(total, rev)
# mixed int/float comparisons
print(1 == 1.0, 2 < 2.5, -3 > -3.5, 10 // 3 == 3, 10 / 2 == 5)
print(max(3, 7.5, -1), min(3, 7.5, -1), sum([1, 2, 3], 10))
