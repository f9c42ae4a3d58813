//! Arithmetic and bitwise operators, with int and float fast paths, sequence concatenation/repetition,
//! `%` formatting of strs, and `__add__`/`__radd__`-style dispatch for user classes.

use super::{as_float, as_int, as_str, call_dunder, is_user};
use crate::interp::error::{PyErr, PyResult};
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::lang::ast::BinOp;
use crate::lang::bytecode::Instr;
use crate::object::{
    Float, Int, List, ObjRef, Tuple, TypeKind, bool_obj, float_obj, int_obj, list_obj, str_obj, tuple_obj,
};
use crate::strategy::Strategy;

/// The operator symbol, as error messages print it.
pub fn symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mult => "*",
        BinOp::Div => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "** or pow()",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::BitAnd => "&",
        BinOp::MatMult => "@",
    }
}

fn dunder(op: BinOp) -> (&'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__"),
        BinOp::Sub => ("__sub__", "__rsub__"),
        BinOp::Mult => ("__mul__", "__rmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__"),
        BinOp::Pow => ("__pow__", "__rpow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__"),
        BinOp::BitOr => ("__or__", "__ror__"),
        BinOp::BitXor => ("__xor__", "__rxor__"),
        BinOp::BitAnd => ("__and__", "__rand__"),
        BinOp::MatMult => ("__matmul__", "__rmatmul__"),
    }
}

#[cold]
fn unsupported<S: Strategy>(ts: &ThreadState<'_, S>, op: BinOp, a: &ObjRef<S>, b: &ObjRef<S>) -> PyErr<S> {
    if op == BinOp::Add && matches!(a.kind(), TypeKind::Str | TypeKind::List | TypeKind::Tuple) {
        let what = a.type_name();
        return ts.type_error(format!("can only concatenate {what} (not \"{}\") to {what}", ts.vm.type_name(b)));
    }
    ts.type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        symbol(op),
        ts.vm.type_name(a),
        ts.vm.type_name(b)
    ))
}

fn int_result<S: Strategy>(ts: &ThreadState<'_, S>, r: Result<i64, crate::object::ObjError>) -> PyResult<S> {
    r.map(int_obj).map_err(|e| ts.obj_err(e))
}

fn int_pow<S: Strategy>(ts: &ThreadState<'_, S>, a: i64, b: i64) -> PyResult<S> {
    if b < 0 {
        if a == 0 {
            return Err(ts.err(Exc::ZeroDivisionError, "0.0 cannot be raised to a negative power"));
        }
        return Ok(float_obj((a as f64).powf(b as f64)));
    }
    let mut result: i64 = 1;
    let mut base = a;
    let mut e = b as u64;
    let overflow = || ts.err(Exc::OverflowError, "integer overflow: gilfree ints are 64-bit");
    while e > 0 {
        if e & 1 == 1 {
            result = result.checked_mul(base).ok_or_else(overflow)?;
        }
        e >>= 1;
        if e > 0 {
            base = base.checked_mul(base).ok_or_else(overflow)?;
        }
    }
    Ok(int_obj(result))
}

fn int_op<S: Strategy>(ts: &ThreadState<'_, S>, op: BinOp, a: i64, b: i64) -> Option<PyResult<S>> {
    Some(match op {
        BinOp::Add => int_result(ts, Int::add(a, b)),
        BinOp::Sub => int_result(ts, Int::sub(a, b)),
        BinOp::Mult => int_result(ts, Int::mul(a, b)),
        BinOp::FloorDiv => int_result(ts, Int::floordiv(a, b)),
        BinOp::Mod => int_result(ts, Int::modulo(a, b)),
        BinOp::Div => {
            if b == 0 {
                Err(ts.err(Exc::ZeroDivisionError, "division by zero"))
            } else {
                Ok(float_obj(int_true_div(a, b)))
            }
        }
        BinOp::Pow => int_pow(ts, a, b),
        BinOp::BitAnd => Ok(int_obj(a & b)),
        BinOp::BitOr => Ok(int_obj(a | b)),
        BinOp::BitXor => Ok(int_obj(a ^ b)),
        BinOp::LShift => {
            if b < 0 {
                Err(ts.value_error("negative shift count"))
            } else if a == 0 {
                Ok(int_obj(0))
            } else if b >= 64 || (a << b) >> b != a {
                Err(ts.err(Exc::OverflowError, "integer overflow: gilfree ints are 64-bit"))
            } else {
                Ok(int_obj(a << b))
            }
        }
        BinOp::RShift => {
            if b < 0 {
                Err(ts.value_error("negative shift count"))
            } else {
                Ok(int_obj(a >> b.min(63)))
            }
        }
        BinOp::MatMult => return None,
    })
}

