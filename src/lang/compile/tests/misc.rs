//! Functions, comprehensions, displays, folding, errors, lines and the disassembler.

use super::{compile, consts_of, error, func, has_run};
use crate::lang::ErrorKind;
use crate::lang::ast::BinOp;
use crate::lang::bytecode::{ConstValue, Instr};
use crate::lang::compile::disassemble;

#[test]
fn functions_defaults_and_qualnames() {
    let src = "def f(a, b=1, *args, c, d=2, **kw):\n    def g():\n        return lambda: 0\n    return g\nclass A:\n    def m(self):\n        return [x for x in self]\n";
    let m = compile(src);
    assert!(has_run(&m, &[Instr::LoadConst(0), Instr::BuildTuple(1), Instr::LoadConst(1), Instr::LoadConst(2)]));
    assert!(has_run(&m, &[Instr::BuildMap(1), Instr::LoadConst(3), Instr::MakeFunction(3)]), "{}", disassemble(&m));
    assert_eq!(m.consts[1], ConstValue::Str("d".into()));
    let f = func(&m, "f");
    assert_eq!(f.varnames[..6], ["a", "b", "c", "d", "args", "kw"]);
    assert_eq!((f.argcount, f.kwonlyargcount, f.flags.varargs, f.flags.varkeywords), (2, 2, true, true));
    assert!(f.flags.optimized && !m.flags.optimized);
    assert_eq!(func(&m, "g").qualname, "f.<locals>.g");
    assert_eq!(func(&m, "<lambda>").qualname, "f.<locals>.g.<locals>.<lambda>");
    assert_eq!(func(&m, "m").qualname, "A.m");
    assert_eq!(func(&m, "<listcomp>").qualname, "A.m.<locals>.<listcomp>");
    let gl = compile("def outer():\n    global h\n    def h():\n        pass\n");
    assert_eq!(func(&gl, "h").qualname, "h");
}

#[test]
fn comprehensions_are_functions_of_the_first_iterator() {
    let m = compile("r = [x * y for x in a if x for y in b]\nd = {k: v for k, v in c}\ng = (z for z in e)\n");
    let lc = func(&m, "<listcomp>");
    assert_eq!((lc.argcount, &lc.varnames[0][..]), (1, ".0"));
    assert_eq!(&lc.instrs[..3], &[Instr::BuildList(0), Instr::LoadFast(0), Instr::ForIter(16)], "{}", disassemble(&m));
    assert!(lc.instrs.contains(&Instr::ListAppend(3)) && !lc.flags.generator);
    assert!(has_run(&m, &[Instr::MakeFunction(0), Instr::LoadName(0), Instr::GetIter, Instr::Call(1)]));
    let dc = func(&m, "<dictcomp>");
    assert!(dc.instrs.contains(&Instr::MapAdd(2)) && dc.instrs[0] == Instr::BuildMap(0));
    let ge = func(&m, "<genexpr>");
    assert!(ge.flags.generator && has_run(ge, &[Instr::LoadFast(1), Instr::YieldValue, Instr::PopTop]));
    let generator = compile("def f():\n    yield 1\n");
    assert!(func(&generator, "f").flags.generator);
    // A comprehension capturing a local gets a closure.
    let cl = compile("def f(n):\n    return [i + n for i in range(3)]\n");
    assert_eq!(func(&cl, "<listcomp>").freevars, ["n"]);
    assert!(func(&cl, "f").instrs.contains(&Instr::MakeFunction(8)));
}

