//! The container mutex behind [`ParkingLock`](super::ParkingLock): one byte on parking_lot_core, with a
//! process-wide contention policy.
//!
//! Uncontended, every policy is the same code: `lock` is one CAS `0 → LOCKED`, `unlock` one CAS
//! `LOCKED → 0`. They differ only where a thread finds the lock taken, or releases it while a thread is
//! parked on it:
//!
//! | policy | a thread that finds the lock taken | an unlock with threads parked |
//! |---|---|---|
//! | `adaptive` (default) | spins about ten rounds, then parks | wakes one, which competes with newcomers (barging); hands the lock over directly about every 0.5 ms (eventual fairness) |
//! | `spin` | spins with exponential backoff, then yields the CPU between tries; never parks | (no thread parks) |
//! | `fair` | as `adaptive` | hands the lock directly to the longest waiter (FIFO) |
//! | `restrict` | parks at once, for at most [`SLICE`] | wakes nobody until a waiter has waited a whole slice; then hands the lock to the longest waiter |
//!
//! `adaptive` is parking_lot's `RawMutex` algorithm, step for step (the WebKit ParkingLot design that
//! CPython's `PyMutex` follows; gilfree used `RawMutex` itself before the policies existed). `fair` is its
//! `unlock_fair` on every unlock. `restrict` is concurrency restriction (Dice, "Malthusian Locks",
//! EuroSys 2017): a lock that finds itself contended culls the excess thread to a parked set and lets one
//! thread run its critical sections back to back while the cache lines stay in its core, re-admitting a
//! waiter after a slice (PyMutex's 1 ms fairness bound) so that no thread starves. It trades short-term
//! fairness and a waiter's latency (up to a slice) for throughput under contention.
//!
//! The policy is chosen once per process ([`set_lock_policy`], `--strategy NAME:POLICY` on the command
//! line) and read only on the slow paths, so one lock never sees two policies and the fast paths pay nothing.

use std::time::{Duration, Instant};

use crate::sync::OnceLock;
use crate::sync::Ordering;
use crate::sync::parking::{self, FilterOp, LockByte, ParkResult, SpinWait, UnparkResult, UnparkToken};

/// How a contended [`PolicyMutex`] waits and wakes (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LockPolicy {
    /// Spin briefly, then park; an unlock wakes one waiter, which competes (parking_lot's `RawMutex`).
    #[default]
    Adaptive,
    /// Spin with backoff and yield; never park.
    Spin,
    /// As `Adaptive`, but every unlock hands the lock to the longest waiter.
    Fair,
    /// Park at once; unlocks wake nobody until a waiter has waited a slice, then hand it the lock.
    Restrict,
}

impl LockPolicy {
    /// Every policy, in the order the docs list them.
    pub const ALL: [LockPolicy; 4] = [LockPolicy::Adaptive, LockPolicy::Spin, LockPolicy::Fair, LockPolicy::Restrict];

    /// The command-line name.
    pub const fn name(self) -> &'static str {
        match self {
            LockPolicy::Adaptive => "adaptive",
            LockPolicy::Spin => "spin",
            LockPolicy::Fair => "fair",
            LockPolicy::Restrict => "restrict",
        }
    }

    /// The policy called `name`, or an error listing the names.
    pub fn parse(name: &str) -> Result<LockPolicy, String> {
        LockPolicy::ALL.into_iter().find(|p| p.name() == name).ok_or_else(|| {
            let names: Vec<&str> = LockPolicy::ALL.iter().map(|p| p.name()).collect();
            format!("unknown lock policy '{name}' (available: {})", names.join(", "))
        })
    }
}

impl std::fmt::Display for LockPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How long a `restrict` waiter stays parked before it asks for the lock to be handed to it: CPython's
/// `PyMutex` hands its lock over to a waiter that has waited 1 ms (`TIME_TO_BE_FAIR_NS`).
pub const SLICE: Duration = Duration::from_millis(1);

static POLICY: OnceLock<LockPolicy> = OnceLock::new();

/// The process's lock policy; the first call fixes it (to `Adaptive` unless [`set_lock_policy`] ran first).
#[inline]
pub fn lock_policy() -> LockPolicy {
    *POLICY.get_or_init(LockPolicy::default)
}

/// Fix the process's lock policy. Fails, returning the policy in force, once a different one is fixed (by an
/// earlier call, or by a contended lock having read the default).
pub fn set_lock_policy(policy: LockPolicy) -> Result<(), LockPolicy> {
    let in_force = *POLICY.get_or_init(|| policy);
    if in_force == policy { Ok(()) } else { Err(in_force) }
}

const LOCKED: u8 = 0b001;
/// Some thread is parked (or about to park) on the lock.
const PARKED: u8 = 0b010;
/// `restrict`: a parked waiter has waited a whole slice; the next unlock hands the lock over.
const WANTED: u8 = 0b100;

const TOKEN_NORMAL: UnparkToken = UnparkToken(0);
/// The unlocker left the lock locked and gave it to the woken thread.
const TOKEN_HANDOFF: UnparkToken = UnparkToken(1);

