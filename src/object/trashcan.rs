//! Bounded-depth freeing, after CPython's "trashcan" (`Py_TRASHCAN_BEGIN`).
//!
//! Dropping a container drops its children, which may drop theirs, and so on: freeing a linked structure
//! a million levels deep would recurse a million frames and overflow the stack. Past a fixed nesting depth
//! the free is instead queued on a per-thread list, and the outermost free on the thread drains the list
//! iteratively. Leaf objects (ints, floats, strs) cannot nest and skip this entirely.

use crate::sync::Cell;
use std::cell::RefCell;

/// Nesting depth after which frees are queued instead of run.
const MAX_DEPTH: u32 = 64;

/// A type-erased deferred free: the object and the function that frees it.
type Deferred = (*mut u8, unsafe fn(*mut u8));

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    static PENDING: RefCell<Vec<Deferred>> = const { RefCell::new(Vec::new()) };
}

/// Run `destroy(obj)` now, or queue it if this thread is already `MAX_DEPTH` frees deep.
///
/// # Safety
///
/// `destroy(obj)` is sound to call once, on this thread, at any later point before this thread's outermost
/// free returns.
pub(crate) unsafe fn free(obj: *mut u8, destroy: unsafe fn(*mut u8)) {
    let depth = DEPTH.get();
    if depth >= MAX_DEPTH {
        PENDING.with_borrow_mut(|p| p.push((obj, destroy)));
        return;
    }
    DEPTH.set(depth + 1);
    // SAFETY: the caller's contract.
    unsafe { destroy(obj) };
    if depth == 0 {
        // The outermost free drains what deeper frees queued; each may queue more.
        while let Some((o, d)) = PENDING.with_borrow_mut(Vec::pop) {
            // SAFETY: queued above under the same contract, and run exactly once here.
            unsafe { d(o) };
        }
    }
    DEPTH.set(depth);
}
