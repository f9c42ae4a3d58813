//! Epoch-based reclamation for strategies with lock-free reads (the QSBR analogue of DESIGN.md).
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
//!    yet. The count is zero, `try_incref` fails, and R reloads the slot.

use crate::strategy::counters::{self, Counter};
use crate::sync::epoch::{self, Guard};

/// Safepoints between pushes of this thread's garbage bag to the global queue (and a collection attempt).
const SAFEPOINTS_BETWEEN_FLUSH: u32 = 128;

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
            if self.ticks >= SAFEPOINTS_BETWEEN_FLUSH {
                self.ticks = 0;
                guard.flush();
            }
        }
    }
}

/// Defer `free(ptr)` until every thread pinned now has passed a quiescent state.
///
/// # Safety
///
/// `ptr` is no longer reachable from shared memory, is retired once, and `free(ptr)` is sound to call once
/// from any thread.
#[inline]
pub unsafe fn retire(ptr: *mut u8, free: unsafe fn(*mut u8)) {
    // Nested inside the attached thread's long-lived guard, this pin is a counter increment.
    let guard = epoch::pin();
    let addr = ptr as usize;
    // SAFETY: the closure touches only memory that no thread can newly reach (caller's contract), and
    // crossbeam runs it after all threads pinned at this point have unpinned or repinned; raw addresses are
    // `Send`, and `free` is sound on any thread (caller's contract).
    unsafe {
        guard.defer_unchecked(move || free(addr as *mut u8));
    }
}
