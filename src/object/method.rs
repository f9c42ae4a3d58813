//! `method`: a function bound to the receiver it was looked up on.

use super::alloc::{Payload, TypeKind};
use super::handle::ObjRef;
use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;

/// A bound-method payload.
#[derive(Debug)]
pub struct BoundMethod<S: Strategy> {
    /// `__self__`
    pub receiver: ObjRef<S>,
    /// `__func__`
    pub func: ObjRef<S>,
}

impl<S: Strategy> Trace<S> for BoundMethod<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        tracer.visit(&self.receiver);
        tracer.visit(&self.func);
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for BoundMethod<S> {
    const KIND: TypeKind = TypeKind::BoundMethod;
    const NAME: &'static str = "method";
}