/// A one-byte mutex whose contended paths follow a [`LockPolicy`].
pub struct PolicyMutex {
    state: LockByte,
}

impl std::fmt::Debug for PolicyMutex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.is_locked() { "PolicyMutex(locked)" } else { "PolicyMutex(unlocked)" })
    }
}

impl Default for PolicyMutex {
    fn default() -> Self {
        Self::new()
    }
}

impl PolicyMutex {
    /// An unlocked mutex.
    pub const fn new() -> Self {
        PolicyMutex { state: LockByte::new(0) }
    }

    /// Whether some thread holds the lock (a snapshot, for debugging).
    pub fn is_locked(&self) -> bool {
        self.state.load(Ordering::Relaxed) & LOCKED != 0
    }

    /// Take the lock if it is free; never waits.
    #[inline]
    pub fn try_lock(&self) -> bool {
        let mut s = self.state.load(Ordering::Relaxed);
        loop {
            if s & LOCKED != 0 {
                return false;
            }
            // Acquire: pairs with the Release of the previous holder's unlock.
            match self.state.compare_exchange_weak(s, s | LOCKED, Ordering::Acquire, Ordering::Relaxed) {
                Ok(_) => return true,
                Err(now) => s = now,
            }
        }
    }

    /// Block until this thread holds the lock, waiting as the process's policy says.
    #[inline]
    pub fn lock(&self) {
        self.lock_then(lock_policy);
    }

    /// Release the lock, waking (or handing it to) a waiter as the process's policy says.
    ///
    /// # Safety
    ///
    /// The calling thread holds the lock.
    #[inline]
    pub unsafe fn unlock(&self) {
        // SAFETY: forwarded contract.
        unsafe { self.unlock_then(lock_policy) }
    }

    /// [`PolicyMutex::lock`] under an explicit policy (tests; a lock must see only one policy).
    #[cfg(test)]
    pub fn lock_with(&self, policy: LockPolicy) {
        self.lock_then(|| policy);
    }

    /// [`PolicyMutex::unlock`] under an explicit policy.
    ///
    /// # Safety
    ///
    /// As for `unlock`.
    #[cfg(test)]
    pub unsafe fn unlock_with(&self, policy: LockPolicy) {
        // SAFETY: forwarded contract.
        unsafe { self.unlock_then(|| policy) }
    }

    /// The fast path; `policy` is asked only when the lock is contended.
    #[inline(always)]
    fn lock_then(&self, policy: impl FnOnce() -> LockPolicy) {
        // Acquire: pairs with the Release of the previous holder's unlock.
        if self.state.compare_exchange_weak(0, LOCKED, Ordering::Acquire, Ordering::Relaxed).is_err() {
            self.lock_slow(policy());
        }
    }

    /// The fast path; `policy` is asked only when a thread is parked.
    ///
    /// # Safety
    ///
    /// As for `unlock`.
    #[inline(always)]
    unsafe fn unlock_then(&self, policy: impl FnOnce() -> LockPolicy) {
        // Release: pairs with the Acquire of the next holder's lock.
        if self.state.compare_exchange(LOCKED, 0, Ordering::Release, Ordering::Relaxed).is_err() {
            self.unlock_slow(policy());
        }
    }

    fn key(&self) -> usize {
        self as *const Self as usize
    }

    #[cold]
    fn lock_slow(&self, policy: LockPolicy) {
        match policy {
            LockPolicy::Adaptive | LockPolicy::Fair => self.lock_parking(),
            LockPolicy::Spin => self.lock_spinning(),
            LockPolicy::Restrict => self.lock_restricted(),
        }
    }

    /// Take the lock if `s` (the state just read) shows it free; `Err` carries the state to retry with.
    #[inline]
    fn grab(&self, s: u8) -> Result<(), u8> {
        // Acquire: pairs with the Release of the previous holder's unlock.
        self.state.compare_exchange_weak(s, s | LOCKED, Ordering::Acquire, Ordering::Relaxed).map(|_| ())
    }

    /// `adaptive` and `fair`: parking_lot's `RawMutex::lock_slow`.
    fn lock_parking(&self) {
        let mut spin = SpinWait::new();
        let mut s = self.state.load(Ordering::Relaxed);
        loop {
            if s & LOCKED == 0 {
                match self.grab(s) {
                    Ok(()) => return,
                    Err(now) => s = now,
                }
                continue;
            }
            // Spin while nobody is parked, a few rounds (SpinWait gives up after about ten).
            if s & PARKED == 0 && spin.spin() {
                s = self.state.load(Ordering::Relaxed);
                continue;
            }
            if s & PARKED == 0
                && let Err(now) = self.state.compare_exchange_weak(s, s | PARKED, Ordering::Relaxed, Ordering::Relaxed)
            {
                s = now;
                continue;
            }
            if self.park(None) == ParkResult::Unparked(TOKEN_HANDOFF) {
                return;
            }
            spin.reset();
            s = self.state.load(Ordering::Relaxed);
        }
    }

