//! Strategy `biased`: the design of CPython's free-threaded build (PEP 703; 3.13t, 3.14t).
//!
//! - **Biased reference counting** ([`header`]; Choi, Shull and Torrellas, "Biased Reference Counting",
//!   PACT 2018): each object has an owner thread that counts with plain loads and stores, while every other
//!   thread counts atomically in a separate shared field. A shared count that would go negative queues the
//!   object to its owner, which merges the two counts at its next safepoint ([`merge`]). Objects whose
//!   owner has exited are merged by whoever drops them next.
//! - **Immortal objects** (PEP 683): `None`, `True`, `False`, small ints and interned strings take no
//!   refcount operations.
//! - **Deferred objects** (PEP 703): top-level functions, classes, modules, code objects, the built-in
//!   functions and code constants take no refcount operations either, and their runtime frees them at
//!   shutdown ([`deferred`], which also says how this differs from CPython's stack-only deferral).
//! - **Containers and reclamation** exactly as in `atomic`: a one-byte parking lock for writes, lock-free
//!   reads (try-incref and re-validation), dead objects' memory reused type-stably
//!   ([`recycle`](super::recycle)), and crossbeam-epoch retiring item arrays and dict tables that a racing
//!   reader may still hold. Threads report a quiescent state at every safepoint.
//! - **Safepoint duties**: repin the epoch, and merge the queue when another thread raised its flag.
//!
//! Compared with `atomic` (same containers, same reclamation, every count an RMW), it isolates biased
//! reference counting together with immortal and deferred objects.

pub mod deferred;
pub mod header;
#[cfg(all(test, loom))]
mod loom_merge;
#[cfg(all(test, loom))]
mod loom_owners;
pub mod merge;
#[cfg(test)]
mod tests;

use std::ptr::NonNull;

use self::deferred::BiasedGlobal;
use self::header::BiasedRc;
use self::merge::Owner;
use super::atomic::reclaim::{self, EpochLocal};
use super::recycle::{self, Pools};
use super::{Constraints, FreezeRefused, ParkingLock, Strategy, StrategyConfig, statics_for};
use crate::object::Obj;
use crate::sync::Arc;

/// The `biased` strategy (a zero-sized type).
#[derive(Debug, Clone, Copy, Default)]
pub struct Biased;

thread_local! {
    /// This thread's dead objects' memory, reused for new objects of the same size ([`recycle`]).
    static POOLS: std::cell::RefCell<Pools> = const { std::cell::RefCell::new(Pools::new()) };
}

/// A thread's `biased` state: its epoch participation and its ownership period.
#[derive(Debug)]
pub struct BiasedLocal {
    epoch: EpochLocal,
    owner: Arc<Owner>,
    /// The runtime's global state, which counts its threads.
    global: Arc<BiasedGlobal>,
}

impl BiasedLocal {
    /// This thread's owner id.
    pub fn tid(&self) -> u32 {
        self.owner.tid()
    }

    /// Merge the queue if another thread handed us objects.
    #[inline(always)]
    fn merge_pending(&self) {
        if self.owner.pending() {
            self.owner.process();
        }
    }
}

impl Drop for BiasedLocal {
    fn drop(&mut self) {
        self.epoch.unpin();
        merge::leave();
        self.global.thread_gone();
    }
}

