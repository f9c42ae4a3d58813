//! Comparisons: `==`/`!=` and orderings for numbers, strs, sequences and dicts, `__eq__`/`__lt__`-style
//! dispatch for user classes, identity, and membership.

use std::cmp::Ordering;

use super::{as_float, as_int, as_str, call_dunder, is_user, truthy};
use crate::interp::error::{PyErr, PyResult};
use crate::interp::thread::ThreadState;
use crate::lang::ast::CmpOp;
use crate::object::{Dict, List, ObjRef, Range, Str, Tuple, TypeKind, bool_obj};
use crate::strategy::Strategy;

fn is_num(k: TypeKind) -> bool {
    matches!(k, TypeKind::Int | TypeKind::Bool | TypeKind::Float)
}

/// Numeric comparison, exact across int and float as in CPython (no rounding of the int).
fn num_cmp<S: Strategy>(a: &ObjRef<S>, b: &ObjRef<S>) -> Option<Ordering> {
    let (fa, fb) = (a.kind() == TypeKind::Float, b.kind() == TypeKind::Float);
    match (fa, fb) {
        (false, false) => Some(as_int(a)?.cmp(&as_int(b)?)),
        (true, true) => as_float(a)?.partial_cmp(&as_float(b)?),
        (false, true) => int_float_cmp(as_int(a)?, as_float(b)?),
        (true, false) => int_float_cmp(as_int(b)?, as_float(a)?).map(Ordering::reverse),
    }
}

/// Compare an int with a float exactly.
fn int_float_cmp(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    // 2**63 is exactly representable: floats at or beyond it exceed every i64.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if f >= LIMIT {
        return Some(Ordering::Less);
    }
    if f < -LIMIT {
        return Some(Ordering::Greater);
    }
    let t = f.trunc();
    // `t` is integral and in range, so the conversion is exact.
    match i.cmp(&(t as i64)) {
        Ordering::Equal => 0.0.partial_cmp(&(f - t)),
        o => Some(o),
    }
}

fn seq_items<S: Strategy>(ts: &ThreadState<'_, S>, o: &ObjRef<S>) -> Vec<ObjRef<S>> {
    match o.kind() {
        TypeKind::List => o.downcast::<List<S>>().map(|l| l.to_vec(&ts.pin)).unwrap_or_default(),
        _ => o.downcast::<Tuple<S>>().map(|t| t.items().to_vec()).unwrap_or_default(),
    }
}

/// `a == b`.
pub fn eq<S: Strategy>(ts: &mut ThreadState<'_, S>, a: &ObjRef<S>, b: &ObjRef<S>) -> Result<bool, PyErr<S>> {
    let (ka, kb) = (a.kind(), b.kind());
    if is_num(ka) && is_num(kb) {
        return Ok(num_cmp(a, b) == Some(Ordering::Equal));
    }
    if is_user(a) || is_user(b) {
        return user_eq(ts, a, b);
    }
    if ka != kb {
        return Ok(false);
    }
    match ka {
        TypeKind::Str => Ok(as_str(a) == as_str(b)),
        TypeKind::List | TypeKind::Tuple => {
            if a.is(b) {
                return Ok(true);
            }
            let (x, y) = (seq_items(ts, a), seq_items(ts, b));
            if x.len() != y.len() {
                return Ok(false);
            }
            for (p, q) in x.iter().zip(&y) {
                if !p.is(q) && !eq(ts, p, q)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        TypeKind::Dict => {
            let (x, y) = (a.downcast::<Dict<S>>().expect("kind"), b.downcast::<Dict<S>>().expect("kind"));
            if x.len() != y.len() {
                return Ok(false);
            }
            for (k, v) in x.items(&ts.pin) {
                match y.get(&k, &ts.pin).map_err(|e| ts.obj_err(e))? {
                    Some(w) if w.is(&v) || eq(ts, &v, &w)? => {}
                    _ => return Ok(false),
                }
            }
            Ok(true)
        }
        TypeKind::Range => Ok(a.downcast::<Range>() == b.downcast::<Range>()),
        _ => Ok(a.is(b)),
    }
}

fn user_eq<S: Strategy>(ts: &mut ThreadState<'_, S>, a: &ObjRef<S>, b: &ObjRef<S>) -> Result<bool, PyErr<S>> {
    if is_user(a)
        && let Some(r) = call_dunder(ts, a, "__eq__", std::slice::from_ref(b))?
        && !super::arith::is_not_implemented(ts, &r)
    {
        return truthy(ts, &r);
    }
    if is_user(b)
        && let Some(r) = call_dunder(ts, b, "__eq__", std::slice::from_ref(a))?
        && !super::arith::is_not_implemented(ts, &r)
    {
        return truthy(ts, &r);
    }
    Ok(a.is(b))
}

fn op_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        _ => "==",
    }
}

fn reflect(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::LtE => CmpOp::GtE,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::GtE => CmpOp::LtE,
        o => o,
    }
}

fn dunder_of(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "__lt__",
        CmpOp::LtE => "__le__",
        CmpOp::Gt => "__gt__",
        _ => "__ge__",
    }
}

