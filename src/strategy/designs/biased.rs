//! Strategy `biased`: the design of CPython's free-threaded build (PEP 703; 3.13t, 3.14t).
//!
//! - **Biased reference counting** ([`BiasedRc`]; Choi, Shull and Torrellas, "Biased Reference Counting",
//!   PACT 2018): each object has an owner thread that counts with plain loads and stores, while every other
//!   thread counts atomically in a separate shared field. A shared count that would go negative queues the
//!   object to its owner, which merges the two counts at its next safepoint ([`BiasedThreads`]). Objects whose
//!   owner has exited are merged by whoever drops them next.
//! - **Immortal objects** (PEP 683): `None`, `True`, `False`, small ints and interned strings take no
//!   refcount operations.
//! - **Deferred objects** (PEP 703): top-level functions, classes, modules, code objects, the built-in
//!   functions and code constants take no refcount operations either, and their runtime frees them at
//!   shutdown or a collection that knows every root ([`deferred`](crate::strategy::gc::deferred), which also says how
//!   this differs from CPython's stack-only deferral).
//! - **Containers and reclamation** exactly as in `atomic`: a one-byte parking lock for writes, lock-free
//!   reads (try-incref and re-validation), dead objects' memory reused type-stably
//!   ([`TypeStable`]), and crossbeam-epoch retiring item arrays and dict tables that a racing
//!   reader may still hold. Threads report a quiescent state at every safepoint.
//! - **Safepoint duties**: repin the epoch, and merge the queue when another thread raised its flag.
//!
//! Compared with `atomic` (same containers, same reclamation, every count an RMW), it isolates biased
//! reference counting together with immortal and deferred objects.

use super::atomic::ATOMIC;
use crate::object::{Statics, free_obj, obj_of_rc};
use crate::strategy::gc::TrialDeletion;
use crate::strategy::parts::lock::ParkingLock;
use crate::strategy::parts::rc::{BiasedRc, BiasedThreads, FreesMerged};
use crate::strategy::parts::recycle::TypeStable;
use crate::strategy::{Constraints, Counting, Strategy};
use crate::sync::OnceLock;

/// The `biased` strategy (a zero-sized type).
#[derive(Debug, Clone, Copy, Default)]
pub struct Biased;

/// `biased`: `atomic` with biased counts and deferred objects.
pub const BIASED: Constraints = Constraints { rc: Counting::Biased, deferred: true, ..ATOMIC };

impl FreesMerged for Biased {
    const FREE: fn(&BiasedRc) = |rc| {
        // SAFETY: a merge returned zero (`FreesMerged`): no reference is left and this is the object's one
        // free; `rc` is the count field of an `Obj<Biased>` (the only objects with owners' queues).
        unsafe { free_obj(obj_of_rc::<Biased>(rc)) }
    };
}

// SAFETY: (1) `BiasedRc` and `ParkingLock` are thread-safe. (2) Reads are lock-free: `TypeStable` reuses
// dead `BiasedRc` objects (a dead count has `shared` zero or `MERGED`, which fails `try_incref` from
// non-owners, and an owner id only the pool's thread carries) and retires the rest through the epoch, which
// `BiasedThreads` pins while attached. (3) `ParkingLock` is a mutex. (4) counts: trial deletion, which also
// decides deferred objects when it knows every root.
unsafe impl Strategy for Biased {
    const NAME: &'static str = "biased";
    const SUMMARY: &'static str = "PEP 703: biased refcounts + merge queue, immortal and deferred objects, per-object write locks, lock-free reads";
    const CONSTRAINTS: Constraints = BIASED;

    type Rc = BiasedRc;
    type Lock = ParkingLock;
    type Memory = TypeStable<BiasedRc>;
    type Threads = BiasedThreads<Biased>;
    type Collector = TrialDeletion;

    fn statics() -> &'static Statics<Biased> {
        static STATICS: OnceLock<Statics<Biased>> = OnceLock::new();
        STATICS.get_or_init(Statics::new)
    }
}
