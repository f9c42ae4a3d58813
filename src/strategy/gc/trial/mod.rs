//! Cycle collection for the reference-counting strategies (`gil`, `atomic`, `biased`, `locks`, `isolated`):
//! trial deletion (Bacon and Rajan, ECOOP 2001; CPython's `gc` module) over every tracked container, at a
//! stop-the-world.
//!
//! - **Enumeration** ([`table`]): every container (a payload type that can hold references) is tracked at
//!   allocation in its thread's table and untracked when freed.
//! - **Trigger**: like CPython 3.13t's `gc_should_collect`: a collection is wanted when tracked allocations
//!   minus frees since the last one exceed [`StrategyConfig::gc_threshold`](crate::strategy::StrategyConfig) (2,000) *and* a quarter of the
//!   containers that survived the last one (so a large live heap is not rescanned every 2,000
//!   allocations). Threads count locally and flush every 512, as CPython 3.13t does; the first thread to
//!   reach a safepoint after the trigger collects.
//! - **Stopping** ([`world`](super::world)): the strategies with a GIL collect while holding it; the parallel ones stop the
//!   world first. Trial deletion needs no roots: a container whose count exceeds the references other
//!   containers hold to it is referenced from outside (a stack, a frame, a global, Rust code), so only the
//!   counts must hold still. Deferred objects (`biased`) have no counts; stopped threads publish their
//!   roots ([`roots`](super::roots)) so that a collection can free those no root and no live object reaches.
//! - **The algorithm** (`object::cycles`): subtract internal references, keep what is still referenced
//!   and everything reachable from it, free the rest as one batch.
//!
//! `tracing` frees cycles with its own collector ([`marksweep`](super::marksweep)) and does not track
//! containers.

mod cycles;
pub mod table;

use std::ptr::NonNull;

use self::cycles::{Cycles, CyclesLocal};
use super::deferred::Deferred;
use crate::object::{Obj, RootSet};
use crate::strategy::{Collector, FreezeRefused, GcStats, Strategy, StrategyConfig};
use crate::sync::Arc;
use crate::sync::statics::{AtomicUsize, Ordering};

/// Trial deletion, the cycle collector of every design that counts references.
#[derive(Debug)]
pub struct TrialDeletion;

/// A runtime's cycle collector and its deferred objects.
#[derive(Debug)]
pub struct TrialGlobal<S: Strategy> {
    // Field order is drop order: the deferred objects (whose frees untrack them) before the tables.
    deferred: Deferred<S>,
    cycles: Cycles,
}

impl<S: Strategy> TrialGlobal<S> {
    /// The runtime's deferred objects.
    pub fn deferred(&self) -> &Deferred<S> {
        &self.deferred
    }
}

/// A thread's part of the cycle collector: its table, and its place in the runtime's thread count.
#[derive(Debug)]
pub struct TrialLocal<S: Strategy> {
    table: CyclesLocal,
    global: Arc<TrialGlobal<S>>,
}

impl<S: Strategy> Drop for TrialLocal<S> {
    fn drop(&mut self) {
        self.global.deferred.thread_gone();
    }
}

// SAFETY: the parallel designs collect only with the world stopped ([`World`](super::world::World)), the GIL designs while holding
// the GIL; trial deletion frees only containers whose every reference comes from other garbage, and
// deferred objects only when every thread's roots are published and collectable (`object::cycles`).
// `attach` waits while the world is stopped.
unsafe impl<S: Strategy> Collector<S> for TrialDeletion {
    const LINKED: bool = true;
    type Global = TrialGlobal<S>;
    type Local = TrialLocal<S>;

    fn new_global(config: &StrategyConfig) -> TrialGlobal<S> {
        TrialGlobal { deferred: Deferred::default(), cycles: Cycles::new::<S>(config) }
    }

    fn new_local(global: &Arc<TrialGlobal<S>>) -> TrialLocal<S> {
        global.deferred.thread_created();
        TrialLocal { table: global.cycles.register(), global: Arc::clone(global) }
    }

    fn attach(global: &TrialGlobal<S>, local: &mut TrialLocal<S>) {
        global.cycles.attach::<S>(&mut local.table);
    }

    unsafe fn detach(global: &TrialGlobal<S>, local: &mut TrialLocal<S>, roots: Option<&&dyn RootSet<S>>) {
        global.cycles.detach::<S>(&mut local.table, roots);
    }

    #[inline(always)]
    fn polled(global: &TrialGlobal<S>, _local: &TrialLocal<S>) -> bool {
        global.cycles.polled()
    }

    fn safepoint(global: &TrialGlobal<S>, local: &mut TrialLocal<S>, roots: Option<&dyn RootSet<S>>) {
        global.cycles.safepoint::<S>(&local.table, roots, |freed| global.deferred.forget(freed));
    }

    fn collect(global: &TrialGlobal<S>, local: &mut TrialLocal<S>, roots: &dyn RootSet<S>) -> usize {
        global.cycles.collect::<S>(&local.table, Some(roots), |freed| global.deferred.forget(freed))
    }

    fn stats(global: &TrialGlobal<S>) -> GcStats {
        global.cycles.stats()
    }

    #[inline(always)]
    fn track(obj: NonNull<Obj<S>>, _size: usize, link: Option<&AtomicUsize>) {
        if let Some(link) = link {
            link.store(cycles::track(obj.as_ptr() as usize), Ordering::Relaxed);
        }
    }

    #[inline(always)]
    unsafe fn untrack(link: usize) {
        // SAFETY: forwarded contract.
        unsafe { cycles::untrack(link) }
    }

    #[inline]
    fn defer(global: &TrialGlobal<S>, obj: NonNull<Obj<S>>) {
        if S::CONSTRAINTS.deferred {
            global.deferred.defer(obj);
        }
    }

    fn freeze(global: &TrialGlobal<S>, flush: &mut dyn FnMut()) -> Result<usize, FreezeRefused> {
        if !S::CONSTRAINTS.deferred {
            return Ok(0);
        }
        // Our own queue first: a queued object must stay counted until its merge.
        global.deferred.freeze(flush)
    }
}
