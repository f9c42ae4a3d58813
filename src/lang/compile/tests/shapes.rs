//! Instruction shapes of calls, closures, scopes, `super()` and comparisons.

use super::{compile, func, has_run};
use crate::lang::ast::{BinOp, CmpOp};
use crate::lang::bytecode::{ConstValue, Instr};

#[test]
fn calls() {
    let m = compile("a.b(1)\nf(1, k=2)\nf(*x, 3, **y)\nf(*x)\na.b(k=1)\n");
    let (a, b, f, x, y) = (0, 1, 2, 3, 4);
    assert_eq!(&m.names, &["a", "b", "f", "x", "y"]);
    assert!(has_run(&m, &[Instr::LoadName(a), Instr::LoadMethod(b), Instr::LoadConst(0), Instr::CallMethod(1)]));
    let kw = m.consts.iter().position(|c| *c == ConstValue::Tuple(vec![ConstValue::Str("k".into())])).unwrap();
    let two = m.consts.iter().position(|c| *c == ConstValue::Int(2)).unwrap() as u32;
    assert!(has_run(
        &m,
        &[
            Instr::LoadName(f),
            Instr::LoadConst(0),
            Instr::LoadConst(two),
            Instr::LoadConst(kw as u32),
            Instr::CallKw(2)
        ]
    ));
    let three = m.consts.iter().position(|c| *c == ConstValue::Int(3)).unwrap() as u32;
    let star_kw = [Instr::LoadName(f), Instr::BuildList(0), Instr::LoadName(x), Instr::ListExtend(1)];
    assert!(has_run(&m, &star_kw));
    let rest =
        [Instr::LoadConst(three), Instr::ListAppend(1), Instr::ListToTuple, Instr::BuildMap(0), Instr::LoadName(y)];
    assert!(has_run(&m, &rest));
    assert!(has_run(&m, &[Instr::DictMerge(1), Instr::CallEx(1)]));
    assert!(has_run(&m, &[Instr::ListToTuple, Instr::CallEx(0)]));
    assert!(has_run(&m, &[Instr::LoadName(a), Instr::LoadAttr(b)]), "keywords: a plain attribute and CallKw");
}

#[test]
fn closures_get_cells_and_free_variables() {
    let m = compile("def outer(p):\n    x = 1\n    def inner():\n        return x + p\n    return inner\n");
    let outer = func(&m, "outer");
    let inner = func(&m, "inner");
    assert_eq!(outer.cellvars, ["p", "x"]);
    assert_eq!(inner.freevars, ["p", "x"]);
    assert_eq!(inner.qualname, "outer.<locals>.inner");
    // The parameter is copied into its cell first.
    assert_eq!(&outer.instrs[..2], &[Instr::LoadFast(0), Instr::StoreDeref(0)]);
    assert!(has_run(outer, &[Instr::LoadConst(0), Instr::StoreDeref(1)]));
    assert!(has_run(outer, &[Instr::LoadClosure(0), Instr::LoadClosure(1), Instr::BuildTuple(2)]));
    assert!(outer.instrs.contains(&Instr::MakeFunction(8)));
    assert!(has_run(inner, &[Instr::LoadDeref(1), Instr::LoadDeref(0), Instr::BinaryOp(BinOp::Add)]));
}

#[test]
fn nonlocal_and_global() {
    let src = "g = 0\ndef f():\n    global g\n    n = 0\n    def bump():\n        nonlocal n\n        n += 1\n        g = n\n    g = 1\n    return bump\n";
    let m = compile(src);
    assert!(m.instrs.contains(&Instr::StoreName(0)), "module level stores by name");
    let f = func(&m, "f");
    assert!(f.instrs.contains(&Instr::StoreGlobal(0)));
    let bump = func(&m, "bump");
    assert_eq!(bump.freevars, ["n"]);
    assert!(has_run(
        bump,
        &[Instr::LoadDeref(0), Instr::LoadConst(0), Instr::InplaceOp(BinOp::Add), Instr::StoreDeref(0)]
    ));
    assert!(has_run(bump, &[Instr::LoadDeref(0), Instr::StoreFast(0)]), "`g` is local to bump");
    let c = compile("class A:\n    x = 1\n    def f(self):\n        return x\n");
    let a = func(&c, "A");
    assert!(a.instrs.contains(&Instr::StoreName(0)) && a.freevars.is_empty());
    assert!(func(&c, "f").instrs.contains(&Instr::LoadGlobal(0)), "class scopes do not enclose methods");
}

#[test]
fn zero_argument_super() {
    let m = compile("class A(B):\n    def f(self):\n        return super().f()\n    def g(self):\n        return 1\n");
    let a = func(&m, "A");
    assert_eq!(a.cellvars, ["__class__"]);
    assert_eq!(&a.instrs[a.instrs.len() - 2..], &[Instr::LoadClosure(0), Instr::ReturnValue]);
    let f = func(&m, "f");
    assert_eq!(f.freevars, ["__class__"]);
    assert_eq!(f.qualname, "A.f");
    assert!(has_run(f, &[Instr::LoadSuper(0), Instr::LoadMethod(0), Instr::CallMethod(0)]));
    assert!(func(&m, "g").freevars.is_empty());
    assert!(has_run(
        &m,
        &[Instr::LoadConst(0), Instr::MakeFunction(0), Instr::LoadConst(1), Instr::LoadName(0), Instr::BuildClass(1)]
    ));
    let plain = compile("class A:\n    pass\n");
    assert_eq!(&func(&plain, "A").instrs[..], &[Instr::LoadConst(0), Instr::ReturnValue]);
}

#[test]
fn chained_comparison_evaluates_the_middle_once() {
    let m = compile("r = a < b <= c\n");
    let expected = [
        Instr::LoadName(0),
        Instr::LoadName(1),
        Instr::DupTop,
        Instr::RotThree,
        Instr::CompareOp(CmpOp::Lt),
        Instr::JumpIfFalseOrPop(9),
        Instr::LoadName(2),
        Instr::CompareOp(CmpOp::LtE),
        Instr::Jump(11),
        Instr::RotTwo,
        Instr::PopTop,
        Instr::StoreName(3),
    ];
    assert_eq!(&m.instrs[..12], &expected);
}
