//! Strategy `tracing`: no reference counts at all; a stop-the-world, non-moving mark-sweep collector frees
//! what no thread can reach (the PyPy/JVM design, free-threaded). Victor Stinner's argument (PyCon India
//! 2020) is that reference counting cannot scale with threads and CPython should trace instead; this
//! strategy tests the claim on equal terms with `atomic`.
//!
//! - **Counts**: none. `incref`/`decref` compile to nothing, so a shared read writes no shared memory.
//!   The header word a count would take holds the collector's list link and mark bit ([`TraceWord`]).
//! - **Containers**: exactly `atomic`'s: a one-byte parking lock for writes, lock-free reads with the same
//!   load, `try_incref` (here always successful) and re-check; replaced item arrays and dict tables are
//!   retired through crossbeam-epoch. So `atomic` vs `tracing` differs only in refcounting and in how
//!   objects die.
//! - **Reclamation** ([`MarkSweep`]): every object is linked into its allocating thread's list.
//!   When the object bytes allocated since the last collection pass a trigger (`max(gc_min_bytes,
//!   gc_growth × live bytes)`, 4 MiB and 1.0 by default), the next thread to reach a safepoint stops the
//!   world, marks from every thread's roots and sweeps every list. Roots are the interpreter's running
//!   frames, thread state and pinned objects ([`RootSet`](crate::object::RootSet)); a collection runs only
//!   when no thread's stack holds a frame entered from Rust code that may keep unrooted objects (see
//!   [`object::roots`](crate::object::RootStack)).
//!
//! Compared with `atomic` it isolates reference counting itself (plus the collector's pauses).

use super::atomic::ATOMIC;
use crate::object::Statics;
use crate::strategy::gc::marksweep::{MarkSweep, TraceWord};
use crate::strategy::parts::EpochRetire;
use crate::strategy::parts::epoch::EpochThreads;
use crate::strategy::parts::lock::ParkingLock;
use crate::strategy::{Constraints, Counting, Reclaim, Strategy};
use crate::sync::OnceLock;

/// The `tracing` strategy (a zero-sized type).
#[derive(Debug, Clone, Copy, Default)]
pub struct Tracing;

/// `tracing`: `atomic` without counts; a collector frees objects.
pub const TRACING: Constraints = Constraints { rc: Counting::None, reclaim: Reclaim::Trace, ..ATOMIC };

// SAFETY: (1) `TraceWord` is atomic and `ParkingLock` a mutex. (2) Reads are lock-free: objects are freed
// only by the collector, with every thread stopped; arrays and tables are retired through the epoch, which
// `EpochThreads` pins while attached. (3) `ParkingLock` is a mutex. (4) `TraceWord` counts nothing, so the
// collector is `MarkSweep`.
unsafe impl Strategy for Tracing {
    const NAME: &'static str = "tracing";
    const SUMMARY: &'static str =
        "no refcounts, per-object write locks, lock-free reads, stop-the-world mark-sweep collector";
    const CONSTRAINTS: Constraints = TRACING;

    type Rc = TraceWord;
    type Lock = ParkingLock;
    type Memory = EpochRetire;
    type Threads = EpochThreads;
    type Collector = MarkSweep;

    fn statics() -> &'static Statics<Tracing> {
        static STATICS: OnceLock<Statics<Tracing>> = OnceLock::new();
        STATICS.get_or_init(Statics::new)
    }
}
