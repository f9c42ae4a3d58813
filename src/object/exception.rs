//! An exception instance: its class, `args`, an attribute dict, and the traceback it collected while
//! propagating.

use std::sync::Arc;

use super::alloc::{Payload, TypeKind};
use super::cell::Cell;
use super::dict::Dict;
use super::handle::{ObjRef, Typed};
use super::locked::Locked;
use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;

/// One traceback line: `File "filename", line N, in name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TbEntry {
    /// The source file.
    pub filename: Arc<str>,
    /// The function (`<module>` at top level).
    pub name: Arc<str>,
    /// The line.
    pub line: u32,
}

/// An exception payload (built-in exception classes and user subclasses alike).
#[derive(Debug)]
pub struct Exception<S: Strategy> {
    /// The exception class (a `Class` object).
    pub class: ObjRef<S>,
    /// `args` (a tuple; `BaseException.__init__` rebinds it).
    pub args: Cell<S>,
    /// Attributes set by user code (`self.code = ...`).
    pub dict: Typed<S, Dict<S>>,
    /// The traceback, innermost frame first (each frame it leaves appends one entry).
    pub traceback: Locked<S, Vec<TbEntry>>,
    /// `__context__`: the exception being handled when this one was raised.
    pub context: Cell<S>,
    /// `__cause__`: set by `raise ... from ...`.
    pub cause: Cell<S>,
}

impl<S: Strategy> Exception<S> {
    /// A fresh exception of `class` with `args` (a tuple).
    pub fn new(class: ObjRef<S>, args: ObjRef<S>) -> Self {
        Self {
            class,
            args: Cell::new(Some(args)),
            dict: Typed::new(Dict::new()),
            traceback: Locked::new(Vec::new()),
            context: Cell::new(None),
            cause: Cell::new(None),
        }
    }
}

impl<S: Strategy> Trace<S> for Exception<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        tracer.visit(&self.class);
        self.args.trace(tracer);
        tracer.visit(self.dict.as_obj());
        self.context.trace(tracer);
        self.cause.trace(tracer);
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Exception<S> {
    const KIND: TypeKind = TypeKind::Exception;
    const NAME: &'static str = "BaseException";
}
