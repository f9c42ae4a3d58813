//! The behaviour types a design is made of, after mmtk's `VMBinding`: each is a trait with its own safety
//! contract, and a design ([`Strategy`](super::Strategy)) is a choice of one implementation of each.
//!
//! | behaviour | trait | implementations |
//! |---|---|---|
//! | counting | [`RefCount`] | `PlainRc`, `AtomicRc`, `BiasedRc` ([`parts::rc`](super::parts::rc)); `TraceWord` (mark-sweep) |
//! | container locking | [`ContainerLock`] | `NoLock`, `ParkingLock`, `ParkingRwLock` ([`parts::lock`](super::parts::lock)) |
//! | memory | [`Memory`] | `Immediate`, `Epoch`, `TypeStable` ([`parts`](super::parts)) |
//! | thread protocol | [`Threads`] | `Free`, `Gil`, `Epoch`, `BiasedOwner` ([`parts`](super::parts)) |
//! | collector | [`Collector`] | `TrialDeletion`, `MarkSweep` ([`gc`](super::gc)) |

mod collector;
mod config;
mod constraints;
mod lock;
mod memory;
mod rc;
mod threads;

pub use collector::{Collector, FreezeRefused, GcGlobal, GcStats};
pub use config::{GC_MIN_BYTES, GC_THRESHOLD, StrategyConfig};
pub use constraints::{Constraints, Counting, Reads, Reclaim};
pub use lock::{ContainerLock, LockGuard, SharedGuard};
pub use memory::{Memory, ObjectMemory};
pub use rc::RefCount;
pub use threads::Threads;
