//! `code`: a compiled function body. The interpreter issue fills in the bytecode; the object layer only
//! needs what it owns (constants and names) so that it allocates, traces and frees correctly.

use super::alloc::{Payload, TypeKind};
use super::handle::ObjRef;
use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;

/// A `code` payload.
#[derive(Debug)]
pub struct Code<S: Strategy> {
    /// The function or module name.
    pub name: Box<str>,
    /// Constants the bytecode loads.
    pub consts: Box<[ObjRef<S>]>,
    /// Interned names the bytecode refers to (globals, attributes).
    pub names: Box<[ObjRef<S>]>,
}

impl<S: Strategy> Trace<S> for Code<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        self.consts.iter().chain(self.names.iter()).for_each(|o| tracer.visit(o));
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Code<S> {
    const KIND: TypeKind = TypeKind::Code;
    const NAME: &'static str = "code";
}
