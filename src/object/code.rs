//! `code`: a compiled body. The bytecode itself is the strategy-free [`CodeUnit`]; the object adds what must
//! be objects: constants and names, made once when the unit is loaded.

use std::sync::Arc;

use super::alloc::{Payload, TypeKind};
use super::handle::ObjRef;
use super::trace::{Trace, Tracer};
use crate::lang::bytecode::CodeUnit;
use crate::strategy::Strategy;

/// A `code` payload.
#[derive(Debug)]
pub struct Code<S: Strategy> {
    /// The compiled unit.
    pub unit: Arc<CodeUnit>,
    /// `co_name` as a str object.
    pub name: ObjRef<S>,
    /// Constants the bytecode loads (`unit.consts` as objects).
    pub consts: Box<[ObjRef<S>]>,
    /// Interned names the bytecode refers to (`unit.names` as interned strs).
    pub names: Box<[ObjRef<S>]>,
    /// `co_name` for tracebacks.
    pub tb_name: Arc<str>,
    /// Neither nested in a function nor a lambda/comprehension (CPython: no `CO_NESTED`): functions made from
    /// it get deferred reference counting where the strategy defers.
    pub top_level: bool,
}

impl<S: Strategy> Trace<S> for Code<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        tracer.visit(&self.name);
        self.consts.iter().chain(self.names.iter()).for_each(|o| tracer.visit(o));
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Code<S> {
    const KIND: TypeKind = TypeKind::Code;
    const NAME: &'static str = "code";
}
