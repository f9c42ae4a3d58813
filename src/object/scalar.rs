//! `NoneType`, `bool`, `int` and `float`: immutable payloads with no children.
//!
//! `int` is an i64. Arithmetic that would leave i64 raises `OverflowError` instead of growing into a bignum:
//! a documented divergence from CPython (tagged or big ints are a separate axis of the design space).

use super::alloc::{Payload, TypeKind};
use super::error::ObjError;
use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;

/// `None`'s payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoneType;

/// A `bool` payload (only the two shared singletons exist).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bool(pub bool);

/// An `int` payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Int(pub i64);

/// A `float` payload.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Float(pub f64);

macro_rules! leaf_payload {
    ($T:ty, $kind:ident, $name:literal) => {
        impl<S: Strategy> Trace<S> for $T {
            #[inline]
            fn trace(&self, _tracer: &mut Tracer<S>) {}
        }
        // SAFETY: no other payload type uses this `TypeKind`.
        unsafe impl<S: Strategy> Payload<S> for $T {
            const KIND: TypeKind = TypeKind::$kind;
            const NAME: &'static str = $name;
            const LEAF: bool = true;
        }
    };
}

leaf_payload!(NoneType, None, "NoneType");
leaf_payload!(Bool, Bool, "bool");
leaf_payload!(Int, Int, "int");
leaf_payload!(Float, Float, "float");

fn overflow() -> ObjError {
    ObjError::Overflow("integer overflow: gilfree ints are 64-bit".to_owned())
}

impl Int {
    /// `a + b`
    #[inline]
    pub fn add(a: i64, b: i64) -> Result<i64, ObjError> {
        a.checked_add(b).ok_or_else(overflow)
    }

    /// `a - b`
    #[inline]
    pub fn sub(a: i64, b: i64) -> Result<i64, ObjError> {
        a.checked_sub(b).ok_or_else(overflow)
    }

    /// `a * b`
    #[inline]
    pub fn mul(a: i64, b: i64) -> Result<i64, ObjError> {
        a.checked_mul(b).ok_or_else(overflow)
    }

    /// `-a`
    #[inline]
    pub fn neg(a: i64) -> Result<i64, ObjError> {
        a.checked_neg().ok_or_else(overflow)
    }

    /// `a // b`: floor division, rounding toward negative infinity as Python does.
    #[inline]
    pub fn floordiv(a: i64, b: i64) -> Result<i64, ObjError> {
        if b == 0 {
            return Err(ObjError::ZeroDivision("integer division or modulo by zero".to_owned()));
        }
        let q = a.checked_div(b).ok_or_else(overflow)?;
        Ok(if (a % b != 0) && ((a < 0) != (b < 0)) { q - 1 } else { q })
    }

    /// `a % b`: the result takes the sign of `b`, as in Python.
    #[inline]
    pub fn modulo(a: i64, b: i64) -> Result<i64, ObjError> {
        if b == 0 {
            return Err(ObjError::ZeroDivision("integer modulo by zero".to_owned()));
        }
        // i64::MIN % -1 overflows in Rust's `%` but is 0 mathematically.
        let r = a.checked_rem(b).unwrap_or(0);
        Ok(if r != 0 && ((r < 0) != (b < 0)) { r + b } else { r })
    }
}
