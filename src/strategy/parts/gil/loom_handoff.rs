//! loom model of the GIL hand-off ([`lock`](super), CPython's "new GIL"), on the real `GilLock` and the
//! real `gil` thread protocol (`GilThreads::new_local`, `attach`, `safepoint`, `detach`).
//!
//! ```text
//! .ci/loom              # every model, every interleaving (see the script for the profile it builds)
//! .ci/loom loom_handoff # this file's models only
//! # in short: RUSTFLAGS="--cfg loom" cargo test --release --lib --target-dir target/loom loom_
//! ```
//!
//! **The protocol.** A mutex and a condition variable guard `locked`. A thread that wants the GIL waits on
//! the condition for at most the switch interval; when the interval passes with no switch it sets
//! `drop_request`. The holder polls the request at safepoints and, when set, releases with *forced
//! switching*: it notifies a waiter and then waits on `switch_cond` until another thread has taken the GIL,
//! so it cannot win it straight back. Every release notifies `cond`; every acquire notifies `switch_cond`
//! and clears the request.
//!
//! **Timed waits under loom.** loom's `Condvar::wait_timeout` never times out, so under `cfg(loom)`
//! `sync::Condvar` reports every wake-up of a timed wait as possibly timed out (a real timed wait can
//! always time out, right as a notification arrives), and a "timer" thread in the model makes the interval
//! pass by notifying `cond` under the GIL's mutex, at whatever point loom picks: exactly the wake-up an
//! expiring `wait_timeout` gives its waiter. `lock.rs` itself runs unchanged; this module is its child
//! only so that the timer can reach `cond`.
//!
//! **What is checked**, in every interleaving: the GIL is held by one thread at a time (a log written only
//! under the GIL, through a loom cell that reports unsynchronized writes), no wake-up is lost (loom reports
//! a deadlock if a waiter sleeps for ever), a waiter whose request the holder sees at a safepoint gets the
//! GIL next (the holder does not win it back), and the request is cleared once served.

use std::time::Duration;

use loom::cell::UnsafeCell;
use loom::thread;

use super::GilLock;
use super::{GilLocal, GilThreads};
use crate::strategy::Threads;
use crate::sync::Arc;

/// The order in which threads took the GIL; written only by the holder.
struct Log(UnsafeCell<Vec<u64>>);

// SAFETY: the vector is a loom cell: loom runs the model's threads one at a time and panics on an
// unsynchronized pair of accesses before it happens (which is what a broken GIL would produce).
unsafe impl Sync for Log {}

impl Log {
    /// Record that `t` holds the GIL; the caller does.
    fn took(&self, t: &GilLocal) {
        // SAFETY: loom checks this write against every other access to the log.
        self.0.with_mut(|v| unsafe { (*v).push(t.id) });
    }

    /// The log, once every thread has finished.
    fn get(&self) -> Vec<u64> {
        // SAFETY: as in `took`.
        self.0.with(|v| unsafe { (*v).clone() })
    }
}

/// A GIL (the interval is irrelevant: see the module docs) and the hand-off log.
fn setup() -> (Arc<GilLock>, Arc<Log>) {
    (Arc::new(GilLock::new(Duration::from_millis(5))), Arc::new(Log(UnsafeCell::new(Vec::new()))))
}

/// A waiter thread: take the GIL, log it, release it.
fn waiter(gil: &Arc<GilLock>, log: &Arc<Log>) -> thread::JoinHandle<u64> {
    let (gil, log) = (gil.clone(), log.clone());
    thread::spawn(move || {
        let mut t = GilThreads::new_local(&gil);
        GilThreads::attach(&mut t);
        log.took(&t);
        GilThreads::detach(&mut t);
        t.id
    })
}

/// A thread blocked in `acquire` is woken by the holder's release (no timer: only the release can wake it).
#[test]
fn loom_release_wakes_the_waiter() {
    crate::testing::loom_model("release_wakes_the_waiter", || {
        let (gil, log) = setup();
        let mut h = GilThreads::new_local(&gil);
        GilThreads::attach(&mut h);
        log.took(&h);
        let w = waiter(&gil, &log);
        GilThreads::detach(&mut h);
        let w = w.join().expect("waiter");
        assert_eq!(log.get(), [h.id, w], "the waiter took the GIL after the holder");
        assert_eq!(gil.switches(), 2);
    });
}

/// The waiter's interval passes (the timer), it sets the drop request, and the holder runs two safepoints
/// and then releases. If a safepoint saw the request, the holder dropped the GIL and the waiter took it
/// before the holder got it back (forced switching); either way the waiter gets it and the request ends
/// cleared.
#[test]
fn loom_drop_request_hands_the_gil_to_the_waiter() {
    crate::testing::loom_model("drop_request_hands_the_gil_to_the_waiter", || {
        let (gil, log) = setup();
        let mut h = GilThreads::new_local(&gil);
        GilThreads::attach(&mut h);
        log.took(&h);
        let w = waiter(&gil, &log);
        let timer = {
            let gil = gil.clone();
            thread::spawn(move || {
                // The interval passes: the timed wait returns, as if by a notification.
                let _st = gil.state();
                gil.cond.notify_all();
            })
        };
        for _ in 0..2 {
            let forced = gil.forced_drops();
            GilThreads::safepoint(&mut h);
            if gil.forced_drops() > forced {
                log.took(&h); // it dropped the GIL on request and has it back
            }
        }
        GilThreads::detach(&mut h);
        let w = w.join().expect("waiter");
        timer.join().expect("timer");
        let expected: &[u64] = if gil.forced_drops() == 1 { &[h.id, w, h.id] } else { &[h.id, w] };
        assert!(gil.forced_drops() <= 1, "one waiter, one request");
        assert_eq!(log.get(), expected, "after a requested drop the waiter takes the GIL next");
        assert!(!gil.drop_requested(), "the served request is cleared");
    });
}
