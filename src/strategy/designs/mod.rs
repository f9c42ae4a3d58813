//! The designs: one file each, mostly a choice of one part per behaviour (see [`seam`](super::seam)) and
//! the design's [`Constraints`](super::Constraints), written as the design it differs from plus what
//! changes:
//!
//! | design | `Rc` | `Lock` | `Memory` | `Threads` | `Collector` | differs from |
//! |---|---|---|---|---|---|---|
//! | [`Gil`] | `PlainRc` | `NoLock` | `Immediate` | `GilThreads` | `TrialDeletion` | (the baseline) |
//! | [`Isolated`] | `PlainRc` | `NoLock` | `Immediate` | `GilThreads` | `TrialDeletion` | `gil`: no sharing (one runtime per thread) |
//! | [`Atomic`] | `AtomicRc` | `ParkingLock` | `TypeStable` | `EpochThreads` | `TrialDeletion` | `gil`: atomic counts, lock-free reads, epoch |
//! | [`Biased`] | `BiasedRc` | `ParkingLock` | `TypeStable` | `BiasedThreads` | `TrialDeletion` | `atomic`: biased counts (+ deferred objects) |
//! | [`Locks`] | `AtomicRc` | `ParkingLock` | `Immediate` | `Free` | `TrialDeletion` | `atomic`: reads take the lock, so no epoch |
//! | [`LocksRw`] | `AtomicRc` | `ParkingRwLock` | `Immediate` | `Free` | `TrialDeletion` | `locks`: a reader-writer lock |
//! | [`Tracing`] | `TraceWord` | `ParkingLock` | `EpochRetire` | `EpochThreads` | `MarkSweep` | `atomic`: no counts, a tracing collector |

mod atomic;
mod biased;
mod gil;
mod isolated;
mod locks;
#[cfg(test)]
mod tests;
mod tracing;

pub use atomic::{ATOMIC, Atomic};
pub use biased::{BIASED, Biased};
pub use gil::{GIL, Gil};
pub use isolated::{ISOLATED, Isolated};
pub use locks::{LOCKS, Locks, LocksRw};
pub use tracing::{TRACING, Tracing};

/// Every design's `CONSTRAINTS` describe its type choices ([`Constraints::describe`](super::Constraints::describe)).
const _: () = {
    use super::Constraints;
    assert!(Constraints::describe::<Gil>());
    assert!(Constraints::describe::<Isolated>());
    assert!(Constraints::describe::<Atomic>());
    assert!(Constraints::describe::<Biased>());
    assert!(Constraints::describe::<Locks>());
    assert!(Constraints::describe::<LocksRw>());
    assert!(Constraints::describe::<Tracing>());
};

/// Header sizes, pinned: the count word(s) plus the vtable pointer (CPython's `PyObject`; the free-threaded
/// one is 32 bytes, `biased` keeps its per-object mutex and GC bits in the containers and the collector).
/// (loom's atomics are larger.)
#[cfg(not(loom))]
const _: () = {
    use crate::object::{Obj, ObjRef};
    assert!(size_of::<Obj<Gil>>() == 16);
    assert!(size_of::<Obj<Isolated>>() == 16);
    assert!(size_of::<Obj<Atomic>>() == 16);
    assert!(size_of::<Obj<Locks>>() == 16);
    assert!(size_of::<Obj<LocksRw>>() == 16);
    assert!(size_of::<Obj<Tracing>>() == 16);
    assert!(size_of::<Obj<Biased>>() == 24);
    assert!(size_of::<ObjRef<Gil>>() == 8);
    assert!(size_of::<Option<ObjRef<Atomic>>>() == 8);
};
