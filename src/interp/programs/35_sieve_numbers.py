# Number theory: sieve of Eratosthenes (list of bools), factorization, perfect numbers, digit tricks, base conversion.
def sieve(n):
    is_p = [True] * (n + 1)
    is_p[0] = is_p[1] = False
    i = 2
    while i * i <= n:
        if is_p[i]:
            for j in range(i * i, n + 1, i):
                is_p[j] = False
        i += 1
    return [k for k in range(n + 1) if is_p[k]]
ps = sieve(1000)
print(len(ps), ps[:12], ps[-3:], sum(ps))
def factorize(n):
    fs = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            fs.append(d)
            n //= d
        d += 1
    if n > 1:
        fs.append(n)
    return fs
for n in [2, 12, 97, 360, 1001, 65536, 999983, 600851475143]:
    print(n, factorize(n))
def divisors_sum(n):
    s = 1
    d = 2
    while d * d <= n:
        if n % d == 0:
            s += d
            if d != n // d:
                s += n // d
        d += 1
    return s
print([n for n in range(2, 10000) if divisors_sum(n) == n])
amicable = [(a, divisors_sum(a)) for a in range(2, 3000) if a < divisors_sum(a) < 3000 and divisors_sum(divisors_sum(a)) == a]
print(amicable)
def to_base(n, b):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    neg = n < 0
    n = abs(n)
    out = ""
    while n:
        out = digits[n % b] + out
        n //= b
    return "-" + out if neg else out
print([to_base(255, b) for b in [2, 8, 10, 16, 36]], to_base(-42, 7), to_base(0, 3))
def from_base(s, b):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    v = 0
    for ch in s:
        v = v * b + digits.find(ch)
    return v
print(from_base("ff", 16), from_base("11111111", 2), from_base("zz", 36), from_base(to_base(123456789, 36), 36))
def totient(n):
    result = n
    p = 2
    m = n
    while p * p <= m:
        if m % p == 0:
            while m % p == 0:
                m //= p
            result -= result // p
        p += 1
    if m > 1:
        result -= result // m
    return result
print([totient(n) for n in range(1, 21)], sum(totient(n) for n in range(1, 101)))
def modpow(b, e, m):
    r = 1
    b %= m
    while e > 0:
        if e % 2 == 1:
            r = r * b % m
        b = b * b % m
        e //= 2
    return r
print(modpow(2, 100, 1000000007), modpow(3, 1000, 998244353), modpow(7, 0, 13))
twins = [(p, p + 2) for p in ps if p + 2 in ps[:200]][:8]
print(twins)
goldbach = {}
for even in range(4, 60, 2):
    for p in ps:
        if even - p in ps:
            goldbach[even] = (p, even - p)
            break
print(goldbach)
