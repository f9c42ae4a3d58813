//! Object memory: `mi_malloc`/`mi_free` with the `mimalloc` feature (CPython 3.13t allocates objects from
//! mimalloc directly, too), the global allocator without it (sanitizer runs). `std`'s `GlobalAlloc` shim for
//! mimalloc always calls `mi_malloc_aligned`, a slower path than `mi_malloc` for the small, 8-aligned layouts
//! of objects; it measured about 10% of an allocation-heavy loop.
//!
//! Memory from [`alloc`] must be returned with [`dealloc`] (never with `std::alloc::dealloc`, whose allocator
//! may differ, e.g. in the library's tests).

use std::alloc::Layout;

/// The alignment `mi_malloc` guarantees for every size (`MI_MAX_ALIGN_SIZE`).
#[cfg(feature = "mimalloc")]
const MI_ALIGN: usize = 16;

/// Allocate `layout` (non-zero size); null on failure.
///
/// # Safety
///
/// `layout.size() > 0`.
#[inline(always)]
pub unsafe fn alloc(layout: Layout) -> *mut u8 {
    #[cfg(feature = "mimalloc")]
    {
        if layout.align() <= MI_ALIGN {
            // SAFETY: `mi_malloc` accepts any size and returns memory aligned to `MI_ALIGN` or null.
            unsafe { libmimalloc_sys::mi_malloc(layout.size()).cast() }
        } else {
            // SAFETY: as above, with an explicit alignment.
            unsafe { libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()).cast() }
        }
    }
    #[cfg(not(feature = "mimalloc"))]
    {
        // SAFETY: the caller guarantees a non-zero size.
        unsafe { std::alloc::alloc(layout) }
    }
}

/// Free memory from [`alloc`].
///
/// # Safety
///
/// `ptr` came from [`alloc`] with this `layout` and is freed once.
#[inline(always)]
pub unsafe fn dealloc(ptr: *mut u8, layout: Layout) {
    #[cfg(feature = "mimalloc")]
    {
        let _ = layout;
        // SAFETY: `ptr` came from `mi_malloc`/`mi_malloc_aligned` (caller's contract).
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }
    #[cfg(not(feature = "mimalloc"))]
    {
        // SAFETY: `ptr` came from `std::alloc::alloc(layout)` (caller's contract).
        unsafe { std::alloc::dealloc(ptr, layout) }
    }
}

/// The allocator objects come from: `mimalloc` or `system`.
pub const ALLOCATOR: &str = if cfg!(feature = "mimalloc") { "mimalloc" } else { "system" };

/// mimalloc's version as `major.minor.patch` (from `mi_version`), when it is the allocator.
pub fn mimalloc_version() -> Option<String> {
    #[cfg(feature = "mimalloc")]
    {
        // SAFETY: `mi_version` takes no arguments, has no preconditions and only returns a constant.
        let v = unsafe { libmimalloc_sys::mi_version() };
        // `MI_MALLOC_VERSION`: major·10000 + minor·100 + patch (30302 is 3.3.2).
        Some(format!("{}.{}.{}", v / 10000, (v / 100) % 100, v % 100))
    }
    #[cfg(not(feature = "mimalloc"))]
    {
        None
    }
}
