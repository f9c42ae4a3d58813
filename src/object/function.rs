//! `function`: code plus the environment it runs in.

use super::alloc::{Payload, TypeKind};
use super::handle::ObjRef;
use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;

/// A `function` payload.
#[derive(Debug)]
pub struct Function<S: Strategy> {
    /// `__name__` (a str).
    pub name: ObjRef<S>,
    /// The code object.
    pub code: ObjRef<S>,
    /// The module globals (a dict).
    pub globals: ObjRef<S>,
    /// `__qualname__` (a str).
    pub qualname: ObjRef<S>,
    /// Default argument values (a tuple), if any.
    pub defaults: Option<ObjRef<S>>,
    /// Keyword-only defaults (a dict), if any.
    pub kwdefaults: Option<ObjRef<S>>,
    /// Closure cells (a tuple of cells), if any.
    pub closure: Option<ObjRef<S>>,
}

impl<S: Strategy> Trace<S> for Function<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        tracer.visit(&self.name);
        tracer.visit(&self.code);
        tracer.visit(&self.globals);
        tracer.visit(&self.qualname);
        self.defaults.iter().chain(self.kwdefaults.iter()).chain(self.closure.iter()).for_each(|o| tracer.visit(o));
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Function<S> {
    const KIND: TypeKind = TypeKind::Function;
    const NAME: &'static str = "function";
}
