//! Runtime and thread handles, and the [`Attached`] token that proves a thread may touch objects.
//!
//! A runtime is the design's two pieces of shared state: its thread protocol's (for `gil`, the GIL) and
//! its collector's. A thread attaches in two steps, collector first (wait out a stopped world, publish
//! where its objects go), then the thread protocol (take the GIL, pin the epoch, merge); it detaches in the
//! reverse order. Safepoints run the thread protocol's part, then, when the collector asked, its one poll.

use std::marker::PhantomData;

use super::{Collector, FreezeRefused, GcGlobal, GcStats, Strategy, StrategyConfig, Threads};
use crate::object::RootSet;
use crate::sync::Arc;

type ThreadsGlobal<S> = <<S as Strategy>::Threads as Threads>::Global;
type ThreadsLocal<S> = <<S as Strategy>::Threads as Threads>::Local;
type GcLocal<S> = <<S as Strategy>::Collector as Collector<S>>::Local;

/// One runtime: the design's shared state. Threads that share objects must come from the same runtime.
pub struct Runtime<S: Strategy> {
    threads: Arc<ThreadsGlobal<S>>,
    gc: Arc<GcGlobal<S>>,
}

impl<S: Strategy> std::fmt::Debug for Runtime<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime").field("strategy", &S::NAME).finish()
    }
}

impl<S: Strategy> Clone for Runtime<S> {
    fn clone(&self) -> Self {
        Self { threads: Arc::clone(&self.threads), gc: Arc::clone(&self.gc) }
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
        Self {
            threads: Arc::new(S::Threads::new_global(config)),
            gc: Arc::new(<S::Collector as Collector<S>>::new_global(config)),
        }
    }

    /// What the runtime's collector did so far.
    pub fn gc_stats(&self) -> GcStats {
        <S::Collector as Collector<S>>::stats(&self.gc)
    }

    /// The collector's global state (deferred objects are handed to it).
    pub fn global(&self) -> &GcGlobal<S> {
        &self.gc
    }

    /// The thread protocol's global state (for `gil`, the GIL).
    pub fn threads(&self) -> &ThreadsGlobal<S> {
        &self.threads
    }

    /// State for the calling thread, detached. Create one per OS thread, on that thread.
    pub fn thread(&self) -> Thread<S> {
        Thread {
            local: std::mem::ManuallyDrop::new(S::Threads::new_local(&self.threads)),
            gc_local: <S::Collector as Collector<S>>::new_local(&self.gc),
            gc: Arc::clone(&self.gc),
            _not_send: PhantomData,
        }
    }
}

/// A thread's state. Not `Send`: it belongs to the OS thread that created it.
pub struct Thread<S: Strategy> {
    // Field order is drop order: the thread protocol's state may free objects (merges), which untrack
    // from this thread's collector state.
    local: std::mem::ManuallyDrop<ThreadsLocal<S>>,
    gc_local: GcLocal<S>,
    gc: Arc<GcGlobal<S>>,
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

    /// Attach: the collector's part (wait out a stopped world), then the thread protocol's (which may
    /// merge, and so free, objects).
    fn enter(&mut self) {
        <S::Collector as Collector<S>>::attach(&self.gc, &mut self.gc_local);
        S::Threads::attach(&mut self.local);
    }

    /// Detach, in the reverse order of [`Thread::enter`], with `roots` (if given) published until the
    /// next attach.
    ///
    /// # Safety
    ///
    /// `roots`, if given, stays valid and unchanged until this thread's next [`Thread::enter`].
    unsafe fn leave(&mut self, roots: Option<&&dyn RootSet<S>>) {
        S::Threads::detach(&mut self.local);
        // SAFETY: forwarded contract.
        unsafe { <S::Collector as Collector<S>>::detach(&self.gc, &mut self.gc_local, roots) };
    }
}

