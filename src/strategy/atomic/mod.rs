//! Strategy `atomic`: the `always_atomic` experiment. Every incref and decref is an atomic read-modify-write;
//! containers take a per-object lock for writes and are read lock-free; dead objects and replaced item
//! arrays are reclaimed through crossbeam-epoch.
//!
//! - Refcounts ([`header`]): `fetch_add(Relaxed)` / `fetch_sub(Release)` + `fence(Acquire)` before free, as
//!   `Arc` does; immortal singletons (PEP 683) are only read.
//! - Containers: a one-byte parking lock ([`ParkingLock`]) for writes. Reads load the slot, `try_incref` the
//!   item (which fails once it is dying) and re-check the slot; no lock, no shared write on a read.
//! - Reclamation: when a count hits zero the payload is dropped at once (children are released
//!   deterministically) and the object's *memory* stays an object header: it is reused for the next object
//!   of the same size on this thread ([`recycle`](super::recycle), type-stable memory as in CPython's
//!   mimalloc pages), so a reader that loaded the pointer before the writer unlinked it still runs
//!   `try_incref` on a count word. Replaced item arrays and dict tables, and objects the pools do not keep,
//!   are retired to crossbeam-epoch ([`reclaim`]). Threads stay pinned while attached and repin at every
//!   safepoint: the QSBR scheme of CPython's free-threaded build, expressed with epochs.
//!
//! Compared with `biased` it isolates biased refcounting; compared with `locks`, locking on reads; compared
//! with `tracing`, refcounting itself.

pub mod header;
pub mod reclaim;
// `tests` keeps a loom atomic in a `static` (not `const`-constructible under loom).
#[cfg(all(test, not(loom)))]
mod tests;

use self::header::AtomicRc;
use self::reclaim::EpochLocal;
use super::recycle::{self, Pools};
use super::{Constraints, ParkingLock, Strategy, StrategyConfig, statics_for};
use crate::sync::Arc;

/// The `Strategy` count operations of a strategy whose `Rc` is [`AtomicRc`] (`atomic`, and `locks`, which
/// shares the counting so that the two differ only in container reads).
macro_rules! atomic_rc_ops {
    () => {
        #[inline(always)]
        fn rc_new() -> $crate::strategy::atomic::header::AtomicRc {
            $crate::strategy::atomic::header::AtomicRc::new()
        }
        #[inline]
        fn rc_immortal() -> $crate::strategy::atomic::header::AtomicRc {
            $crate::strategy::atomic::header::AtomicRc::immortal()
        }
        #[inline(always)]
        fn incref(rc: &$crate::strategy::atomic::header::AtomicRc) {
            rc.incref();
        }
        #[inline(always)]
        fn decref(rc: &$crate::strategy::atomic::header::AtomicRc) -> bool {
            rc.decref()
        }
        #[inline(always)]
        fn try_incref(rc: &$crate::strategy::atomic::header::AtomicRc) -> bool {
            rc.try_incref()
        }
        fn refcount(rc: &$crate::strategy::atomic::header::AtomicRc) -> usize {
            rc.get()
        }
        #[inline]
        fn is_immortal(rc: &$crate::strategy::atomic::header::AtomicRc) -> bool {
            rc.is_immortal()
        }
    };
}
pub(crate) use atomic_rc_ops;

/// The `atomic` strategy (a zero-sized type).
#[derive(Debug, Clone, Copy, Default)]
pub struct Atomic;

thread_local! {
    /// This thread's dead objects' memory, reused for new objects of the same size ([`recycle`]).
    static POOLS: std::cell::RefCell<Pools> = const { std::cell::RefCell::new(Pools::new()) };
}

// SAFETY: (1, 2) `AtomicRc` counts with RMWs, skips immortal counts, orders the final decrement with
// Release/Acquire, and `try_incref` never resurrects a zero count. (3) Every `Rc` and `Lock` operation is
// thread-safe. (4) `retire` defers `free` to crossbeam-epoch, and attached threads hold a pinned guard that is
// only repinned at safepoints or dropped at detach; `free_object` keeps dead objects (count zero, which
// fails `try_incref`) only for `alloc_object` of the same layout, and `rc_reinit` stores the new count
// atomically after the rest of the object. (5) `ParkingLock` is a mutex. (6) `EpochLocal` tracks its
// guard, so attach/detach are idempotent and match the token.
unsafe impl Strategy for Atomic {
    const NAME: &'static str = "atomic";
    const SUMMARY: &'static str = "always-atomic refcounts, per-object write locks, lock-free reads, type-stable object memory + epoch reclamation";
    const CONSTRAINTS: Constraints = Constraints {
        parallel: true,
        shares_objects: true,
        atomic_rc: true,
        biased: false,
        immortal: true,
        deferred_rc: false,
        locks_reads: false,
        lockfree_reads: true,
        epoch_reclaim: true,
        traces: false,
        has_gil: false,
    };

    type Rc = AtomicRc;
    type Lock = ParkingLock;
    type Global = ();
    type Local = EpochLocal;

    atomic_rc_ops!();

    fn new_global(_config: &StrategyConfig) {}

    fn new_local(_global: &Arc<()>) -> EpochLocal {
        EpochLocal::new()
    }

    fn attach(local: &mut EpochLocal) {
        local.pin();
    }

    fn detach(local: &mut EpochLocal) {
        local.unpin();
    }

    #[inline(always)]
    fn safepoint(local: &mut EpochLocal) {
        local.quiescent();
    }

    recycle::type_stable_memory!(POOLS, AtomicRc);

    #[inline]
    unsafe fn retire(ptr: *mut u8, free: unsafe fn(*mut u8)) {
        // SAFETY: forwarded contract: `ptr` is unlinked and `free(ptr)` is sound once, from any thread.
        unsafe { reclaim::retire(ptr, free) }
    }

    statics_for!(Atomic);
}
