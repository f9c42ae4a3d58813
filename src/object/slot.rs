//! Container slots and the read protocol shared by list, dict and cell.
//!
//! A slot is an `AtomicPtr` holding one owned reference (or null). Writers hold the container's lock and
//! publish with Release stores. How a reader gets an owned reference out depends on the strategy:
//!
//! - GIL: load and incref. Nobody writes concurrently.
//! - `locks_reads`: take the container lock, load and incref.
//! - `lockfree_reads`: the optimistic protocol of CPython's free-threaded build (`_Py_TryXGetRef`):
//!   1. load the pointer (Acquire: pairs with the writer's Release store, so the object is fully built);
//!   2. `try_incref` it, which fails if a writer already dropped the last reference, or when the strategy
//!      cannot tell (then retry, and after a few attempts read under the lock);
//!   3. reload the slot; if it changed, drop the new reference and retry.
//!
//!   Step 2 touches the header of an object that may be dead, or dead and already reused for a new object
//!   of the same size: the strategy keeps that memory an object header (type-stable memory,
//!   [`recycle`](crate::strategy::recycle)) or retires it through an epoch, which the reader (pinned: it
//!   holds `&Attached`) holds back until its next safepoint. A dead count fails `try_incref`; a reused one
//!   succeeds only on the live new object, and step 3 then gives that reference back (or returns the new
//!   object, if it is what the slot holds now).
//!
//! After a few failed optimistic attempts the reader falls back to the lock, so a reader never starves.

use std::alloc::Layout;
use std::ptr::{NonNull, null_mut};

use super::alloc::Obj;
use super::handle::ObjRef;
use crate::strategy::{LockGuard, RefCount, SharedGuard, Strategy};
use crate::sync::{AtomicPtr, AtomicUsize, Ordering};

/// Optimistic attempts before a lock-free reader takes the lock.
const OPTIMISTIC_TRIES: usize = 4;

/// Read a container under the strategy's read protocol: `optimistic` returns `None` to ask for a retry;
/// `locked` runs with the lock held (or with nothing held, under a GIL).
#[inline(always)]
pub(crate) fn read<S: Strategy, R>(
    lock: &S::Lock,
    mut optimistic: impl FnMut() -> Option<R>,
    locked: impl FnOnce() -> R,
) -> R {
    if S::CONSTRAINTS.lockfree_reads() {
        for _ in 0..OPTIMISTIC_TRIES {
            if let Some(r) = optimistic() {
                return r;
            }
        }
        let _guard = LockGuard::new(lock);
        locked()
    } else if S::CONSTRAINTS.locks_reads() {
        // Shared: a reader-writer lock (`locks-rw`) lets readers in together; a mutex takes it exclusively.
        let _guard = SharedGuard::new(lock);
        locked()
    } else {
        locked()
    }
}

/// Under `cfg(test)`, widen the window between loading a slot and `try_incref` on every fourth read, so
/// that concurrent tests actually meet the load-then-incref race (a writer replacing and freeing the item
/// in between). Compiles to nothing outside tests.
#[inline(always)]
fn stress_window() {
    #[cfg(test)]
    {
        thread_local!(static READS: crate::sync::Cell<u32> = const { crate::sync::Cell::new(0) });
        let n = READS.with(|c| {
            c.set(c.get().wrapping_add(1));
            c.get()
        });
        if n.is_multiple_of(4) {
            for _ in 0..(n % 512) {
                std::hint::spin_loop();
            }
        }
    }
}

/// One owned reference or null, in a container.
pub(crate) struct Slot<S: Strategy>(AtomicPtr<Obj<S>>);

impl<S: Strategy> Slot<S> {
    /// A slot owning `v`.
    pub(crate) fn new(v: Option<ObjRef<S>>) -> Self {
        Slot(AtomicPtr::new(v.map_or(null_mut(), |r| r.into_raw().as_ptr())))
    }

    /// The raw pointer, for tracing (no concurrent writer) and identity checks.
    #[inline(always)]
    pub(crate) fn raw(&self) -> *mut Obj<S> {
        self.0.load(Ordering::Relaxed)
    }

    /// The raw pointer with Acquire ordering, for optimistic readers comparing identities.
    #[inline(always)]
    pub(crate) fn load_acquire(&self) -> *mut Obj<S> {
        // Acquire: pairs with the writer's Release store, as in `try_get`.
        self.0.load(Ordering::Acquire)
    }

    /// A new reference to the value, for a reader holding the lock or running under a GIL.
    #[inline(always)]
    pub(crate) fn get_locked(&self) -> Option<ObjRef<S>> {
        let p = NonNull::new(self.0.load(Ordering::Relaxed))?;
        // SAFETY: the slot owns a reference to `p` and no writer can replace it while the caller holds the
        // lock (or the GIL), so `p` is live.
        let obj = unsafe { p.as_ref() };
        obj.rc().incref_locked();
        // SAFETY: we just added the reference the handle owns.
        Some(unsafe { ObjRef::from_raw(p) })
    }

