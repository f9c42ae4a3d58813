//! The memory behaviour: where object memory comes from and when freed memory is given back
//! ([`Memory`]).

use std::alloc::Layout;

/// Memory for a new object, from [`Memory::alloc_object`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectMemory {
    /// Fresh from the allocator (null on failure): nothing else can see it.
    Fresh(*mut u8),
    /// A dead object's memory of the same layout, which racing lock-free readers may still reach: its count
    /// must be set with [`RefCount::reinit`](super::RefCount::reinit), after the rest of the object.
    Recycled(*mut u8),
}

/// Allocation, freeing and retirement of object memory, item arrays and dict tables.
///
/// Implemented in [`parts`](crate::strategy::parts): `Immediate`, `Epoch` and `TypeStable`.
///
/// # Safety
///
/// `retire(p, free)` calls `free(p)` exactly once, and, under a design with lock-free reads, only after
/// every thread that was attached when `retire` was called has passed a safepoint or detached (the
/// design's [`Threads`](super::Threads) protocol must then repin at safepoints). Without lock-free reads it
/// may call `free` at once. `free_object` may instead keep a dead object's memory and return it from a
/// later `alloc_object` for the same layout as [`ObjectMemory::Recycled`] (type-stable memory, see
/// [`recycle`](crate::strategy::parts::recycle)), provided the design's count type fails `try_incref` on
/// the dead object's count and succeeds on a recycled one only once `reinit` gave it a live count.
pub unsafe trait Memory: 'static {
    /// `retire` frees at once (a design's `CONSTRAINTS.reclaim` is then `Immediate`).
    const AT_ONCE: bool = false;

    /// Allocate an object's memory. Type-stable memory may return a dead object's memory
    /// ([`ObjectMemory::Recycled`]); the default always allocates.
    #[inline(always)]
    fn alloc_object(layout: Layout) -> ObjectMemory {
        // SAFETY: object layouts have a header, so a non-zero size.
        ObjectMemory::Fresh(unsafe { crate::strategy::parts::heap::alloc(layout) })
    }

    /// Free a dead object's memory: its payload is dropped and its count says dead. The default retires it.
    ///
    /// # Safety
    ///
    /// As for [`Memory::retire`]; `ptr` heads an object of `layout` with its header intact.
    #[inline(always)]
    unsafe fn free_object(ptr: *mut u8, layout: Layout, free: unsafe fn(*mut u8)) {
        let _ = layout;
        // SAFETY: forwarded contract.
        unsafe { Self::retire(ptr, free) }
    }

    /// Hand memory that racing readers may still reference to the reclamation scheme.
    ///
    /// # Safety
    ///
    /// `ptr` is no longer reachable from any shared location, nobody else will retire it, and `free(ptr)`
    /// is sound to call once from any thread.
    unsafe fn retire(ptr: *mut u8, free: unsafe fn(*mut u8));
}
