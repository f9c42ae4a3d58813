//! Expression parsing: each snippet is rendered (see `dump`) and compared with CPython 3.11's `ast`.

use super::*;

/// Operator precedence and associativity follow CPython's grammar.
#[test]
fn precedence() {
    check("-2**2", "(-(2 ** 2))");
    check("2**-1", "(2 ** (-1))");
    check("-a ** -b", "(-(a ** (-b)))");
    check("a ** b ** c", "(a ** (b ** c))");
    check("not a == b", "(not (a == b))");
    check("not not a", "(not (not a))");
    check("a or b and c", "(a or (b and c))");
    check("a and b or c and d", "((a and b) or (c and d))");
    check("not a or b", "((not a) or b)");
    check("a - b - c", "((a - b) - c)");
    check("a | b ^ c & d << e + f * g ** h", "(a | (b ^ (c & (d << (e + (f * (g ** h)))))))");
    check("a & b | c", "((a & b) | c)");
    check("a << b >> c", "((a << b) >> c)");
    check("~a + +b", "((~a) + (+b))");
    check("a @ b // c % d / e", "((((a @ b) // c) % d) / e)");
    check("-x.y", "(-x.y)");
    check("(a + b) * c", "((a + b) * c)");
    check("a + (b * c)", "(a + (b * c))");
    check("a if b else c if d else e", "(a if b else (c if d else e))");
    check("(a if b else c) if d else e", "((a if b else c) if d else e)");
    check("a or b if c else d and e", "((a or b) if c else (d and e))");
    check("not a if b else c", "((not a) if b else c)");
}

/// Comparisons chain, including the two-token operators.
#[test]
fn comparisons() {
    check("a < b", "(a < b)");
    check("a < b <= c != d", "(a < b <= c != d)");
    check("a == b > c >= d", "(a == b > c >= d)");
    check("a in b not in c", "(a in b not in c)");
    check("a is b is not c", "(a is b is not c)");
    check("not a in b", "(not (a in b))");
    check("a < b == c or d", "((a < b == c) or d)");
}

/// Lambdas: parameters, defaults, nesting, and as call arguments.
#[test]
fn lambdas() {
    check("lambda: 0", "(lambda : 0)");
    check("lambda a, b=1, *c, d, e=2, **f: a", "(lambda a, b=1, *c, d, e=2, **f: a)");
    check("lambda *, k: k", "(lambda *, k: k)");
    check("lambda *a, **k: (a, k)", "(lambda *a, **k: Tuple(a, k))");
    check("lambda x: lambda y: x + y", "(lambda x: (lambda y: (x + y)))");
    check("f(lambda x: x + 1, key=lambda: 0)", "f((lambda x: (x + 1)), key=(lambda : 0))");
    check("lambda x: x if x else -x", "(lambda x: (x if x else (-x)))");
    check("(lambda: 1)()", "(lambda : 1)()");
}

