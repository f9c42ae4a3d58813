//! Stack effects and the stack-depth analysis: the depth before every reachable instruction, found by
//! abstract interpretation over jumps, fall-through and exception edges; every path into an instruction
//! must agree on it.

use crate::lang::bytecode::{ExcEntry, Instr};

/// The jump target of a jump instruction.
pub(super) fn jump_target(instr: Instr) -> Option<u32> {
    match instr {
        Instr::ForIter(t)
        | Instr::Jump(t)
        | Instr::JumpBackward(t)
        | Instr::PopJumpIfFalse(t)
        | Instr::PopJumpIfTrue(t)
        | Instr::JumpIfFalseOrPop(t)
        | Instr::JumpIfTrueOrPop(t) => Some(t),
        _ => None,
    }
}

/// The jump target of a jump instruction, to patch.
pub(super) fn jump_target_mut(instr: &mut Instr) -> Option<&mut u32> {
    match instr {
        Instr::ForIter(t)
        | Instr::Jump(t)
        | Instr::JumpBackward(t)
        | Instr::PopJumpIfFalse(t)
        | Instr::PopJumpIfTrue(t)
        | Instr::JumpIfFalseOrPop(t)
        | Instr::JumpIfTrueOrPop(t) => Some(t),
        _ => None,
    }
}

/// Whether execution never continues with the next instruction.
pub(super) fn is_terminator(instr: Instr) -> bool {
    matches!(instr, Instr::Jump(_) | Instr::JumpBackward(_) | Instr::ReturnValue | Instr::Raise(_) | Instr::Reraise)
}

/// How `instr` changes the stack depth; `jump` picks the effect when it jumps (for conditional jumps and
/// `ForIter`).
pub(super) fn stack_effect(instr: Instr, jump: bool) -> i32 {
    use Instr as I;
    let n = |x: u32| x as i32;
    match instr {
        I::Nop | I::DeleteFast(_) | I::DeleteGlobal(_) | I::DeleteName(_) | I::LoadAttr(_) => 0,
        // Superinstructions are made by the peephole pass after this analysis; as the first half of their
        // pair (the second instruction is still in place), they have the first half's effect.
        I::LoadFastLoadFast(..) | I::LoadFastLoadConst(..) | I::LoadFastLoadAttr(..) => 1,
        I::StoreFastLoadFast(..) => -1,
        I::CompareJump(_) => -1,
        I::RotTwo | I::RotThree | I::RotFour | I::ListToTuple | I::GetIter | I::CheckExcMatch => 0,
        I::UnaryNegative | I::UnaryPositive | I::UnaryNot | I::UnaryInvert | I::YieldValue => 0,
        I::Jump(_) | I::JumpBackward(_) => 0,
        I::LoadConst(_) | I::LoadFast(_) | I::LoadDeref(_) | I::LoadClosure(_) | I::LoadGlobal(_) => 1,
        I::LoadName(_) | I::LoadMethod(_) | I::DupTop | I::LoadSuper(_) | I::ImportName(_) | I::ImportFrom(_) => 1,
        I::LoadAssertionError | I::PushExcInfo | I::BeforeWith | I::WithExceptStart => 1,
        I::StoreFast(_) | I::StoreDeref(_) | I::StoreGlobal(_) | I::StoreName(_) | I::DeleteAttr(_) => -1,
        I::PopTop | I::BinaryOp(_) | I::InplaceOp(_) | I::CompareOp(_) | I::BinarySubscr => -1,
        I::ListAppend(_) | I::ListExtend(_) | I::DictMerge(_) | I::ReturnValue | I::Reraise | I::PopExcept => -1,
        I::PopJumpIfFalse(_) | I::PopJumpIfTrue(_) => -1,
        I::StoreAttr(_) | I::DeleteSubscr | I::MapAdd(_) => -2,
        I::StoreSubscr => -3,
        I::DupTopTwo => 2,
        I::CallMethod(k) => -n(k) - 1,
        I::Call(k) => -n(k),
        I::CallKw(k) => -n(k) - 1,
        I::CallEx(k) => -1 - n(k & 1),
        I::BuildSlice(k) | I::BuildTuple(k) | I::BuildList(k) | I::BuildString(k) => 1 - n(k),
        I::BuildMap(k) => 1 - 2 * n(k),
        I::FormatValue(f) => -n((f >> 2) & 1),
        I::UnpackSequence(k) => n(k) - 1,
        I::UnpackEx(k) => n(k & 0xff) + n((k >> 8) & 0xff),
        I::ForIter(_) => {
            if jump {
                -1
            } else {
                1
            }
        }
        I::JumpIfFalseOrPop(_) | I::JumpIfTrueOrPop(_) => {
            if jump {
                0
            } else {
                -1
            }
        }
        I::MakeFunction(f) => -n((f & 1) + ((f >> 1) & 1) + ((f >> 3) & 1)),
        I::BuildClass(k) => -n(k) - 1,
        I::Raise(k) => -n(k),
    }
}