impl<S: Strategy> Drop for Thread<S> {
    fn drop(&mut self) {
        // The thread protocol's state may free objects as it goes (`biased` merges what other threads queued
        // to it), so it is dropped as a running thread: never while a collection has the world stopped.
        <S::Collector as Collector<S>>::attach(&self.gc, &mut self.gc_local);
        // SAFETY: dropped once, here; the field is not used again.
        unsafe { std::mem::ManuallyDrop::drop(&mut self.local) };
        // SAFETY: no roots are published.
        unsafe { <S::Collector as Collector<S>>::detach(&self.gc, &mut self.gc_local, None) };
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
    /// Let other threads make progress: drop the GIL if a waiter asked for it, let the epoch advance. A
    /// collector cannot run here: the caller's roots are unknown.
    #[inline]
    pub fn safepoint(&mut self) {
        self.poll(None);
    }

    /// A safepoint at which this thread's roots are `roots`: a collector may stop the world here.
    #[inline(always)]
    pub fn safepoint_with(&mut self, roots: &dyn RootSet<S>) {
        self.poll(Some(roots));
    }

    #[inline(always)]
    fn poll(&mut self, roots: Option<&dyn RootSet<S>>) {
        let t = &mut *self.thread;
        S::Threads::safepoint(&mut t.local);
        if <S::Collector as Collector<S>>::polled(&t.gc, &t.gc_local) {
            <S::Collector as Collector<S>>::safepoint(&t.gc, &mut t.gc_local, roots);
        }
    }

    /// Whether the collector waits for this thread (stopping the world or wanting a collection): the next
    /// safepoint should report its roots. A relaxed hint.
    #[inline(always)]
    pub fn collector_polled(&self) -> bool {
        <S::Collector as Collector<S>>::polled(&self.thread.gc, &self.thread.gc_local)
    }

    /// A safepoint without the collector's part, for a caller that just saw [`Attached::collector_polled`]
    /// say no (a collector that starts meanwhile is met at the next safepoint): building the roots costs
    /// more than the poll in a tight loop.
    #[inline(always)]
    pub fn safepoint_quiet(&mut self) {
        S::Threads::safepoint(&mut self.thread.local);
    }

    /// Run a blocking call (join, acquire, sleep) detached, then reattach. Collectors that run meanwhile
    /// cannot see this thread's roots, so they give up (see [`Attached::blocking_with`]).
    pub fn blocking<R>(&mut self, f: impl FnOnce() -> R) -> R {
        // SAFETY: no roots are published.
        unsafe { self.thread.leave(None) };
        let out = f();
        self.thread.enter();
        out
    }

    /// Run a blocking call detached, with this thread's roots published to collectors that run meanwhile.
    pub fn blocking_with<R>(&mut self, roots: &dyn RootSet<S>, f: impl FnOnce() -> R) -> R {
        // SAFETY: `roots` is a local of this call, which outlives the detached stretch: the thread
        // reattaches before returning.
        unsafe { self.thread.leave(Some(&roots)) };
        let out = f();
        self.thread.enter();
        out
    }

    /// `gc.collect()` with this thread's roots: objects freed. Under the reference-counting designs this is
    /// a cycle collection, which needs the roots only for deferred objects.
    pub fn collect(&mut self, roots: &dyn RootSet<S>) -> usize {
        let t = &mut *self.thread;
        <S::Collector as Collector<S>>::collect(&t.gc, &mut t.gc_local, roots)
    }

    /// `gc.freeze()` (see [`Collector::freeze`]): the calling thread's pending count changes are settled
    /// first, by a safepoint of its thread protocol.
    pub fn freeze(&mut self) -> Result<usize, FreezeRefused> {
        let t = &mut *self.thread;
        let local = &mut t.local;
        <S::Collector as Collector<S>>::freeze(&t.gc, &mut || S::Threads::safepoint(local))
    }

    /// What the runtime's collector did so far (see [`Runtime::gc_stats`]).
    pub fn gc_stats(&self) -> GcStats {
        <S::Collector as Collector<S>>::stats(&self.thread.gc)
    }

    /// The thread protocol's per-thread state.
    pub fn local(&self) -> &ThreadsLocal<S> {
        &self.thread.local
    }

    /// The collector's global state of the runtime this thread belongs to (deferred objects go there).
    pub fn global(&self) -> &GcGlobal<S> {
        &self.thread.gc
    }
}

impl<S: Strategy> Drop for Attached<'_, S> {
    fn drop(&mut self) {
        // SAFETY: no roots are published.
        unsafe { self.thread.leave(None) };
    }
}
