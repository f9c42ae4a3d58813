//! The eval loop. One `match` on [`Instr`] dispatches each instruction; the arms for each opcode family
//! live in their own file (`names`, `calls`, `containers`, `control`, `attrs`; arithmetic is in
//! `ops::arith`), and are `#[inline]` so the loop compiles to one function with a jump table.
//!
//! Errors: an arm that raises breaks out of the inner loop with the exception; the outer loop records a
//! traceback entry for this frame (unless the instruction re-raised), then looks the failing instruction up
//! in the exception table: a handler unwinds the value stack to its depth, pushes the exception and jumps;
//! no handler returns the error to the caller.

mod attrs;
mod calls;
mod containers;
mod control;
mod names;

use crate::interp::error::PyErr;
use crate::interp::frame::Frame;
use crate::interp::ops;
use crate::interp::thread::ThreadState;
use crate::lang::bytecode::Instr;
use crate::object::{Exception, ObjRef, TbEntry};
use crate::strategy::Strategy;

/// How a frame stopped running.
#[derive(Debug)]
pub enum Exit<S: Strategy> {
    /// It returned a value.
    Return(ObjRef<S>),
    /// A generator yielded a value (the frame can be resumed).
    Yield(ObjRef<S>),
}

/// Break out of the instruction loop with an error.
macro_rules! tri {
    ($label:lifetime, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(err) => break $label err,
        }
    };
}

/// Pop the top of the value stack (the compiler guarantees it is there).
#[inline(always)]
pub(crate) fn pop<S: Strategy>(stack: &mut Vec<ObjRef<S>>) -> ObjRef<S> {
    stack.pop().expect("value stack underflow: a compiler bug")
}

/// The top of the value stack.
#[inline(always)]
pub(crate) fn top<S: Strategy>(stack: &[ObjRef<S>]) -> &ObjRef<S> {
    stack.last().expect("value stack underflow: a compiler bug")
}

/// Run `frame` from its program counter until it returns, yields or raises.
pub fn run_frame<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    safe: bool,
) -> Result<Exit<S>, PyErr<S>> {
    if S::CONSTRAINTS.reports_roots() {
        // A collector must see the frame while it runs: register it (with how it was entered, see
        // `RootStack`). The function stays in the frame, so the frame's trace reports it; the loop borrows
        // a copy, which costs nothing without counts (and nothing for a deferred function under `biased`).
        return crate::object::with_root(
            ts,
            frame,
            safe,
            |ts| &ts.frames,
            |ts, frame| {
                let func = frame.func.clone().expect("a running frame has a function");
                run(ts, frame, &func)
            },
        );
    }
    // The function moves out of the frame while it runs (no refcount traffic), so the loop can borrow it
    // while it mutates the frame; it goes back before returning.
    let func = frame.func.take().expect("a running frame has a function");
    let r = run(ts, frame, &func);
    frame.func = Some(func);
    r
}

