//! `builtin_function_or_method`: a function implemented in Rust by the interpreter.

use super::alloc::{Payload, TypeKind};
use super::trace::{Trace, Tracer};
use crate::interp::NativeFn;
use crate::strategy::Strategy;

/// A native function payload. Methods of built-in types are natives that take `self` as their first argument.
pub struct Native<S: Strategy> {
    /// `__name__`
    pub name: &'static str,
    /// The implementation.
    pub func: NativeFn<S>,
}

impl<S: Strategy> std::fmt::Debug for Native<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<built-in function {}>", self.name)
    }
}

impl<S: Strategy> Trace<S> for Native<S> {
    fn trace(&self, _tracer: &mut Tracer<S>) {}
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Native<S> {
    const KIND: TypeKind = TypeKind::Native;
    const NAME: &'static str = "builtin_function_or_method";
    const LEAF: bool = true;
}
