//! An instance of a user class: its class and an attribute dict (which carries the container lock).

use super::alloc::{Payload, TypeKind};
use super::class::Class;
use super::dict::Dict;
use super::handle::{ObjRef, Typed};
use super::trace::{Trace, Tracer};
use crate::strategy::{Collector, Strategy};
use crate::sync::statics::AtomicBool;

/// An instance payload.
#[derive(Debug)]
pub struct Instance<S: Strategy> {
    /// The class (a `Class` object).
    pub class: ObjRef<S>,
    /// `__dict__`
    pub dict: Typed<S, Dict<S>>,
    /// Its `__del__` ran, or is about to (see [`finalize`](super::finalize)): it never runs again.
    pub finalized: AtomicBool,
}

impl<S: Strategy> Instance<S> {
    /// A fresh instance of `class` with an empty attribute dict.
    pub fn new(class: ObjRef<S>) -> Self {
        Self { class, dict: Typed::new(Dict::new()), finalized: AtomicBool::new(false) }
    }

    /// A new instance object of `class`; one whose class has a `__del__` is registered with the strategy's
    /// collector ([`Strategy::register_finalizer`]).
    pub fn new_obj(class: ObjRef<S>) -> ObjRef<S> {
        let finalizer = class.downcast::<Class<S>>().is_some_and(|c| c.finalizer);
        let obj = ObjRef::new(Self::new(class));
        if finalizer {
            <S::Collector as Collector<S>>::register_finalizer(obj.as_ptr());
        }
        obj
    }
}

impl<S: Strategy> Trace<S> for Instance<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        tracer.visit(&self.class);
        tracer.visit(self.dict.as_obj());
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Instance<S> {
    const KIND: TypeKind = TypeKind::Instance;
    const NAME: &'static str = "object";
}
