# User containers: __len__, __getitem__, __setitem__-free indexing, truthiness via __len__, __iter__ delegation.
class Range3:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if i < 0:
            i += self.n
        if i < 0 or i >= self.n:
            raise IndexError("Range3 index out of range")
        return i * 3
r = Range3(5)
print(len(r), r[0], r[4], r[-1], r[-5])
try:
    r[5]
except IndexError as e:
    print("IndexError:", e)
print(bool(Range3(0)), bool(r))
if not Range3(0):
    print("empty Range3 is falsy")
class Grid:
    def __init__(self, w, h):
        self.w = w
        self.h = h
        self.cells = {}
    def __getitem__(self, pos):
        x, y = pos
        return self.cells.get((x, y), ".")
    def set(self, x, y, v):
        self.cells[(x, y)] = v
    def __len__(self):
        return len(self.cells)
    def render(self):
        rows = []
        for y in range(self.h):
            rows.append("".join([self[x, y] for x in range(self.w)]))
        return "\n".join(rows)
g = Grid(5, 3)
g.set(0, 0, "#")
g.set(4, 2, "@")
g.set(2, 1, "*")
print(g.render())
print(len(g), g[2, 1], g[(1, 1)])
class Bag:
    def __init__(self, items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __iter__(self):
        return iter(self.items)
    def __getitem__(self, i):
        return self.items[i]
b = Bag("hello")
print(len(b), list(b), b[1], b[-1], b.items[1:3], sorted(b), "".join(b))
print(sum(1 for c in b if c == "l"), [c.upper() for c in b])
class Polynomial:
    def __init__(self, coeffs):
        self.coeffs = coeffs
    def __len__(self):
        return len(self.coeffs)
    def __getitem__(self, i):
        return self.coeffs[i] if i < len(self.coeffs) else 0
    def eval(self, x):
        total = 0
        for i in range(len(self) - 1, -1, -1):
            total = total * x + self[i]
        return total
    def add(self, other):
        n = max(len(self), len(other))
        return Polynomial([self[i] + other[i] for i in range(n)])
    def __repr__(self):
        terms = []
        for i in range(len(self)):
            c = self[i]
            if c != 0:
                terms.append(f"{c}x^{i}" if i else str(c))
        return " + ".join(terms) if terms else "0"
p = Polynomial([1, 0, 2])
q = Polynomial([0, 3, 0, 4])
print(p, "|", q, "|", p.add(q), [p.eval(x) for x in range(4)], len(p.add(q)))
class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def __getitem__(self, rc):
        return self.rows[rc[0]][rc[1]]
    def __len__(self):
        return len(self.rows)
    def mul(self, other):
        n = len(self)
        m = len(other.rows[0])
        k = len(other)
        return Matrix([[sum(self[i, t] * other[t, j] for t in range(k)) for j in range(m)] for i in range(n)])
a = Matrix([[1, 2], [3, 4]])
print(a.mul(a).rows, a.mul(Matrix([[1], [1]])).rows)
