//! `module`: a name and a globals dict.

use super::alloc::{Payload, TypeKind};
use super::dict::Dict;
use super::handle::{ObjRef, Typed};
use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;

/// A module payload.
#[derive(Debug)]
pub struct Module<S: Strategy> {
    /// `__name__` (a str).
    pub name: ObjRef<S>,
    /// The module's globals.
    pub dict: Typed<S, Dict<S>>,
}

impl<S: Strategy> Trace<S> for Module<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        tracer.visit(&self.name);
        tracer.visit(self.dict.as_obj());
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Module<S> {
    const KIND: TypeKind = TypeKind::Module;
    const NAME: &'static str = "module";
}
