//! Contention counters: how many atomic read-modify-writes, shared-path refcount operations and lock
//! acquisitions a run did (ARCHITECTURE.md, "Measuring").
//!
//! The counts do not depend on the hardware: they explain a timing (a strategy that is slow at 16 threads
//! because every incref is an RMW on a shared cache line shows it here), and let a result be projected to
//! machines with more cores than the one it ran on.
//!
//! They exist only with the cargo feature `counters`. Without it [`ENABLED`] is `false`, every [`bump`] and
//! [`add`] is an `if false { .. }` that compiles to nothing, and the timed runs pay nothing. With it, each
//! bump adds to a plain thread-local `u64` (no atomic, no shared cache line, so counting does not itself
//! create contention).
//!
//! # What is counted
//!
//! | name | counts |
//! |---|---|
//! | `atomic_rmw` | atomic read-modify-writes a strategy does on an object header or a container lock word: one per `atomic` incref/decref, one per CAS attempt of `try_incref`, one per [`ParkingLock`](super::ParkingLock) lock and unlock fast path (the spinning and parking of a contended lock do more, which are not counted), and one per epoch pin when an `atomic` thread attaches (a SeqCst CAS on x86; a repin at a safepoint is a plain Release store and a nested pin a thread-local increment, so neither counts) |
//! | `shared_rc_ops` | refcount operations that take the shared (atomic) path: every non-immortal `atomic` incref, decref and try_incref; under `biased`, those of a thread that does not own the object (the owner's plain updates of its local count are not counted). Under `gil` and `isolated` plain counts are not shared-path operations and count nothing; immortal and deferred objects count nothing anywhere |
//! | `lock_acquires` | container-lock acquisitions and GIL acquisitions (attach, and every switch) |
//! | `lock_contended` | those acquisitions that found the lock held and had to spin, park or wait |
//! | `merges` | `biased` merges: an owner giving an object up (its local count reached zero while other threads held references), an owner merging an object from its queue, or a thread inheriting an exited owner's object |
//! | `collections` | collector runs (no strategy collects yet: 0) |
//!
//! # Protocol
//!
//! 1. The harness calls [`reset`] before the timed section (on the harness thread, zeroing its own and the
//!    process-wide counts; worker threads start at zero when they are new, or call [`reset_local`]).
//! 2. Every worker thread calls [`flush`] at the end of the timed section, adding its counts into the
//!    process-wide totals.
//! 3. After joining the workers, the harness calls [`take`]. Joining orders every worker's `flush` before
//!    `take`, so Relaxed atomics suffice for the totals.
//!
//! To add a counter for a future strategy (biased, locks, tracing), add one line to the `counters!`
//! invocation below: a variant and its stable name.

use std::cell::Cell;
use std::collections::BTreeMap;

use crate::sync::statics::{AtomicU64, Ordering};

/// Whether this build counts (the `counters` cargo feature).
pub const ENABLED: bool = cfg!(feature = "counters");

macro_rules! counters {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// One contention counter. [`Counter::name`] is its stable name in reports.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Counter {
            $($(#[$doc])* $variant,)*
        }

        impl Counter {
            /// Every counter, in report order.
            pub const ALL: &'static [Counter] = &[$(Counter::$variant,)*];

            /// The stable name used in reports and JSON.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Counter::$variant => $name,)*
                }
            }
        }
    };
}

counters! {
    /// Atomic read-modify-writes on object headers and container lock words.
    AtomicRmw => "atomic_rmw",
    /// Refcount operations that took the shared (atomic) path.
    SharedRcOps => "shared_rc_ops",
    /// Container-lock and GIL acquisitions.
    LockAcquires => "lock_acquires",
    /// Acquisitions that found the lock held and had to spin, park or wait.
    LockContended => "lock_contended",
    /// Biased-refcount merges.
    Merges => "merges",
    /// Collector runs.
    Collections => "collections",
}

/// Number of counters.
const N: usize = Counter::ALL.len();

thread_local! {
    /// This thread's counts since its last flush or reset.
    static LOCAL: [Cell<u64>; N] = const { [const { Cell::new(0) }; N] };
}

/// Process-wide totals of the flushed counts.
static TOTALS: [AtomicU64; N] = [const { AtomicU64::new(0) }; N];

/// Add `n` to this thread's counter `which`. Nothing at all without the `counters` feature.
#[inline(always)]
pub fn add(which: Counter, n: u64) {
    if ENABLED {
        // `try_with`: a count during thread teardown (after the thread-local is gone) is dropped.
        let _ = LOCAL.try_with(|c| {
            let c = &c[which as usize];
            c.set(c.get().wrapping_add(n));
        });
    }
}

/// Add one to this thread's counter `which`. Nothing at all without the `counters` feature.
#[inline(always)]
pub fn bump(which: Counter) {
    add(which, 1);
}

/// This thread's count of `which` since its last flush or reset (0 without the feature).
pub fn local(which: Counter) -> u64 {
    if !ENABLED {
        return 0;
    }
    LOCAL.try_with(|c| c[which as usize].get()).unwrap_or(0)
}

/// Add this thread's counts into the process-wide totals and zero them. Call at the end of a worker
/// thread's timed section.
pub fn flush() {
    if !ENABLED {
        return;
    }
    let _ = LOCAL.try_with(|c| {
        for (total, mine) in TOTALS.iter().zip(c) {
            total.fetch_add(mine.replace(0), Ordering::Relaxed);
        }
    });
}

