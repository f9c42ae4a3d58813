//! Strategy `locks`: the Gilectomy (Larry Hastings, 2016–2018). Every incref and decref is an atomic
//! read-modify-write, and every access to a mutable container, reads included, takes that container's
//! mutex.
//!
//! - Refcounts: `atomic`'s [`AtomicRc`], the same type, so `atomic` vs `locks` differs only in
//!   container reads. Immortal singletons (PEP 683) are only read (Gilectomy predates PEP 683; gilfree keeps
//!   immortality in every strategy that supports it, so that the comparison stays on the read path).
//! - Containers: the one-byte parking lock of `atomic` ([`ParkingLock`]) for writes *and* reads: a reader
//!   locks, loads the slot, increfs and unlocks (`slot::read`'s `locks_reads` branch). Operations that need
//!   two containers lock them one after the other, never nested, so no lock order is needed (Gilectomy
//!   locked two objects in address order; not nesting at all rules the deadlock out more simply, and
//!   `interp::tests::pair` runs every two-container operation in both orders from several threads). The
//!   mutex's contention policy is the process's ([`policy`](crate::strategy::parts::lock::policy)): `locks:restrict` parks a thread that
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

use super::atomic::ATOMIC;
use crate::object::Statics;
use crate::strategy::gc::TrialDeletion;
use crate::strategy::parts::lock::{ParkingLock, ParkingRwLock};
use crate::strategy::parts::rc::AtomicRc;
use crate::strategy::parts::{Free, Immediate};
use crate::strategy::{Constraints, Reads, Reclaim, Strategy};
use crate::sync::OnceLock;

/// The `locks` strategy (a zero-sized type): a mutex per container.
#[derive(Debug, Clone, Copy, Default)]
pub struct Locks;

/// The `locks-rw` strategy (a zero-sized type): a reader-writer lock per container.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocksRw;

/// `locks`: `atomic` with reads under the container lock, which makes the epoch unnecessary.
pub const LOCKS: Constraints = Constraints { reads: Reads::Locked, reclaim: Reclaim::Immediate, ..ATOMIC };

// SAFETY: (1) `AtomicRc` and `ParkingLock` are thread-safe. (2) Reads take the container lock and count
// before unlocking, so a reader never holds an uncounted pointer: `Immediate` frees at once and no thread
// protocol is needed (`Free`). (3) `ParkingLock` is a mutex. (4) counts: trial deletion.
unsafe impl Strategy for Locks {
    const NAME: &'static str = "locks";
    const SUMMARY: &'static str =
        "Gilectomy: always-atomic refcounts, a mutex on every container access (reads too), immediate free";
    const CONSTRAINTS: Constraints = LOCKS;

    type Rc = AtomicRc;
    type Lock = ParkingLock;
    type Memory = Immediate;
    type Threads = Free;
    type Collector = TrialDeletion;

    fn statics() -> &'static Statics<Locks> {
        static STATICS: OnceLock<Statics<Locks>> = OnceLock::new();
        STATICS.get_or_init(Statics::new)
    }
}

// SAFETY: as for `Locks`; (3) the reader-writer lock's exclusive mode (every write) is a mutex, and its
// shared mode (reads) excludes writers.
unsafe impl Strategy for LocksRw {
    const NAME: &'static str = "locks-rw";
    const SUMMARY: &'static str = "Gilectomy with reader-writer locks: as locks, but container reads share the lock";
    const CONSTRAINTS: Constraints = LOCKS;

    type Rc = AtomicRc;
    type Lock = ParkingRwLock;
    type Memory = Immediate;
    type Threads = Free;
    type Collector = TrialDeletion;

    fn statics() -> &'static Statics<LocksRw> {
        static STATICS: OnceLock<Statics<LocksRw>> = OnceLock::new();
        STATICS.get_or_init(Statics::new)
    }
}
