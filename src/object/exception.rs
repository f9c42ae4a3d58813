//! An exception instance: its class and its `args` tuple.

use super::alloc::{Payload, TypeKind};
use super::handle::ObjRef;
use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;

/// An exception payload.
#[derive(Debug)]
pub struct Exception<S: Strategy> {
    /// The exception class (a `Class` object).
    pub class: ObjRef<S>,
    /// `args` (a tuple).
    pub args: ObjRef<S>,
}

impl<S: Strategy> Trace<S> for Exception<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        tracer.visit(&self.class);
        tracer.visit(&self.args);
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Exception<S> {
    const KIND: TypeKind = TypeKind::Exception;
    const NAME: &'static str = "BaseException";
}
