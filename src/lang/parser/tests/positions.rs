//! Every node records the line where it starts, as in CPython 3.11 (expected lists from its `ast`).

use super::*;

/// Node lines in multi-line statements: parentheses, continuations, decorators, f-strings.
#[test]
fn node_lines() {
    check_lines("x = (\n  1 +\n  2\n)", &[("Assign", 1), ("BinOp", 2), ("Const", 2), ("Const", 3), ("Name", 1)]);
    check_lines(
        "f(\n  a,\n  *b,\n  c=d,\n  **e,\n)",
        &[("Call", 1), ("Expr", 1), ("Name", 1), ("Name", 2), ("Name", 3), ("Name", 4), ("Name", 5), ("Starred", 3)],
    );
    check_lines(
        "(a\n .b\n .c(\n   1))",
        &[("Attribute", 1), ("Attribute", 1), ("Call", 1), ("Const", 4), ("Expr", 1), ("Name", 1)],
    );
    check_lines(
        "@dec(\n  1)\ndef f(a=1,\n      *, b=(\n      2)):\n    return (yield\n       x)",
        &[
            ("Call", 1),
            ("Const", 2),
            ("Const", 3),
            ("Const", 5),
            ("FunctionDef", 3),
            ("Name", 1),
            ("Name", 7),
            ("Return", 6),
            ("Yield", 6),
        ],
    );
    check_lines(
        "class C(\n   B):\n    '''doc'''\n    x = 1",
        &[("Assign", 4), ("ClassDef", 1), ("Const", 3), ("Const", 4), ("Expr", 3), ("Name", 2), ("Name", 4)],
    );
    check_lines(
        "if (a and\n    b or\n    not c):\n    pass\nelif d:\n    pass\nelse:\n    pass",
        &[
            ("BoolOp", 1),
            ("BoolOp", 1),
            ("If", 1),
            ("If", 5),
            ("Name", 1),
            ("Name", 2),
            ("Name", 3),
            ("Name", 5),
            ("Pass", 4),
            ("Pass", 6),
            ("Pass", 8),
            ("UnaryOp", 3),
        ],
    );
    check_lines(
        "try:\n    a\nexcept (E,\n        F) as e:\n    pass\nfinally:\n    pass",
        &[
            ("ExceptHandler", 3),
            ("Expr", 2),
            ("Name", 2),
            ("Name", 3),
            ("Name", 4),
            ("Pass", 5),
            ("Pass", 7),
            ("Try", 1),
            ("Tuple", 3),
        ],
    );
    check_lines(
        "with a as b, \\\n     c as d:\n    pass",
        &[("Name", 1), ("Name", 1), ("Name", 2), ("Name", 2), ("Pass", 3), ("With", 1)],
    );
    check_lines(
        "x = f'''\n{a}\n{b!r:{c}}'''",
        &[("Assign", 1), ("FString", 1), ("Name", 1), ("Name", 2), ("Name", 3), ("Name", 3)],
    );
    check_lines(
        "y = {\n  k: v\n  for k, v in d\n  if k\n}",
        &[
            ("Assign", 1),
            ("DictComp", 1),
            ("Name", 1),
            ("Name", 2),
            ("Name", 2),
            ("Name", 3),
            ("Name", 3),
            ("Name", 3),
            ("Name", 4),
            ("Tuple", 3),
        ],
    );
    check_lines(
        "x = (\n  a + b).split()",
        &[("Assign", 1), ("Attribute", 1), ("BinOp", 2), ("Call", 1), ("Name", 1), ("Name", 2), ("Name", 2)],
    );
    check_lines(
        "y = (\n  a) * b ** (\n  c) if (\n  d) else e",
        &[
            ("Assign", 1),
            ("BinOp", 1),
            ("BinOp", 2),
            ("IfExp", 1),
            ("Name", 1),
            ("Name", 2),
            ("Name", 2),
            ("Name", 3),
            ("Name", 4),
            ("Name", 4),
        ],
    );
    check_lines(
        "w = (\n a)[1], (\n b)[\n 2:3]",
        &[
            ("Assign", 1),
            ("Const", 2),
            ("Const", 4),
            ("Const", 4),
            ("Name", 1),
            ("Name", 2),
            ("Name", 3),
            ("Slice", 4),
            ("Subscript", 1),
            ("Subscript", 2),
            ("Tuple", 1),
        ],
    );
    check_lines(
        "for (\n  a), b in c: pass",
        &[("For", 1), ("Name", 2), ("Name", 2), ("Name", 2), ("Pass", 2), ("Tuple", 1)],
    );
    check_lines(
        "g = (x\n     for x in y)",
        &[("Assign", 1), ("GeneratorExp", 1), ("Name", 1), ("Name", 1), ("Name", 2), ("Name", 2)],
    );
    check_lines("s = ('a'\n     'b')", &[("Assign", 1), ("Const", 1), ("Name", 1)]);
    check_lines("t = 1, \\\n    2", &[("Assign", 1), ("Const", 1), ("Const", 2), ("Name", 1), ("Tuple", 1)]);
    check_lines("del a, \\\n  b", &[("Delete", 1), ("Name", 1), ("Name", 2)]);
    check_lines(
        "z = lambda x: (\n   x if x else -x)",
        &[
            ("Assign", 1),
            ("IfExp", 2),
            ("Lambda", 1),
            ("Name", 1),
            ("Name", 2),
            ("Name", 2),
            ("Name", 2),
            ("UnaryOp", 2),
        ],
    );
}
