# List and dict comprehensions: conditions, nesting, ternaries inside, comprehension scope, over dict/str.
sq = [x * x for x in range(10)]
print(sq)
evens = [x for x in range(20) if x % 2 == 0 if x % 3 != 0]
print(evens)
pairs = [(i, j) for i in range(4) for j in range(i) if (i + j) % 2 == 1]
print(pairs)
flat = [v for row in [[1, 2], [3], [], [4, 5, 6]] for v in row]
print(flat)
matrix = [[r * 4 + c for c in range(4)] for r in range(3)]
print(matrix)
transposed = [[row[c] for row in matrix] for c in range(4)]
print(transposed)
labels = ["even" if n % 2 == 0 else "odd" for n in range(5)]
print(labels)
squares = {n: n * n for n in range(6)}
print(squares)
inv = {v: k for k, v in squares.items() if v > 4}
print(inv)
words = "apple banana cherry avocado blueberry cranberry".split()
by_letter = {w[0]: [x for x in words if x[0] == w[0]] for w in words}
print(by_letter)
lengths = {w: len(w) for w in words if "e" in w}
print(lengths)
chars = [c.upper() for c in "hello world" if c != " "]
print("".join(chars))
# comprehension variable does not leak
x = "outer"
_ = [x for x in range(3)]
print(x)
# closures over loop variable inside comprehensions
scale = 3
scaled = [scale * v for v in range(4)]
print(scaled)
def make(n):
    return [k * n for k in range(n)]
print([make(n) for n in range(4)])
# nested comprehension with conditions on both levels
table = [[a * b for b in range(1, 6) if b != a] for a in range(1, 6) if a % 2 == 1]
print(table)
# dict comprehension from zip and enumerate
keys = ["a", "b", "c"]
vals = [10, 20, 30]
print({k: v for k, v in zip(keys, vals)})
print({i: ch for i, ch in enumerate("xyz")})
# comprehension over a generator and a string method result
print([len(w) for w in "a bb ccc dddd".split()])
print(sum([i for i in range(101)]), max([abs(v - 7) for v in range(12)]))
# pythagorean triples
triples = [(a, b, c) for c in range(1, 30) for b in range(1, c) for a in range(1, b) if a * a + b * b == c * c]
print(triples)
# dict of lists with comprehension, then sorted keys
mods = {m: [n for n in range(15) if n % m == 0] for m in range(2, 6)}
for m in sorted(mods, reverse=True):
    print(m, mods[m])
nested = [[[i, j, k] for k in range(2)] for j in range(2) for i in range(2)]
print(nested)
print([y for y in [3, 1, 2] if y], [z for z in [] if z])
