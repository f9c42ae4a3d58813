# User __repr__/__str__: used by print, str(), repr(), f-strings (plain, !r, !s), containers, % formatting.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __str__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"
    def __repr__(self):
        return f"Money({self.cents})"
class OnlyStr:
    def __str__(self):
        return "only-str"
    def __repr__(self):
        return "OnlyStr()"
p = Point(1, 2)
q = Point(-1.5, "y")
print(p)
print(q)
print(str(p), repr(p), [p, q], (p,), {"p": p})
m = Money(12345)
print(m)
print(str(m), repr(m), [m, Money(5)])
print(f"{m}", f"{m!r}", f"{m!s}", f"{p}", f"{p!r}")
print("%s and %r" % (m, m))
print("total: " + str(m))
o = OnlyStr()
print(o, [o], f"{o}|{o!r}")
class Tree:
    def __init__(self, val, children=None):
        self.val = val
        self.children = children if children is not None else []
    def __repr__(self):
        if not self.children:
            return f"Tree({self.val})"
        return f"Tree({self.val}, {self.children})"
    def __str__(self):
        parts = [str(self.val)]
        for c in self.children:
            parts.append(str(c))
        return "(" + " ".join(parts) + ")"
t = Tree(1, [Tree(2), Tree(3, [Tree(4), Tree(5)])])
print(t)
print(repr(t))
print([t.children[1]])
class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def __str__(self):
        lines = []
        for row in self.rows:
            lines.append(" ".join([f"{v:>4}" for v in row]))
        return "\n".join(lines)
print(Matrix([[1, 20, 300], [4000, 5, 60]]))
class Fraction:
    def __init__(self, n, d):
        g = gcd(abs(n), abs(d))
        if d < 0:
            n, d = -n, -d
        self.n = n // g
        self.d = d // g
    def __str__(self):
        return f"{self.n}/{self.d}" if self.d != 1 else str(self.n)
    def __repr__(self):
        return f"Fraction({self.n}, {self.d})"
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
fs = [Fraction(6, 8), Fraction(3, -9), Fraction(10, 5), Fraction(0, 3)]
print(*fs)
print(fs)
print(", ".join([str(f) for f in fs]), ", ".join([repr(f) for f in fs]))
print(f"{fs[0]!s:>8}|{fs[1]!r:<18}|")
class Node:
    def __init__(self, label):
        self.label = label
    def __repr__(self):
        return "<Node " + self.label + ">"
print(Node("a"), {1: Node("b")}, (Node("c"), None, True))
print(repr(repr(p)), str(str(m)), repr(str(m)))
