//! `atomic` header: one atomic reference count, updated with a read-modify-write on every incref and
//! decref (the `always_atomic` experiment run on CPython, and Gilectomy's counting).
//!
//! ```text
//!  63 62 61                                                0
//! +--+--+---------------------------------------------------+
//! | 0|IM|                    count                          |
//! +--+--+---------------------------------------------------+
//! ```
//!
//! `IM` marks an immortal object (PEP 683): incref and decref only *read* the word, so threads that share
//! `None` or a small int never contend on its cache line. A real count cannot reach bit 62.

use crate::strategy::counters::{self, Counter};
use crate::strategy::{Counting, RefCount};
use crate::sync::{AtomicUsize, Ordering};

/// Bit that marks an immortal count.
pub const IMMORTAL_BIT: usize = 1 << (usize::BITS - 2);

/// The atomic count word.
#[derive(Debug)]
pub struct AtomicRc(AtomicUsize);

// SAFETY: (1) counts with RMWs, skips immortal counts, and orders the final decrement with
// Release/Acquire (as `Arc` does); (2) `try_incref` never resurrects a zero count.
unsafe impl RefCount for AtomicRc {
    const COUNTING: Counting = Counting::Atomic;

    /// A count of one.
    #[inline]
    fn new() -> Self {
        AtomicRc(AtomicUsize::new(1))
    }

    /// An immortal count.
    #[inline]
    fn immortal() -> Self {
        AtomicRc(AtomicUsize::new(IMMORTAL_BIT))
    }

    /// Give recycled memory (a dead count of zero, see [`recycle`](crate::strategy::recycle)) the count
    /// `fresh`.
    ///
    /// Release: pairs with the Acquire of a racing reader's successful `try_incref`. The reader loaded the
    /// old object's address from a slot and then won a reference to the *new* object at that address; the
    /// pairing makes the writer's later store to that slot (which preceded the free and this reuse) visible
    /// to the reader's re-check of the slot, so the re-check fails and the reader drops the reference.
    /// Without it the re-check may still read the stale address and take the new object for the old one
    /// (found by the loom model `loom_slot`; x86 orders it anyway, weaker hardware need not).
    #[inline(always)]
    unsafe fn reinit(this: *mut Self, fresh: AtomicRc) {
        // SAFETY: `this` is a count field (the caller's contract), which racing readers only read.
        unsafe { &*this }.0.store(fresh.0.into_inner(), Ordering::Release);
    }

    /// Whether refcount operations skip this object. The bit is set at creation and never changes.
    #[inline(always)]
    fn is_immortal(&self) -> bool {
        self.0.load(Ordering::Relaxed) & IMMORTAL_BIT != 0
    }

    /// Add one reference.
    #[inline(always)]
    fn incref(&self) {
        if self.is_immortal() {
            return;
        }
        shared_rmw();
        // Relaxed, as in `Arc::clone`: the caller already holds a reference, so the object cannot die
        // concurrently, and a new reference publishes nothing by itself.
        let old = self.0.fetch_add(1, Ordering::Relaxed);
        debug_assert!(old > 0 && old < IMMORTAL_BIT, "incref of a dead object or count overflow");
    }

    /// Remove one reference; `true` when it was the last, and then every other thread's accesses to the
    /// object happen-before the caller's return.
    #[inline(always)]
    fn decref(&self) -> bool {
        if self.is_immortal() {
            return false;
        }
        shared_rmw();
        // Release: this thread's accesses to the object happen-before the decrement; the thread that sees
        // the count hit zero pairs with it through the Acquire fence below (as in `Arc::drop`).
        let old = self.0.fetch_sub(1, Ordering::Release);
        debug_assert!(old > 0, "decref of a dead object");
        if old != 1 {
            return false;
        }
        // Acquire: pairs with the Release decrements of every other former owner, so their writes to the
        // payload are visible before we drop it.
        #[cfg(not(gilfree_tsan))]
        crate::sync::fence(Ordering::Acquire);
        // ThreadSanitizer does not model fences: an Acquire load of the count, which reads the last
        // decrement and so synchronizes with the same release sequence, as std's `Arc` does under TSan.
        #[cfg(gilfree_tsan)]
        self.0.load(Ordering::Acquire);
        true
    }

    /// Add one reference unless the count reached zero (the object is dying and may not be resurrected).
    #[inline(always)]
    fn try_incref(&self) -> bool {
        let mut n = self.0.load(Ordering::Relaxed);
        if n & IMMORTAL_BIT == 0 {
            counters::bump(Counter::SharedRcOps);
        }
        loop {
            if n & IMMORTAL_BIT != 0 {
                return true;
            }
            if n == 0 {
                return false;
            }
            // Acquire on success: pairs with the Release of `reinit` when the memory was recycled since the
            // slot load, so the caller's re-check of the slot sees the slot's newer contents (see `reinit`).
            // The object itself was published by the Release store into the slot, which the reader's
            // Acquire slot load pairs with. A successful CAS on a non-zero count means the object was alive,
            // and it cannot be freed while we hold the new reference.
            counters::bump(Counter::AtomicRmw);
            match self.0.compare_exchange_weak(n, n + 1, Ordering::Acquire, Ordering::Relaxed) {
                Ok(_) => return true,
                Err(cur) => n = cur,
            }
        }
    }

    /// The count (racy: for diagnostics and single-threaded tests).
    #[inline]
    fn get(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }
}

/// Count one shared-path refcount operation, which is one atomic RMW (nothing without `counters`).
#[inline(always)]
fn shared_rmw() {
    counters::bump(Counter::AtomicRmw);
    counters::bump(Counter::SharedRcOps);
}

impl Default for AtomicRc {
    fn default() -> Self {
        Self::new()
    }
}
