//! The one place atomics, cells and locks come from.
//!
//! Every other module imports its synchronization primitives from here, never from `std::sync` or `std::cell`
//! directly, so that a `--cfg loom` build swaps in loom's model-checked versions for all of them at once
//! (DESIGN.md, "Testing tools"). Under loom, only the primitives loom models are replaced; the rest keep the
//! std versions, which loom cannot see.

#[cfg(not(loom))]
pub use std::sync::atomic::{
    AtomicBool, AtomicI32, AtomicI64, AtomicIsize, AtomicPtr, AtomicU8, AtomicU32, AtomicU64, AtomicUsize, Ordering,
    fence,
};
#[cfg(not(loom))]
pub use std::sync::{Arc, Condvar, Mutex, MutexGuard};

#[cfg(loom)]
pub use loom::sync::atomic::{
    AtomicBool, AtomicI32, AtomicI64, AtomicIsize, AtomicPtr, AtomicU8, AtomicU32, AtomicU64, AtomicUsize, Ordering,
    fence,
};
#[cfg(loom)]
pub use loom::sync::{Arc, Condvar, Mutex, MutexGuard};

pub use std::cell::{Cell, UnsafeCell};
pub use std::sync::OnceLock;

/// What the per-container mutex (`strategy::mutex`) is built on: parking_lot_core's parking lot, and the
/// std atomic of its state byte. loom cannot model a thread that parks, so the lock keeps std's atomic under
/// loom too.
pub mod parking {
    pub use parking_lot_core::{
        DEFAULT_PARK_TOKEN, FilterOp, ParkResult, SpinWait, UnparkResult, UnparkToken, park, unpark_filter, unpark_one,
    };
    pub use std::sync::atomic::AtomicU8 as LockByte;
}
/// The reader-writer container lock of `locks-rw` (parking_lot's `RawRwLock`).
pub use parking_lot::RawRwLock as ParkingRawRwLock;
pub use parking_lot::lock_api::RawRwLock as RawRwLockApi;

/// Epoch-based reclamation (the QSBR analogue of DESIGN.md).
pub use crossbeam_epoch as epoch;

/// Plain std atomics for `static` items (ids, counters), which loom cannot model and does not need to.
pub mod statics {
    pub use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicU8, AtomicU64, AtomicUsize, Ordering};
}
