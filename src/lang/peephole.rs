//! The peephole pass: fuse frequent instruction pairs into superinstructions (CPython 3.11's
//! `LOAD_FAST__LOAD_FAST`, `STORE_FAST__LOAD_FAST`, ... and its compare-and-branch specializations), so the
//! eval loop dispatches fewer times.
//!
//! Only the first instruction of a pair is rewritten; the second stays, so jump targets, the exception
//! table and the line table need no adjustment (see the superinstructions' docs in [`Instr`]).

use std::sync::Arc;

use super::bytecode::{CodeUnit, ConstValue, Instr};

/// Fuse pairs in `unit` and, recursively, in the code units among its constants.
pub fn optimize(unit: &mut Arc<CodeUnit>) {
    let unit = Arc::make_mut(unit);
    for c in &mut unit.consts {
        if let ConstValue::Code(inner) = c {
            optimize(inner);
        }
    }
    fuse(&mut unit.instrs);
}

fn small(i: u32) -> Option<u16> {
    u16::try_from(i).ok()
}

/// Rewrite the first instruction of each fusable pair (pairs do not overlap).
pub fn fuse(instrs: &mut [Instr]) {
    let mut i = 0;
    while i + 1 < instrs.len() {
        let fused = match (instrs[i], instrs[i + 1]) {
            (Instr::LoadFast(a), Instr::LoadFast(b)) => {
                small(a).zip(small(b)).map(|(a, b)| Instr::LoadFastLoadFast(a, b))
            }
            (Instr::LoadFast(a), Instr::LoadConst(b)) => {
                small(a).zip(small(b)).map(|(a, b)| Instr::LoadFastLoadConst(a, b))
            }
            (Instr::StoreFast(a), Instr::LoadFast(b)) => {
                small(a).zip(small(b)).map(|(a, b)| Instr::StoreFastLoadFast(a, b))
            }
            (Instr::LoadFast(a), Instr::LoadAttr(b)) => {
                small(a).zip(small(b)).map(|(a, b)| Instr::LoadFastLoadAttr(a, b))
            }
            (Instr::CompareOp(op), Instr::PopJumpIfFalse(_) | Instr::PopJumpIfTrue(_)) => Some(Instr::CompareJump(op)),
            _ => None,
        };
        match fused {
            Some(f) => {
                instrs[i] = f;
                i += 2;
            }
            None => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::ast::CmpOp;

    #[test]
    fn pairs_fuse_and_the_second_instruction_stays() {
        let mut code = vec![
            Instr::LoadFast(0),
            Instr::LoadFast(1),
            Instr::CompareOp(CmpOp::Lt),
            Instr::PopJumpIfFalse(7),
            Instr::StoreFast(2),
            Instr::LoadFast(2),
            Instr::LoadFast(70_000),
            Instr::LoadFast(1),
            Instr::ReturnValue,
        ];
        fuse(&mut code);
        assert_eq!(
            code,
            [
                Instr::LoadFastLoadFast(0, 1),
                Instr::LoadFast(1),
                Instr::CompareJump(CmpOp::Lt),
                Instr::PopJumpIfFalse(7),
                Instr::StoreFastLoadFast(2, 2),
                Instr::LoadFast(2),
                Instr::LoadFast(70_000),
                Instr::LoadFast(1),
                Instr::ReturnValue,
            ]
        );
    }

    #[test]
    fn nested_code_is_optimized_too() {
        let inner = CodeUnit { instrs: vec![Instr::LoadFast(0), Instr::LoadAttr(3)], ..CodeUnit::default() };
        let mut outer = Arc::new(CodeUnit { consts: vec![ConstValue::Code(Arc::new(inner))], ..CodeUnit::default() });
        optimize(&mut outer);
        let ConstValue::Code(inner) = &outer.consts[0] else { panic!("a code constant") };
        assert_eq!(inner.instrs[0], Instr::LoadFastLoadAttr(0, 3));
    }
}