#[test]
fn displays_fstrings_and_targets() {
    let m = compile("t = (1, *a, 2)\nd = {1: 2, **e}\nf'a{x!r:>{w}}b'\nf'{y}'\np, *q, r = s\no.at += 1\ni[0] -= 2\n");
    assert!(has_run(&m, &[Instr::BuildList(1), Instr::LoadName(0), Instr::ListExtend(1)]));
    assert!(has_run(&m, &[Instr::ListAppend(1), Instr::ListToTuple]));
    assert!(has_run(&m, &[Instr::BuildMap(1), Instr::LoadName(2), Instr::DictMerge(1)]));
    let fstring = [Instr::LoadName(4), Instr::LoadConst(3), Instr::LoadName(5), Instr::FormatValue(0)];
    assert!(has_run(&m, &fstring), "{}", disassemble(&m));
    assert!(has_run(&m, &[Instr::BuildString(2), Instr::FormatValue(6), Instr::LoadConst(4), Instr::BuildString(3)]));
    assert!(has_run(&m, &[Instr::LoadName(6), Instr::FormatValue(0), Instr::PopTop]));
    assert!(m.instrs.contains(&Instr::UnpackEx(1 | (1 << 8))));
    let attr = [Instr::DupTop, Instr::LoadAttr(12), Instr::LoadConst(0), Instr::InplaceOp(BinOp::Add)];
    assert!(has_run(&m, &attr) && has_run(&m, &[Instr::RotTwo, Instr::StoreAttr(12)]));
    assert!(has_run(&m, &[Instr::DupTopTwo, Instr::BinarySubscr, Instr::LoadConst(1), Instr::InplaceOp(BinOp::Sub)]));
    assert!(has_run(&m, &[Instr::RotThree, Instr::StoreSubscr]));
    assert!(compile("x = f''\n").consts.contains(&ConstValue::Str(String::new())));
}

#[test]
fn constants_fold_and_deduplicate() {
    let m = compile(
        "a = -1\nb = 2 * 3 + 1\nc = 1 / 0\nd = (1, 2.5, (3,))\ne = 9223372036854775807 + 1\nf = 1\ng = 1.0\nh = True\ni = -0.0\nj = 0.0\nk = 0.1 + 0.2\n",
    );
    let consts = consts_of(&m);
    let expected = [
        ConstValue::Int(-1),
        ConstValue::Int(7),
        ConstValue::Int(1),
        ConstValue::Int(0),
        ConstValue::Tuple(vec![
            ConstValue::Int(1),
            ConstValue::Float(2.5),
            ConstValue::Tuple(vec![ConstValue::Int(3)]),
        ]),
        ConstValue::Int(i64::MAX),
        ConstValue::Float(1.0),
        ConstValue::Bool(true),
        ConstValue::Float(-0.0),
        ConstValue::Float(0.0),
        ConstValue::Float(0.1 + 0.2),
        ConstValue::None,
    ];
    assert_eq!(consts, expected, "{}", disassemble(&m));
    assert!(has_run(&m, &[Instr::LoadConst(2), Instr::LoadConst(3), Instr::BinaryOp(BinOp::Div)]));
    assert!(has_run(&m, &[Instr::LoadConst(5), Instr::LoadConst(2), Instr::BinaryOp(BinOp::Add)]));
    assert!(matches!(consts[8], ConstValue::Float(z) if z.is_sign_negative()));
}

#[test]
fn errors() {
    let syntax = |src: &str, msg: &str, line: u32| {
        let e = error(src);
        assert_eq!((e.kind, e.msg.as_str(), e.line), (ErrorKind::Syntax, msg, line), "{src}");
    };
    syntax("x = 1\nreturn x\n", "'return' outside function", 2);
    syntax("class A:\n    return 1\n", "'return' outside function", 2);
    syntax("if x:\n    break\n", "'break' outside loop", 2);
    syntax("def f():\n    continue\n", "'continue' not properly in loop", 2);
    syntax("def f():\n    class A:\n        yield 1\n", "'yield' outside function", 3);
    syntax("x = yield\n", "'yield' outside function", 1);
    syntax("y = [(yield x) for x in z]\n", "'yield' inside list comprehension", 1);
    syntax("nonlocal x\n", "nonlocal declaration not allowed at module level", 1);
    syntax("def f():\n    nonlocal x\n", "no binding for nonlocal 'x' found", 2);
    syntax("x = 1\ndef f():\n    def g():\n        nonlocal x\n", "no binding for nonlocal 'x' found", 4);
    syntax("def f():\n    print(x)\n    global x\n", "name 'x' is used prior to global declaration", 3);
    syntax("def f():\n    x = 1\n    global x\n", "name 'x' is assigned to before global declaration", 3);
    syntax("def f(x):\n    global x\n", "name 'x' is parameter and global", 2);
    syntax(
        "def f():\n    x = 1\n    def g():\n        x = 2\n        nonlocal x\n",
        "name 'x' is assigned to before nonlocal declaration",
        5,
    );
    let unsupported = |src: &str, what: &str| {
        let e = error(src);
        assert!(e.kind == ErrorKind::NotImplemented && e.msg.contains(what), "{src}: {e}");
    };
    unsupported("s = {1, 2}\n", "set displays");
    unsupported("s = {x for x in y}\n", "set comprehensions");
    unsupported("class C(A, B):\n    pass\n", "multiple inheritance");
}