/// Calls, attributes and their chaining.
#[test]
fn calls_and_attributes() {
    check("f()", "f()");
    check("f(a,)", "f(a)");
    check("f(a, *b, c=1, **d)", "f(a, *b, c=1, **d)");
    check("f(*a, *b, **c, **d)", "f(*a, *b, **c, **d)");
    check("f(a=1, *b)", "f(a=1, *b)");
    check("f(a)(b)(c)", "f(a)(b)(c)");
    check("a.b.c(d)[e].f", "a.b.c(d)[e].f");
    check("f(x for x in y)", "f(Gen(x for x in y))");
    check("f((x for x in y), 1)", "f(Gen(x for x in y), 1)");
    check("print('a', end='')", r#"print("a", end="")"#);
}

/// Subscripts: single indexes, slices with any part omitted, and tuples of them.
#[test]
fn subscripts_and_slices() {
    check("x[1]", "x[1]");
    check("x[1:2]", "x[1:2]");
    check("x[::3]", "x[::3]");
    check("x[:]", "x[:]");
    check("x[a:]", "x[a:]");
    check("x[:b]", "x[:b]");
    check("x[1:2:3]", "x[1:2:3]");
    check("x[::]", "x[:]");
    check("x[1:2:]", "x[1:2]");
    check("x[1, 2]", "x[Tuple(1, 2)]");
    check("x[1:2, ::3]", "x[Tuple(1:2, ::3)]");
    check("x[a,]", "x[Tuple(a)]");
    check("x[*a]", "x[Tuple(*a)]");
    check("x[()]", "x[Tuple()]");
    check("x[-1]", "x[(-1)]");
    check("x[a][b:c]", "x[a][b:c]");
}

/// Tuples, lists, dicts and sets, with trailing commas and unpacking.
#[test]
fn displays() {
    check("()", "Tuple()");
    check("(1,)", "Tuple(1)");
    check("(1, 2)", "Tuple(1, 2)");
    check("(1)", "1");
    check("((a))", "a");
    check("[]", "List()");
    check("[1]", "List(1)");
    check("[1, *a, 2,]", "List(1, *a, 2)");
    check("{}", "Dict()");
    check("{1: 2}", "Dict(1: 2)");
    check("{1: 2, **m, 3: 4,}", "Dict(1: 2, **m, 3: 4)");
    check("{**a}", "Dict(**a)");
    check("{1, 2}", "Set(1, 2)");
    check("{*a, b}", "Set(*a, b)");
    check("{1}", "Set(1)");
    check("a, b", "Tuple(a, b)");
    check("a,", "Tuple(a)");
    check("*a, b", "Tuple(*a, b)");
}

/// Comprehensions with several `for` and `if` clauses.
#[test]
fn comprehensions() {
    check("[x for x in y]", "ListComp(x for x in y)");
    check("[x for x in y if x if z for w in x]", "ListComp(x for x in y if x if z for w in x)");
    check("[(a, b) for a in x for b in y]", "ListComp(Tuple(a, b) for a in x for b in y)");
    check("[x for x, in y]", "ListComp(x for Tuple(x) in y)");
    check("[x for *a, b in y]", "ListComp(x for Tuple(*a, b) in y)");
    check("{k: v for k, v in d.items() if k}", "DictComp(k: v for Tuple(k, v) in d.items() if k)");
    check("{x for x in y}", "SetComp(x for x in y)");
    check("(x for x in y)", "Gen(x for x in y)");
    check("[x if c else d for x in y]", "ListComp((x if c else d) for x in y)");
    check("[x for x in (y if c else z)]", "ListComp(x for x in (y if c else z))");
    check("[lambda: x for x in y]", "ListComp((lambda : x) for x in y)");
    check("[[y for y in x] for x in z]", "ListComp(ListComp(y for y in x) for x in z)");
    check("[x for x in y if not x]", "ListComp(x for x in y if (not x))");
}

/// Numbers, strings (prefixes, escapes, concatenation), keywords and the ellipsis.
#[test]
fn literals() {
    check("None, True, False, ...", "Tuple(None, True, False, ...)");
    check(
        "0, 00, 0_0, 7, 1_000_000, 0x1F, 0o17, 0b101, 0XFF, 9223372036854775807",
        "Tuple(0, 0, 0, 7, 1000000, 31, 15, 5, 255, 9223372036854775807)",
    );
    check(
        "1.5, 1., .5, 1e10, 1.5E-3, 1_000.5, 0e0, 1e-7, 2.5e+3",
        "Tuple(1.5, 1.0, 0.5, 10000000000.0, 0.0015, 1000.5, 0.0, 1e-7, 2500.0)",
    );
    check(r#"'a' "b" '''c''' """d""""#, r#""abcd""#);
    check("u'abc' U'x'", r#""abcx""#);
    check(r#"r'\d\n' R'\''"#, r#""\\d\\n\\'""#);
    check(r#"'\n\t\r\\ \' \" \a\b\f\v\0'"#, r#""\n\t\r\\ ' \" \u{7}\u{8}\u{c}\u{b}\0""#);
    check(r#"'\x41\u00e9\U0001F600\101\7\1234'"#, r#""Aé😀A\u{7}S4""#);
    check(r#"'\q \w'"#, r#""\\q \\w""#);
    check("'a\\\nb'", r#""ab""#);
    check("'''a\nb'''", r#""a\nb""#);
    check("'é' 'ß'", r#""éß""#);
    check("''", r#""""#);
}

/// f-strings: literal parts, fields with conversions and nested format specs, concatenation.
#[test]
fn fstrings() {
    check("f'x{a}y'", r#"f["x", {a}, "y"]"#);
    check("f'{a!r} {b!s} {c!a}'", r#"f[{a!r}, " ", {b!s}, " ", {c!a}]"#);
    check("f'{x:>10}'", r#"f[{x:[">10"]}]"#);
    check("f'{x:{y}}'", "f[{x:[{y}]}]");
    check("f'{a!r:>{w}.{p}}x{{y}}'", r#"f[{a!r:[">", {w}, ".", {p}]}, "x{y}"]"#);
    check(r#"f"{d['k']}""#, r#"f[{d["k"]}]"#);
    check("f'{a, b}'", "f[{Tuple(a, b)}]");
    check("f'{x == y}' f'{x != y}'", "f[{(x == y)}, {(x != y)}]");
    check("f'{a if b else c}'", "f[{(a if b else c)}]");
    check(r#"f"{ {'a': 1}['a'] }""#, r#"f[{Dict("a": 1)["a"]}]"#);
    check("f'x{a}y' 'z' f'{b!r}'", r#"f["x", {a}, "yz", {b!r}]"#);
    check("'a' f'{b}' 'c'", r#"f["a", {b}, "c"]"#);
    check(r#"rf'\n{x}' fr'\t'"#, r#"f["\\n", {x}, "\\t"]"#);
    check(r#"f'\n{x}\t'"#, r#"f["\n", {x}, "\t"]"#);
    check("F'{x}'", "f[{x}]");
    check("f''", "f[]");
    check("f'{{}}'", r#"f["{}"]"#);
    check("f'{x:{{}}}'", "f[{x:[{Dict()}]}]");
    check("f'{3!r:}'", "f[{3!r}]");
    check("f'{x[1:2]}'", "f[{x[1:2]}]");
    check("f'{(lambda: 1)()}'", "f[{(lambda : 1)()}]");
    check(r#"f'{f"{1}"}'"#, "f[{f[{1}]}]");
    check("f'''{\nx\n}'''", "f[{x}]");
    check("f'{x:%Y-%m-%d}'", r#"f[{x:["%Y-%m-%d"]}]"#);
    check("f'{x:{w}.{p}f} {y!r:^{w}}'", r#"f[{x:[{w}, ".", {p}, "f"]}, " ", {y!r:["^", {w}]}]"#);
}

/// `yield` and `yield from` as statements, assignment values and parenthesized expressions.
#[test]
fn yields() {
    check(
        "def g():\n    yield\n    yield x\n    yield x, y\n    yield from z\n    x = yield y\n    x = (yield)\n    f((yield x))\n    return (yield from z)",
        "def g(): [(yield); (yield x); (yield Tuple(x, y)); (yield from z); x = (yield y); x = (yield); f((yield x)); return (yield from z)]",
    );
    check(
        "def g():\n    x = yield a, b\n    await_ = yield\n    y += yield z",
        "def g(): [x = (yield Tuple(a, b)); await_ = (yield); y += (yield z)]",
    );
}

/// Starred and nested unpacking targets.
#[test]
fn starred_targets() {
    check("a, *b = c", "Tuple(a, *b) = c");
    check("*a, b = c", "Tuple(*a, b) = c");
    check("(a, [b, *c]) = d", "Tuple(a, List(b, *c)) = d");
    check("[a, b] = c", "List(a, b) = c");
    check("a, (b, c) = d", "Tuple(a, Tuple(b, c)) = d");
    check("for a, *b in c: pass", "for Tuple(a, *b) in c: [pass] else: []");
    check("x, = y", "Tuple(x) = y");
}