/// The most values on the stack at once, or a description of the first inconsistency: two paths reaching
/// an instruction with different depths, a negative depth, or an instruction covered by a handler whose
/// depth is above the stack.
pub(super) fn max_depth(instrs: &[Instr], table: &[ExcEntry]) -> Result<u32, String> {
    let mut depth: Vec<Option<i32>> = vec![None; instrs.len()];
    let mut work = Vec::new();
    if instrs.is_empty() {
        return Ok(0);
    }
    reach(&mut depth, &mut work, 0, 0, 0)?;
    let mut max = 0;
    while let Some(pc) = work.pop() {
        let d = depth[pc].expect("a reached instruction has a depth");
        max = max.max(d);
        let instr = instrs[pc];
        if let Some(e) = table.iter().find(|e| e.start as usize <= pc && pc < e.end as usize) {
            if (e.depth as i32) > d {
                return Err(format!("instruction {pc} at depth {d} is covered by a handler of depth {}", e.depth));
            }
            reach(&mut depth, &mut work, e.target as usize, e.depth as i32 + 1, pc)?;
        }
        if let Some(t) = jump_target(instr) {
            reach(&mut depth, &mut work, t as usize, d + stack_effect(instr, true), pc)?;
        }
        if !is_terminator(instr) {
            let after = d + stack_effect(instr, false);
            max = max.max(after);
            reach(&mut depth, &mut work, pc + 1, after, pc)?;
        }
    }
    Ok(max as u32)
}

/// Record that `pc` is reached from `from` with `d` values on the stack.
fn reach(depth: &mut [Option<i32>], work: &mut Vec<usize>, pc: usize, d: i32, from: usize) -> Result<(), String> {
    if d < 0 {
        return Err(format!("negative stack depth reaching {pc} from {from}"));
    }
    let Some(slot) = depth.get_mut(pc) else {
        return Err(format!("instruction {from} leads to {pc}, past the end"));
    };
    match *slot {
        Some(old) if old != d => Err(format!("depth {old} and {d} at {pc} (second path from {from})")),
        Some(_) => Ok(()),
        None => {
            *slot = Some(d);
            work.push(pc);
            Ok(())
        }
    }
}

/// Check a finished unit and, recursively, the code units among its constants: lines match instructions,
/// jump targets are in range (backward jumps are `JumpBackward`, the others forward), exception entries are
/// in range, and the stack depths agree.
#[cfg(test)]
pub(super) fn verify(unit: &crate::lang::bytecode::CodeUnit) -> Result<(), String> {
    // A worklist rather than recursion: test programs nest code thousands deep, and sanitizer builds have
    // large stack frames.
    let mut work = vec![unit];
    while let Some(unit) = work.pop() {
        verify_one(unit)?;
        for c in &unit.consts {
            if let crate::lang::bytecode::ConstValue::Code(inner) = c {
                work.push(inner);
            }
        }
    }
    Ok(())
}

/// [`verify`] for one unit, not its nested ones.
#[cfg(test)]
fn verify_one(unit: &crate::lang::bytecode::CodeUnit) -> Result<(), String> {
    let len = unit.instrs.len() as u32;
    let ctx = |m: String| format!("{}: {m}", unit.qualname);
    if unit.lines.len() != unit.instrs.len() {
        return Err(ctx("lines and instrs differ in length".into()));
    }
    for (pc, &instr) in unit.instrs.iter().enumerate() {
        let pc = pc as u32;
        if let Some(t) = jump_target(instr) {
            let backward = matches!(instr, Instr::JumpBackward(_));
            if t >= len || (backward && t > pc) || (!backward && t <= pc) {
                return Err(ctx(format!("bad jump {instr:?} at {pc}")));
            }
        }
    }
    for e in &unit.exc_table {
        if e.start >= e.end || e.end > len || e.target >= len {
            return Err(ctx(format!("bad exception entry {e:?}")));
        }
    }
    let max = max_depth(&unit.instrs, &unit.exc_table).map_err(ctx)?;
    if max != unit.stacksize {
        return Err(ctx(format!("stacksize {} but the analysis finds {max}", unit.stacksize)));
    }
    Ok(())
}
