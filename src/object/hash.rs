//! Hashing and key equality, following Python's rules so that `1`, `1.0` and `True` are the same dict key
//! and `hash()` of numbers and tuples matches CPython bit for bit.
//!
//! - int: reduction modulo the Mersenne prime 2^61 − 1, sign kept, −1 → −2 (`Objects/longobject.c`).
//! - float: `_Py_HashDouble` (`Python/pyhash.c`): equal to the int hash for integral values; ±inf are
//!   ±314159; NaN hashes by identity (3.10+).
//! - tuple: the xxHash-based scheme of 3.8+ (`Objects/tupleobject.c`).
//! - str: SipHash with a fixed key. CPython randomizes str hashes per process, so no program may depend on
//!   them; a fixed key keeps gilfree's runs reproducible.
//! - other hashable objects (instances, functions, classes): identity (`_Py_HashPointer`).
//! - list, dict: unhashable (`TypeError`).

use std::hash::Hasher;

use super::alloc::{Obj, TypeKind};
use super::error::ObjError;
use super::scalar::{Bool, Float, Int};
use super::str::Str;
use super::tuple::Tuple;
use crate::strategy::Strategy;

const MODULUS: u64 = (1 << 61) - 1;
const BITS: u32 = 61;
const HASH_INF: i64 = 314_159;

/// `hash(i)` for an int.
pub fn hash_int(v: i64) -> i64 {
    let m = (v.unsigned_abs() % MODULUS) as i64;
    let h = if v < 0 { -m } else { m };
    if h == -1 { -2 } else { h }
}

/// `hash(x)` for a float, identity-hashed NaNs aside (`nan_identity` is used for those).
pub fn hash_float(v: f64, nan_identity: usize) -> i64 {
    if v.is_nan() {
        return hash_pointer(nan_identity);
    }
    if v.is_infinite() {
        return if v > 0.0 { HASH_INF } else { -HASH_INF };
    }
    let (mut m, mut e) = frexp(v);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268_435_456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 { e % BITS as i32 } else { BITS as i32 - 1 - ((-1 - e) % BITS as i32) } as u32;
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    let h = (x as i64) * sign;
    if h == -1 { -2 } else { h }
}

/// `frexp`: `v = m * 2**e` with `0.5 <= |m| < 1` (and `(0.0, 0)` for zero).
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(v * f64::from_bits(0x4350_0000_0000_0000)); // 2**54
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// Identity hash (`_Py_HashPointer`): the address rotated right by 4 bits.
pub fn hash_pointer(addr: usize) -> i64 {
    let h = addr.rotate_right(4) as i64;
    if h == -1 { -2 } else { h }
}

/// `hash(s)` for a str.
pub fn hash_str(s: &str) -> i64 {
    #[expect(deprecated, reason = "SipHasher is std's only keyed hasher with a stable, fixed-key output")]
    let mut h = std::hash::SipHasher::new_with_keys(0x6769_6c66, 0x7265_6521);
    h.write(s.as_bytes());
    let v = h.finish() as i64;
    if v == -1 { -2 } else { v }
}

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

fn hash_tuple<S: Strategy>(t: &Tuple<S>) -> Result<i64, ObjError> {
    let mut acc = XXPRIME_5;
    for item in t.items() {
        let lane = hash(item)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add((t.len() as u64) ^ (XXPRIME_5 ^ 3_527_539));
    Ok(if acc == u64::MAX { 1_546_275_796 } else { acc as i64 })
}

/// `hash(obj)`, or `TypeError` for unhashable types.
pub fn hash<S: Strategy>(obj: &Obj<S>) -> Result<i64, ObjError> {
    let addr = obj as *const Obj<S> as usize;
    Ok(match obj.kind() {
        TypeKind::Str => obj.downcast::<Str>().map_or(0, Str::hash),
        TypeKind::Int => hash_int(obj.downcast::<Int>().map_or(0, |i| i.0)),
        TypeKind::Bool => i64::from(obj.downcast::<Bool>().is_some_and(|b| b.0)),
        TypeKind::Float => hash_float(obj.downcast::<Float>().map_or(0.0, |f| f.0), addr),
        TypeKind::Tuple => match obj.downcast::<Tuple<S>>() {
            Some(t) => hash_tuple(t)?,
            None => 0,
        },
        TypeKind::List | TypeKind::Dict => {
            return Err(ObjError::Type(format!("unhashable type: '{}'", obj.type_name())));
        }
        _ => hash_pointer(addr),
    })
}

/// A number's value for cross-type comparison: ints and bools exactly, floats as floats.
enum Num {
    I(i64),
    F(f64),
}

fn as_num<S: Strategy>(obj: &Obj<S>) -> Option<Num> {
    match obj.kind() {
        TypeKind::Int => obj.downcast::<Int>().map(|i| Num::I(i.0)),
        TypeKind::Bool => obj.downcast::<Bool>().map(|b| Num::I(i64::from(b.0))),
        TypeKind::Float => obj.downcast::<Float>().map(|f| Num::F(f.0)),
        _ => None,
    }
}

/// Exact int/float equality, as Python compares them (no rounding of the int).
fn int_eq_float(i: i64, f: f64) -> bool {
    // 2**63 is exactly representable; every integral float in [-2**63, 2**63) converts to i64 exactly.
    f.fract() == 0.0 && (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f) && f as i64 == i
}

/// Key equality as dicts use it: identity first, then value equality for the built-in hashable types.
/// Objects of other types are equal only to themselves.
pub fn key_eq<S: Strategy>(a: &Obj<S>, b: &Obj<S>) -> bool {
    if a.is(b) {
        return true;
    }
    if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
        return match (x, y) {
            (Num::I(x), Num::I(y)) => x == y,
            (Num::F(x), Num::F(y)) => x == y,
            (Num::I(i), Num::F(f)) | (Num::F(f), Num::I(i)) => int_eq_float(i, f),
        };
    }
    match (a.kind(), b.kind()) {
        (TypeKind::Str, TypeKind::Str) => match (a.downcast::<Str>(), b.downcast::<Str>()) {
            (Some(x), Some(y)) => x.as_str() == y.as_str(),
            _ => false,
        },
        (TypeKind::Tuple, TypeKind::Tuple) => match (a.downcast::<Tuple<S>>(), b.downcast::<Tuple<S>>()) {
            (Some(x), Some(y)) => x.len() == y.len() && x.items().iter().zip(y.items()).all(|(p, q)| key_eq(p, q)),
            _ => false,
        },
        _ => false,
    }
}