fn apply(op: CmpOp, o: Ordering) -> bool {
    match op {
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::LtE => o != Ordering::Greater,
        CmpOp::Gt => o == Ordering::Greater,
        _ => o != Ordering::Less,
    }
}

/// An ordering comparison (`<`, `<=`, `>`, `>=`).
pub fn order<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    op: CmpOp,
    a: &ObjRef<S>,
    b: &ObjRef<S>,
) -> Result<bool, PyErr<S>> {
    let (ka, kb) = (a.kind(), b.kind());
    if is_num(ka) && is_num(kb) {
        return Ok(num_cmp(a, b).is_some_and(|o| apply(op, o)));
    }
    if ka == TypeKind::Str && kb == TypeKind::Str {
        let (x, y) = (a.downcast::<Str>().expect("kind").as_str(), b.downcast::<Str>().expect("kind").as_str());
        return Ok(apply(op, x.cmp(y)));
    }
    if ka == kb && matches!(ka, TypeKind::List | TypeKind::Tuple) {
        let (x, y) = (seq_items(ts, a), seq_items(ts, b));
        for (p, q) in x.iter().zip(&y) {
            if !(p.is(q) || eq(ts, p, q)?) {
                return order(ts, op, p, q);
            }
        }
        return Ok(apply(op, x.len().cmp(&y.len())));
    }
    if is_user(a)
        && let Some(r) = call_dunder(ts, a, dunder_of(op), std::slice::from_ref(b))?
        && !super::arith::is_not_implemented(ts, &r)
    {
        return truthy(ts, &r);
    }
    if is_user(b)
        && let Some(r) = call_dunder(ts, b, dunder_of(reflect(op)), std::slice::from_ref(a))?
        && !super::arith::is_not_implemented(ts, &r)
    {
        return truthy(ts, &r);
    }
    Err(ts.type_error(format!(
        "'{}' not supported between instances of '{}' and '{}'",
        op_symbol(op),
        ts.vm.type_name(a),
        ts.vm.type_name(b)
    )))
}

/// `a < b` (sorting).
pub fn lt<S: Strategy>(ts: &mut ThreadState<'_, S>, a: &ObjRef<S>, b: &ObjRef<S>) -> Result<bool, PyErr<S>> {
    order(ts, CmpOp::Lt, a, b)
}

/// `item in container`.
pub fn contains<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    container: &ObjRef<S>,
    item: &ObjRef<S>,
) -> Result<bool, PyErr<S>> {
    match container.kind() {
        TypeKind::Str => match (as_str(container), as_str(item)) {
            (Some(c), Some(i)) => Ok(c.contains(i)),
            _ => Err(
                ts.type_error(format!("'in <string>' requires string as left operand, not {}", ts.vm.type_name(item)))
            ),
        },
        TypeKind::Dict => {
            let d = container.downcast::<Dict<S>>().expect("kind");
            d.contains(item, &ts.pin).map_err(|e| ts.obj_err(e))
        }
        TypeKind::Range => {
            let r = container.downcast::<Range>().expect("kind");
            Ok(match as_int(item) {
                Some(v) if item.kind() != TypeKind::Float => {
                    let inside = if r.step > 0 { r.start <= v && v < r.stop } else { r.stop < v && v <= r.start };
                    inside && (v - r.start) % r.step == 0
                }
                _ => false,
            })
        }
        TypeKind::Instance => match call_dunder(ts, container, "__contains__", std::slice::from_ref(item))? {
            Some(r) => truthy(ts, &r),
            None => {
                for v in super::iterate(ts, container)? {
                    if v.is(item) || eq(ts, &v, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        },
        _ => {
            for v in super::iterate(ts, container)? {
                if v.is(item) || eq(ts, &v, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

/// `COMPARE_OP`: all ten comparison operators.
#[inline]
pub fn compare_op<S: Strategy>(ts: &mut ThreadState<'_, S>, op: CmpOp, a: &ObjRef<S>, b: &ObjRef<S>) -> PyResult<S> {
    if a.kind() == TypeKind::Int && b.kind() == TypeKind::Int {
        let (x, y) = (as_int(a).unwrap_or(0), as_int(b).unwrap_or(0));
        let r = match op {
            CmpOp::Eq => Some(x == y),
            CmpOp::NotEq => Some(x != y),
            CmpOp::Lt => Some(x < y),
            CmpOp::LtE => Some(x <= y),
            CmpOp::Gt => Some(x > y),
            CmpOp::GtE => Some(x >= y),
            _ => None,
        };
        if let Some(r) = r {
            return Ok(bool_obj(r));
        }
    }
    let r = match op {
        CmpOp::Eq => eq(ts, a, b)?,
        CmpOp::NotEq => {
            if is_user(a)
                && let Some(r) = call_dunder(ts, a, "__ne__", std::slice::from_ref(b))?
                && !super::arith::is_not_implemented(ts, &r)
            {
                return Ok(r);
            }
            !eq(ts, a, b)?
        }
        CmpOp::Is => a.is(b),
        CmpOp::IsNot => !a.is(b),
        CmpOp::In => contains(ts, b, a)?,
        CmpOp::NotIn => !contains(ts, b, a)?,
        _ => order(ts, op, a, b)?,
    };
    Ok(bool_obj(r))
}