#[test]
fn instructions_carry_the_line_of_their_expression() {
    let m = compile("x = 1\ny = f(\n    a,\n    g(b),\n)\nz = (a\n     + b)\n");
    let line_of = |instr: Instr| m.lines[m.instrs.iter().position(|i| *i == instr).unwrap()];
    assert_eq!(line_of(Instr::Call(2)), 2);
    assert_eq!(line_of(Instr::Call(1)), 4);
    assert_eq!(line_of(Instr::StoreName(m.names.iter().position(|n| n == "y").unwrap() as u32)), 2);
    assert_eq!(line_of(Instr::BinaryOp(BinOp::Add)), 6);
    assert_eq!(m.lines.len(), m.instrs.len());
}

#[test]
fn deep_nesting_compiles() {
    compile(&("x = ".to_string() + &"lambda: ".repeat(2990) + "1\n"));
    compile(&("x = ".to_string() + &"-".repeat(2990) + "y\n"));
    compile(&("x = y".to_string() + &".a".repeat(2990) + "\n"));
    compile(&(vec!["x"; 100_000].join(" < ") + "\n"));
    compile(&("if ".to_string() + &vec!["x"; 100_000].join(" and ") + ":\n    pass\n"));
}

#[test]
fn imports_and_asserts() {
    let m = compile("import threading\nimport a.b as c\nfrom time import sleep, time as t\nassert x, 'm'\n");
    assert!(has_run(&m, &[Instr::ImportName(0), Instr::StoreName(0)]));
    assert!(has_run(&m, &[Instr::ImportName(1), Instr::ImportFrom(2), Instr::StoreName(3), Instr::PopTop]));
    let from = [Instr::ImportName(4), Instr::ImportFrom(5), Instr::StoreName(5), Instr::ImportFrom(4)];
    assert!(has_run(&m, &from) && has_run(&m, &[Instr::StoreName(6), Instr::PopTop]));
    let assert =
        [Instr::PopJumpIfTrue(18), Instr::LoadAssertionError, Instr::LoadConst(0), Instr::Call(1), Instr::Raise(1)];
    assert!(has_run(&m, &assert), "{}", disassemble(&m));
}

#[test]
fn disassembly_snapshot() {
    let m = compile(
        "def f(xs, k=1):\n    total = 0\n    for x in xs:\n        try:\n            total += x // k\n        except ZeroDivisionError:\n            return -1\n    return total\n",
    );
    let text = disassemble(func(&m, "f"));
    let expected = "\
Disassembly of f (t.py, line 1): stacksize 4, args 2, kwonly 0, flags [optimized]
   2        0 LoadConst             0 (0)
            1 StoreFast             2 (total)
   3        2 LoadFast              0 (xs)
            3 GetIter
      >>    4 ForIter              27 (to 27)
            5 StoreFast             3 (x)
   5        6 LoadFast              2 (total)
            7 LoadFast              3 (x)
            8 LoadFast              1 (k)
            9 BinaryOp           FloorDiv
           10 InplaceOp           Add
           11 StoreFast             2 (total)
           12 Jump                 26 (to 26)
      >>   13 PushExcInfo
   6       14 LoadGlobal            0 (ZeroDivisionError)
           15 CheckExcMatch
           16 PopJumpIfFalse       22 (to 22)
           17 PopTop
   7       18 PopExcept
           19 PopTop
           20 LoadConst             1 (-1)
           21 ReturnValue
   6  >>   22 Reraise
      >>   23 RotTwo
           24 PopExcept
           25 Reraise
   3  >>   26 JumpBackward          4 (to 4)
   8  >>   27 LoadFast              2 (total)
           28 ReturnValue
ExceptionTable:
  6 to 12 -> 13 [1]
  13 to 18 -> 23 [2]
  22 to 23 -> 23 [2]
";
    assert_eq!(text, expected, "\n{text}");
}