fn float_op<S: Strategy>(ts: &ThreadState<'_, S>, op: BinOp, a: f64, b: f64) -> Option<PyResult<S>> {
    Some(match op {
        BinOp::Add => Ok(float_obj(a + b)),
        BinOp::Sub => Ok(float_obj(a - b)),
        BinOp::Mult => Ok(float_obj(a * b)),
        BinOp::Div => {
            if b == 0.0 {
                Err(ts.err(Exc::ZeroDivisionError, "float division by zero"))
            } else {
                Ok(float_obj(a / b))
            }
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                Err(ts.err(Exc::ZeroDivisionError, "float floor division by zero"))
            } else {
                Ok(float_obj(float_divmod(a, b).0))
            }
        }
        BinOp::Mod => {
            if b == 0.0 {
                Err(ts.err(Exc::ZeroDivisionError, "float modulo"))
            } else {
                Ok(float_obj(float_divmod(a, b).1))
            }
        }
        BinOp::Pow => {
            if a == 0.0 && b < 0.0 {
                Err(ts.err(Exc::ZeroDivisionError, "0.0 cannot be raised to a negative power"))
            } else if a < 0.0 && b.fract() != 0.0 {
                Err(ts.err(Exc::ValueError, "complex results are not supported by gilfree"))
            } else {
                let r = a.powf(b);
                if r.is_infinite() && a.is_finite() && b.is_finite() {
                    // CPython raises OverflowError(errno.ERANGE, strerror) here.
                    Err(ts.new_exc(Exc::OverflowError, vec![int_obj(34), str_obj("Numerical result out of range")]))
                } else {
                    Ok(float_obj(r))
                }
            }
        }
        _ => return None,
    })
}

/// `a / b` for ints, correctly rounded as CPython's `long_true_divide` (converting both to floats first
/// would round twice above 2**53).
pub fn int_true_div(a: i64, b: i64) -> f64 {
    const EXACT: u64 = 1 << 53;
    if a.unsigned_abs() <= EXACT && b.unsigned_abs() <= EXACT {
        return a as f64 / b as f64;
    }
    let negative = (a < 0) != (b < 0);
    let (n, d) = (u128::from(a.unsigned_abs()), u128::from(b.unsigned_abs()));
    if n == 0 {
        return if negative { -0.0 } else { 0.0 };
    }
    // Scale the numerator so the quotient has at least 56 significant bits; a sticky bit for a non-zero
    // remainder then makes the one rounding (u128 → f64, to nearest even) the correct one.
    let bits = |v: u128| 128 - v.leading_zeros() as i32;
    let shift = (56 + bits(d) - bits(n)).max(0);
    let scaled = n << shift;
    let (q, r) = (scaled / d, scaled % d);
    let q = if r != 0 { q | 1 } else { q };
    let v = (q as f64) * 2f64.powi(-shift);
    if negative { -v } else { v }
}

/// CPython's `float_divmod`: floor quotient and a remainder with the sign of `b`.
pub fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0_f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 { f + 1.0 } else { f }
    } else {
        0.0_f64.copysign(a / b)
    };
    (floordiv, m)
}

