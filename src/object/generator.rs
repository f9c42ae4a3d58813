//! `generator`: a suspended frame, resumed by `next()`.

use super::alloc::{Payload, TypeKind};
use super::handle::ObjRef;
use super::locked::Locked;
use super::trace::{Trace, Tracer};
use crate::interp::Frame;
use crate::strategy::Strategy;

/// A generator's state: its frame while suspended; `None` while it runs (taken out by the resuming
/// thread, so a reentrant `next` sees it missing) or after it finished.
#[derive(Debug)]
pub struct GenState<S: Strategy> {
    /// The suspended frame.
    pub frame: Option<Box<Frame<S>>>,
    /// The frame is out, running.
    pub running: bool,
}

impl<S: Strategy> Trace<S> for GenState<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        if let Some(f) = &self.frame {
            f.trace(tracer);
        }
    }
}

/// A generator payload.
#[derive(Debug)]
pub struct Generator<S: Strategy> {
    /// `__name__` (a str).
    pub name: ObjRef<S>,
    /// The frame and run state.
    pub state: Locked<S, GenState<S>>,
}

impl<S: Strategy> Trace<S> for Generator<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        tracer.visit(&self.name);
        self.state.trace_state(tracer);
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Generator<S> {
    const KIND: TypeKind = TypeKind::Generator;
    const NAME: &'static str = "generator";
}
