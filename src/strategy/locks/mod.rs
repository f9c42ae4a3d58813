//! Strategy `locks`: the Gilectomy (Larry Hastings, 2016–2018). Every incref and decref is an atomic
//! read-modify-write, and every access to a mutable container, reads included, takes that container's
//! mutex.
//!
//! - Refcounts ([`header`]): `atomic`'s [`AtomicRc`], shared code, so `atomic` vs `locks` differs only in
//!   container reads. Immortal singletons (PEP 683) are only read (Gilectomy predates PEP 683; gilfree keeps
//!   immortality in every strategy that supports it, so that the comparison stays on the read path).
//! - Containers: the one-byte parking lock of `atomic` ([`ParkingLock`]) for writes *and* reads: a reader
//!   locks, loads the slot, increfs and unlocks (`slot::read`'s `locks_reads` branch). Operations that need
//!   two containers lock them one after the other, never nested, so no lock order is needed (Gilectomy
//!   locked two objects in address order; not nesting at all rules the deadlock out more simply, and
//!   `interp::pair_tests` runs every two-container operation in both orders from several threads). The
//!   mutex's contention policy is the process's ([`super::mutex`]): `locks:restrict` parks a thread that
//!   finds a container taken and lets the holder run on, which is what keeps write-shared containers from
//!   collapsing at 2 threads.
//! - Reclamation: immediate. A pointer is only ever loaded from a slot under the slot's container lock and
//!   increfed before the lock is released, so when a count reaches zero no thread can still be about to
//!   touch the object: dead objects, replaced item arrays and dict tables are freed at once, and there is
//!   no epoch and no per-thread state at all.
//!
//! - **`locks-rw`** ([`LocksRw`]) is the same design with a reader-writer lock ([`ParkingRwLock`]) in every
//!   container: reads take it shared, writes exclusive. Gilectomy found an RW lock on str-keyed dicts cut
//!   its CPU time by about 20%; RustPython uses an `RwLock` per container today. The two differ only in the
//!   lock type, so they are stamped from one macro.
//!
//! Compared with `atomic` it isolates locking on reads.

pub mod header;
#[cfg(test)]
mod tests;

use self::header::AtomicRc;
use super::{Constraints, ParkingLock, ParkingRwLock, Strategy, StrategyConfig, statics_for};
use crate::sync::Arc;

/// The `locks` strategy (a zero-sized type): a mutex per container.
#[derive(Debug, Clone, Copy, Default)]
pub struct Locks;

/// The `locks-rw` strategy (a zero-sized type): a reader-writer lock per container.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocksRw;

/// `locks` and `locks-rw` differ only in their container lock; from `atomic` they differ only in locking
/// container reads, which makes the epoch unnecessary.
const CONSTRAINTS: Constraints = Constraints {
    locks_reads: true,
    lockfree_reads: false,
    epoch_reclaim: false,
    ..<super::atomic::Atomic as Strategy>::CONSTRAINTS
};

macro_rules! locks_strategy {
    ($S:ident, $name:literal, $summary:literal, $Lock:ty) => {
        // SAFETY: (1, 2) `AtomicRc`, as for `Atomic`: RMW counts, immortal counts only read, Release/Acquire
        // on the final decrement, no resurrection from zero. (3) Every `Rc` and `Lock` operation is
        // thread-safe. (4) `lockfree_reads` is false: container reads take the container lock
        // (`locks_reads`), so a reader never holds a pointer it has not counted, and `retire` may free at
        // once. (5) The lock is a mutex, or a reader-writer lock whose exclusive mode (every write) is one and
        // whose shared mode (reads) excludes writers. (6) attach/detach/safepoint have no state to keep.
        unsafe impl Strategy for $S {
            const NAME: &'static str = $name;
            const SUMMARY: &'static str = $summary;
            const CONSTRAINTS: Constraints = CONSTRAINTS;

            type Rc = AtomicRc;
            type Lock = $Lock;
            type Global = ();
            type Local = ();

            super::atomic::atomic_rc_ops!();

            fn new_global(_config: &StrategyConfig) {}

            fn new_local(_global: &Arc<()>) {}

            fn attach(_local: &mut ()) {}

            fn detach(_local: &mut ()) {}

            #[inline(always)]
            fn safepoint(_local: &mut ()) {}

            #[inline]
            unsafe fn retire(ptr: *mut u8, free: unsafe fn(*mut u8)) {
                // SAFETY: the caller guarantees `free(ptr)` is sound once; readers only reach memory through
                // a container lock and count before unlocking, so nobody can be reading `ptr` now.
                unsafe { free(ptr) }
            }

            statics_for!($S);
        }
    };
}

locks_strategy!(
    Locks,
    "locks",
    "Gilectomy: always-atomic refcounts, a mutex on every container access (reads too), immediate free",
    ParkingLock
);
locks_strategy!(
    LocksRw,
    "locks-rw",
    "Gilectomy with reader-writer locks: as locks, but container reads share the lock",
    ParkingRwLock
);
