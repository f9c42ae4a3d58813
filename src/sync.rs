//! The one place atomics, cells and locks come from.
//!
//! Every other module imports its synchronization primitives from here, never from `std::sync` or `std::cell`
//! directly, so that a `--cfg loom` build swaps in loom's model-checked versions for all of them at once
//! (ARCHITECTURE.md, "Where tests live"). Under loom, the atomics, `Mutex`, `Condvar` and `thread_local!` are loom's;
//! everything else (`Arc` included, see below) keeps the std version, which loom cannot see.

#[cfg(not(loom))]
pub use std::sync::Arc;
#[cfg(not(loom))]
pub use std::sync::atomic::{
    AtomicBool, AtomicI32, AtomicI64, AtomicIsize, AtomicPtr, AtomicU8, AtomicU32, AtomicU64, AtomicUsize, Ordering,
    fence,
};
#[cfg(all(not(loom), not(gilfree_tsan)))]
pub use std::sync::{Condvar, Mutex, MutexGuard};
/// Under ThreadSanitizer (`--cfg gilfree_tsan`), a `Mutex` and `Condvar` whose synchronization TSan can see.
#[cfg(all(not(loom), gilfree_tsan))]
mod tsan;
#[cfg(all(not(loom), gilfree_tsan))]
pub use tsan::{Condvar, Mutex, MutexGuard};

#[cfg(loom)]
pub use loom::sync::atomic::{
    AtomicBool, AtomicI32, AtomicI64, AtomicIsize, AtomicPtr, AtomicU8, AtomicU32, AtomicU64, AtomicUsize, Ordering,
    fence,
};
#[cfg(loom)]
pub use loom::sync::{Mutex, MutexGuard};
#[cfg(loom)]
pub use loom_condvar::Condvar;
/// `Arc` stays std's under loom: the interpreter and the bench harness pass `std::sync::Arc` and this one
/// interchangeably, and no protocol under test lies in `Arc`'s own count. A model that wants loom's leak
/// check on an `Arc` uses `loom::sync::Arc` itself.
#[cfg(loom)]
pub use std::sync::Arc;

/// Thread-locals: loom runs every model thread on one OS thread, so a thread-local that stands for a
/// per-thread identity (biased RC's owner id) must be loom's under loom.
#[cfg(not(loom))]
pub use std::thread_local;
/// `loom::thread_local!` for declarations written `= const { ... }` (loom's macro, edition 2018, does not
/// parse a `const` block as an expression; per-thread initialization is the same either way).
#[cfg(loom)]
macro_rules! loom_thread_local {
    () => {};
    ($(#[$attr:meta])* $vis:vis static $name:ident: $t:ty = const $init:block; $($rest:tt)*) => {
        loom::thread_local!($(#[$attr])* $vis static $name: $t = $init);
        $crate::sync::thread_local!($($rest)*);
    };
}
#[cfg(loom)]
pub(crate) use loom_thread_local as thread_local;

/// loom's `Condvar` with a timed wait that may time out. loom's own `wait_timeout` never times out (it is a
/// plain `wait`); this one waits the same way but reports every wake-up as possibly timed out, which a real
/// timed wait can always do (the deadline can pass just as the notification arrives). A model makes the
/// deadline pass by notifying the condition itself (a "timer" thread), at whatever point loom picks.
#[cfg(loom)]
mod loom_condvar {
    use std::time::Duration;

    use loom::sync::{LockResult, MutexGuard};

    /// See the module docs.
    #[derive(Debug, Default)]
    pub struct Condvar(loom::sync::Condvar);

    /// Whether a timed wait timed out: always "maybe" (`true`) under loom.
    #[derive(Debug)]
    pub struct WaitTimeoutResult;

    impl WaitTimeoutResult {
        /// Always `true`: see [`Condvar`].
        pub fn timed_out(&self) -> bool {
            true
        }
    }

    impl Condvar {
        /// A condition variable nobody waits on.
        pub fn new() -> Self {
            Condvar(loom::sync::Condvar::new())
        }

        /// Wait for a notification.
        pub fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> LockResult<MutexGuard<'a, T>> {
            self.0.wait(guard)
        }

        /// Wait for a notification, which may stand for the deadline passing.
        pub fn wait_timeout<'a, T>(
            &self,
            guard: MutexGuard<'a, T>,
            dur: Duration,
        ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
            match self.0.wait_timeout(guard, dur) {
                Ok((g, _)) => Ok((g, WaitTimeoutResult)),
                Err(e) => Err(std::sync::PoisonError::new((e.into_inner().0, WaitTimeoutResult))),
            }
        }

        /// Wake one waiter.
        pub fn notify_one(&self) {
            self.0.notify_one();
        }

        /// Wake every waiter.
        pub fn notify_all(&self) {
            self.0.notify_all();
        }
    }
}

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

/// Epoch-based reclamation (the analogue of CPython's QSBR).
pub use crossbeam_epoch as epoch;

/// Plain std atomics for `static` items (ids, counters), which loom cannot model and does not need to.
pub mod statics {
    pub use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicU8, AtomicU64, AtomicUsize, Ordering};
}