/// The process-wide totals by name, zeroing them. Call after every thread has flushed (and been joined).
/// Empty without the `counters` feature, so a report can tell "not counted" from "zero".
pub fn take() -> BTreeMap<String, u64> {
    if !ENABLED {
        return BTreeMap::new();
    }
    Counter::ALL.iter().map(|&c| (c.name().to_owned(), TOTALS[c as usize].swap(0, Ordering::Relaxed))).collect()
}

/// Zero the calling thread's counts (not the totals).
pub fn reset_local() {
    if !ENABLED {
        return;
    }
    let _ = LOCAL.try_with(|c| c.iter().for_each(|x| x.set(0)));
}

/// Zero the calling thread's counts and the process-wide totals. Call before the timed section.
pub fn reset() {
    if !ENABLED {
        return;
    }
    reset_local();
    for total in &TOTALS {
        total.store(0, Ordering::Relaxed);
    }
}

#[cfg(all(test, feature = "counters"))]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;
    use crate::object::{float_obj, none};
    use crate::strategy::designs::{Atomic, Gil, Isolated};
    use crate::strategy::parts::lock::ParkingLock;
    use crate::strategy::parts::rc::AtomicRc;
    use crate::strategy::{ContainerLock, LockGuard, RefCount, Runtime, Strategy};

    fn counts() -> [u64; N] {
        std::array::from_fn(|i| local(Counter::ALL[i]))
    }

    #[test]
    fn names_are_stable() {
        let names: Vec<&str> = Counter::ALL.iter().map(|c| c.name()).collect();
        let want = ["atomic_rmw", "shared_rc_ops", "lock_acquires", "lock_contended", "merges", "collections"];
        assert_eq!(names, want);
    }

    /// Under `atomic`, 100 clone/drop pairs of a non-immortal object are 200 RMWs on the shared path;
    /// immortal objects count nothing; attaching pins the epoch once.
    #[test]
    fn atomic_refcounts_count_one_rmw_per_op() {
        std::thread::spawn(|| {
            let rt = Runtime::<Atomic>::default();
            let mut th = rt.thread();
            reset_local();
            let _at = th.attach();
            assert_eq!(local(Counter::AtomicRmw), 1, "the epoch pin at attach");
            let x = float_obj::<Atomic>(1.0);
            let n = none::<Atomic>();
            reset_local();
            for _ in 0..100 {
                drop(x.clone());
                drop(n.clone());
            }
            assert_eq!(local(Counter::AtomicRmw), 200);
            assert_eq!(local(Counter::SharedRcOps), 200);
            let rc = AtomicRc::new();
            reset_local();
            assert!(&rc.try_incref());
            assert_eq!(local(Counter::SharedRcOps), 1);
            assert!(local(Counter::AtomicRmw) >= 1);
            assert_eq!(local(Counter::LockAcquires), 0);
        })
        .join()
        .unwrap();
    }

    /// Under `gil` and `isolated` plain counts are not shared-path operations; attaching takes the GIL once.
    #[test]
    fn plain_refcounts_count_nothing() {
        fn check<S: Strategy>() {
            let rt = Runtime::<S>::default();
            let mut th = rt.thread();
            reset_local();
            let _at = th.attach();
            assert_eq!(local(Counter::LockAcquires), 1, "{}: the GIL at attach", S::NAME);
            let x = float_obj::<S>(1.0);
            reset_local();
            for _ in 0..100 {
                drop(x.clone());
            }
            assert_eq!(counts(), [0; N], "{}", S::NAME);
        }
        check::<Gil>();
        check::<Isolated>();
    }

    #[test]
    fn an_uncontended_parking_lock_counts_an_acquire_and_two_rmws() {
        let lock = ParkingLock::INIT;
        reset_local();
        drop(LockGuard::new(&lock));
        assert_eq!(local(Counter::LockAcquires), 1);
        assert_eq!(local(Counter::AtomicRmw), 2);
        assert_eq!(local(Counter::LockContended), 0);
    }

    /// A thread that finds the lock held counts a contended acquisition. The holder keeps the lock until the
    /// other thread is about to take it and a little longer; if the other thread still got there late, try
    /// again (liveness only: no timing is asserted).
    #[test]
    fn a_contended_parking_lock_counts_contention() {
        let lock = ParkingLock::INIT;
        let contended = (0..100).any(|_| {
            let guard = LockGuard::new(&lock);
            let (about_tx, about_rx) = mpsc::channel();
            std::thread::scope(|s| {
                let waiter = s.spawn(|| {
                    reset_local();
                    about_tx.send(()).unwrap();
                    drop(LockGuard::new(&lock));
                    (local(Counter::LockAcquires), local(Counter::LockContended))
                });
                about_rx.recv().unwrap();
                std::thread::sleep(Duration::from_millis(5));
                drop(guard);
                let (acquires, contended) = waiter.join().unwrap();
                assert_eq!(acquires, 1);
                contended >= 1
            })
        });
        assert!(contended, "the waiter never found the lock held");
    }

    /// flush adds each thread's counts into the totals; take returns them by name and zeroes them.
    #[test]
    fn threads_flush_and_the_harness_takes() {
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| {
                    add(Counter::Merges, 5);
                    flush();
                    assert_eq!(local(Counter::Merges), 0, "flush zeroes the thread's counts");
                });
            }
        });
        let totals = take();
        assert_eq!(totals.len(), N);
        assert_eq!(totals["merges"], 10);
        assert_eq!(take()["merges"], 0, "take zeroes the totals");
    }
}