fn repeat<T: Clone>(items: &[T], n: i64) -> Vec<T> {
    if n <= 0 {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(items.len() * n as usize);
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    out
}

/// `a op b`.
#[inline]
pub fn binary_op<S: Strategy>(ts: &mut ThreadState<'_, S>, op: BinOp, a: &ObjRef<S>, b: &ObjRef<S>) -> PyResult<S> {
    let (ka, kb) = (a.kind(), b.kind());
    if ka == TypeKind::Int && kb == TypeKind::Int {
        let x = a.downcast::<Int>().expect("kind checked").0;
        let y = b.downcast::<Int>().expect("kind checked").0;
        if let Some(r) = int_op(ts, op, x, y) {
            return r;
        }
    }
    if ka == TypeKind::Float && kb == TypeKind::Float {
        let x = a.downcast::<Float>().expect("kind checked").0;
        let y = b.downcast::<Float>().expect("kind checked").0;
        if let Some(r) = float_op(ts, op, x, y) {
            return r;
        }
    }
    binary_slow(ts, op, a, b)
}

#[inline(never)]
fn binary_slow<S: Strategy>(ts: &mut ThreadState<'_, S>, op: BinOp, a: &ObjRef<S>, b: &ObjRef<S>) -> PyResult<S> {
    let (ka, kb) = (a.kind(), b.kind());
    let numeric = |k: TypeKind| matches!(k, TypeKind::Int | TypeKind::Bool | TypeKind::Float);
    if numeric(ka) && numeric(kb) {
        if ka != TypeKind::Float && kb != TypeKind::Float {
            let (x, y) = (as_int(a).unwrap_or(0), as_int(b).unwrap_or(0));
            if ka == TypeKind::Bool
                && kb == TypeKind::Bool
                && matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor)
            {
                let (p, q) = (x != 0, y != 0);
                return Ok(bool_obj(match op {
                    BinOp::BitAnd => p & q,
                    BinOp::BitOr => p | q,
                    _ => p ^ q,
                }));
            }
            if let Some(r) = int_op(ts, op, x, y) {
                return r;
            }
        } else if let Some(r) = float_op(ts, op, as_float(a).unwrap_or(0.0), as_float(b).unwrap_or(0.0)) {
            return r;
        }
    }
    match (op, ka, kb) {
        (BinOp::Add, TypeKind::Str, TypeKind::Str) => {
            let mut s = String::from(as_str(a).unwrap_or(""));
            s.push_str(as_str(b).unwrap_or(""));
            return Ok(str_obj(&s));
        }
        (BinOp::Add, TypeKind::List, TypeKind::List) => {
            let mut v = a.downcast::<List<S>>().expect("kind").to_vec(&ts.pin);
            v.extend(b.downcast::<List<S>>().expect("kind").to_vec(&ts.pin));
            return Ok(list_obj(v).into_obj());
        }
        (BinOp::Add, TypeKind::Tuple, TypeKind::Tuple) => {
            let mut v = a.downcast::<Tuple<S>>().expect("kind").items().to_vec();
            v.extend_from_slice(b.downcast::<Tuple<S>>().expect("kind").items());
            return Ok(tuple_obj(v));
        }
        (BinOp::Mult, TypeKind::Str | TypeKind::List | TypeKind::Tuple, TypeKind::Int | TypeKind::Bool)
        | (BinOp::Mult, TypeKind::Int | TypeKind::Bool, TypeKind::Str | TypeKind::List | TypeKind::Tuple) => {
            let (seq, n) = if matches!(ka, TypeKind::Int | TypeKind::Bool) { (b, as_int(a)) } else { (a, as_int(b)) };
            let n = n.unwrap_or(0);
            return Ok(match seq.kind() {
                TypeKind::Str => str_obj(&as_str(seq).unwrap_or("").repeat(n.max(0) as usize)),
                TypeKind::List => {
                    list_obj(repeat(&seq.downcast::<List<S>>().expect("kind").to_vec(&ts.pin), n)).into_obj()
                }
                _ => tuple_obj(repeat(seq.downcast::<Tuple<S>>().expect("kind").items(), n)),
            });
        }
        (BinOp::Mod, TypeKind::Str, _) => return crate::interp::format::percent_format(ts, a, b),
        _ => {}
    }
    let (name, rname) = dunder(op);
    if is_user(a)
        && let Some(r) = call_dunder(ts, a, name, std::slice::from_ref(b))?
        && !is_not_implemented(ts, &r)
    {
        return Ok(r);
    }
    if is_user(b)
        && let Some(r) = call_dunder(ts, b, rname, std::slice::from_ref(a))?
        && !is_not_implemented(ts, &r)
    {
        return Ok(r);
    }
    Err(unsupported(ts, op, a, b))
}

