//! `cell`: a closure variable shared by the frames that capture it, possibly on several threads.

use super::alloc::{Payload, TypeKind};
use super::handle::ObjRef;
use super::slot::{self, Slot};
use super::trace::{Trace, Tracer};
use crate::strategy::{Attached, ContainerLock, LockGuard, Strategy};

/// A `cell` payload: one slot, empty until the variable is bound.
pub struct Cell<S: Strategy> {
    lock: S::Lock,
    value: Slot<S>,
}

impl<S: Strategy> std::fmt::Debug for Cell<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cell").field("empty", &self.value.raw().is_null()).finish()
    }
}

impl<S: Strategy> Cell<S> {
    /// A cell holding `value` (or empty).
    pub fn new(value: Option<ObjRef<S>>) -> Self {
        Self { lock: S::Lock::INIT, value: Slot::new(value) }
    }

    /// The value, as a new reference; `None` if unbound.
    #[inline]
    pub fn get(&self, _pin: &Attached<'_, S>) -> Option<ObjRef<S>> {
        slot::read::<S, _>(
            &self.lock,
            // SAFETY: the caller is pinned (`_pin`).
            || unsafe { self.value.try_get() },
            || self.value.get_locked(),
        )
    }

    /// Bind (or, with `None`, unbind) the variable; returns the previous value.
    pub fn set(&self, value: Option<ObjRef<S>>, _pin: &Attached<'_, S>) -> Option<ObjRef<S>> {
        let _g = LockGuard::new(&self.lock);
        self.value.replace(value)
    }
}

impl<S: Strategy> Drop for Cell<S> {
    fn drop(&mut self) {
        drop(self.value.replace(None));
    }
}

impl<S: Strategy> Trace<S> for Cell<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        tracer.visit_raw(self.value.raw());
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Cell<S> {
    const KIND: TypeKind = TypeKind::Cell;
    const NAME: &'static str = "cell";
}
