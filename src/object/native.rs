//! `builtin_function_or_method`: a function implemented in Rust by the interpreter.
//!
//! The object layer stores the function without knowing its signature, which the interpreter chooses
//! (`interp::NativeFn`); the instantiations share [`TypeKind::Native`] and are told apart by type id.

use super::alloc::{Payload, TypeKind};
use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;

/// A native function payload, whose function has type `F`. Methods of built-in types are natives that take
/// `self` as their first argument.
pub struct Native<F> {
    /// `__name__`
    pub name: &'static str,
    /// The implementation.
    pub func: F,
}

impl<F> std::fmt::Debug for Native<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<built-in function {}>", self.name)
    }
}

impl<S: Strategy, F> Trace<S> for Native<F> {
    fn trace(&self, _tracer: &mut Tracer<S>) {}
}

// SAFETY: no other payload type uses this `TypeKind`; its instantiations (one per `F`) share it and are
// told apart by `TypeId` (`SHARED_KIND`).
unsafe impl<S: Strategy, F: Copy + Send + Sync + 'static> Payload<S> for Native<F> {
    const KIND: TypeKind = TypeKind::Native;
    const NAME: &'static str = "builtin_function_or_method";
    const LEAF: bool = true;
    const SHARED_KIND: bool = true;
}