/// Whether `v` is the `NotImplemented` singleton.
pub fn is_not_implemented<S: Strategy>(ts: &ThreadState<'_, S>, v: &ObjRef<S>) -> bool {
    v.is(&ts.vm.not_implemented)
}

/// The in-place dunder of `op` (`__iadd__`, ...).
fn inplace_dunder(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "__iadd__",
        BinOp::Sub => "__isub__",
        BinOp::Mult => "__imul__",
        BinOp::Div => "__itruediv__",
        BinOp::FloorDiv => "__ifloordiv__",
        BinOp::Mod => "__imod__",
        BinOp::Pow => "__ipow__",
        BinOp::LShift => "__ilshift__",
        BinOp::RShift => "__irshift__",
        BinOp::BitOr => "__ior__",
        BinOp::BitXor => "__ixor__",
        BinOp::BitAnd => "__iand__",
        BinOp::MatMult => "__imatmul__",
    }
}

/// `a op= b`: lists extend in place for `+=`; user classes try `__iadd__` first; otherwise `a op b`.
pub fn inplace_op<S: Strategy>(ts: &mut ThreadState<'_, S>, op: BinOp, a: &ObjRef<S>, b: &ObjRef<S>) -> PyResult<S> {
    if op == BinOp::Add && a.kind() == TypeKind::List {
        let items = super::iterate(ts, b)?;
        let l = a.downcast::<List<S>>().expect("kind checked");
        for v in items {
            l.append(v, &ts.pin);
        }
        return Ok(a.clone());
    }
    if is_user(a)
        && let Some(r) = call_dunder(ts, a, inplace_dunder(op), std::slice::from_ref(b))?
        && !is_not_implemented(ts, &r)
    {
        return Ok(r);
    }
    binary_op(ts, op, a, b)
}

/// Unary `-`, `+`, `not`, `~` (the instruction says which).
pub fn unary_op<S: Strategy>(ts: &mut ThreadState<'_, S>, instr: Instr, a: &ObjRef<S>) -> PyResult<S> {
    if instr == Instr::UnaryNot {
        return Ok(bool_obj(!super::truthy(ts, a)?));
    }
    let (sym, name) = match instr {
        Instr::UnaryNegative => ("-", "__neg__"),
        Instr::UnaryPositive => ("+", "__pos__"),
        _ => ("~", "__invert__"),
    };
    match a.kind() {
        TypeKind::Int | TypeKind::Bool => {
            let v = as_int(a).unwrap_or(0);
            match instr {
                Instr::UnaryNegative => int_result(ts, Int::neg(v)),
                Instr::UnaryPositive => Ok(int_obj(v)),
                _ => Ok(int_obj(!v)),
            }
        }
        TypeKind::Float if instr != Instr::UnaryInvert => {
            let v = a.downcast::<Float>().expect("kind checked").0;
            Ok(float_obj(if instr == Instr::UnaryNegative { -v } else { v }))
        }
        TypeKind::Instance => match call_dunder(ts, a, name, &[])? {
            Some(r) => Ok(r),
            None => Err(ts.type_error(format!("bad operand type for unary {sym}: '{}'", ts.vm.type_name(a)))),
        },
        _ => Err(ts.type_error(format!("bad operand type for unary {sym}: '{}'", ts.vm.type_name(a)))),
    }
}
