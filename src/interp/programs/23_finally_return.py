# finally semantics: return in finally overrides, finally after return/break/continue, swallowed exceptions.
def f1():
    try:
        return "try"
    finally:
        print("  f1 finally")
def f2():
    try:
        return "try"
    finally:
        return "finally"
def f3():
    try:
        raise ValueError("lost")
    finally:
        return "finally swallowed the exception"
def f4():
    x = 1
    try:
        return x
    finally:
        x = 2
        print("  f4 x set to", x)
def f5():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f" + str(i))
    return out
def f6():
    try:
        try:
            return "inner"
        finally:
            print("  f6 inner finally")
    finally:
        print("  f6 outer finally")
def f7(n):
    try:
        if n < 0:
            raise ValueError("negative")
        return n * 2
    except ValueError:
        return "handled"
    finally:
        print("  f7 finally for", n)
def f8():
    items = []
    try:
        items.append("body")
        return items
    finally:
        items.append("finally mutates returned list")
def f9():
    for i in range(3):
        try:
            return i
        finally:
            if i == 0:
                continue
    return "loop ended"
print(f1())
print(f2())
print(f3())
print(f4())
print(f5())
print(f6())
print(f7(4), f7(-1))
print(f8())
print(f9())
def counter_gen():
    try:
        for i in range(3):
            yield i
    finally:
        print("  generator finally")
print(list(counter_gen()))
def deep(n):
    try:
        if n == 0:
            raise KeyError(n)
        return deep(n - 1)
    finally:
        print("  unwinding", n)
try:
    deep(3)
except KeyError as e:
    print("KeyError", e)
def while_finally():
    n = 0
    log = []
    while True:
        try:
            n += 1
            if n > 3:
                break
        finally:
            log.append(n)
    return log
print(while_finally())
def exc_in_finally():
    try:
        raise ValueError("first")
    finally:
        raise TypeError("second replaces first")
try:
    exc_in_finally()
except TypeError as e:
    print("TypeError:", e)
except ValueError:
    print("not reached")
