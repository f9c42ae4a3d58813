//! Built-in functions on numbers: `abs`, `round` (correctly rounded, ties to even), `divmod`, and `pow`
//! (with a modulus, a modular inverse for a negative exponent).

use crate::interp::args::{arg_count, bind, index_arg};
use crate::interp::error::{PyErr, PyResult};
use crate::interp::ops::{self, as_int};
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::lang::ast::BinOp;
use crate::object::{Float, Int, ObjRef, TypeKind, float_obj, int_obj, tuple_obj};
use crate::strategy::Strategy;

fn overflow<S: Strategy>(ts: &ThreadState<'_, S>) -> PyErr<S> {
    ts.err(Exc::OverflowError, "integer overflow: gilfree ints are 64-bit")
}

pub(super) fn abs<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "abs", args, kw, 1, 1)?;
    let x = &args[0];
    match x.kind() {
        TypeKind::Int | TypeKind::Bool => as_int(x).unwrap_or(0).checked_abs().map(int_obj).ok_or_else(|| overflow(ts)),
        TypeKind::Float => Ok(float_obj(x.downcast::<Float>().expect("kind").0.abs())),
        TypeKind::Instance => match ops::call_dunder(ts, x, "__abs__", &[])? {
            Some(r) => Ok(r),
            None => Err(ts.type_error(format!("bad operand type for abs(): '{}'", ts.vm.type_name(x)))),
        },
        _ => Err(ts.type_error(format!("bad operand type for abs(): '{}'", ts.vm.type_name(x)))),
    }
}

/// `round(x, nd)` for a float: correctly rounded, ties to even (as CPython's dtoa-based rounding).
fn round_float<S: Strategy>(ts: &ThreadState<'_, S>, x: f64, nd: i64) -> PyResult<S> {
    if !x.is_finite() || nd > 323 {
        return Ok(float_obj(x));
    }
    if nd < -308 {
        return Ok(float_obj(0.0 * x));
    }
    let r = if nd >= 0 {
        format!("{:.*}", nd as usize, x).parse::<f64>().unwrap_or(x)
    } else {
        let k = nd.unsigned_abs() as usize;
        let digits = format!("{:.0}", x.abs().trunc());
        let padded =
            if digits.len() < k + 1 { format!("{}{digits}", "0".repeat(k + 1 - digits.len())) } else { digits };
        let (head, tail) = padded.split_at(padded.len() - k);
        let half = format!("5{}", "0".repeat(k - 1));
        let up = match tail.cmp(half.as_str()) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => x.fract() != 0.0 || head.bytes().last().is_some_and(|d| (d - b'0') % 2 == 1),
        };
        let mut head: Vec<u8> = head.bytes().collect();
        if up {
            let mut i = head.len();
            loop {
                if i == 0 {
                    head.insert(0, b'1');
                    break;
                }
                i -= 1;
                if head[i] == b'9' {
                    head[i] = b'0';
                } else {
                    head[i] += 1;
                    break;
                }
            }
        }
        let text = format!("{}{}", String::from_utf8_lossy(&head), "0".repeat(k));
        // The sign survives rounding to zero (`round(-0.0, -1)` and `round(-4.0, -1)` are `-0.0`).
        text.parse::<f64>().unwrap_or(0.0).copysign(x)
    };
    if r.is_infinite() {
        return Err(ts.err(Exc::OverflowError, "rounded value too large to represent"));
    }
    Ok(float_obj(r))
}

/// `round(v, nd)` for an int: to a multiple of `10**-nd`, ties to even.
fn round_int<S: Strategy>(ts: &ThreadState<'_, S>, v: i64, nd: i64) -> PyResult<S> {
    if nd >= 0 {
        return Ok(int_obj(v));
    }
    let Some(pow) = u32::try_from(nd.unsigned_abs()).ok().and_then(|k| 10i128.checked_pow(k)) else {
        return Ok(int_obj(0));
    };
    let v = v as i128;
    let (q, r) = (v.div_euclid(pow), v.rem_euclid(pow));
    let q = if 2 * r > pow || (2 * r == pow && q % 2 != 0) { q + 1 } else { q };
    i64::try_from(q * pow).map(int_obj).map_err(|_| overflow(ts))
}

pub(super) fn round<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let p = bind(ts, "round", args, kw, &["number", "ndigits"])?;
    let Some(x) = &p[0] else {
        return Err(ts.type_error("round() missing required argument 'number' (pos 1)"));
    };
    let nd = match &p[1] {
        Some(n) if n.kind() != TypeKind::None => Some(index_arg(ts, n)?),
        _ => None,
    };
    match x.kind() {
        TypeKind::Int | TypeKind::Bool => round_int(ts, as_int(x).unwrap_or(0), nd.unwrap_or(0)),
        TypeKind::Float => {
            let f = x.downcast::<Float>().expect("kind").0;
            if let Some(nd) = nd {
                return round_float(ts, f, nd);
            }
            if f.is_nan() {
                return Err(ts.value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(ts.err(Exc::OverflowError, "cannot convert float infinity to integer"));
            }
            let r = f.round_ties_even();
            if r.abs() >= 9.223_372_036_854_776e18 {
                return Err(overflow(ts));
            }
            Ok(int_obj(r as i64))
        }
        TypeKind::Instance => {
            let extra: Vec<ObjRef<S>> = p[1].iter().cloned().collect();
            match ops::call_dunder(ts, x, "__round__", &extra)? {
                Some(r) => Ok(r),
                None => Err(ts.type_error(format!("type {} doesn't define __round__ method", ts.vm.type_name(x)))),
            }
        }
        _ => Err(ts.type_error(format!("type {} doesn't define __round__ method", ts.vm.type_name(x)))),
    }
}

