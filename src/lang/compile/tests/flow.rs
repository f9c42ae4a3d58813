//! Layouts of `try`, `with`, loops and the unwinding of `return`/`break`/`continue`.

use super::{compile, func, has_run};
use crate::lang::bytecode::{ExcEntry, Instr};
use crate::lang::compile::disassemble;

#[test]
fn exception_table_entries_are_nested_inner_first() {
    let src = "def f():\n    try:\n        a()\n        try:\n            b()\n        except E:\n            c()\n        d()\n    finally:\n        e()\n";
    let m = compile(src);
    let f = func(&m, "f");
    let call_pc = |name: &str| {
        let i = f.names.iter().position(|n| n == name).unwrap() as u32;
        f.instrs.iter().position(|x| *x == Instr::LoadGlobal(i)).unwrap()
    };
    let outer = f.handler_for(call_pc("a")).expect("a() is protected");
    let inner = f.handler_for(call_pc("b")).expect("b() is protected");
    assert_ne!(outer.target, inner.target);
    assert_eq!(f.handler_for(call_pc("c")).map(|e| e.depth), Some(1), "the except body: the cleanup");
    let d = f.handler_for(call_pc("d")).expect("d() is protected");
    assert_eq!((d.target, d.depth), (outer.target, outer.depth));
    assert!(f.handler_for(call_pc("e")).is_none(), "the normal-path finally body is not protected by itself");
    assert_eq!(f.instrs[outer.target as usize], Instr::PushExcInfo);
    // No instruction is covered by two entries, so their order cannot matter.
    for (i, a) in f.exc_table.iter().enumerate() {
        for b in &f.exc_table[i + 1..] {
            assert!(a.end <= b.start || b.end <= a.start, "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn try_except_layout() {
    let m = compile("try:\n    a\nexcept E as e:\n    b\n");
    let e = 2;
    let expected = [
        Instr::LoadName(0),
        Instr::PopTop,
        Instr::Jump(23),
        Instr::PushExcInfo,
        Instr::LoadName(1),
        Instr::CheckExcMatch,
        Instr::PopJumpIfFalse(19),
        Instr::StoreName(e),
        Instr::LoadName(3),
        Instr::PopTop,
        Instr::PopExcept,
        Instr::LoadConst(0),
        Instr::StoreName(e),
        Instr::DeleteName(e),
        Instr::Jump(23),
        // The named clause's own cleanup: clear the name, re-raise into the handler cleanup.
        Instr::LoadConst(0),
        Instr::StoreName(e),
        Instr::DeleteName(e),
        Instr::Reraise,
        // No clause matched.
        Instr::Reraise,
        // The handler cleanup: restore the previous exception, re-raise.
        Instr::RotTwo,
        Instr::PopExcept,
        Instr::Reraise,
        Instr::LoadConst(0),
        Instr::ReturnValue,
    ];
    assert_eq!(&m.instrs[..], &expected, "{}", disassemble(&m));
    let entry = |start, end, target, depth| ExcEntry { start, end, target, depth };
    let table = [entry(0, 2, 3, 0), entry(3, 8, 20, 1), entry(8, 10, 15, 1), entry(15, 20, 20, 1)];
    assert_eq!(m.exc_table, table);
}

#[test]
fn with_layout() {
    let m = compile("with m as x:\n    a\n");
    let (mgr, x, a) = (0, 1, 2);
    let expected = [
        Instr::LoadName(mgr),
        Instr::BeforeWith,
        Instr::StoreName(x),
        Instr::LoadName(a),
        Instr::PopTop,
        // Normal exit: exit(None, None, None).
        Instr::LoadConst(0),
        Instr::DupTop,
        Instr::DupTop,
        Instr::Call(3),
        Instr::PopTop,
        Instr::Jump(22),
        // [exit, exc]
        Instr::PushExcInfo,
        Instr::WithExceptStart,
        Instr::PopJumpIfTrue(15),
        Instr::Reraise,
        // Suppressed: [exit, prev, exc]
        Instr::PopTop,
        Instr::PopExcept,
        Instr::PopTop,
        Instr::Jump(22),
        Instr::RotTwo,
        Instr::PopExcept,
        Instr::Reraise,
        Instr::LoadConst(0),
        Instr::ReturnValue,
    ];
    assert_eq!(&m.instrs[..], &expected, "{}", disassemble(&m));
    let entry = |start, end, target, depth| ExcEntry { start, end, target, depth };
    assert_eq!(m.exc_table, [entry(2, 5, 11, 1), entry(11, 15, 19, 2)]);
    assert_eq!(m.stacksize, 4);
}

#[test]
fn return_inside_with_calls_exit_with_the_value_kept() {
    let m = compile("def f():\n    with m:\n        return g()\n");
    let f = func(&m, "f");
    let exit = [Instr::RotTwo, Instr::LoadConst(0), Instr::DupTop, Instr::DupTop, Instr::Call(3), Instr::PopTop];
    assert!(has_run(f, &[Instr::Call(0)]) && has_run(f, &exit), "{}", disassemble(&m));
    let after = f.instrs.windows(6).position(|w| w == exit).unwrap() + 6;
    assert_eq!(f.instrs[after], Instr::ReturnValue);
    assert!(f.handler_for(after).is_none(), "the return is outside the with block");
}

#[test]
fn return_inside_finally_inlines_the_finally_body_unprotected() {
    let m = compile("def f():\n    try:\n        return g()\n    finally:\n        h()\n");
    let f = func(&m, "f");
    let (g, h) = (0, 1);
    let expected = [Instr::LoadGlobal(g), Instr::Call(0), Instr::LoadGlobal(h), Instr::Call(0), Instr::PopTop];
    assert_eq!(&f.instrs[..6], &[&expected[..], &[Instr::ReturnValue]].concat()[..], "{}", disassemble(&m));
    assert!(f.handler_for(1).is_some() && f.handler_for(2).is_none() && f.handler_for(5).is_none());
    // A return in the finally body run for an exception drops the exception and restores the previous one.
    let m = compile("def f():\n    try:\n        g()\n    finally:\n        return 1\n");
    let f = func(&m, "f");
    assert!(has_run(
        f,
        &[Instr::PushExcInfo, Instr::PopTop, Instr::PopExcept, Instr::LoadConst(0), Instr::ReturnValue]
    ));
}

#[test]
fn break_and_continue_unwind() {
    let src =
        "for x in y:\n    try:\n        if x:\n            break\n        continue\n    except E:\n        break\n";
    let m = compile(src);
    // break in the body: pop the iterator, jump out (the try block installs no code to leave).
    assert!(has_run(&m, &[Instr::PopTop, Instr::Jump(m.instrs.len() as u32 - 2)]), "{}", disassemble(&m));
    assert!(m.instrs.contains(&Instr::JumpBackward(2)));
    // break in the handler: PopExcept first, unprotected.
    let pe = m.instrs.windows(3).position(|w| matches!(w, [Instr::PopTop, Instr::PopExcept, Instr::PopTop])).unwrap();
    assert!(m.handler_for(pe + 1).is_none() && m.handler_for(pe + 2).is_none());
    let w = compile("while a:\n    with b:\n        continue\n");
    let exit =
        [Instr::LoadConst(0), Instr::DupTop, Instr::DupTop, Instr::Call(3), Instr::PopTop, Instr::JumpBackward(0)];
    assert!(has_run(&w, &exit), "{}", disassemble(&w));
}

#[test]
fn every_backward_jump_is_jump_backward() {
    let m = compile("while a:\n    for b in c:\n        if b:\n            continue\nx = [i for i in r if i]\n");
    for (pc, instr) in m.instrs.iter().enumerate() {
        match instr {
            Instr::JumpBackward(t) => assert!((*t as usize) <= pc),
            i => {
                if let Some(t) = crate::lang::compile::stackdepth::jump_target(*i) {
                    assert!(t as usize > pc, "{i:?} at {pc}");
                }
            }
        }
    }
}
