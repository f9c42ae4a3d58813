//! Strategy `tracing`: no reference counts at all; a stop-the-world, non-moving mark-sweep collector frees
//! what no thread can reach (the PyPy/JVM design, free-threaded). Victor Stinner's argument (PyCon India
//! 2020) is that reference counting cannot scale with threads and CPython should trace instead; this
//! strategy tests the claim on equal terms with `atomic`.
//!
//! - **Counts**: none. `incref`/`decref` compile to nothing, so a shared read writes no shared memory.
//!   The header word a count would take holds the collector's list link and mark bit ([`header`]).
//! - **Containers**: exactly `atomic`'s: a one-byte parking lock for writes, lock-free reads with the same
//!   load, `try_incref` (here always successful) and re-check; replaced item arrays and dict tables are
//!   retired through crossbeam-epoch. So `atomic` vs `tracing` differs only in refcounting and in how
//!   objects die.
//! - **Reclamation** ([`world`], [`collect`]): every object is linked into its allocating thread's list.
//!   When the object bytes allocated since the last collection pass a trigger (`max(gc_min_bytes,
//!   gc_growth × live bytes)`, 4 MiB and 1.0 by default), the next thread to reach a safepoint stops the
//!   world, marks from every thread's roots and sweeps every list. Roots are the interpreter's running
//!   frames, thread state and pinned objects ([`RootSet`](crate::object::RootSet)); a collection runs only
//!   when no thread's stack holds a frame entered from Rust code that may keep unrooted objects (see
//!   [`object::roots`](crate::object::RootStack)).
//!
//! Compared with `atomic` it isolates reference counting itself (plus the collector's pauses).

pub mod collect;
pub mod header;
mod mark;
#[cfg(test)]
mod tests;
pub mod world;

use std::ptr::NonNull;

use self::header::TraceWord;
use self::world::{Global, TracingLocal};
use super::{Constraints, GcStats, ParkingLock, Strategy, StrategyConfig, statics_for};
use crate::object::{Obj, RootSet};
use crate::sync::Arc;

/// The `tracing` strategy (a zero-sized type).
#[derive(Debug, Clone, Copy, Default)]
pub struct Tracing;

// SAFETY: (1) There are no counts: `decref` never returns `true`, so the object layer never frees an object;
// only the collector does, and only objects no root reaches with every other thread stopped. Immortal
// singletons are flagged static and never freed. (2) `try_incref` always succeeds, which is sound because a
// reachable object is never freed and a reader's pointer is only used between safepoints, where no
// collection can run. (3) `TraceWord` is atomic and `ParkingLock` a mutex: every `Rc` and `Lock` operation is
// thread-safe. (4) `retire` defers to crossbeam-epoch exactly as `atomic` does (attached threads stay
// pinned, repinning at safepoints). (5) `ParkingLock` is a mutex. (6) `TracingLocal` tracks whether it is
// attached, so attach/detach are idempotent and match the token.
unsafe impl Strategy for Tracing {
    const NAME: &'static str = "tracing";
    const SUMMARY: &'static str =
        "no refcounts, per-object write locks, lock-free reads, stop-the-world mark-sweep collector";
    const CONSTRAINTS: Constraints = Constraints {
        parallel: true,
        shares_objects: true,
        atomic_rc: false,
        biased: false,
        immortal: true,
        deferred_rc: false,
        locks_reads: false,
        lockfree_reads: true,
        epoch_reclaim: true,
        traces: true,
        has_gil: false,
    };

    type Rc = TraceWord;
    type Lock = ParkingLock;
    type Global = Global;
    type Local = TracingLocal;

    #[inline(always)]
    fn rc_new() -> TraceWord {
        TraceWord::new()
    }
    #[inline]
    fn rc_immortal() -> TraceWord {
        TraceWord::immortal()
    }
    #[inline(always)]
    fn incref(_rc: &TraceWord) {}
    #[inline(always)]
    fn decref(_rc: &TraceWord) -> bool {
        false
    }
    #[inline(always)]
    fn try_incref(_rc: &TraceWord) -> bool {
        true
    }
    fn refcount(_rc: &TraceWord) -> usize {
        1
    }
    #[inline]
    fn is_immortal(rc: &TraceWord) -> bool {
        rc.is_static()
    }

    fn new_global(config: &StrategyConfig) -> Global {
        Global::new(config)
    }

    fn new_local(global: &Arc<Global>) -> TracingLocal {
        TracingLocal::new(global)
    }

    fn attach(local: &mut TracingLocal) {
        local.attach();
    }

    fn detach(local: &mut TracingLocal) {
        local.detach(None);
    }

    unsafe fn detach_with(local: &mut TracingLocal, roots: &dyn RootSet<Self>) {
        local.detach(Some(roots));
    }

    #[inline(always)]
    fn safepoint(local: &mut TracingLocal) {
        local.safepoint(None);
    }

    #[inline(always)]
    fn safepoint_with(local: &mut TracingLocal, roots: &dyn RootSet<Self>) {
        local.safepoint(Some(roots));
    }

    #[inline(always)]
    fn collector_polled(local: &TracingLocal) -> bool {
        local.polled()
    }

    #[inline(always)]
    fn safepoint_quiet(local: &mut TracingLocal) {
        local.quiescent();
    }

    fn collect(local: &mut TracingLocal, roots: &dyn RootSet<Self>) -> Option<usize> {
        Some(local.collect(roots))
    }

    fn gc_stats(global: &Global) -> Option<GcStats> {
        Some(global.stats())
    }

    #[inline(always)]
    fn track(obj: NonNull<Obj<Self>>, size: usize) {
        world::track(obj, size);
    }

    fn register_finalizer(obj: NonNull<Obj<Self>>) {
        world::register_finalizer(obj);
    }

    #[inline]
    unsafe fn retire(ptr: *mut u8, free: unsafe fn(*mut u8)) {
        // SAFETY: forwarded contract: `ptr` is unlinked and `free(ptr)` is sound once, from any thread.
        unsafe { super::atomic::reclaim::retire(ptr, free) }
    }

    statics_for!(Tracing);
}
