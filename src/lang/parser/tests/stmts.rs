//! Statement parsing: each snippet is rendered (see `dump`) and compared with CPython 3.11's `ast`.

use super::*;

/// Assignment chains, unpacking targets, attribute and subscript targets.
#[test]
fn assignments() {
    check("x = 1", "x = 1");
    check("a = b = c", "a = b = c");
    check("a, b = 1, 2", "Tuple(a, b) = Tuple(1, 2)");
    check("a, *b = c", "Tuple(a, *b) = c");
    check("(a, [b, c]) = d", "Tuple(a, List(b, c)) = d");
    check("x = 1,", "x = Tuple(1)");
    check("a.b = c[d] = e", "a.b = c[d] = e");
    check("x[1:2] = y", "x[1:2] = y");
    check("a, b = b, a", "Tuple(a, b) = Tuple(b, a)");
    check("x = y = yield", "x = y = (yield)");
    check("x = *a, b", "x = Tuple(*a, b)");
}

/// Every augmented assignment operator.
#[test]
fn augmented_assignments() {
    check(
        "x += 1\nx -= 2; x *= 3; x /= 4; x //= 5; x %= 6; x **= 7\nx &= 8; x |= 9; x ^= 10; x <<= 11; x >>= 12; x @= m",
        "x += 1\nx -= 2\nx *= 3\nx /= 4\nx //= 5\nx %= 6\nx **= 7\nx &= 8\nx |= 9\nx ^= 10\nx <<= 11\nx >>= 12\nx @= m",
    );
    check("a.b += 1", "a.b += 1");
    check("a[i] *= 2", "a[i] *= 2");
    check("x += yield", "x += (yield)");
}

/// `del`, `pass`, `break`, `continue`, `return`, `raise`, `assert`, `global`, `nonlocal`.
#[test]
fn simple_statements() {
    check("del a, b[1], c.d", "del a, b[1], c.d");
    check("del (a, b)", "del Tuple(a, b)");
    check("del [a, b], c,", "del List(a, b), c");
    check("pass; break; continue", "pass\nbreak\ncontinue");
    check(
        "def f():\n    return\n    return 1\n    return 1, 2\n    return *a, b",
        "def f(): [return; return 1; return Tuple(1, 2); return Tuple(*a, b)]",
    );
    check("raise\nraise E\nraise E(1) from e", "raise\nraise E\nraise E(1) from e");
    check("assert x\nassert x, 'msg'", "assert x\nassert x, \"msg\"");
    check("def f():\n    global a, b\n    nonlocal c", "def f(): [global a, b; nonlocal c]");
}

/// `if`/`elif`/`else`: an `elif` nests as an `If` in `orelse`; one-line suites.
#[test]
fn if_statements() {
    check(
        "if a:\n    x\nelif b:\n    y\nelif c:\n    z\nelse:\n    w",
        "if a: [x] else: [if b: [y] else: [if c: [z] else: [w]]]",
    );
    check("if a: x = 1", "if a: [x = 1] else: []");
    check("if a: x; y\nelse: z", "if a: [x; y] else: [z]");
    check("if a:\n    if b:\n        c\n    else:\n        d\ne", "if a: [if b: [c] else: [d]] else: []\ne");
    check("if a:\n    pass\n# comment\n    # indented comment\n\ny = 1", "if a: [pass] else: []\ny = 1");
}

/// `while` and `for`, with `else`, tuple targets and bare tuple iterables.
#[test]
fn loops() {
    check("while a:\n    b\nelse:\n    c", "while a: [b] else: [c]");
    check("while True: break", "while True: [break] else: []");
    check(
        "for k, v in d.items():\n    print(k)\nelse:\n    pass",
        "for Tuple(k, v) in d.items(): [print(k)] else: [pass]",
    );
    check("for x in a, b:\n    pass", "for x in Tuple(a, b): [pass] else: []");
    check("for (a, b), c in z: pass", "for Tuple(Tuple(a, b), c) in z: [pass] else: []");
    check(
        "for x in range(10):\n    if x: continue\n    break",
        "for x in range(10): [if x: [continue] else: []; break] else: []",
    );
    check("for x, in y: pass", "for Tuple(x) in y: [pass] else: []");
    check("for a.b in c: pass", "for a.b in c: [pass] else: []");
    check("for a[0] in c: pass", "for a[0] in c: [pass] else: []");
}

