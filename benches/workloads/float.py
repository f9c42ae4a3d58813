# Whole program, per thread: pyperformance bm_float (points from sin/cos, normalize, maximize)
# Kernel: adapted from src/interp/programs/k05_float.py; gilfree has no math module, so sin, cos and sqrt are
# written out in Python (series and Newton steps) as there. Each iteration creates 100 private Point
# instances of one shared class, normalizes them and folds them with maximize: instance creation, attribute
# reads and writes, and float arithmetic. Returns the sum of the maximum points' coordinates.
# iters: 400
PI = 3.141592653589793
TWO_PI = 2.0 * PI
HALF_PI = PI / 2.0
POINTS = 100


def reduce_angle(x):
    # map x to [-pi, pi] using only basic float operations
    k = int(x / TWO_PI)
    x = x - k * TWO_PI
    if x > PI:
        x -= TWO_PI
    elif x < -PI:
        x += TWO_PI
    return x


def sin(x):
    x = reduce_angle(x)
    # fold into [-pi/2, pi/2] where the series converges fast
    if x > HALF_PI:
        x = PI - x
    elif x < -HALF_PI:
        x = -PI - x
    term = x
    total = x
    x2 = x * x
    n = 1
    while n < 40:
        term = -term * x2 / ((n + 1) * (n + 2))
        total += term
        n += 2
    return total


def cos(x):
    return sin(x + HALF_PI)


def sqrt(v):
    if v == 0.0:
        return 0.0
    g = v if v > 1.0 else 1.0
    for _ in range(60):
        ng = 0.5 * (g + v / g)
        if ng == g:
            break
        g = ng
    return g


class Point:
    def __init__(self, i):
        self.x = x = sin(i)
        self.y = cos(i) * 3
        self.z = (x * x) / 2

    def __repr__(self):
        return "<Point: x=%s, y=%s, z=%s>" % (self.x, self.y, self.z)

    def normalize(self):
        x = self.x
        y = self.y
        z = self.z
        norm = sqrt(x * x + y * y + z * z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


def maximize(points):
    next = points[0]
    for p in points[1:]:
        next = next.maximize(p)
    return next


def benchmark(n, offset):
    points = [None] * n
    for i in range(n):
        points[i] = Point(i + offset)
    for p in points:
        p.normalize()
    return maximize(points)


def work(tid, n):
    total = 0.0
    for i in range(n):
        p = benchmark(POINTS, i % 7)
        total += p.x + p.y + p.z
    return total
