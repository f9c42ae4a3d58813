//! Runtime and thread handles, and the [`Attached`] token that proves a thread may touch objects.

use std::marker::PhantomData;

use super::cycles::{self, Cycles, CyclesLocal};
use super::{GcStats, Strategy, StrategyConfig};
use crate::object::RootSet;
use crate::sync::Arc;

/// One runtime: the strategy's global state (for `gil`, the GIL itself) and its cycle collector. Threads
/// that share objects must come from the same runtime.
pub struct Runtime<S: Strategy> {
    // Field order is drop order: the global state (which may free deferred objects) before the cycle
    // collector's tables (which those frees untrack from).
    global: Arc<S::Global>,
    cycles: Arc<Cycles>,
}

impl<S: Strategy> std::fmt::Debug for Runtime<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime").field("strategy", &S::NAME).finish()
    }
}

impl<S: Strategy> Clone for Runtime<S> {
    fn clone(&self) -> Self {
        Self { global: Arc::clone(&self.global), cycles: Arc::clone(&self.cycles) }
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
        Self { global: Arc::new(S::new_global(config)), cycles: Arc::new(Cycles::new::<S>(config)) }
    }

    /// What the runtime's collector did so far (`None` without one): the tracing collector's, or the
    /// cycle collector's under the reference-counting strategies.
    pub fn gc_stats(&self) -> Option<GcStats> {
        if cycles::enabled::<S>() { Some(self.cycles.stats()) } else { S::gc_stats(&self.global) }
    }

    /// The strategy's global state.
    pub fn global(&self) -> &S::Global {
        &self.global
    }

    /// State for the calling thread, detached. Create one per OS thread, on that thread.
    pub fn thread(&self) -> Thread<S> {
        Thread {
            local: std::mem::ManuallyDrop::new(S::new_local(&self.global)),
            tracked: cycles::enabled::<S>().then(|| self.cycles.register()),
            global: Arc::clone(&self.global),
            cycles: Arc::clone(&self.cycles),
            _not_send: PhantomData,
        }
    }
}

/// A thread's strategy state. Not `Send`: it belongs to the OS thread that created it.
pub struct Thread<S: Strategy> {
    // Field order is drop order (see `Runtime`): the strategy's state may free objects (merges), which
    // untrack from this thread's table.
    local: std::mem::ManuallyDrop<S::Local>,
    /// This thread's table of tracked containers (strategies that collect cycles).
    tracked: Option<CyclesLocal>,
    /// The runtime's global state (deferred objects register with it).
    global: Arc<S::Global>,
    cycles: Arc<Cycles>,
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
        self.enter();
        Attached { thread: self }
    }

    /// Attach: wait out a stopped world and make this thread's table current, then the strategy's own
    /// attach (which may merge, and so free, objects).
    fn enter(&mut self) {
        if let Some(t) = &mut self.tracked {
            self.cycles.attach::<S>(t);
        }
        S::attach(&mut self.local);
    }

    /// Detach, in the reverse order of [`Thread::enter`].
    fn leave(&mut self) {
        S::detach(&mut self.local);
        if let Some(t) = &mut self.tracked {
            self.cycles.detach::<S>(t, None);
        }
    }

    /// The cycle collector's part of a safepoint, where this thread holds `roots` (if known).
    #[inline(always)]
    fn poll_cycles(&self, roots: Option<&dyn RootSet<S>>) {
        if let Some(t) = &self.tracked
            && self.cycles.polled()
        {
            self.cycles.safepoint::<S>(t, roots, &self.global);
        }
    }
}

impl<S: Strategy> Drop for Thread<S> {
    fn drop(&mut self) {
        // The strategy's state may free objects as it goes (`biased` merges what other threads queued to
        // it), so it is dropped as a running thread: never while a cycle collection has the world stopped.
        if let Some(t) = &mut self.tracked {
            self.cycles.attach::<S>(t);
        }
        // SAFETY: dropped once, here; the field is not used again.
        unsafe { std::mem::ManuallyDrop::drop(&mut self.local) };
        if let Some(t) = &mut self.tracked {
            self.cycles.detach::<S>(t, None);
        }
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
        self.thread.poll_cycles(None);
    }

    /// A safepoint at which this thread's roots are `roots`: a collector may stop the world here.
    #[inline(always)]
    pub fn safepoint_with(&mut self, roots: &dyn RootSet<S>) {
        S::safepoint_with(&mut self.thread.local, roots);
        self.thread.poll_cycles(Some(roots));
    }

    /// Whether a collector waits for this thread (the tracing collector, or the cycle collector stopping
    /// the world or wanting a collection): the next safepoint should report its roots. A relaxed hint.
    #[inline(always)]
    pub fn collector_polled(&self) -> bool {
        S::collector_polled(&self.thread.local) || (self.thread.tracked.is_some() && self.thread.cycles.polled())
    }

    /// A safepoint without the collectors' part, for a caller that just saw
    /// [`Attached::collector_polled`] say no (a collector that starts meanwhile is met at the next
    /// safepoint): building the roots costs more than the poll in a tight loop.
    #[inline(always)]
    pub fn safepoint_quiet(&mut self) {
        S::safepoint_quiet(&mut self.thread.local);
    }

    /// Run a blocking call (join, acquire, sleep) detached, then reattach. Collectors that run meanwhile
    /// cannot see this thread's roots, so they give up (see [`Attached::blocking_with`]).
    pub fn blocking<R>(&mut self, f: impl FnOnce() -> R) -> R {
        self.thread.leave();
        let out = f();
        self.thread.enter();
        out
    }

    /// Run a blocking call detached, with this thread's roots published to collectors that run meanwhile.
    pub fn blocking_with<R>(&mut self, roots: &dyn RootSet<S>, f: impl FnOnce() -> R) -> R {
        // SAFETY: `roots` is borrowed for this whole call, and the thread reattaches before returning.
        unsafe { S::detach_with(&mut self.thread.local, roots) };
        if let Some(t) = &mut self.thread.tracked {
            // `roots` is a local of this call, which outlives the detached stretch.
            self.thread.cycles.detach::<S>(t, Some(&roots));
        }
        let out = f();
        self.thread.enter();
        out
    }

    /// `gc.collect()` with this thread's roots: objects freed, or `None` without a collector. Under the
    /// reference-counting strategies this is a cycle collection, which needs the roots only for deferred
    /// objects.
    pub fn collect(&mut self, roots: &dyn RootSet<S>) -> Option<usize> {
        match &self.thread.tracked {
            Some(t) => Some(self.thread.cycles.collect::<S>(t, Some(roots), &self.thread.global)),
            None => S::collect(&mut self.thread.local, roots),
        }
    }

    /// What the runtime's collector did so far (see [`Runtime::gc_stats`]).
    pub fn gc_stats(&self) -> Option<GcStats> {
        if self.thread.tracked.is_some() { Some(self.thread.cycles.stats()) } else { S::gc_stats(&self.thread.global) }
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
        self.thread.leave();
    }
}
