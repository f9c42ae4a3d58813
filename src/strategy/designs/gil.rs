//! Strategy `gil`: CPython ≤ 3.12. Plain reference counts, and one global interpreter lock that serializes
//! all object access.
//!
//! - Refcounts are non-atomic ([`PlainRc`]), immortal for shared singletons (PEP 683, CPython 3.12).
//! - Containers have no locks of their own ([`NoLock`]): the GIL protects them.
//! - Objects are freed the moment their count reaches zero; nobody can be reading them concurrently.
//! - The GIL ([`GilThreads`]) is the 3.2+ "new GIL" (Pitrou, after Beazley's "Understanding the Python GIL",
//!   PyCon 2010): a switch interval, a drop request, and forced switching.
//!
//! This is the baseline every free-threaded design pays its single-thread tax against, and, compared with
//! `isolated` (which also counts non-atomically), it isolates the cost of the lock itself.

use crate::object::Statics;
use crate::strategy::gc::TrialDeletion;
use crate::strategy::parts::Immediate;
use crate::strategy::parts::gil::GilThreads;
use crate::strategy::parts::lock::NoLock;
use crate::strategy::parts::rc::PlainRc;
use crate::strategy::{Constraints, Counting, Reads, Reclaim, Strategy};
use crate::sync::OnceLock;

/// The `gil` strategy (a zero-sized type).
#[derive(Debug, Clone, Copy, Default)]
pub struct Gil;

/// `gil`'s constraints, which the other designs start from.
pub const GIL: Constraints = Constraints {
    rc: Counting::Plain,
    reads: Reads::Serialized,
    reclaim: Reclaim::Immediate,
    immortal: true,
    deferred: false,
    shares_objects: true,
};

// SAFETY: (1) `GilThreads` holds the GIL while attached, so one thread at a time touches headers and
// containers. (2) Reads are serialized, so `Immediate` may free at once. (3) `NoLock` is sound under the
// GIL. (4) `PlainRc` counts, so the collector is trial deletion.
unsafe impl Strategy for Gil {
    const NAME: &'static str = "gil";
    const SUMMARY: &'static str =
        "CPython <= 3.12: non-atomic refcounts, one global lock (5 ms switch interval, forced switching)";
    const CONSTRAINTS: Constraints = GIL;

    type Rc = PlainRc;
    type Lock = NoLock;
    type Memory = Immediate;
    type Threads = GilThreads;
    type Collector = TrialDeletion;

    fn statics() -> &'static Statics<Gil> {
        static STATICS: OnceLock<Statics<Gil>> = OnceLock::new();
        STATICS.get_or_init(Statics::new)
    }
}
