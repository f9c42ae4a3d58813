//! Errors: the exception kind and line CPython 3.11 reports (checked against `compile()`), and
//! `NotImplementedError` for valid Python outside the subset.

use super::*;

#[test]
fn indentation_errors() {
    let unindent = "unindent does not match any outer indentation level";
    indentation("if x:\n  a\n b\n", 3, unindent);
    indentation("def f():\n    return\n  x = 1\n", 3, unindent);
    indentation("class A:\n  def f(self):\n    pass\n def g(self):\n    pass\n", 4, unindent);
    indentation("a\n  b\n", 2, "unexpected indent");
    indentation("  x = 1\n", 1, "unexpected indent");
    indentation("x = 1\n\n    y = 2\n", 3, "unexpected indent");
    indentation("if x:\n    a\n      b\n", 3, "unexpected indent");
    indentation("class A:\n  @property\n]\n", 3, "unexpected unindent");
    let tabs = "inconsistent use of tabs and spaces in indentation";
    indentation("if x:\n    a\n  \tb\n", 3, tabs);
    indentation("if 1:\n        a\n\tb\n", 3, tabs);
}

#[test]
fn missing_blocks() {
    indentation("if x:\npass\n", 2, "expected an indented block after 'if' statement on line 1");
    indentation("if x:\n", 1, "expected an indented block after 'if' statement on line 1");
    indentation("if x:\n\n# c\n", 3, "expected an indented block after 'if' statement on line 1");
    indentation("if a:\n x\nelif b:\ny\n", 4, "expected an indented block after 'elif' statement on line 3");
    indentation("if a:\n x\nelse:\ny\n", 4, "expected an indented block after 'else' statement on line 3");
    indentation("while a:\nx\n", 2, "expected an indented block after 'while' statement on line 1");
    indentation("for a in b:\nx\n", 2, "expected an indented block after 'for' statement on line 1");
    indentation("try:\nx\n", 2, "expected an indented block after 'try' statement on line 1");
    indentation("try:\n x\nexcept E:\ny\n", 4, "expected an indented block after 'except' statement on line 3");
    indentation("try:\n x\nfinally:\ny\n", 4, "expected an indented block after 'finally' statement on line 3");
    indentation("with a:\nx\n", 2, "expected an indented block after 'with' statement on line 1");
    indentation("def f():\nx\n", 2, "expected an indented block after function definition on line 1");
    indentation("@d\ndef f():\nx\n", 3, "expected an indented block after function definition on line 2");
    indentation("class C:\nx\n", 2, "expected an indented block after class definition on line 1");
}

#[test]
fn lexical_errors() {
    let e = syntax("x = 'abc\n", 1);
    assert_eq!(e.msg, "unterminated string literal (detected at line 1)");
    let e = syntax("x = 1\ny = '''abc\n\nz\n", 2);
    assert_eq!(e.msg, "unterminated triple-quoted string literal (detected at line 4)");
    syntax("'abc", 1);
    syntax("x = \"abc\ndef\"\n", 1);
    assert_eq!(syntax("x = (1,\n2\n", 1).msg, "'(' was never closed");
    assert_eq!(syntax("x = (1,\n[2\n", 2).msg, "'[' was never closed");
    assert_eq!(syntax("{1: 2\n\n\n", 1).msg, "'{' was never closed");
    assert_eq!(syntax("x = 1)\n", 1).msg, "unmatched ')'");
    syntax("(\n)\n)\n", 3);
    syntax("x = (1]\n", 1);
    syntax("a ! b\n", 1);
    syntax("a $ b\n", 1);
    syntax("a ? b\n", 1);
    syntax("a ` b\n", 1);
    syntax("a € b\n", 1);
    syntax("x = \\ y\n", 1);
    syntax("x = 1 \\\n", 1);
    syntax("  \\  x = 1\n", 1);
    syntax("x = '\\x4'\n", 1);
    syntax("x = '\\u12'\n", 1);
    syntax("x = ('a'\n '\\x4'\n )\n", 3);
}

#[test]
fn number_errors() {
    let e = syntax("x = 012\n", 1);
    assert!(e.msg.starts_with("leading zeros in decimal integer literals"), "{e}");
    for src in ["x = 1abc\n", "x = 1_\n", "x = 1__0\n", "x = 0x\n", "x = 0b2\n", "x = 0o8\n", "x = 1e\n", "x = 0x_\n"] {
        syntax(src, 1);
    }
}

