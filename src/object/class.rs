//! `type`: a class, with single inheritance. Class attributes (methods included) live in its dict.

use super::alloc::{Payload, TypeKind};
use super::dict::Dict;
use super::handle::{ObjRef, Typed};
use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;

/// A class payload.
#[derive(Debug)]
pub struct Class<S: Strategy> {
    /// `__name__` (a str).
    pub name: ObjRef<S>,
    /// The base class, if any.
    pub base: Option<ObjRef<S>>,
    /// The class namespace.
    pub dict: Typed<S, Dict<S>>,
    /// For a built-in type (`int`, `list`, ...), the kind of its instances.
    pub builtin: Option<TypeKind>,
    /// Derives from `BaseException`: instances are `Exception` payloads.
    pub is_exception: bool,
    /// The class or a base defined `__del__` when it was made: its instances are finalized
    /// ([`finalize`](super::finalize)). A `__del__` assigned to the class later is not seen.
    pub finalizer: bool,
}

impl<S: Strategy> Trace<S> for Class<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        tracer.visit(&self.name);
        self.base.iter().for_each(|b| tracer.visit(b));
        tracer.visit(self.dict.as_obj());
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Class<S> {
    const KIND: TypeKind = TypeKind::Class;
    const NAME: &'static str = "type";
}
