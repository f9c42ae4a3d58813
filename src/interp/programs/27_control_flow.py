# Control flow: if/elif/else chains, while with break/continue, nested loops, pass, early return, loop vars.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n % 2 == 0 and n > 100:
        return "big even"
    elif n % 2 == 0:
        return "even"
    else:
        return "odd"
print([classify(v) for v in [-5, 0, 4, 7, 200, 201]])
i = 0
out = []
while i < 20:
    i += 1
    if i % 3 == 0:
        continue
    if i > 14:
        break
    out.append(i)
print(out, i)
found = None
for a in range(1, 20):
    for b in range(a, 20):
        if a * b == 91:
            found = (a, b)
            break
    if found:
        break
print("found", found)
total = 0
for x in range(10):
    if x == 5:
        pass
    elif x > 7:
        continue
    total += x
print("total", total)
for k in range(3):
    pass
print("loop var after loop:", k)
n = 0
while True:
    n += 1
    if n * n > 200:
        break
print("first square over 200:", n)
def first_negative(xs):
    for idx, v in enumerate(xs):
        if v < 0:
            return idx
    return -1
print(first_negative([3, 4, -1, 5]), first_negative([1, 2]))
def fizzbuzz(n):
    res = []
    for v in range(1, n + 1):
        if v % 15 == 0:
            res.append("FizzBuzz")
        elif v % 3 == 0:
            res.append("Fizz")
        elif v % 5 == 0:
            res.append("Buzz")
        else:
            res.append(str(v))
    return res
print(" ".join(fizzbuzz(20)))
count = 0
x = 27
while x != 1:
    x = x // 2 if x % 2 == 0 else 3 * x + 1
    count += 1
print("steps", count)
matrix = [[1, 2, 3], [4, 0, 6], [7, 8, 9]]
for r, row in enumerate(matrix):
    for c, v in enumerate(row):
        if v == 0:
            print("zero at", r, c)
            continue
print(sum([sum(row) for row in matrix]))
def nested_returns(a, b):
    if a:
        if b:
            return "both"
        return "only a"
    if b:
        return "only b"
print(nested_returns(1, 1), nested_returns(1, 0), nested_returns(0, 1), nested_returns(0, 0))
primes = []
cand = 2
while len(primes) < 15:
    is_p = True
    for p in primes:
        if p * p > cand:
            break
        if cand % p == 0:
            is_p = False
            break
    if is_p:
        primes.append(cand)
    cand += 1
print(primes)
s = "hello"
for ch in s:
    if ch == "l":
        continue
    print(ch, end="")
print()
if []:
    print("no")
elif {}:
    print("no")
elif "":
    print("no")
elif 0.0:
    print("no")
else:
    print("all falsy")