#[test]
fn assignment_target_errors() {
    syntax("x = = 1\n", 1);
    assert!(syntax("1 = x\n", 1).msg.starts_with("cannot assign to literal"));
    assert!(syntax("f() = 1\n", 1).msg.starts_with("cannot assign to function call"));
    assert_eq!(syntax("(a, f()) = 1\n", 1).msg, "cannot assign to function call");
    assert!(syntax("a + 1 = 2\n", 1).msg.starts_with("cannot assign to expression"));
    assert_eq!(syntax("x.y = z = 3 = 4\n", 1).msg, "cannot assign to literal");
    assert_eq!(syntax("True = 1\n", 1).msg, "cannot assign to True");
    assert_eq!(syntax("a < b = 1\n", 1).msg, "cannot assign to comparison");
    assert_eq!(syntax("a if b else c = 1\n", 1).msg, "cannot assign to conditional expression");
    assert_eq!(syntax("x = yield = 1\n", 1).msg, "assignment to yield expression not possible");
    syntax("x = (\n  a,\n  f()) = 2\n", 3);
    assert_eq!(syntax("del f()\n", 1).msg, "cannot delete function call");
    assert_eq!(syntax("del *a\n", 1).msg, "cannot delete starred");
    assert_eq!(syntax("f() += 1\n", 1).msg, "'function call' is an illegal expression for augmented assignment");
    assert_eq!(syntax("(a, b) += 1\n", 1).msg, "'tuple' is an illegal expression for augmented assignment");
    assert_eq!(syntax("for f() in x: pass\n", 1).msg, "cannot assign to function call");
    assert_eq!(syntax("with a as 1: pass\n", 1).msg, "cannot assign to literal");
    assert_eq!(syntax("[x for 1 in y]\n", 1).msg, "cannot assign to literal");
    assert_eq!(syntax("*a = 1\n", 1).msg, "starred assignment target must be in a list or tuple");
    assert_eq!(syntax("*a, *b = 1\n", 1).msg, "multiple starred expressions in assignment");
    syntax("x = (*a)\n", 1);
    syntax("[*a for a in b]\n", 1);
}

#[test]
fn statement_errors() {
    assert_eq!(syntax("if x\n  pass\n", 1).msg, "expected ':'");
    syntax("def f() pass\n", 1);
    syntax("for x in y z: pass\n", 1);
    syntax("a = 1 +\n", 1);
    syntax("x = (\n  1 +\n)\n", 3);
    syntax("a = 1; b = = 2\n", 1);
    syntax("x = 1 2\n", 1);
    syntax("except E:\n pass\n", 1);
    syntax("else:\n pass\n", 1);
    syntax("@d\nx = 1\n", 2);
    assert_eq!(syntax("try:\n x\ny=1\n", 3).msg, "expected 'except' or 'finally' block");
    syntax("try:\n  pass\nelse:\n  pass\n", 3);
    syntax("try:\n x\nexcept A, B:\n pass\n", 3);
    syntax("try:\n  pass\nexcept:\n  pass\nexcept E:\n  pass\n", 3);
    syntax("import\n", 1);
    syntax("from m import a,\n", 1);
    syntax("x=1;;\n", 1);
    assert!(syntax("print 'a'\n", 1).msg.starts_with("Missing parentheses in call to 'print'"));
}