    /// One optimistic read (see the module docs): `Some(v)` on success, `None` to retry.
    ///
    /// # Safety
    ///
    /// The caller is pinned (holds `&Attached` under a strategy with epoch retirement), so any object this
    /// slot pointed to since the pin has valid memory.
    #[inline(always)]
    pub(crate) unsafe fn try_get(&self) -> Option<Option<ObjRef<S>>> {
        // Acquire: pairs with the writer's Release store in `replace`/`init`, so the object it published is
        // fully initialized when we read its header.
        let p = self.0.load(Ordering::Acquire);
        let Some(nn) = NonNull::new(p) else {
            return Some(None);
        };
        stress_window();
        // SAFETY: the memory is valid because the caller is pinned (this function's contract).
        if !unsafe { nn.as_ref() }.rc().try_incref() {
            return None;
        }
        // SAFETY: try_incref succeeded, so we own one reference.
        let owned = unsafe { ObjRef::from_raw(nn) };
        // Acquire, as above: a changed slot is seen no earlier than the store that changed it.
        if self.0.load(Ordering::Acquire) != p {
            return None; // `owned` drops our reference.
        }
        Some(Some(owned))
    }

    /// Store `v`, returning the previous value. The caller holds the container's lock (or the GIL) and
    /// should drop the result after unlocking.
    #[inline(always)]
    pub(crate) fn replace(&self, v: Option<ObjRef<S>>) -> Option<ObjRef<S>> {
        let old = self.0.load(Ordering::Relaxed);
        // Release: publishes `v`'s initialization to readers' Acquire loads in `try_get`.
        self.0.store(v.map_or(null_mut(), |r| r.into_raw().as_ptr()), Ordering::Release);
        // SAFETY: the slot owned a reference to `old`, which it hands to the caller.
        NonNull::new(old).map(|p| unsafe { ObjRef::from_raw(p) })
    }

    /// Store a raw owned pointer without releasing the previous one (moves inside a container).
    #[inline(always)]
    pub(crate) fn set_raw(&self, p: *mut Obj<S>) {
        // Release: as in `replace`.
        self.0.store(p, Ordering::Release);
    }
}

/// A fixed-capacity array of slots in one allocation: `{ cap, slots[cap] }`, CPython's `_PyListArray`.
/// Lists swap whole arrays when they grow; a replaced array is retired, since readers may still index it.
#[repr(C)]
pub(crate) struct SlotArray<S: Strategy> {
    cap: usize,
    slots: [Slot<S>; 0],
}

impl<S: Strategy> SlotArray<S> {
    fn layout(cap: usize) -> Layout {
        Layout::new::<SlotArray<S>>()
            .extend(Layout::array::<Slot<S>>(cap).expect("slot array too large"))
            .expect("slot array too large")
            .0
            .pad_to_align()
    }

    /// A new array of `cap` null slots.
    pub(crate) fn alloc(cap: usize) -> NonNull<SlotArray<S>> {
        let layout = Self::layout(cap);
        // SAFETY: the layout has a header, so a non-zero size.
        let raw = unsafe { crate::strategy::parts::heap::alloc(layout) }.cast::<SlotArray<S>>();
        let Some(ptr) = NonNull::new(raw) else { std::alloc::handle_alloc_error(layout) };
        // SAFETY: fresh allocation of `layout`, which holds the header and `cap` slots after it.
        unsafe {
            (&raw mut (*ptr.as_ptr()).cap).write(cap);
            let first = (&raw mut (*ptr.as_ptr()).slots).cast::<Slot<S>>();
            for i in 0..cap {
                first.add(i).write(Slot(AtomicPtr::new(null_mut())));
            }
        }
        ptr
    }

    /// The number of slots.
    #[inline(always)]
    pub(crate) fn cap(&self) -> usize {
        self.cap
    }

    /// The slots.
    #[inline(always)]
    pub(crate) fn slots(&self) -> &[Slot<S>] {
        // SAFETY: `alloc` initialized `cap` slots right after the header, in the same allocation.
        unsafe { std::slice::from_raw_parts((&raw const self.slots).cast::<Slot<S>>(), self.cap) }
    }

    /// Free an array without touching the references in it (they were moved or released already).
    ///
    /// # Safety
    ///
    /// `ptr` came from [`SlotArray::alloc`], is freed once, and no one uses it afterwards.
    pub(crate) unsafe fn free(ptr: *mut u8) {
        let arr = ptr.cast::<SlotArray<S>>();
        // SAFETY: `arr` is a live array allocated with `layout(cap)` (caller's contract).
        unsafe { crate::strategy::parts::heap::dealloc(ptr, Self::layout((*arr).cap)) }
    }
}

/// An item count that lock-free readers may read while a writer changes it.
pub(crate) type Len = AtomicUsize;
