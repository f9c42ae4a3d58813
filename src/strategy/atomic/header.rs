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
use crate::sync::{AtomicUsize, Ordering, fence};

/// Bit that marks an immortal count.
pub const IMMORTAL_BIT: usize = 1 << (usize::BITS - 2);

/// The atomic count word.
#[derive(Debug)]
pub struct AtomicRc(AtomicUsize);

impl AtomicRc {
    /// A count of one.
    #[inline]
    pub fn new() -> Self {
        AtomicRc(AtomicUsize::new(1))
    }

    /// An immortal count.
    #[inline]
    pub fn immortal() -> Self {
        AtomicRc(AtomicUsize::new(IMMORTAL_BIT))
    }

    /// Give recycled memory (a dead count of zero, see [`recycle`](crate::strategy::recycle)) the count
    /// `fresh`. Relaxed: a racing reader's `try_incref` may CAS the new count, but it reads nothing else of
    /// the object before its reference is validated, and its later decrement orders itself (Release, and
    /// Acquire for the last one) like any other.
    #[inline(always)]
    pub fn reinit(&self, fresh: AtomicRc) {
        self.0.store(fresh.0.into_inner(), Ordering::Relaxed);
    }

    /// Whether refcount operations skip this object. The bit is set at creation and never changes.
    #[inline(always)]
    pub fn is_immortal(&self) -> bool {
        self.0.load(Ordering::Relaxed) & IMMORTAL_BIT != 0
    }

    /// Add one reference.
    #[inline(always)]
    pub fn incref(&self) {
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
    pub fn decref(&self) -> bool {
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
        fence(Ordering::Acquire);
        true
    }

    /// Add one reference unless the count reached zero (the object is dying and may not be resurrected).
    #[inline(always)]
    pub fn try_incref(&self) -> bool {
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
            // Relaxed is enough: the reader reached the object through a slot load with Acquire, which pairs
            // with the Release store that published the (fully built) object; the count itself publishes
            // nothing. A successful CAS on a non-zero count means the object was alive, and it cannot be
            // freed while we hold the new reference.
            counters::bump(Counter::AtomicRmw);
            match self.0.compare_exchange_weak(n, n + 1, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => return true,
                Err(cur) => n = cur,
            }
        }
    }

    /// The count (racy: for diagnostics and single-threaded tests).
    #[inline]
    pub fn get(&self) -> usize {
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
