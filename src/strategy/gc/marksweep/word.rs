//! `tracing` header: no reference count. The word a count would take holds the collector's bookkeeping:
//! the link of the owning thread's object list, and two flag bits.
//!
//! ```text
//!  63                                              3  2  1  0
//! +-------------------------------------------------+--+--+--+
//! |       next object in the owning list (>> 3)     | 0|ST|MK|
//! +-------------------------------------------------+--+--+--+
//! ```
//!
//! - `MK` (mark): set by the mark phase on every object it reaches, cleared by the sweep on survivors.
//! - `ST` (static): a shared singleton (`None`, small ints, interned strings): never listed, never marked,
//!   never freed (the `immortal` of the other designs).
//! - The link: objects are at least 8-aligned, so a pointer leaves the low three bits free. Every object
//!   sits in exactly one list (its allocating thread's, or the runtime's orphans after that thread
//!   exits), which the sweep walks to find what the mark did not reach.
//!
//! Only the owning thread writes the link (at allocation) and only the collector rewrites it (sweep), with
//! every other thread stopped; the mark bit is set with an RMW so that marking could run on several threads.

use crate::object::Obj;
use crate::strategy::{Counting, RefCount};
use crate::sync::{AtomicUsize, Ordering};

use crate::strategy::designs::Tracing;

/// Set on objects the current mark reached.
pub const MARK: usize = 1;
/// Set on shared singletons, which the collector never frees.
pub const STATIC: usize = 2;
const FLAGS: usize = 7;

/// The collector's word in every header.
#[derive(Debug)]
pub struct TraceWord(AtomicUsize);

// SAFETY: there are no counts: `decref` never returns `true`, so the object layer never frees an object;
// only the collector does, and only objects no root reaches with every other thread stopped. `try_incref`
// always succeeds, which is sound because a reachable object is never freed and a reader's pointer is only
// used between safepoints, where no collection can run. Shared singletons are flagged static and never
// freed.
unsafe impl RefCount for TraceWord {
    const COUNTING: Counting = Counting::None;

    /// An unlisted, unmarked object.
    #[inline(always)]
    fn new() -> Self {
        Self(AtomicUsize::new(0))
    }
    /// A shared singleton.
    #[inline]
    fn immortal() -> Self {
        Self(AtomicUsize::new(STATIC))
    }
    #[inline(always)]
    fn incref(&self) {}
    #[inline(always)]
    fn decref(&self) -> bool {
        false
    }
    #[inline(always)]
    fn try_incref(&self) -> bool {
        true
    }
    fn get(&self) -> usize {
        1
    }
    #[inline]
    fn is_immortal(&self) -> bool {
        self.is_static()
    }
}

impl TraceWord {
    /// Whether this object is a shared singleton.
    #[inline(always)]
    pub fn is_static(&self) -> bool {
        self.0.load(Ordering::Relaxed) & STATIC != 0
    }

    /// Whether the current mark reached this object.
    #[inline]
    pub fn is_marked(&self) -> bool {
        self.0.load(Ordering::Relaxed) & MARK != 0
    }

    /// Mark the object; `true` if this call marked it (it was neither marked nor static). Relaxed: the
    /// world is stopped, and the collector's threads meet at the end of marking through the world lock.
    #[inline]
    pub fn mark(&self) -> bool {
        let w = self.0.load(Ordering::Relaxed);
        if w & (MARK | STATIC) != 0 {
            return false;
        }
        self.0.fetch_or(MARK, Ordering::Relaxed) & MARK == 0
    }

    /// The next object of the list this one is in.
    #[inline]
    pub fn next(&self) -> *mut Obj<Tracing> {
        (self.0.load(Ordering::Relaxed) & !FLAGS) as *mut Obj<Tracing>
    }

    /// Link this (unmarked) object in front of `next`. Relaxed: the list is owned by one thread at a time,
    /// and ownership changes hands only through the world lock.
    #[inline(always)]
    pub fn set_next(&self, next: *mut Obj<Tracing>) {
        debug_assert_eq!(next as usize & FLAGS, 0, "objects are 8-aligned");
        self.0.store(next as usize, Ordering::Relaxed);
    }
}

impl Default for TraceWord {
    fn default() -> Self {
        Self::new()
    }
}

/// The header size, pinned as for every strategy: the collector's word plus the vtable pointer.
const _: () = assert!(std::mem::size_of::<Obj<Tracing>>() == 16);