#[test]
fn expression_errors() {
    assert_eq!(syntax("x = 1 if 2\n", 1).msg, "expected 'else' after 'if' expression");
    let comma = "invalid syntax. Perhaps you forgot a comma?";
    assert_eq!(syntax("x = [1, 2\n  3]\n", 1).msg, comma);
    assert_eq!(syntax("f(\n  a b)\n", 2).msg, comma);
    assert_eq!(syntax("x = (\n a\n b)\n", 2).msg, comma);
    assert_eq!(syntax("x = [f 'a']\n", 1).msg, "invalid syntax");
    assert_eq!(syntax("f(c d)\n", 1).msg, "invalid syntax");
    syntax("a[]\n", 1);
    syntax("a.1\n", 1);
    syntax("f(*)\n", 1);
    syntax("{**a: 1}\n", 1);
    assert_eq!(syntax("{1: 2,\n 3\n , 4}\n", 2).msg, "':' expected after dictionary key");
    assert_eq!(syntax("{1: }\n", 1).msg, "expression expected after dictionary key and ':'");
    assert_eq!(syntax("if x = 1: pass\n", 1).msg, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    assert!(syntax("(f() = 1)\n", 1).msg.starts_with("cannot assign to function call here"));
}

#[test]
fn parameter_and_argument_errors() {
    syntax("def f(a=1, b): pass\n", 1);
    syntax("def f(\n  a,\n  b=1,\n  c\n): pass\n", 4);
    syntax("def f(*): pass\n", 1);
    syntax("def f(**k, a): pass\n", 1);
    syntax("def f(*a, *b): pass\n", 1);
    syntax("def f(a, a): pass\n", 1);
    syntax("lambda *: 0\n", 1);
    syntax("f(a=1, b)\n", 1);
    syntax("f(\n  a=1,\n  b\n)\n", 4);
    syntax("f(**a, b)\n", 1);
    syntax("f(**a, *b)\n", 1);
    syntax("f(x for x in y, 1)\n", 1);
    syntax("f(a.b=1)\n", 1);
}

#[test]
fn fstring_errors() {
    assert_eq!(syntax("x = f'{}'\n", 1).msg, "f-string: empty expression not allowed");
    syntax("x = f'{a!x}'\n", 1);
    syntax("x = f'{a}}'\n", 1);
    syntax("x = f'{a'\n", 1);
    syntax("f'{a:{b:{c}}}'\n", 1);
    syntax("x = (f'{}'\n 'a'\n)\n", 3);
    syntax("x = f'''\n\n{a b}'''\n", 3);
    syntax("x = f'''{\na b}'''\n", 2);
    syntax("x = f'{a\\n}'\n", 1);
}

/// Valid Python outside the subset is a `NotImplementedError` naming the construct and its line.
#[test]
fn unsupported_constructs() {
    unsupported("x = 1\nif (y := 2): pass\n", 2, ":=");
    unsupported("if y := 2: pass\n", 1, ":=");
    unsupported("f(a, b := 1)\n", 1, ":=");
    unsupported("async def f(): pass\n", 1, "async def");
    // CPython rejects these outside `async def` only when compiling; either way they are not gilfree's.
    unsupported("def f():\n    async with a: pass\n", 2, "async with");
    unsupported("def f():\n    await x\n", 2, "await");
    unsupported("[x async for x in y]\n", 1, "asynchronous comprehension");
    unsupported("x = b'abc'\n", 1, "bytes literal");
    unsupported("x = 3j\n", 1, "complex literal");
    unsupported("x = 99999999999999999999\n", 1, "64 bits");
    unsupported("x = f'{x=}'\n", 1, "self-documenting");
    unsupported("from m import *\n", 1, "import *");
    unsupported("from . import x\n", 1, "relative import");
    unsupported("def f(a, /, b): pass\n", 1, "positional-only");
    unsupported("class C(metaclass=M): pass\n", 1, "class keyword arguments");
    unsupported("match x:\n    case 1: pass\n", 1, "match");
    unsupported("x: int = 5\n", 1, "annotation");
    unsupported("try:\n  pass\nexcept* E:\n  pass\n", 3, "except*");
    unsupported("x = '\\N{EM DASH}'\n", 1, "\\N{...}");
    // `match` and the other soft keywords stay ordinary names elsewhere.
    check("match = 1\nmatch(x)\nmatch[0]", "match = 1\nmatch(x)\nmatch[0]");
}

/// Which error wins when a file has several, as in CPython: its tokenizer is lazy, so a syntax error
/// before a lexical one is reported, except that unterminated strings, bad numbers, invalid characters and
/// unmatched brackets found later take over; the checks CPython makes when compiling come last.
#[test]
fn error_order() {
    syntax("if x\n  y\n    z\n", 1);
    syntax("x = = 1\ny = 'abc\n", 2);
    syntax("foo(a,\n  b c\n", 1);
    syntax("a b\nc = (\n", 1);
    syntax("x = '\\x4'\ny = 'abc\n", 2);
    syntax("x = ?\ny = (\n", 1);
    syntax("x = ?\ny = 'abc\n", 2);
    syntax("x = '\\x4' + $\n", 1);
    indentation("if x:\n  y\n    z\nw = 'abc\n", 3, "unexpected indent");
    syntax("*a = 1\nx = = 2\n", 2);
    syntax("def f(a, a): pass\nx = = 2\n", 2);
    syntax("x = b'a'\ny = = 1\n", 2);
    syntax("x = 1j\nif x\n   pass\n", 2);
    syntax("async def f(): pass\nx = 'abc\n", 2);
    unsupported("x = b'a'\ny = 1j\n", 1, "bytes");
    // A non-raising lexical error (here a stray character after a backslash) with a bracket open: the
    // bracket is reported if opened before the parser's error line.
    assert_eq!(syntax("x = (\n a b\n c \\n)\n", 1).msg, "'(' was never closed");
    assert_eq!(syntax("x = (\n a b \\\n", 1).msg, "'(' was never closed");
    assert_eq!(syntax("x = [\n a\n b\n c\n ] \\n\n", 2).msg, "invalid syntax. Perhaps you forgot a comma?");
    // CPython parses the expression after a missing comma, so a lexical error right after it wins.
    syntax("x = (a b \\n\n", 1);
    assert!(syntax("x = (a b \\n\n", 1).msg.starts_with("unexpected character after line continuation"));
}

/// Constructs outside the subset that the parser can parse past do not stop it: a syntax error anywhere
/// wins, as in CPython, which parses them.
#[test]
fn unsupported_then_syntax_error() {
    indentation("x: int = 1\n  y\n", 2, "unexpected indent");
    syntax("async def f(): await x\nx = = 1\n", 2);
    syntax("from . import x\nx = = 1\n", 2);
    syntax("from m import *\nx = = 1\n", 2);
    syntax("class C(metaclass=M):\n  x = = 1\n", 2);
    syntax("def f(a, /, b): pass\nx = = 1\n", 2);
    syntax("y = (x := 1)\nz = = 2\n", 2);
    syntax("try:\n pass\nexcept* E:\n pass\nx = = 1\n", 5);
    syntax("x = f'{y=}'\nz = = 2\n", 2);
    syntax("x = f'{12345678901234567890}'\nz = = 2\n", 2);
    syntax("match x:\n    case 1:\n        pass\nx = = 1\n", 4);
    indentation("match x:\npass\n", 2, "expected an indented block after 'match' statement on line 1");
    // The first construct outside the subset is reported when there is no syntax error.
    unsupported("from .m import x\nasync def f(): pass\n", 1, "relative import");
    unsupported("x = 1\nmatch x:\n    case 1: pass\n    case _: pass\ny = 2\n", 2, "match");
    unsupported("x = f'{12345678901234567890}'\n", 1, "64 bits");
    // `:=` is valid only after a plain name in certain places.
    syntax("x := 1\n", 1);
    syntax("(a.b := 1)\n", 1);
    syntax("[x for x in y if z := 1]\n", 1);
    assert_eq!(syntax("def f: pass\n", 1).msg, "expected '('");
}

/// Nesting limits: CPython's 200 open brackets and 100 indentation levels, and 3000 levels of expression
/// nesting (where CPython's compiler raises `RecursionError`), so that deep input is an error, never a stack
/// overflow.
#[test]
fn nesting_limits() {
    let parens = |n: usize| "(".repeat(n) + "1" + &")".repeat(n);
    module(&parens(200));
    assert_eq!(syntax(&parens(201), 1).msg, "too many nested parentheses");
    let blocks = |n: usize| (0..n).map(|i| " ".repeat(i) + "if x:\n").collect::<String>() + &" ".repeat(n) + "pass\n";
    module(&blocks(99));
    indentation(&blocks(100), 101, "too many levels of indentation");
    module(&("-".repeat(2990) + "1"));
    module(&("lambda: ".repeat(2990) + "1"));
    module(&("x".to_string() + &".a".repeat(2990)));
    for deep in [
        "-".repeat(100_000) + "1",
        "not ".repeat(100_000) + "x",
        "lambda: ".repeat(100_000) + "1",
        "1 if x else ".repeat(100_000) + "1",
        "2**".repeat(100_000) + "2",
        vec!["1"; 100_000].join("+"),
        "f".to_string() + &"()".repeat(100_000),
    ] {
        unsupported(&deep, 1, "nested more than 3000 levels");
    }
    // Flat chains build no depth.
    module(&vec!["x"; 100_000].join(" and "));
    module(&vec!["x"; 100_000].join(" < "));
}
