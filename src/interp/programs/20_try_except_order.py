# try/except/else/finally: execution order, multiple handlers, tuples of types, nesting, exceptions in handlers.
def check(x):
    trail = []
    try:
        trail.append("try")
        if x == 0:
            raise ValueError("zero")
        if x == 1:
            raise KeyError("one")
        if x == 2:
            trail.append(10 // (x - 2))
        trail.append("body done")
    except ValueError as e:
        trail.append("ValueError " + str(e))
    except (KeyError, ZeroDivisionError) as e:
        trail.append("Key/ZeroDiv " + str(e))
    else:
        trail.append("else")
    finally:
        trail.append("finally")
    return trail
for x in range(4):
    print(x, check(x))
def nested(kind):
    try:
        try:
            if kind == "inner":
                raise IndexError("inner problem")
            if kind == "outer":
                raise TypeError("outer problem")
            print("  no exception")
        except IndexError as e:
            print("  inner handler:", e)
        finally:
            print("  inner finally")
        print("  after inner try")
    except TypeError as e:
        print("  outer handler:", e)
    finally:
        print("  outer finally")
for kind in ["none", "inner", "outer"]:
    print(kind)
    nested(kind)
try:
    try:
        raise ValueError("original")
    except ValueError:
        raise RuntimeError("raised in handler")
except RuntimeError as e:
    print("got", e)
try:
    try:
        raise ValueError("first")
    finally:
        print("finally runs before propagation")
except ValueError as e:
    print("propagated", e)
def catch_base(exc):
    try:
        raise exc
    except Special as e:
        return "Special caught: " + str(e)
    except Exception as e:
        return "Exception caught: " + str(e)
class Special(Exception):
    pass
print(catch_base(ValueError("v")), "/", catch_base(Special("s")))
count = 0
for i in range(6):
    try:
        if i % 2:
            continue
        if i == 4:
            break
        count += 1
    finally:
        count += 100
print("count", count)
def loop_with_errors(items):
    results = []
    for item in items:
        try:
            results.append(100 // item)
        except ZeroDivisionError:
            results.append("div0")
        except TypeError:
            results.append("type")
        else:
            results[-1] += 1
    return results
print(loop_with_errors([5, 0, "x", 3, -7]))
try:
    raise Exception("plain", 42)
except Exception as e:
    print(e.args, str(e), len(e.args))
e_var = None
try:
    raise ValueError("bound")
except ValueError as err:
    e_var = err
print(type(e_var) is ValueError, e_var.args[0], isinstance(e_var, Exception))
try:
    raise ValueError
except ValueError as e:
    print("class raise args:", e.args, repr(str(e)))