#[inline(always)]
fn run<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    func: &crate::object::Typed<S, crate::object::Function<S>>,
) -> Result<Exit<S>, PyErr<S>> {
    let code = func.code.downcast::<crate::object::Code<S>>().expect("a function's code is a code object");
    let unit = &*code.unit;
    let instrs = &unit.instrs[..];
    // The program counter lives in a register; the frame's copy is written back only where it is read
    // again (a yield, which resumes from it).
    let mut pc = frame.pc;
    loop {
        let err: PyErr<S> = 'step: {
            loop {
                let instr = instrs[pc];
                pc += 1;
                match instr {
                    Instr::Nop => {}
                    Instr::LoadConst(i) => frame.stack.push(code.consts[i as usize].clone()),
                    Instr::LoadFast(i) => match &frame.locals[i as usize] {
                        Some(v) => {
                            let v = v.clone();
                            frame.stack.push(v);
                        }
                        None => break 'step names::unbound_local(ts, unit, i),
                    },
                    Instr::StoreFast(i) => {
                        let v = pop(&mut frame.stack);
                        frame.locals[i as usize] = Some(v);
                    }
                    Instr::DeleteFast(i) => {
                        if frame.locals[i as usize].take().is_none() {
                            break 'step names::unbound_local(ts, unit, i);
                        }
                    }
                    Instr::LoadDeref(i) => {
                        let v = tri!('step, names::load_deref(ts, frame, unit, i));
                        frame.stack.push(v);
                    }
                    Instr::StoreDeref(i) => names::store_deref(ts, frame, i),
                    Instr::LoadClosure(i) => frame.stack.push(frame.cells[i as usize].clone()),
                    Instr::LoadGlobal(i) => {
                        let v = tri!('step, names::load_global(ts, func, &code.names[i as usize]));
                        frame.stack.push(v);
                    }
                    Instr::StoreGlobal(i) => {
                        let v = pop(&mut frame.stack);
                        tri!('step, names::store_global(ts, func, &code.names[i as usize], v));
                    }
                    Instr::DeleteGlobal(i) => tri!('step, names::delete_global(ts, func, &code.names[i as usize])),
                    Instr::LoadName(i) => {
                        let v = tri!('step, names::load_name(ts, frame, func, &code.names[i as usize]));
                        frame.stack.push(v);
                    }
                    Instr::StoreName(i) => {
                        let v = pop(&mut frame.stack);
                        tri!('step, names::store_name(ts, frame, func, &code.names[i as usize], v));
                    }
                    Instr::DeleteName(i) => tri!('step, names::delete_name(ts, frame, func, &code.names[i as usize])),
                    Instr::LoadAttr(i) => {
                        let obj = pop(&mut frame.stack);
                        let v = tri!('step, ops::getattr(ts, &obj, &code.names[i as usize]));
                        drop(obj);
                        frame.stack.push(v);
                    }
                    Instr::StoreAttr(i) => {
                        let obj = pop(&mut frame.stack);
                        let v = pop(&mut frame.stack);
                        tri!('step, ops::setattr(ts, &obj, &code.names[i as usize], v));
                    }
                    Instr::DeleteAttr(i) => {
                        let obj = pop(&mut frame.stack);
                        tri!('step, ops::attr::delattr(ts, &obj, &code.names[i as usize]));
                    }
                    Instr::LoadMethod(i) => tri!('step, attrs::load_method(ts, frame, &code.names[i as usize])),
                    Instr::LoadSuper(i) => tri!('step, attrs::load_super(ts, frame, i)),
                    Instr::CallMethod(n) => {
                        ts.safepoint();
                        tri!('step, calls::call_method(ts, frame, n as usize));
                    }
                    Instr::Call(n) => {
                        ts.safepoint();
                        tri!('step, calls::call(ts, frame, n as usize, None));
                    }
                    Instr::CallKw(n) => {
                        ts.safepoint();
                        let kwnames = pop(&mut frame.stack);
                        tri!('step, calls::call(ts, frame, n as usize, Some(&kwnames)));
                    }
                    Instr::CallEx(flags) => {
                        ts.safepoint();
                        tri!('step, calls::call_ex(ts, frame, flags));
                    }
                    Instr::PopTop => drop(pop(&mut frame.stack)),
                    Instr::DupTop => {
                        let v = top(&frame.stack).clone();
                        frame.stack.push(v);
                    }
                    Instr::DupTopTwo => {
                        let n = frame.stack.len();
                        let a = frame.stack[n - 2].clone();
                        let b = frame.stack[n - 1].clone();
                        frame.stack.push(a);
                        frame.stack.push(b);
                    }
                    Instr::RotTwo => {
                        let n = frame.stack.len();
                        frame.stack.swap(n - 1, n - 2);
                    }
                    Instr::RotThree => {
                        let n = frame.stack.len();
                        frame.stack[n - 3..].rotate_right(1);
                    }
                    Instr::RotFour => {
                        let n = frame.stack.len();
                        frame.stack[n - 4..].rotate_right(1);
                    }
                    Instr::BinaryOp(op) => {
                        let b = pop(&mut frame.stack);
                        let a = pop(&mut frame.stack);
                        let v = tri!('step, ops::binary_op(ts, op, &a, &b));
                        frame.stack.push(v);
                    }
                    Instr::InplaceOp(op) => {
                        let b = pop(&mut frame.stack);
                        let a = pop(&mut frame.stack);
                        let v = tri!('step, ops::inplace_op(ts, op, &a, &b));
                        frame.stack.push(v);
                    }
                    Instr::UnaryNegative | Instr::UnaryPositive | Instr::UnaryNot | Instr::UnaryInvert => {
                        let a = pop(&mut frame.stack);
                        let v = tri!('step, ops::unary_op(ts, instr, &a));
                        frame.stack.push(v);
                    }
                    Instr::CompareOp(op) => {
                        let b = pop(&mut frame.stack);
                        let a = pop(&mut frame.stack);
                        let v = tri!('step, ops::compare_op(ts, op, &a, &b));
                        frame.stack.push(v);
                    }
                    Instr::BinarySubscr => {
                        let key = pop(&mut frame.stack);
                        let container = pop(&mut frame.stack);
                        let v = tri!('step, ops::getitem(ts, &container, &key));
                        frame.stack.push(v);
                    }
                    Instr::StoreSubscr => {
                        let key = pop(&mut frame.stack);
                        let container = pop(&mut frame.stack);
                        let v = pop(&mut frame.stack);
                        tri!('step, ops::setitem(ts, &container, &key, v));
                    }
                    Instr::DeleteSubscr => {
                        let key = pop(&mut frame.stack);
                        let container = pop(&mut frame.stack);
                        tri!('step, ops::delitem(ts, &container, &key));
                    }
                    Instr::BuildSlice(n) => containers::build_slice(frame, n),
                    Instr::BuildTuple(n) => containers::build_tuple(frame, n as usize),
                    Instr::BuildList(n) => containers::build_list(frame, n as usize),
                    Instr::BuildMap(n) => tri!('step, containers::build_map(ts, frame, n as usize)),
                    Instr::BuildString(n) => containers::build_string(frame, n as usize),
                    Instr::ListAppend(i) => containers::list_append(ts, frame, i as usize),
                    Instr::MapAdd(i) => tri!('step, containers::map_add(ts, frame, i as usize)),
                    Instr::ListExtend(i) => tri!('step, containers::list_extend(ts, frame, i as usize)),
                    Instr::ListToTuple => containers::list_to_tuple(ts, frame),
                    Instr::DictMerge(i) => tri!('step, containers::dict_merge(ts, frame, i as usize)),
                    Instr::FormatValue(flags) => tri!('step, containers::format_value(ts, frame, flags)),
                    Instr::UnpackSequence(n) => tri!('step, containers::unpack_sequence(ts, frame, n as usize)),
                    Instr::UnpackEx(arg) => tri!('step, containers::unpack_ex(ts, frame, arg)),
                    Instr::GetIter => {
                        let obj = pop(&mut frame.stack);
                        let it = tri!('step, ops::get_iter(ts, &obj));
                        frame.stack.push(it);
                    }
                    Instr::ForIter(target) => {
                        let next = tri!('step, ops::next(ts, top(&frame.stack)));
                        match next {
                            Some(v) => frame.stack.push(v),
                            None => {
                                drop(pop(&mut frame.stack));
                                pc = target as usize;
                            }
                        }
                    }
                    Instr::Jump(t) => pc = t as usize,
                    Instr::JumpBackward(t) => {
                        pc = t as usize;
                        ts.safepoint();
                    }
                    Instr::PopJumpIfFalse(t) => {
                        let v = pop(&mut frame.stack);
                        if !tri!('step, control::truth(ts, &v)) {
                            pc = t as usize;
                        }
                    }
                    Instr::PopJumpIfTrue(t) => {
                        let v = pop(&mut frame.stack);
                        if tri!('step, control::truth(ts, &v)) {
                            pc = t as usize;
                        }
                    }
                    Instr::JumpIfFalseOrPop(t) => {
                        if tri!('step, control::truth(ts, top(&frame.stack))) {
                            drop(pop(&mut frame.stack));
                        } else {
                            pc = t as usize;
                        }
                    }
                    Instr::JumpIfTrueOrPop(t) => {
                        if tri!('step, control::truth(ts, top(&frame.stack))) {
                            pc = t as usize;
                        } else {
                            drop(pop(&mut frame.stack));
                        }
                    }
                    Instr::ReturnValue => return Ok(Exit::Return(pop(&mut frame.stack))),
                    Instr::YieldValue => {
                        frame.pc = pc;
                        return Ok(Exit::Yield(pop(&mut frame.stack)));
                    }
                    Instr::MakeFunction(flags) => calls::make_function(ts, frame, func, flags),
                    Instr::BuildClass(n) => tri!('step, calls::build_class(ts, frame, n as usize)),
                    Instr::ImportName(i) => tri!('step, attrs::import_name(ts, frame, &code.names[i as usize])),
                    Instr::ImportFrom(i) => tri!('step, attrs::import_from(ts, frame, &code.names[i as usize])),
                    Instr::LoadAssertionError => {
                        frame.stack.push(ts.vm.types.exc(crate::interp::types::Exc::AssertionError).clone())
                    }
                    Instr::Raise(n) => break 'step control::raise(ts, frame, n),
                    Instr::Reraise => {
                        let exc = pop(&mut frame.stack);
                        ts.reraising = true;
                        break 'step PyErr { exc };
                    }
                    Instr::PushExcInfo => control::push_exc_info(ts, frame),
                    Instr::PopExcept => {
                        let prev = pop(&mut frame.stack);
                        ts.handling = if prev.kind() == crate::object::TypeKind::None { None } else { Some(prev) };
                    }
                    Instr::CheckExcMatch => tri!('step, control::check_exc_match(ts, frame)),
                    Instr::BeforeWith => tri!('step, control::before_with(ts, frame)),
                    Instr::WithExceptStart => tri!('step, control::with_except_start(ts, frame)),
                    // Superinstructions: `pc` already points past the first half, so an error there is
                    // reported at the first instruction; step over the second before running it.
                    Instr::LoadFastLoadFast(a, b) => {
                        let Some(v) = frame.locals[a as usize].clone() else {
                            break 'step names::unbound_local(ts, unit, u32::from(a));
                        };
                        frame.stack.push(v);
                        pc += 1;
                        let Some(w) = frame.locals[b as usize].clone() else {
                            break 'step names::unbound_local(ts, unit, u32::from(b));
                        };
                        frame.stack.push(w);
                    }
                    Instr::LoadFastLoadConst(a, b) => {
                        let Some(v) = frame.locals[a as usize].clone() else {
                            break 'step names::unbound_local(ts, unit, u32::from(a));
                        };
                        frame.stack.push(v);
                        pc += 1;
                        frame.stack.push(code.consts[b as usize].clone());
                    }
                    Instr::StoreFastLoadFast(a, b) => {
                        let v = pop(&mut frame.stack);
                        frame.locals[a as usize] = Some(v);
                        pc += 1;
                        let Some(w) = frame.locals[b as usize].clone() else {
                            break 'step names::unbound_local(ts, unit, u32::from(b));
                        };
                        frame.stack.push(w);
                    }
                    Instr::LoadFastLoadAttr(a, b) => {
                        let Some(obj) = &frame.locals[a as usize] else {
                            break 'step names::unbound_local(ts, unit, u32::from(a));
                        };
                        pc += 1;
                        let v = tri!('step, ops::getattr(ts, obj, &code.names[b as usize]));
                        frame.stack.push(v);
                    }
                    Instr::CompareJump(op) => {
                        let b = pop(&mut frame.stack);
                        let a = pop(&mut frame.stack);
                        let truth = tri!('step, control::compare_truth(ts, op, &a, &b));
                        drop((a, b));
                        let jump = instrs[pc];
                        pc += 1;
                        match jump {
                            Instr::PopJumpIfFalse(t) if !truth => pc = t as usize,
                            Instr::PopJumpIfTrue(t) if truth => pc = t as usize,
                            _ => {}
                        }
                    }
                }
            }
        };
        // The instruction at pc - 1 raised `err`.
        let at = pc - 1;
        if !std::mem::take(&mut ts.reraising) {
            add_traceback(ts, &err, code, at);
        }
        match unit.handler_for(at) {
            Some(h) => {
                frame.stack.truncate(h.depth as usize);
                frame.stack.push(err.exc);
                pc = h.target as usize;
            }
            None => return Err(err),
        }
    }
}

/// Record that `err` passed through this frame at instruction `pc`.
fn add_traceback<S: Strategy>(ts: &ThreadState<'_, S>, err: &PyErr<S>, code: &crate::object::Code<S>, pc: usize) {
    if let Some(e) = err.exc.downcast::<Exception<S>>() {
        let unit = &code.unit;
        let entry = TbEntry { filename: unit.filename.clone(), name: code.tb_name.clone(), line: unit.line_of(pc) };
        e.traceback.with(&ts.pin, |tb| tb.push(entry));
    }
}