/// `try` with handlers, `as` names, `else` and `finally`.
#[test]
fn try_statements() {
    check(
        "try:\n    a\nexcept E:\n    b\nexcept (F, G) as e:\n    c\nexcept:\n    d\nelse:\n    e\nfinally:\n    f",
        "try: [a] except E: [b] except Tuple(F, G) as e: [c] except: [d] else: [e] finally: [f]",
    );
    check("try:\n    a\nfinally:\n    b", "try: [a] else: [] finally: [b]");
    check("try: a\nexcept E as e: raise X from e", "try: [a] except E as e: [raise X from e] else: [] finally: []");
}

/// `with` items, with and without targets, parenthesized as CPython 3.9+ reads them.
#[test]
fn with_statements() {
    check("with a as b, c:\n    pass", "with a as b, c: [pass]");
    check("with a: pass", "with a: [pass]");
    check("with (a, b):\n    pass", "with a, b: [pass]");
    check("with (a) as b: pass", "with a as b: [pass]");
    check("with (a as b, c as d,): pass", "with a as b, c as d: [pass]");
    check("with open(f) as (a, b): pass", "with open(f) as Tuple(a, b): [pass]");
    check("with a as b.c, d as e[0]: pass", "with a as b.c, d as e[0]: [pass]");
}

/// Parameters: positional, defaults, `*args`, bare `*`, keyword-only, `**kwargs`; annotations dropped.
#[test]
fn function_definitions() {
    check("def f(a, b=1, *args, c, d=2, **kwargs):\n    pass", "def f(a, b=1, *args, c, d=2, **kwargs): [pass]");
    check("def f(): pass", "def f(): [pass]");
    check("def f(a, *, b): pass", "def f(a, *, b): [pass]");
    check("def f(a: int, b: str = 'x') -> bool: pass", r#"def f(a, b="x"): [pass]"#);
    check("def f(*, a=1, b, **k,): pass", "def f(*, a=1, b, **k): [pass]");
    check("def f(*args): pass", "def f(*args): [pass]");
    check("def f(**kw): pass", "def f(**kw): [pass]");
    check("def f(a, b,): pass", "def f(a, b): [pass]");
    check("def f(\n    a,\n    b=1,\n):\n    return a", "def f(a, b=1): [return a]");
    check(
        "def outer():\n    x = 1\n    def inner():\n        nonlocal x\n        x += 1\n    return inner",
        "def outer(): [x = 1; def inner(): [nonlocal x; x += 1]; return inner]",
    );
}

/// Classes with optional bases, and decorators on functions and classes.
#[test]
fn class_definitions() {
    check("class C: pass", "class C(): [pass]");
    check(
        "class C(B):\n    x = 1\n    def m(self): return self.x",
        "class C(B): [x = 1; def m(self): [return self.x]]",
    );
    check("class C(): pass", "class C(): [pass]");
    check("class C(a.B): pass", "class C(a.B): [pass]");
    check("@d\n@e.f(1)\ndef g(): pass", "@d @e.f(1) def g(): [pass]");
    check("@dataclass\nclass P: pass", "@dataclass class P(): [pass]");
    check(
        "class C:\n    @staticmethod\n    def s(): pass\n    @property\n    def p(self): return 1",
        "class C(): [@staticmethod def s(): [pass]; @property def p(self): [return 1]]",
    );
    check("@d(lambda x: x)\ndef f(): pass", "@d((lambda x: x)) def f(): [pass]");
}

/// `import` and `from ... import` with `as` names and parentheses.
#[test]
fn imports() {
    check("import a.b as c, d", "import a.b as c, d");
    check("import os", "import os");
    check("from m import x as y, z", "from m import x as y, z");
    check("from a.b import (x, y,)", "from a.b import x, y");
    check("from a import (b)", "from a import b");
    check("import threading, time", "import threading, time");
}

/// Semicolons, comments, blank lines, continuation lines and brackets across lines.
#[test]
fn statement_layout() {
    check("x = 1; y = 2;", "x = 1\ny = 2");
    check("x = [\n    1,\n    2,\n]", "x = List(1, 2)");
    check("x = 1 + \\\n    2", "x = (1 + 2)");
    check("# only a comment\n\nx = 1  # trailing\n", "x = 1");
    check("if x:\n\n    # comment\n\n    y\n\n\nz", "if x: [y] else: []\nz");
    check("x = (1 +\n     2) * \\\n    3", "x = ((1 + 2) * 3)");
    check("f(a,\n  # comment\n  b)", "f(a, b)");
    check("if x:\n\tpass\nelse:\n\tpass", "if x: [pass] else: [pass]");
}
