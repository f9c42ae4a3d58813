//! [`Locked`]: a small piece of mutable state inside an object (an iterator's position, a generator's frame),
//! guarded by the strategy's container lock.
//!
//! Under a GIL the container lock is a no-op and the GIL serializes access; under the free-threaded
//! strategies it is the per-object lock. The closure passed to [`Locked::with`] is plain Rust: it must not
//! run Python code (which could reach the same object again). A reentrant call is caught by a busy flag that
//! the lock protects, and panics (a bug in gilfree) instead of aliasing the state.

use super::trace::{Trace, Tracer};
use crate::strategy::{Attached, ContainerLock, LockGuard, Strategy};
use crate::sync::UnsafeCell;

/// State of type `T` behind the strategy's container lock.
pub struct Locked<S: Strategy, T> {
    lock: S::Lock,
    busy: UnsafeCell<bool>,
    value: UnsafeCell<T>,
}

// SAFETY: the value is only reached through `with`, which holds the container lock (free-threaded
// strategies) or runs under the GIL (the caller is attached); `T: Send` lets the value be used from
// whichever thread holds that right.
unsafe impl<S: Strategy, T: Send> Sync for Locked<S, T> {}
// SAFETY: moving the wrapper moves the `T`.
unsafe impl<S: Strategy, T: Send> Send for Locked<S, T> {}

impl<S: Strategy, T> Locked<S, T> {
    /// Wrap `value`.
    pub fn new(value: T) -> Self {
        Self { lock: S::Lock::INIT, busy: UnsafeCell::new(false), value: UnsafeCell::new(value) }
    }

    /// Run `f` on the state with the lock held. `f` must not reach this object again.
    #[inline]
    pub fn with<R>(&self, _pin: &Attached<'_, S>, f: impl FnOnce(&mut T) -> R) -> R {
        let _g = LockGuard::new(&self.lock);
        struct Busy<'a>(&'a UnsafeCell<bool>);
        impl Drop for Busy<'_> {
            fn drop(&mut self) {
                // SAFETY: the flag is protected by the lock (or the GIL) that the caller of `with` holds.
                unsafe { *self.0.get() = false };
            }
        }
        // SAFETY: protected by the lock (or the GIL), as above.
        let was_busy = unsafe { std::mem::replace(&mut *self.busy.get(), true) };
        assert!(!was_busy, "gilfree bug: reentrant access to an object's locked state");
        let _busy = Busy(&self.busy);
        // SAFETY: we hold the lock (or the GIL) and the busy flag was clear, so no other `&mut T` exists.
        f(unsafe { &mut *self.value.get() })
    }

    /// The state, for a caller that owns the object exclusively (drop, tracing a dead object).
    pub fn get_mut(&mut self) -> &mut T {
        self.value.get_mut()
    }
}

impl<S: Strategy, T: Trace<S>> Locked<S, T> {
    /// Report the state's children. Tracing runs with the world stopped (or on an object nobody else can
    /// reach), so no lock is taken; a busy state is skipped.
    pub fn trace_state(&self, tracer: &mut Tracer<S>) {
        // SAFETY: tracing happens with every mutator stopped, so nobody writes the flag or the value now.
        if unsafe { !*self.busy.get() } {
            // SAFETY: as above.
            unsafe { &*self.value.get() }.trace(tracer);
        }
    }
}

impl<S: Strategy, T> std::fmt::Debug for Locked<S, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Locked(..)")
    }
}
