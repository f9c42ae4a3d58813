//! Epoch-based reclamation for strategies with lock-free reads (the analogue of CPython's QSBR).
//!
//! What goes through it: replaced list item arrays and dict tables, and dead objects' memory that does not
//! fit the thread's [`recycle`](super::recycle) pools (full pools, large objects, thread exit,
//! sanitizer builds). Most dead objects never come here: their memory is reused at once, type-stable.
//!
//! An attached thread keeps one crossbeam-epoch guard pinned for as long as it runs Python code, and
//! "repins" at each safepoint: reporting a quiescent state, exactly what CPython's free-threaded build does
//! with QSBR at its eval-breaker checks. Retiring memory from inside that pinned region is then a cheap
//! nested pin plus a push into the thread's bag.
//!
//! The race this prevents (load-then-incref, gh-115103):
//!
//! 1. Reader R loads item pointer `p` from a list slot.
//! 2. Writer W replaces the slot and decrefs `p` to zero; `p`'s payload is dropped.
//! 3. R calls `try_incref(p)`: it must read `p`'s count from valid memory. Because R is pinned since before
//!    step 1 and W retired `p`'s memory after step 2, the epoch cannot advance past R, so `p` is not freed
//!    yet. The count is zero, `try_incref` fails, and R reloads the slot. (With type-stable memory `p` is
//!    not freed at all, only reused as another object; see `recycle` for why that is enough.)

use crate::strategy::counters::{self, Counter};
use crate::strategy::{StrategyConfig, Threads};
use crate::sync::Arc;
use crate::sync::epoch::{self, Guard};

/// Safepoints between pushes of this thread's garbage to the global queue and a collection attempt.
///
/// A collection attempt tries to advance crossbeam's global epoch: a SeqCst fence, a walk over every
/// participant and a CAS on the global epoch word, which every thread reads at each repin, and it runs the
/// other threads' deferred frees (cross-thread frees in mimalloc). At 128 (the first setting) `atomic` and
/// `biased` stayed below N/2 at 2 threads on most workloads, even ones that share nothing; at 16Ki they
/// scale. While every dead object went through the epoch, the late reuse cost single-thread time; since
/// objects are recycled ([`recycle`](super::recycle)) only arrays, tables and pool overflow wait
/// here. Garbage is handed over in batches anyway ([`BATCH`]).
const SAFEPOINTS_BETWEEN_FLUSH: u32 = 1 << 14;

/// A thread's epoch participation: pinned while attached.
#[derive(Debug, Default)]
pub struct EpochLocal {
    guard: Option<Guard>,
    ticks: u32,
}

impl EpochLocal {
    /// Not pinned.
    pub fn new() -> Self {
        Self::default()
    }

    /// Pin (attach). Idempotent.
    pub fn pin(&mut self) {
        if self.guard.is_none() {
            // The outermost pin publishes this thread's epoch with a SeqCst CAS (x86; a store and a SeqCst
            // fence elsewhere): an RMW per attach. Repins at safepoints are plain stores, not counted.
            counters::bump(Counter::AtomicRmw);
            self.guard = Some(epoch::pin());
        }
    }

    /// Unpin (detach), handing this thread's garbage to the collector. Idempotent.
    pub fn unpin(&mut self) {
        if let Some(guard) = self.guard.take() {
            flush_retired();
            guard.flush();
        }
    }

    /// Whether this thread is pinned.
    pub fn is_pinned(&self) -> bool {
        self.guard.is_some()
    }

    /// A quiescent state: no pointer loaded before this call is used after it (the `&mut Attached` borrow
    /// proves it), so the epoch may advance past this thread.
    #[inline(always)]
    pub fn quiescent(&mut self) {
        if let Some(guard) = self.guard.as_mut() {
            guard.repin();
            self.ticks += 1;
            if self.ticks >= SAFEPOINTS_BETWEEN_FLUSH || stressed() {
                self.ticks = 0;
                flush_retired();
                guard.flush();
            }
        }
    }
}

/// The epoch thread protocol: pinned while attached, repinned at every safepoint (CPython's QSBR).
#[derive(Debug)]
pub struct EpochThreads;

// SAFETY: `EpochLocal` tracks its guard, so attach/detach are idempotent; an attached thread stays pinned
// until its next safepoint (a repin) or detach.
unsafe impl Threads for EpochThreads {
    type Global = ();
    type Local = EpochLocal;

    fn new_global(_config: &StrategyConfig) {}

    fn new_local(_global: &Arc<()>) -> EpochLocal {
        EpochLocal::new()
    }

    fn attach(local: &mut EpochLocal) {
        local.pin();
    }

    fn detach(local: &mut EpochLocal) {
        local.unpin();
    }

    #[inline(always)]
    fn safepoint(local: &mut EpochLocal) {
        local.quiescent();
    }
}

