# Classes: __init__, methods, class attributes vs instance attributes, methods returning self, attribute updates.
class Counter:
    instances = 0
    step = 1
    def __init__(self, name, start=0):
        self.name = name
        self.value = start
        Counter.instances += 1
    def inc(self):
        self.value += self.step
        return self
    def reset(self):
        self.value = 0
        return self
    def get(self):
        return self.value
a = Counter("a")
b = Counter("b", 10)
a.inc().inc().inc()
b.inc()
print(a.name, a.get(), b.name, b.get(), Counter.instances)
b.step = 5
b.inc().inc()
print(b.get(), a.step, b.step, Counter.step)
Counter.step = 2
a.inc()
b.inc()
print(a.get(), b.get())
print(a.reset().inc().get(), a.value)
class Vector:
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def add(self, other):
        return Vector(self.x + other.x, self.y + other.y)
    def scale(self, k):
        self.x *= k
        self.y *= k
        return self
    def dot(self, other):
        return self.x * other.x + self.y * other.y
    def as_tuple(self):
        return (self.x, self.y)
v = Vector(1, 2).add(Vector(3, 4)).scale(2)
print(v.as_tuple(), v.dot(Vector(1, 1)), Vector.dims, v.dims)
v.z = 99
print(v.z, v.x + v.y + v.z)
class Stack:
    def __init__(self):
        self.items = []
    def push(self, x):
        self.items.append(x)
        return self
    def pop(self):
        return self.items.pop()
    def peek(self):
        return self.items[-1]
    def empty(self):
        return len(self.items) == 0
s = Stack().push(1).push(2).push(3)
print(s.pop(), s.peek(), s.empty(), s.pop(), s.pop(), s.empty())
class Shared:
    log = []
    def __init__(self, tag):
        self.log.append(tag)
Shared("x")
Shared("y")
print(Shared.log)
class Temperature:
    def __init__(self, celsius):
        self.celsius = celsius
    def fahrenheit(self):
        return self.celsius * 9 / 5 + 32
    def set_f(self, f):
        self.celsius = (f - 32) * 5 / 9
temps = [Temperature(c) for c in [-40, 0, 37, 100]]
print([t.fahrenheit() for t in temps])
temps[0].set_f(212)
print(temps[0].celsius)
method = temps[1].fahrenheit
print(method(), Temperature.fahrenheit(temps[2]))
class Empty:
    pass
e = Empty()
e.a = 1
e.b = [e.a, 2]
print(e.a, e.b, isinstance(e, Empty), isinstance(a, Empty))
class Node:
    count = 0
    def __init__(self, val, nxt=None):
        self.val = val
        self.nxt = nxt
        Node.count = Node.count + 1
head = None
for i in range(5):
    head = Node(i, head)
vals = []
node = head
while node is not None:
    vals.append(node.val)
    node = node.nxt
print(vals, Node.count)
