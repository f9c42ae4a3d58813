//! Strategy `atomic`: the `always_atomic` experiment. Every incref and decref is an atomic read-modify-write;
//! containers take a per-object lock for writes and are read lock-free; dead objects and replaced item
//! arrays are reclaimed through crossbeam-epoch.
//!
//! - Refcounts ([`AtomicRc`]): `fetch_add(Relaxed)` / `fetch_sub(Release)` + `fence(Acquire)` before free, as
//!   `Arc` does; immortal singletons (PEP 683) are only read.
//! - Containers: a one-byte parking lock ([`ParkingLock`]) for writes. Reads load the slot, `try_incref` the
//!   item (which fails once it is dying) and re-check the slot; no lock, no shared write on a read.
//! - Reclamation: when a count hits zero the payload is dropped at once (children are released
//!   deterministically) and the object's *memory* stays an object header: it is reused for the next object
//!   of the same size on this thread ([`TypeStable`], type-stable memory as in CPython's
//!   mimalloc pages), so a reader that loaded the pointer before the writer unlinked it still runs
//!   `try_incref` on a count word. Replaced item arrays and dict tables, and objects the pools do not keep,
//!   are retired to crossbeam-epoch ([`epoch`](crate::strategy::parts::epoch)). Threads stay pinned while attached and repin at every
//!   safepoint: the QSBR scheme of CPython's free-threaded build, expressed with epochs.
//!
//! Compared with `biased` it isolates biased refcounting; compared with `locks`, locking on reads; compared
//! with `tracing`, refcounting itself.

use super::gil::GIL;
use crate::object::Statics;
use crate::strategy::gc::TrialDeletion;
use crate::strategy::parts::epoch::EpochThreads;
use crate::strategy::parts::lock::ParkingLock;
use crate::strategy::parts::rc::AtomicRc;
use crate::strategy::parts::recycle::TypeStable;
use crate::strategy::{Constraints, Counting, Reads, Reclaim, Strategy};
use crate::sync::OnceLock;

/// The `atomic` strategy (a zero-sized type).
#[derive(Debug, Clone, Copy, Default)]
pub struct Atomic;

/// `atomic`: `gil` with atomic counts, lock-free reads and epoch reclamation instead of the GIL.
pub const ATOMIC: Constraints =
    Constraints { rc: Counting::Atomic, reads: Reads::LockFree, reclaim: Reclaim::Epoch, ..GIL };

// SAFETY: (1) `AtomicRc` and `ParkingLock` are thread-safe. (2) Reads are lock-free: `TypeStable` reuses
// dead `AtomicRc` objects (whose zero count fails `try_incref`) and retires the rest through the epoch,
// which `EpochThreads` pins while attached. (3) `ParkingLock` is a mutex. (4) counts: trial deletion.
unsafe impl Strategy for Atomic {
    const NAME: &'static str = "atomic";
    const SUMMARY: &'static str = "always-atomic refcounts, per-object write locks, lock-free reads, type-stable object memory + epoch reclamation";
    const CONSTRAINTS: Constraints = ATOMIC;

    type Rc = AtomicRc;
    type Lock = ParkingLock;
    type Memory = TypeStable<AtomicRc>;
    type Threads = EpochThreads;
    type Collector = TrialDeletion;

    fn statics() -> &'static Statics<Atomic> {
        static STATICS: OnceLock<Statics<Atomic>> = OnceLock::new();
        STATICS.get_or_init(Statics::new)
    }
}