pub(super) fn divmod<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "divmod", args, kw, 2, 2)?;
    let (a, b) = (&args[0], &args[1]);
    let num = |k: TypeKind| matches!(k, TypeKind::Int | TypeKind::Bool | TypeKind::Float);
    if num(a.kind()) && num(b.kind()) {
        if a.kind() != TypeKind::Float && b.kind() != TypeKind::Float {
            let (x, y) = (as_int(a).unwrap_or(0), as_int(b).unwrap_or(0));
            let q = Int::floordiv(x, y).map_err(|e| ts.obj_err(e))?;
            let r = Int::modulo(x, y).map_err(|e| ts.obj_err(e))?;
            return Ok(tuple_obj(vec![int_obj(q), int_obj(r)]));
        }
        let (x, y) = (ops::as_float(a).unwrap_or(0.0), ops::as_float(b).unwrap_or(0.0));
        if y == 0.0 {
            return Err(ts.err(Exc::ZeroDivisionError, "float divmod()"));
        }
        let (q, r) = ops::arith::float_divmod(x, y);
        return Ok(tuple_obj(vec![float_obj(q), float_obj(r)]));
    }
    if a.kind() == TypeKind::Instance
        && let Some(r) = ops::call_dunder(ts, a, "__divmod__", std::slice::from_ref(b))?
        && !ops::arith::is_not_implemented(ts, &r)
    {
        return Ok(r);
    }
    if b.kind() == TypeKind::Instance
        && let Some(r) = ops::call_dunder(ts, b, "__rdivmod__", std::slice::from_ref(a))?
        && !ops::arith::is_not_implemented(ts, &r)
    {
        return Ok(r);
    }
    Err(ts.type_error(format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        ts.vm.type_name(a),
        ts.vm.type_name(b)
    )))
}

/// `pow(b, e, m)` for ints: `e` may be negative (a modular inverse); the result has `m`'s sign.
fn mod_pow<S: Strategy>(ts: &ThreadState<'_, S>, b: i64, e: i64, m: i64) -> PyResult<S> {
    if m == 0 {
        return Err(ts.value_error("pow() 3rd argument cannot be 0"));
    }
    let modulus = m.unsigned_abs() as u128;
    let mut base = (b as i128).rem_euclid(modulus as i128) as u128;
    if e < 0 {
        base = inverse(base, modulus).ok_or_else(|| ts.value_error("base is not invertible for the given modulus"))?;
    }
    let (mut result, mut exp) = (1 % modulus, e.unsigned_abs());
    while exp > 0 {
        if exp & 1 == 1 {
            result = result * base % modulus;
        }
        base = base * base % modulus;
        exp >>= 1;
    }
    let r = result as i64;
    Ok(int_obj(if m < 0 && r != 0 { r - modulus as i64 } else { r }))
}

/// The inverse of `a` modulo `m`, if they are coprime.
fn inverse(a: u128, m: u128) -> Option<u128> {
    let (mut r0, mut r1) = (m as i128, a as i128);
    let (mut t0, mut t1) = (0i128, 1i128);
    while r1 != 0 {
        let q = r0 / r1;
        (r0, r1) = (r1, r0 - q * r1);
        (t0, t1) = (t1, t0 - q * t1);
    }
    (r0 == 1).then(|| t0.rem_euclid(m as i128) as u128)
}

pub(super) fn pow<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let p = bind(ts, "pow", args, kw, &["base", "exp", "mod"])?;
    let (Some(b), Some(e)) = (&p[0], &p[1]) else {
        let (n, pos) = if p[0].is_none() { ("base", 1) } else { ("exp", 2) };
        return Err(ts.type_error(format!("pow() missing required argument '{n}' (pos {pos})")));
    };
    match &p[2] {
        Some(m) if m.kind() != TypeKind::None => {
            let ints = [b, e, m].iter().all(|v| matches!(v.kind(), TypeKind::Int | TypeKind::Bool));
            if !ints {
                return Err(ts.type_error("pow() 3rd argument not allowed unless all arguments are integers"));
            }
            mod_pow(ts, as_int(b).unwrap_or(0), as_int(e).unwrap_or(0), as_int(m).unwrap_or(0))
        }
        _ => ops::binary_op(ts, BinOp::Pow, b, e),
    }
}