// SAFETY: (1) `BiasedRc` keeps `local + count(shared)` equal to the number of references: the owner's plain
// updates are exclusive to it (only the thread whose period id is in `tid` writes `local`, and ids are
// never reused), other threads use RMWs, and exactly one path reports the last reference (the owner's
// fast path, a merge reaching zero, or a decrement reaching `MERGED` with zero), with Release/Acquire
// ordering every other thread's accesses before it; skipped objects never report it. (2) `try_incref`
// fails on `MERGED` with zero and on a plain zero, and otherwise adds a reference to a live object: a
// non-zero `shared` that is not `MERGED` means the object can only die through a CAS on that word, which is
// ordered against ours (see `BiasedRc::try_incref`). (3) Every `Rc` and `Lock` operation is thread-safe.
// (4) `retire` defers to crossbeam-epoch, and attached threads stay pinned until a safepoint or detach, as
// in `atomic`; recycled memory as in `atomic`: a dead `BiasedRc` has `shared` zero or `MERGED` (fails
// `try_incref` from non-owners) and an owner id that only the pool's thread can carry, merges write nothing
// after publishing, and `rc_reinit` stores atomically.
// (5) `ParkingLock` is a mutex. (6) attach/detach pin and unpin idempotently; queue merging runs on the
// owner's thread.
unsafe impl Strategy for Biased {
    const NAME: &'static str = "biased";
    const SUMMARY: &'static str = "PEP 703: biased refcounts + merge queue, immortal and deferred objects, per-object write locks, lock-free reads";
    const CONSTRAINTS: Constraints = Constraints {
        parallel: true,
        shares_objects: true,
        atomic_rc: false,
        biased: true,
        immortal: true,
        deferred_rc: true,
        locks_reads: false,
        lockfree_reads: true,
        epoch_reclaim: true,
        traces: false,
        has_gil: false,
    };

    type Rc = BiasedRc;
    type Lock = ParkingLock;
    type Global = BiasedGlobal;
    type Local = BiasedLocal;

    #[inline(always)]
    fn rc_new() -> BiasedRc {
        BiasedRc::new()
    }
    #[inline]
    fn rc_immortal() -> BiasedRc {
        BiasedRc::immortal()
    }
    #[inline]
    fn rc_deferred() -> BiasedRc {
        BiasedRc::deferred()
    }
    #[inline]
    fn defer(global: &BiasedGlobal, obj: NonNull<Obj<Biased>>) {
        global.defer(obj);
    }
    #[inline(always)]
    fn incref(rc: &BiasedRc) {
        rc.incref();
    }
    #[inline(always)]
    fn decref(rc: &BiasedRc) -> bool {
        rc.decref()
    }
    #[inline(always)]
    fn try_incref(rc: &BiasedRc) -> bool {
        rc.try_incref()
    }
    #[inline]
    fn incref_locked(rc: &BiasedRc) {
        rc.incref_locked();
    }
    fn refcount(rc: &BiasedRc) -> usize {
        rc.get()
    }
    #[inline]
    fn is_immortal(rc: &BiasedRc) -> bool {
        rc.is_immortal()
    }
    fn cycle_count(rc: &BiasedRc) -> Option<usize> {
        rc.cycle_count()
    }

    fn cycle_deferred(rc: &BiasedRc) -> bool {
        rc.is_deferred()
    }

    fn forget_deferred(global: &BiasedGlobal, freed: &[usize]) {
        global.forget(freed);
    }

    fn new_global(_config: &StrategyConfig) -> BiasedGlobal {
        BiasedGlobal::default()
    }

    fn new_local(global: &Arc<BiasedGlobal>) -> BiasedLocal {
        global.thread_created();
        BiasedLocal { epoch: EpochLocal::new(), owner: merge::enter(), global: Arc::clone(global) }
    }

    fn freeze(local: &BiasedLocal, global: &BiasedGlobal) -> Result<usize, FreezeRefused> {
        // Our own queue first: a queued object must stay counted until its merge.
        global.freeze(|| local.owner.process())
    }

    fn attach(local: &mut BiasedLocal) {
        local.epoch.pin();
        local.merge_pending();
    }

    fn detach(local: &mut BiasedLocal) {
        local.epoch.unpin();
    }

    #[inline(always)]
    fn safepoint(local: &mut BiasedLocal) {
        local.epoch.quiescent();
        local.merge_pending();
    }

    recycle::type_stable_memory!(POOLS, BiasedRc);

    #[inline]
    unsafe fn retire(ptr: *mut u8, free: unsafe fn(*mut u8)) {
        // SAFETY: forwarded contract: `ptr` is unlinked and `free(ptr)` is sound once, from any thread.
        unsafe { reclaim::retire(ptr, free) }
    }

    statics_for!(Biased);
}
