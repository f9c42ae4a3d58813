//! `gil` header: a plain, non-atomic reference count, as in CPython ≤ 3.12.
//!
//! ```text
//!  63 62 61                                                0
//! +--+--+---------------------------------------------------+
//! | 0|IM|                    count                          |
//! +--+--+---------------------------------------------------+
//! ```
//!
//! `IM` marks an immortal object (PEP 683): incref and decref leave it alone, so shared singletons are never
//! written. A real count cannot reach bit 62 (it would need 2^62 live references).

use crate::strategy::{Counting, RefCount};
use crate::sync::Cell;

/// Bit that marks an immortal count.
pub const IMMORTAL_BIT: usize = 1 << (usize::BITS - 2);

/// The count word. A `Cell`, not an atomic: the GIL serializes every access, and sanitizers see any access
/// that breaks that protocol as the data race it is.
#[derive(Debug)]
pub struct PlainRc(Cell<usize>);

// SAFETY: `PlainRc` is only touched by the thread holding the GIL (the `gil` strategy's attach protocol), or by
// one thread at a time in single-threaded use; immortal counts are only read, never written.
unsafe impl Sync for PlainRc {}

// SAFETY: (1, 2) the count is exact, immortal counts are never written, and `try_incref` fails at zero;
// a plain count is sound only where one thread at a time touches it (trait contract 3: the GIL).
unsafe impl RefCount for PlainRc {
    const COUNTING: Counting = Counting::Plain;

    /// A count of one.
    #[inline]
    fn new() -> Self {
        PlainRc(Cell::new(1))
    }

    /// An immortal count.
    #[inline]
    fn immortal() -> Self {
        PlainRc(Cell::new(IMMORTAL_BIT))
    }

    /// Whether refcount operations skip this object.
    #[inline(always)]
    fn is_immortal(&self) -> bool {
        self.0.get() & IMMORTAL_BIT != 0
    }

    /// Add one reference.
    #[inline(always)]
    fn incref(&self) {
        let n = self.0.get();
        if n & IMMORTAL_BIT == 0 {
            self.0.set(n + 1);
        }
    }

    /// Remove one reference; `true` when it was the last.
    #[inline(always)]
    fn decref(&self) -> bool {
        let n = self.0.get();
        if n & IMMORTAL_BIT != 0 {
            return false;
        }
        debug_assert!(n > 0, "decref of a dead object");
        self.0.set(n - 1);
        n == 1
    }

    /// Add one reference unless the count reached zero.
    #[inline(always)]
    fn try_incref(&self) -> bool {
        let n = self.0.get();
        if n == 0 {
            return false;
        }
        self.incref();
        true
    }

    /// The count (immortal objects report the marker value).
    #[inline]
    fn get(&self) -> usize {
        self.0.get()
    }
}

impl Default for PlainRc {
    fn default() -> Self {
        Self::new()
    }
}
