# User exception classes: hierarchies, custom __init__ with super(), args/str, re-raise, catching by base class.
class AppError(Exception):
    pass
class ValidationError(AppError):
    def __init__(self, field, problem):
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem
class NotFound(AppError):
    def __init__(self, key):
        super().__init__(key)
        self.key = key
    def __str__(self):
        return f"not found: {self.key!r}"
class Retry(Exception):
    def __init__(self, attempts):
        self.attempts = attempts
def validate(user):
    if "name" not in user:
        raise ValidationError("name", "missing")
    if len(user["name"]) < 3:
        raise ValidationError("name", "too short")
    if user.get("age", 0) < 0:
        raise ValidationError("age", "negative")
    return True
for u in [{"name": "alice"}, {}, {"name": "al"}, {"name": "bob", "age": -1}]:
    try:
        print("valid", validate(u))
    except ValidationError as e:
        print("invalid:", e, "|", e.field, "|", e.problem, "|", e.args)
store = {"a": 1}
def lookup(k):
    if k not in store:
        raise NotFound(k)
    return store[k]
for k in ["a", "b"]:
    try:
        print(lookup(k))
    except AppError as e:
        print("AppError:", e, e.args, isinstance(e, NotFound), isinstance(e, ValidationError))
def flaky(n):
    attempts = 0
    while True:
        attempts += 1
        try:
            if attempts < n:
                raise Retry(attempts)
            return attempts
        except Retry as r:
            print("  retry after attempt", r.attempts)
print("flaky result", flaky(3))
def reraiser(x):
    try:
        return 10 / x
    except ZeroDivisionError:
        print("  logging the error, then re-raising")
        raise
try:
    reraiser(0)
except ZeroDivisionError as e:
    print("re-raised:", e)
def wrap():
    try:
        lookup("zzz")
    except NotFound as e:
        raise AppError("wrapped", e.key)
try:
    wrap()
except AppError as e:
    print(e.args, str(e))
errors = []
for exc in [ValueError("v"), TypeError("t"), KeyError("k"), IndexError("i"), NotFound("n"), RuntimeError("r")]:
    try:
        raise exc
    except (ValueError, TypeError) as e:
        errors.append("VT:" + str(e))
    except (KeyError, IndexError) as e:
        errors.append("KI:" + str(e))
    except AppError as e:
        errors.append("App:" + str(e))
    except Exception as e:
        errors.append("other:" + str(e))
print(errors)
class Chain(Exception):
    pass
def level(n):
    if n == 0:
        raise Chain("bottom")
    try:
        level(n - 1)
    except Chain as e:
        raise Chain(str(e) + "<" + str(n))
try:
    level(4)
except Chain as e:
    print("chain:", e)
def check_invariant(xs):
    if sorted(xs) != xs:
        raise AssertionError("not sorted: %r" % (xs,))
    return "sorted"
for xs in [[1, 2, 3], [3, 1]]:
    try:
        print(check_invariant(xs))
    except AssertionError as e:
        print("AssertionError:", e, isinstance(e, Exception))
try:
    raise RecursionError("synthetic recursion error")
except RecursionError as e:
    print("RecursionError:", e)