/// Retired pointers a thread collects before it hands them to crossbeam-epoch as one deferred function.
///
/// crossbeam's own `defer` costs a pin, a closure and a bag slot per call; freeing every dead float that way
/// made `atomic` 6× slower than `gil` on `nbody`. Batching makes a retirement a push onto a thread-local
/// vector. Handing a batch over later than each retirement only delays the frees, which is always safe: a
/// pointer is freed after every thread pinned at *hand-over* time has moved on, and those include every
/// thread pinned at retirement that has not moved on yet.
const BATCH: usize = 256;

/// A retired pointer (an address, for `Send`) and the function that frees it.
type Retired = (usize, unsafe fn(*mut u8));

/// One thread's retired pointers.
#[derive(Debug, Default)]
struct Batch(Vec<Retired>);

impl Batch {
    /// Hand the collected pointers to crossbeam-epoch as one deferred function.
    fn hand_over(&mut self) {
        if self.0.is_empty() {
            return;
        }
        let items = std::mem::replace(&mut self.0, Vec::with_capacity(BATCH));
        let guard = epoch::pin();
        // SAFETY: each pointer was retired under `retire`'s contract (unreachable, retired once, `free` sound
        // on any thread), and crossbeam runs the closure only after every thread pinned now has unpinned or
        // repinned, which is later than each retirement.
        unsafe {
            guard.defer_unchecked(move || {
                for (addr, free) in items {
                    free(addr as *mut u8);
                }
            });
        }
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        // Thread exit: crossbeam's `pin` falls back to the global collector if its own thread-local is gone.
        self.hand_over();
    }
}

thread_local! {
    static RETIRED: std::cell::RefCell<Batch> = std::cell::RefCell::new(Batch(Vec::with_capacity(BATCH)));
}

/// Hand this thread's retired pointers to crossbeam-epoch now (at detach: a detached thread may block for a
/// long time, and its garbage should not wait for it).
pub fn flush_retired() {
    // `try_with`: during thread teardown the batch may already be gone (its drop handed it over).
    let _ = RETIRED.try_with(|b| b.borrow_mut().hand_over());
}

/// Defer `free(ptr)` until every thread pinned now has passed a quiescent state.
///
/// # Safety
///
/// `ptr` is no longer reachable from shared memory, is retired once, and `free(ptr)` is sound to call once
/// from any thread.
#[inline]
pub unsafe fn retire(ptr: *mut u8, free: unsafe fn(*mut u8)) {
    let addr = ptr as usize;
    let pushed = RETIRED.try_with(|b| {
        let mut b = b.borrow_mut();
        b.0.push((addr, free));
        if b.0.len() >= BATCH || stressed() {
            b.hand_over();
        }
    });
    if pushed.is_err() {
        // Thread teardown, after the batch is gone: defer this one pointer directly.
        let guard = epoch::pin();
        // SAFETY: as in `Batch::hand_over`, for one pointer.
        unsafe { guard.defer_unchecked(move || free(addr as *mut u8)) };
    }
}

/// Test knob (`cfg(test)`): while any [`EpochStress`] lives, every thread hands its garbage over at each
/// retirement and tries to advance the epoch at every safepoint, and dead objects skip the
/// [`recycle`](crate::strategy::recycle) pools. Frees through the epoch then happen inside short tests,
/// while other threads still race on the objects (and under ASan a free that comes too early is a report,
/// not a lucky pass). Process-wide, so tests running meanwhile are stressed too, which only adds checking,
/// except for tests about the pools themselves: they hold [`unstressed`] instead.
#[cfg(test)]
static STRESS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Stress scopes hold it shared; [`unstressed`] holds it exclusively.
#[cfg(test)]
static STRESS_LOCK: std::sync::RwLock<()> = std::sync::RwLock::new(());

/// A scope of epoch stress (see [`STRESS`]); it ends when dropped.
#[cfg(test)]
#[must_use = "the stress ends when this is dropped"]
pub(crate) struct EpochStress {
    _shared: std::sync::RwLockReadGuard<'static, ()>,
}

/// Start a scope of epoch stress (waiting while a test holds [`unstressed`]).
#[cfg(test)]
pub(crate) fn stress() -> EpochStress {
    let shared = STRESS_LOCK.read().unwrap_or_else(std::sync::PoisonError::into_inner);
    STRESS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    EpochStress { _shared: shared }
}

#[cfg(test)]
impl Drop for EpochStress {
    fn drop(&mut self) {
        // Before the read guard (a field) is released.
        STRESS.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    }
}

/// No epoch stress anywhere while this lives (waits for the scopes running now to end): for tests that
/// count on dead memory going to the recycling pools.
#[cfg(test)]
pub(crate) fn unstressed() -> std::sync::RwLockWriteGuard<'static, ()> {
    STRESS_LOCK.write().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Whether epoch stress is on (never outside tests).
#[inline(always)]
pub(crate) fn stressed() -> bool {
    #[cfg(test)]
    return STRESS.load(std::sync::atomic::Ordering::Relaxed) > 0;
    #[cfg(not(test))]
    false
}

/// Retired pointers this thread has not handed over yet (for tests).
#[cfg(all(test, not(loom)))]
pub(crate) fn retired_here() -> usize {
    RETIRED.with(|b| b.borrow().0.len())
}