    /// `spin`: test and test-and-set with exponential backoff (up to 64 pause instructions), then a yield of
    /// the CPU between tries, so that a descheduled holder can run.
    fn lock_spinning(&self) {
        let mut round = 0u32;
        loop {
            let s = self.state.load(Ordering::Relaxed);
            if s & LOCKED == 0 && self.grab(s).is_ok() {
                return;
            }
            if round < 6 {
                for _ in 0..(1u32 << round) {
                    std::hint::spin_loop();
                }
                round += 1;
            } else {
                std::thread::yield_now();
            }
        }
    }

    /// `restrict`: park at once; after a slice parked, set `WANTED` so the next unlock hands the lock over.
    fn lock_restricted(&self) {
        let mut waited_a_slice = false;
        let mut s = self.state.load(Ordering::Relaxed);
        loop {
            if s & LOCKED == 0 {
                match self.grab(s) {
                    Ok(()) => return,
                    Err(now) => s = now,
                }
                continue;
            }
            let flags = if waited_a_slice { PARKED | WANTED } else { PARKED };
            if s & flags != flags
                && let Err(now) = self.state.compare_exchange_weak(s, s | flags, Ordering::Relaxed, Ordering::Relaxed)
            {
                s = now;
                continue;
            }
            match self.park(Some(Instant::now() + SLICE)) {
                ParkResult::Unparked(TOKEN_HANDOFF) => return,
                ParkResult::TimedOut => waited_a_slice = true,
                ParkResult::Invalid => self.clear_stale_parked(),
                ParkResult::Unparked(_) => {}
            }
            s = self.state.load(Ordering::Relaxed);
        }
    }

    /// Park on this lock while it is locked with the parked bit set.
    fn park(&self, deadline: Option<Instant>) -> ParkResult {
        let validate = || self.state.load(Ordering::Relaxed) & (LOCKED | PARKED) == LOCKED | PARKED;
        let timed_out = |_key, was_last_thread: bool| {
            if was_last_thread {
                self.state.fetch_and(!(PARKED | WANTED), Ordering::Relaxed);
            }
        };
        // SAFETY: the key is this lock's address, unique while the lock lives (it cannot be freed with a
        // thread parked on it, since the parked thread borrows it); the callbacks do not park or unpark.
        unsafe { parking::park(self.key(), validate, || {}, timed_out, parking::DEFAULT_PARK_TOKEN, deadline) }
    }

    /// `restrict`, after a park that found the lock released: this thread set the parked bit, but maybe
    /// nobody is parked. `restrict`'s unlocks never look at the queue (that is what keeps them cheap), so a
    /// stale bit would send every later lock and unlock down the slow path; clear it if the queue is empty.
    fn clear_stale_parked(&self) {
        let callback = |r: UnparkResult| {
            // `Stop` at the first parked thread reports it in `have_more_threads`; under the bucket lock no
            // thread can park meanwhile (a thread about to park re-validates and retries). Relaxed: the
            // bucket lock orders this with every park.
            if !r.have_more_threads {
                self.state.fetch_and(!(PARKED | WANTED), Ordering::Relaxed);
            }
            TOKEN_NORMAL
        };
        // SAFETY: as in `park`; the filter and callback do not park or unpark.
        unsafe {
            parking::unpark_filter(self.key(), |_| FilterOp::Stop, callback);
        }
    }

    #[cold]
    fn unlock_slow(&self, policy: LockPolicy) {
        if policy == LockPolicy::Restrict {
            // Leave parked waiters parked unless one has waited a slice.
            let mut s = self.state.load(Ordering::Relaxed);
            while s & WANTED == 0 {
                // Release: pairs with the Acquire of the next holder's lock.
                match self.state.compare_exchange_weak(s, s & !LOCKED, Ordering::Release, Ordering::Relaxed) {
                    Ok(_) => return,
                    Err(now) => s = now,
                }
            }
        }
        let handoff = matches!(policy, LockPolicy::Fair | LockPolicy::Restrict);
        let callback = |r: UnparkResult| {
            if r.unparked_threads != 0 && (handoff || r.be_fair) {
                // The lock stays locked and now belongs to the woken thread. Relaxed: it synchronizes with
                // this thread through parking_lot_core's unpark (bucket lock, thread parker), as in
                // parking_lot's RawMutex.
                self.state.store(if r.have_more_threads { LOCKED | PARKED } else { LOCKED }, Ordering::Relaxed);
                return TOKEN_HANDOFF;
            }
            // Release: pairs with the Acquire of the next holder's lock.
            self.state.store(if r.have_more_threads { PARKED } else { 0 }, Ordering::Release);
            TOKEN_NORMAL
        };
        // SAFETY: as in `park`; the callback does not park or unpark.
        unsafe {
            parking::unpark_one(self.key(), callback);
        }
    }
}

#[cfg(test)]
mod tests;
