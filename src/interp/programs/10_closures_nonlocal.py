# Closures: captured variables, nonlocal counters, closures sharing a cell, late binding, lambdas, factories.
def make_counter(start=0):
    count = start
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
c1 = make_counter()
c2 = make_counter(100)
print(c1(), c1(), c1(5), c2(), c2(-50), c1())
def make_account(balance):
    def deposit(x):
        nonlocal balance
        balance += x
        return balance
    def withdraw(x):
        nonlocal balance
        if x > balance:
            return "insufficient"
        balance -= x
        return balance
    def get():
        return balance
    return deposit, withdraw, get
dep, wd, get = make_account(10)
print(dep(5), wd(3), wd(100), get())
def adder(n):
    return lambda x: x + n
add3 = adder(3)
add10 = adder(10)
print(add3(1), add10(1), adder(-1)(0))
fns = []
for i in range(3):
    fns.append(lambda: i)
print([f() for f in fns])
fns2 = [lambda i=i: i * 10 for i in range(3)]
print([f() for f in fns2])
def compose(f, g):
    return lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5), compose(str, abs)(-7))
def outer():
    x = 1
    def middle():
        x = 2
        def inner():
            nonlocal x
            x += 10
            return x
        r = inner()
        return r, x
    r = middle()
    return r, x
print(outer())
def memoize(f):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    return wrapper
def slow_fib(n):
    if n < 2:
        return n
    return fast_fib(n - 1) + fast_fib(n - 2)
fast_fib = memoize(slow_fib)
print(fast_fib(80))
def make_acc():
    items = []
    def add(x):
        items.append(x)
        return len(items)
    return add, items
add, items = make_acc()
add("a")
add("b")
print(items, add("c"))
def gen_counter():
    n = 0
    def bump():
        nonlocal n
        n += 1
        return n
    yield bump()
    yield bump()
    yield n
print(list(gen_counter()))
mult = lambda a, b=2: a * b
print(mult(4), mult(4, 5), (lambda: "no args")(), (lambda *a: len(a))(1, 2, 3))
def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x
print(apply_n(lambda v: v * 2, 10, 1), apply_n(add3, 4, 0))
