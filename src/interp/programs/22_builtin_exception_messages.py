# Messages of built-in exceptions raised by the runtime: ZeroDivision, KeyError, IndexError, ValueError, etc.
def attempt(label, f):
    try:
        r = f()
        print(label, "ok", r)
    except ZeroDivisionError as e:
        print(label, "ZeroDivisionError:", e)
    except KeyError as e:
        print(label, "KeyError:", e, "args", e.args)
    except IndexError as e:
        print(label, "IndexError:", e)
    except ValueError as e:
        print(label, "ValueError:", e)
    except AttributeError as e:
        print(label, "AttributeError:", e)
    except NameError as e:
        print(label, "NameError:", e)
    except OverflowError as e:
        print(label, "OverflowError:", e)
    except StopIteration as e:
        print(label, "StopIteration", e.args)
    except TypeError:
        print(label, "TypeError")
attempt("div", lambda: 1 / 0)
attempt("fdiv", lambda: 1.5 / 0)
attempt("floordiv", lambda: 7 // 0)
attempt("mod", lambda: 7 % 0)
attempt("key str", lambda: {}["missing"])
attempt("key int", lambda: {1: 2}[3])
attempt("key tuple", lambda: {}[(1, "a")])
attempt("list idx", lambda: [1, 2, 3][3])
attempt("list neg", lambda: [][-1])
attempt("tuple idx", lambda: (1,)[5])
attempt("str idx", lambda: "abc"[10])
attempt("int parse", lambda: int("x"))
attempt("int parse2", lambda: int("12abc"))
attempt("int float str", lambda: int("1.5"))
attempt("float parse", lambda: float("nope"))
attempt("list index", lambda: [1, 2].index(7))
attempt("list remove", lambda: [1, 2].remove(7))
attempt("unpack", lambda: [a for a, b in [(1, 2, 3)]])
attempt("name", lambda: undefined_name_here)
attempt("inf to int", lambda: int(float("inf")))
attempt("next", lambda: next(iter([])))
attempt("type str+int", lambda: "a" + 1)
attempt("ok", lambda: int(" 42 ") + 1)
class Thing:
    def __init__(self):
        self.present = 1
attempt("attr", lambda: Thing().absent)
attempt("attr ok", lambda: Thing().present)
attempt("type call", lambda: Thing()())
attempt("pop empty", lambda: [].pop())
attempt("dict pop", lambda: {"a": 1}.pop("b"))
try:
    raise IndexError("custom index message")
except IndexError as e:
    print("custom:", e)
