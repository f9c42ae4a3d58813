//! The GIL itself, modeled on CPython 3.2+'s "new GIL" (`Python/ceval_gil.c`, Antoine Pitrou's design that
//! answered David Beazley's 2009–2010 GIL talks).
//!
//! - A mutex + condition variable protect a `locked` flag.
//! - A thread that wants the GIL waits on the condition for at most the *switch interval* (5 ms). If the
//!   interval passes with no switch, it sets `drop_request`.
//! - The holder polls `drop_request` at every safepoint (the eval loop's backward jumps and calls) and, when
//!   it is set, drops the GIL.
//! - **Forced switching**: after a requested drop, the old holder waits on `switch_cond` until another thread
//!   has actually taken the GIL, so it cannot immediately re-acquire it (the convoy effect Beazley showed
//!   with the old GIL, where the signalled thread lost the race to the thread that just released).
//!
//! Blocking calls (`join`, `acquire`, `sleep`) release the GIL around the wait (detach) and take it again
//! afterwards (attach).

use std::time::Duration;

use crate::strategy::counters::{self, Counter};
use crate::strategy::{StrategyConfig, Threads};
use crate::sync::Arc;
use crate::sync::statics::AtomicU64 as StdAtomicU64;
use crate::sync::{AtomicBool, AtomicU64, Condvar, Mutex, MutexGuard, Ordering};

// A child module, so the model's "timer" can notify `cond` as an expiring timed wait would.
#[cfg(all(test, loom))]
mod loom_handoff;

/// The mutex-protected part of the GIL.
#[derive(Debug)]
struct State {
    /// Some thread holds the GIL.
    locked: bool,
    /// Id of the thread that took the GIL last.
    last_holder: u64,
    /// Incremented every time the GIL passes to a different thread.
    switch_number: u64,
}

/// A global interpreter lock.
#[derive(Debug)]
pub struct GilLock {
    state: Mutex<State>,
    /// Signalled when the GIL is released.
    cond: Condvar,
    /// Signalled when a thread took the GIL (forced switching).
    switch_cond: Condvar,
    /// Set by a waiter whose switch interval expired; polled by the holder at safepoints. Only a hint: the
    /// hand-off itself is ordered by `state`'s mutex, so Relaxed accesses suffice.
    drop_request: AtomicBool,
    interval: Duration,
    /// Number of hand-offs to a different thread (diagnostics).
    switches: AtomicU64,
    /// Number of drops forced by a drop request (diagnostics).
    forced_drops: AtomicU64,
}

impl GilLock {
    /// An unheld GIL with the given switch interval.
    pub fn new(interval: Duration) -> Self {
        Self {
            state: Mutex::new(State { locked: false, last_holder: 0, switch_number: 0 }),
            cond: Condvar::new(),
            switch_cond: Condvar::new(),
            drop_request: AtomicBool::new(false),
            interval,
            switches: AtomicU64::new(0),
            forced_drops: AtomicU64::new(0),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding this mutex cannot leave `State` inconsistent (each critical section writes
        // whole fields), so a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether a waiter asked the holder to drop the GIL (the eval-breaker check).
    #[inline(always)]
    pub fn drop_requested(&self) -> bool {
        self.drop_request.load(Ordering::Relaxed)
    }

    /// Block until thread `me` holds the GIL (`take_gil`).
    pub fn acquire(&self, me: u64) {
        let mut st = self.state();
        counters::bump(Counter::LockAcquires);
        if st.locked {
            counters::bump(Counter::LockContended);
        }
        while st.locked {
            let saved = st.switch_number;
            let (guard, res) = self.cond.wait_timeout(st, self.interval).unwrap_or_else(|e| e.into_inner());
            st = guard;
            // The interval passed and nobody switched: ask the holder to drop it.
            if res.timed_out() && st.locked && st.switch_number == saved {
                self.drop_request.store(true, Ordering::Relaxed);
            }
        }
        st.locked = true;
        if st.last_holder != me {
            st.last_holder = me;
            st.switch_number += 1;
            self.switches.fetch_add(1, Ordering::Relaxed);
        }
        // Forced switching: wake a thread waiting in `drop` for the switch to happen.
        self.switch_cond.notify_all();
        // The request (if any) is served: this thread got the GIL.
        self.drop_request.store(false, Ordering::Relaxed);
    }

    /// Release the GIL held by thread `me` (`drop_gil`). With `forced`, wait until another thread took it.
    pub fn release(&self, me: u64, forced: bool) {
        let mut st = self.state();
        debug_assert!(st.locked, "dropping a GIL nobody holds");
        st.locked = false;
        self.cond.notify_one();
        if forced {
            self.forced_drops.fetch_add(1, Ordering::Relaxed);
            // A waiter exists (it set the request) and loops in `take` until it gets the GIL, so this
            // wait ends. Looping also absorbs spurious wake-ups.
            while st.last_holder == me {
                st = self.switch_cond.wait(st).unwrap_or_else(|e| e.into_inner());
            }
        }
    }

    /// Hand-offs to a different thread so far.
    pub fn switches(&self) -> u64 {
        self.switches.load(Ordering::Relaxed)
    }

    /// Drops forced by a waiter's request so far.
    pub fn forced_drops(&self) -> u64 {
        self.forced_drops.load(Ordering::Relaxed)
    }

    /// The switch interval.
    pub fn interval(&self) -> Duration {
        self.interval
    }
}

/// The GIL thread protocol: attach takes the runtime's GIL, detach drops it, a safepoint yields it when a
/// waiter asked (the 3.2+ "new GIL": switch interval, drop request, forced switching).
#[derive(Debug)]
pub struct GilThreads;

/// Per-thread state: which thread this is and whether it holds the GIL.
#[derive(Debug)]
pub struct GilLocal {
    gil: Arc<GilLock>,
    id: u64,
    holds: bool,
}

impl GilLocal {
    /// The GIL this thread takes.
    pub fn gil(&self) -> &GilLock {
        &self.gil
    }

    #[cold]
    #[inline(never)]
    fn yield_gil(&mut self) {
        self.gil.release(self.id, true);
        self.gil.acquire(self.id);
    }
}

/// Thread ids start at 1 (0 means "nobody held the GIL yet").
static NEXT_THREAD_ID: StdAtomicU64 = StdAtomicU64::new(1);

// SAFETY: an attached thread holds the GIL (taken in `attach`, given back only in `detach` or handed over
// and taken back within `safepoint`), so no two threads of a runtime touch objects at once; `holds` makes
// attach/detach idempotent; the GIL's mutex orders every holder's accesses before the next holder's.
unsafe impl Threads for GilThreads {
    const GIL: bool = true;

    type Global = GilLock;
    type Local = GilLocal;

    fn new_global(config: &StrategyConfig) -> GilLock {
        GilLock::new(config.switch_interval)
    }

    fn new_local(global: &Arc<GilLock>) -> GilLocal {
        GilLocal {
            gil: Arc::clone(global),
            id: NEXT_THREAD_ID.fetch_add(1, crate::sync::statics::Ordering::Relaxed),
            holds: false,
        }
    }

    fn attach(local: &mut GilLocal) {
        if !local.holds {
            local.gil.acquire(local.id);
            local.holds = true;
        }
    }

    fn detach(local: &mut GilLocal) {
        if local.holds {
            local.holds = false;
            local.gil.release(local.id, false);
        }
    }

    #[inline(always)]
    fn safepoint(local: &mut GilLocal) {
        if local.gil.drop_requested() {
            local.yield_gil();
        }
    }
}
