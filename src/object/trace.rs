//! One `Trace` trait for everything reachable in the object graph: tracing, cycle collection and leak checks
//! all enumerate children through it.

use std::ptr::NonNull;

use super::alloc::Obj;
use super::handle::ObjRef;
use crate::strategy::Strategy;

/// Reports the object references a payload holds.
pub trait Trace<S: Strategy> {
    /// Report every owned reference this payload holds, once each. Mutable containers take their own lock
    /// while they report, so the result is a consistent snapshot even if other threads run; collectors call
    /// it at stop-the-world, where no thread holds a container lock.
    fn trace(&self, tracer: &mut Tracer<S>);
}

/// Collects the children reported by [`Trace::trace`]. A plain list rather than a callback keeps tracing
/// free of `dyn` and lets each collector walk the result its own way (mark stack, trial deletion).
pub struct Tracer<S: Strategy> {
    found: Vec<NonNull<Obj<S>>>,
}

impl<S: Strategy> Default for Tracer<S> {
    fn default() -> Self {
        Self { found: Vec::new() }
    }
}

impl<S: Strategy> std::fmt::Debug for Tracer<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tracer").field("found", &self.found.len()).finish()
    }
}

impl<S: Strategy> Tracer<S> {
    /// An empty tracer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Report an owned child.
    #[inline]
    pub fn visit(&mut self, child: &ObjRef<S>) {
        self.found.push(child.as_ptr());
    }

    /// Report a child stored as a raw owned pointer (a container slot); null is skipped.
    #[inline]
    pub fn visit_raw(&mut self, child: *mut Obj<S>) {
        if let Some(p) = NonNull::new(child) {
            self.found.push(p);
        }
    }

    /// The children reported so far.
    pub fn found(&self) -> &[NonNull<Obj<S>>] {
        &self.found
    }

    /// Forget the children reported so far, keeping the buffer.
    pub fn clear(&mut self) {
        self.found.clear();
    }

    /// Take the children reported so far, leaving the tracer empty.
    pub fn take(&mut self) -> Vec<NonNull<Obj<S>>> {
        std::mem::take(&mut self.found)
    }
}

/// The children of `obj`, as a list.
pub fn children<S: Strategy>(obj: &Obj<S>) -> Vec<NonNull<Obj<S>>> {
    let mut t = Tracer::new();
    obj.trace(&mut t);
    t.take()
}
