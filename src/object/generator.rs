//! `generator`: a suspended frame, resumed by `next()`.
//!
//! The object layer holds the frame without knowing it (the interpreter's `Frame<S>` is `F`); the
//! instantiations share [`TypeKind::Generator`] and are told apart by type id.

use super::alloc::{Payload, TypeKind};
use super::handle::ObjRef;
use super::locked::Locked;
use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;

/// A generator's state: its frame while suspended; `None` while it runs (taken out by the resuming
/// thread, so a reentrant `next` sees it missing) or after it finished.
#[derive(Debug)]
pub struct GenState<F> {
    /// The suspended frame.
    pub frame: Option<Box<F>>,
    /// The frame is out, running.
    pub running: bool,
}

impl<S: Strategy, F: Trace<S>> Trace<S> for GenState<F> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        if let Some(f) = &self.frame {
            f.trace(tracer);
        }
    }
}

/// A generator payload.
#[derive(Debug)]
pub struct Generator<S: Strategy, F> {
    /// `__name__` (a str).
    pub name: ObjRef<S>,
    /// The frame and run state.
    pub state: Locked<S, GenState<F>>,
}

impl<S: Strategy, F: Trace<S>> Trace<S> for Generator<S, F> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        tracer.visit(&self.name);
        self.state.trace_state(tracer);
    }
}

// SAFETY: no other payload type uses this `TypeKind`; its instantiations (one per frame type `F`) share it
// and are told apart by `TypeId` (`SHARED_KIND`).
unsafe impl<S: Strategy, F: Trace<S> + Send + 'static> Payload<S> for Generator<S, F> {
    const KIND: TypeKind = TypeKind::Generator;
    const NAME: &'static str = "generator";
    const SHARED_KIND: bool = true;
}
