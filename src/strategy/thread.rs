//! Runtime and thread handles, and the [`Attached`] token that proves a thread may touch objects.

use std::marker::PhantomData;

use super::{Strategy, StrategyConfig};
use crate::object::RootSet;
use crate::sync::Arc;

/// One runtime: the strategy's global state (for `gil`, the GIL itself). Threads that share objects must
/// come from the same runtime.
pub struct Runtime<S: Strategy> {
    global: Arc<S::Global>,
}

impl<S: Strategy> std::fmt::Debug for Runtime<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime").field("strategy", &S::NAME).finish()
    }
}

impl<S: Strategy> Clone for Runtime<S> {
    fn clone(&self) -> Self {
        Self { global: Arc::clone(&self.global) }
    }
}

impl<S: Strategy> Default for Runtime<S> {
    fn default() -> Self {
        Self::new(&StrategyConfig::default())
    }
}

impl<S: Strategy> Runtime<S> {
    /// A runtime with the given knobs.
    pub fn new(config: &StrategyConfig) -> Self {
        Self { global: Arc::new(S::new_global(config)) }
    }

    /// The strategy's global state.
    pub fn global(&self) -> &S::Global {
        &self.global
    }

    /// State for the calling thread, detached. Create one per OS thread, on that thread.
    pub fn thread(&self) -> Thread<S> {
        Thread { local: S::new_local(&self.global), global: Arc::clone(&self.global), _not_send: PhantomData }
    }
}

/// A thread's strategy state. Not `Send`: it belongs to the OS thread that created it.
pub struct Thread<S: Strategy> {
    local: S::Local,
    /// The runtime's global state (deferred objects register with it).
    global: Arc<S::Global>,
    _not_send: PhantomData<*const ()>,
}

impl<S: Strategy> std::fmt::Debug for Thread<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Thread").field("strategy", &S::NAME).finish()
    }
}

impl<S: Strategy> Thread<S> {
    /// Start touching objects on this thread (take the GIL, pin the epoch) until the token is dropped.
    pub fn attach(&mut self) -> Attached<'_, S> {
        S::attach(&mut self.local);
        Attached { thread: self }
    }
}

/// Proof that the current thread may touch objects: the GIL is held (`gil`), an epoch is pinned (`atomic`).
///
/// Container operations borrow it shared; [`Attached::safepoint`] and [`Attached::blocking`] borrow it mutably,
/// so nothing borrowed under one pin survives into the next. Dropping it detaches.
pub struct Attached<'t, S: Strategy> {
    thread: &'t mut Thread<S>,
}

impl<S: Strategy> std::fmt::Debug for Attached<'_, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attached").field("strategy", &S::NAME).finish()
    }
}

impl<S: Strategy> Attached<'_, S> {
    /// Let other threads make progress: drop the GIL if a waiter asked for it, let the epoch advance.
    #[inline]
    pub fn safepoint(&mut self) {
        S::safepoint(&mut self.thread.local);
    }

    /// A safepoint at which this thread's roots are `roots`: a collector may stop the world here.
    #[inline(always)]
    pub fn safepoint_with(&mut self, roots: &dyn RootSet<S>) {
        S::safepoint_with(&mut self.thread.local, roots);
    }

    /// Run a blocking call (join, acquire, sleep) detached, then reattach. Collectors that run meanwhile
    /// cannot see this thread's roots, so they give up (see [`Attached::blocking_with`]).
    pub fn blocking<R>(&mut self, f: impl FnOnce() -> R) -> R {
        S::detach(&mut self.thread.local);
        let out = f();
        S::attach(&mut self.thread.local);
        out
    }

    /// Run a blocking call detached, with this thread's roots published to collectors that run meanwhile.
    pub fn blocking_with<R>(&mut self, roots: &dyn RootSet<S>, f: impl FnOnce() -> R) -> R {
        // SAFETY: `roots` is borrowed for this whole call, and the thread reattaches before returning.
        unsafe { S::detach_with(&mut self.thread.local, roots) };
        let out = f();
        S::attach(&mut self.thread.local);
        out
    }

    /// `gc.collect()` with this thread's roots: objects freed, or `None` without a collector.
    pub fn collect(&mut self, roots: &dyn RootSet<S>) -> Option<usize> {
        S::collect(&mut self.thread.local, roots)
    }

    /// The strategy's per-thread state.
    pub fn local(&self) -> &S::Local {
        &self.thread.local
    }

    /// The global state of the runtime this thread belongs to.
    pub fn global(&self) -> &S::Global {
        &self.thread.global
    }
}

impl<S: Strategy> Drop for Attached<'_, S> {
    fn drop(&mut self) {
        S::detach(&mut self.thread.local);
    }
}
