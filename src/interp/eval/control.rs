//! Control instructions that can raise: truth tests, `raise`, exception handlers and `with`.

use super::pop;
use crate::interp::error::PyErr;
use crate::interp::frame::Frame;
use crate::interp::ops;
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::object::{Bool, Class, Exception, ObjRef, Tuple, TypeKind, bool_obj, none};
use crate::strategy::Strategy;

/// The truth of a value, with the common cases inline.
#[inline(always)]
pub(super) fn truth<S: Strategy>(ts: &mut ThreadState<'_, S>, v: &ObjRef<S>) -> Result<bool, PyErr<S>> {
    if v.kind() == TypeKind::Bool {
        return Ok(v.downcast::<Bool>().is_some_and(|b| b.0));
    }
    ops::truthy(ts, v)
}

/// The truth of `a op b`, without making a bool object for ints and floats (`CompareJump`).
#[inline(always)]
pub(super) fn compare_truth<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    op: crate::lang::ast::CmpOp,
    a: &ObjRef<S>,
    b: &ObjRef<S>,
) -> Result<bool, PyErr<S>> {
    use crate::lang::ast::CmpOp;
    fn ordered<T: PartialOrd>(op: CmpOp, x: T, y: T) -> Option<bool> {
        Some(match op {
            CmpOp::Eq => x == y,
            CmpOp::NotEq => x != y,
            CmpOp::Lt => x < y,
            CmpOp::LtE => x <= y,
            CmpOp::Gt => x > y,
            CmpOp::GtE => x >= y,
            _ => return None,
        })
    }
    let fast = match (a.kind(), b.kind()) {
        (TypeKind::Int, TypeKind::Int) => ordered(op, ops::as_int(a), ops::as_int(b)),
        (TypeKind::Float, TypeKind::Float) => ordered(op, ops::as_float(a), ops::as_float(b)),
        _ => None,
    };
    if let Some(r) = fast {
        return Ok(r);
    }
    match op {
        CmpOp::Is => Ok(a.is(b)),
        CmpOp::IsNot => Ok(!a.is(b)),
        _ => {
            let r = ops::compare_op(ts, op, a, b)?;
            truth(ts, &r)
        }
    }
}

/// Make an exception instance from what `raise` got: an instance, or a class to instantiate.
fn to_exception<S: Strategy>(ts: &mut ThreadState<'_, S>, v: ObjRef<S>) -> Result<ObjRef<S>, PyErr<S>> {
    match v.kind() {
        TypeKind::Exception => Ok(v),
        TypeKind::Class if v.downcast::<Class<S>>().is_some_and(|c| c.is_exception) => ops::call(ts, &v, &[], &[]),
        _ => Err(ts.type_error("exceptions must derive from BaseException")),
    }
}

/// `RAISE n`: always produces the error to propagate.
pub(super) fn raise<S: Strategy>(ts: &mut ThreadState<'_, S>, frame: &mut Frame<S>, n: u32) -> PyErr<S> {
    match n {
        0 => match ts.handling.clone() {
            Some(exc) => {
                ts.reraising = true;
                PyErr { exc }
            }
            None => ts.err(Exc::RuntimeError, "No active exception to reraise"),
        },
        _ => {
            let cause = if n == 2 { Some(pop(&mut frame.stack)) } else { None };
            let v = pop(&mut frame.stack);
            let exc = match to_exception(ts, v) {
                Ok(e) => e,
                Err(e) => return e,
            };
            if let Some(e) = exc.downcast::<Exception<S>>() {
                if let Some(c) = cause {
                    let c = if c.kind() == TypeKind::None {
                        None
                    } else {
                        match to_exception(ts, c) {
                            Ok(c) => Some(c),
                            Err(e) => return e,
                        }
                    };
                    drop(e.cause.set(c, &ts.pin));
                }
                if let Some(ctx) = &ts.handling
                    && !ctx.is(&exc)
                {
                    drop(e.context.set(Some(ctx.clone()), &ts.pin));
                }
            }
            PyErr { exc }
        }
    }
}

/// `PUSH_EXC_INFO`: `[exc] -> [previous, exc]`.
pub(super) fn push_exc_info<S: Strategy>(ts: &mut ThreadState<'_, S>, frame: &mut Frame<S>) {
    let exc = pop(&mut frame.stack);
    if let Some(e) = exc.downcast::<Exception<S>>()
        && let Some(ctx) = &ts.handling
        && !ctx.is(&exc)
        && e.context.get(&ts.pin).is_none()
    {
        drop(e.context.set(Some(ctx.clone()), &ts.pin));
    }
    let prev = ts.handling.replace(exc.clone()).unwrap_or_else(none);
    frame.stack.push(prev);
    frame.stack.push(exc);
}

/// Whether `exc` matches `typ` (a class or a tuple of classes).
pub fn exc_matches<S: Strategy>(ts: &ThreadState<'_, S>, exc: &ObjRef<S>, typ: &ObjRef<S>) -> Result<bool, PyErr<S>> {
    let cls = ts.vm.class_of(exc);
    match typ.kind() {
        TypeKind::Class if typ.downcast::<Class<S>>().is_some_and(|c| c.is_exception) => Ok(ops::is_subclass(cls, typ)),
        TypeKind::Tuple => {
            for t in typ.downcast::<Tuple<S>>().map_or(&[][..], Tuple::items) {
                if exc_matches(ts, exc, t)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(ts.type_error("catching classes that do not inherit from BaseException is not allowed")),
    }
}

/// `CHECK_EXC_MATCH`: `[exc, type] -> [exc, bool]`.
pub(super) fn check_exc_match<S: Strategy>(ts: &mut ThreadState<'_, S>, frame: &mut Frame<S>) -> Result<(), PyErr<S>> {
    let typ = pop(&mut frame.stack);
    let m = exc_matches(ts, super::top(&frame.stack), &typ)?;
    frame.stack.push(bool_obj(m));
    Ok(())
}

/// `BEFORE_WITH`: `[mgr] -> [exit, mgr.__enter__()]`.
pub(super) fn before_with<S: Strategy>(ts: &mut ThreadState<'_, S>, frame: &mut Frame<S>) -> Result<(), PyErr<S>> {
    let mgr = pop(&mut frame.stack);
    let exit = ops::getattr(ts, &mgr, &ts.vm.dunder("__exit__"))?;
    // `__exit__` goes on the stack before `__enter__` runs (as in CPython), and the manager and `__enter__`
    // stay there while it runs, so the call is safe for a collector: nothing is held only here (`__enter__`
    // may block, e.g. `with lock:`). On an error the handler's stack depth drops them.
    frame.stack.push(exit);
    frame.stack.push(mgr.clone());
    let enter = ops::getattr(ts, &mgr, &ts.vm.dunder("__enter__"))?;
    frame.stack.push(enter.clone());
    ts.safe_entry = true;
    let v = ops::call(ts, &enter, &[], &[]);
    frame.stack.truncate(frame.stack.len() - 2);
    frame.stack.push(v?);
    Ok(())
}

/// `WITH_EXCEPT_START`: `[exit, prev, exc] -> [exit, prev, exc, exit(type, exc, None)]`.
pub(super) fn with_except_start<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
) -> Result<(), PyErr<S>> {
    let n = frame.stack.len();
    let exc = frame.stack[n - 1].clone();
    let exit = frame.stack[n - 3].clone();
    let typ = ts.vm.class_of(&exc).clone();
    let r = ops::call(ts, &exit, &[typ, exc, none()], &[])?;
    frame.stack.push(r);
    Ok(())
}
