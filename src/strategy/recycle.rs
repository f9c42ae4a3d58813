//! Type-stable object memory for the strategies with lock-free reads (`atomic`, `biased`): a dead object's
//! memory is reused at once for the next object of the same size on the same thread, instead of waiting
//! for an epoch.
//!
//! This is how CPython's free-threaded build makes lock-free reads affordable (PEP 703, "Mimalloc Page
//! Reuse"): objects are freed to mimalloc immediately, and only a *page* changing size class waits for QSBR,
//! so an address that once held an object keeps holding an object header of the same layout. A racing
//! reader's `try_incref` then reads a count word that is either the dead object's (zero: it fails) or a new
//! object's; in the second case it re-validates the slot, finds another pointer (or the new object, which it
//! may keep) and drops the reference it took, a correct count operation on the new object.
//!
//! Retiring every dead object through crossbeam-epoch instead (the first design) kept freed memory out of
//! use until every thread had passed a safepoint and a collection ran: on allocation-heavy code (`nbody`,
//! `float`) `atomic` and `biased` ran 3× slower than `gil` single-threaded, and freeing objects at once
//! (unsoundly, as a measurement only) removed almost all of that (`papers/results/README.md`).
//!
//! What keeps it sound:
//!
//! - Memory leaves a thread's pool only to be reused as an object of the same layout (the count field stays
//!   at offset 0 with the same type), or through [`reclaim::retire`] when the pool is full or the thread
//!   exits, after which no reader pinned before can still see it.
//! - A dead object's count says "dead" to `try_incref` (`atomic`: zero; `biased`: a shared count of zero or
//!   `MERGED`, and an owner id that only the freeing thread, the pool's owner, can carry).
//! - Recycled memory gets its new count with atomic stores ([`Strategy::rc_reinit`]), after its vtable and
//!   payload, which no reader touches before it holds a reference.
//!
//! Sanitizer builds (without the `mimalloc` feature) do not recycle: every dead object goes through the
//! epoch and back to the allocator, so ASan sees each free.
//!
//! [`Strategy::rc_reinit`]: super::Strategy::rc_reinit

use std::alloc::Layout;
use std::cell::RefCell;
use std::thread::LocalKey;

use super::ObjectMemory;
use super::atomic::reclaim;

/// Whether dead objects' memory is recycled (off in sanitizer builds, see the module docs).
pub const ENABLED: bool = cfg!(feature = "mimalloc");

/// Pool granularity: object sizes are multiples of 8.
const GRANULE: usize = 8;
/// Size classes kept: 8 to 256 bytes (every built-in object; larger ones go through the epoch).
const CLASSES: usize = 32;
/// Dead objects kept per size class and thread before further ones go through the epoch: enough to absorb
/// the temporaries of an inner loop, small enough that a thread holds at most a few hundred KiB.
const CAP: usize = 512;

/// A dead object's memory and the function that returns it to the allocator.
type Dead = (*mut u8, unsafe fn(*mut u8));

/// One thread's pools of dead objects' memory, by size class.
#[derive(Debug)]
pub struct Pools {
    classes: [Vec<Dead>; CLASSES],
}

impl Pools {
    /// Empty pools.
    pub const fn new() -> Self {
        Pools { classes: [const { Vec::new() }; CLASSES] }
    }

    fn class(layout: Layout) -> Option<usize> {
        let size = layout.size();
        (ENABLED
            && layout.align() <= GRANULE
            && size.is_multiple_of(GRANULE)
            && (GRANULE..=GRANULE * CLASSES).contains(&size))
        .then(|| size / GRANULE - 1)
    }
}

impl Default for Pools {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Pools {
    fn drop(&mut self) {
        // Thread exit: hand everything to the epoch (readers on other threads may still hold pointers).
        for class in &mut self.classes {
            for (ptr, free) in class.drain(..) {
                // SAFETY: the memory is a dead object's, unreachable, in one pool once, and `free` is its
                // allocation's (`give`'s contract).
                unsafe { reclaim::retire(ptr, free) };
            }
        }
    }
}

/// A thread-local pool set; each recycling strategy has its own, so no memory moves between strategies.
pub type PoolKey = LocalKey<RefCell<Pools>>;

/// Memory for an object of `layout`: the most recently freed dead object of that size on this thread, or
/// fresh memory.
#[inline(always)]
pub fn take(pools: &'static PoolKey, layout: Layout) -> ObjectMemory {
    if let Some(class) = Pools::class(layout) {
        // `try_with`: during thread teardown the pools may be gone.
        if let Ok(Some((ptr, _))) = pools.try_with(|p| p.borrow_mut().classes[class].pop()) {
            return ObjectMemory::Recycled(ptr);
        }
    }
    // SAFETY: object layouts have a header, so a non-zero size.
    ObjectMemory::Fresh(unsafe { super::heap::alloc(layout) })
}

/// Keep a dead object's memory for reuse, or retire it when the pool is full.
///
/// # Safety
///
/// `ptr` heads a dead object of `layout` whose count field says dead to `try_incref` (its payload dropped,
/// its header intact), unreachable from shared memory, given once; `free(ptr)` returns it to the allocator
/// and is sound on any thread.
#[inline(always)]
pub unsafe fn give(pools: &'static PoolKey, ptr: *mut u8, layout: Layout, free: unsafe fn(*mut u8)) {
    // Under the tests' epoch stress every dead object goes through the epoch.
    if let Some(class) = Pools::class(layout).filter(|_| !reclaim::stressed()) {
        let kept = pools.try_with(|p| {
            let mut p = p.borrow_mut();
            let pool = &mut p.classes[class];
            if pool.len() < CAP {
                if pool.capacity() == 0 {
                    pool.reserve_exact(CAP);
                }
                pool.push((ptr, free));
                true
            } else {
                false
            }
        });
        if kept == Ok(true) {
            return;
        }
    }
    // SAFETY: forwarded contract.
    unsafe { reclaim::retire(ptr, free) }
}

/// The three `Strategy` methods of a recycling strategy: `alloc_object`, `free_object` and `rc_reinit`
/// over the thread-local pools `$pools` (a `thread_local!` [`Pools`] of the strategy's own) for count type
/// `$rc`, which must have a `reinit(&self, fresh)` that stores atomically and a dead state that fails
/// `try_incref` (this module's docs).
macro_rules! type_stable_memory {
    ($pools:ident, $rc:ty) => {
        #[inline(always)]
        fn alloc_object(layout: ::std::alloc::Layout) -> $crate::strategy::ObjectMemory {
            $crate::strategy::recycle::take(&$pools, layout)
        }

        #[inline(always)]
        unsafe fn free_object(ptr: *mut u8, layout: ::std::alloc::Layout, free: unsafe fn(*mut u8)) {
            // SAFETY: forwarded contract; a dead count of this type fails `try_incref` (see `recycle`).
            unsafe { $crate::strategy::recycle::give(&$pools, ptr, layout, free) }
        }

        #[inline(always)]
        unsafe fn rc_reinit(rc: *mut $rc, fresh: $rc) {
            // SAFETY: `rc` is the (dead or fresh) count field of memory from `alloc_object` (caller's
            // contract).
            unsafe { (*rc).reinit(fresh) }
        }
    };
}
pub(crate) use type_stable_memory;

#[cfg(test)]
mod tests {
    //! Type-stable memory under `atomic` and `biased`: reuse, dead counts, and a stale reader meeting both.
    //! (The concurrent race test, `object::race_tests`, replaces probes with probes of the same size, so its
    //! readers meet recycled memory too.)

    use super::ENABLED;
    use crate::object::probe::{Probe, ProbeLog};
    use crate::object::{Float, ObjRef, float_obj};
    use crate::strategy::atomic::Atomic;
    use crate::strategy::biased::Biased;
    use crate::strategy::{Runtime, Strategy};

    /// A dead float's memory becomes the next float, with a fresh count and its own value; a probe's dead
    /// memory becomes the next probe, and the dead one was dropped exactly once.
    fn reuses_dead_memory<S: Strategy>() {
        let _pools_on = crate::strategy::atomic::reclaim::unstressed();
        let rt = Runtime::<S>::default();
        let mut th = rt.thread();
        let _at = th.attach();
        let a = float_obj::<S>(1.5);
        let addr = a.as_ptr();
        drop(a);
        let b = float_obj::<S>(2.5);
        assert_eq!(b.as_ptr() == addr, ENABLED, "recycled exactly when recycling is on");
        assert_eq!(b.refcount(), 1);
        assert_eq!(b.downcast::<Float>().map(|f| f.0), Some(2.5));
        let log = ProbeLog::new(2);
        let p = ObjRef::<S>::new(Probe::new(0, &log));
        let paddr = p.as_ptr();
        drop(p);
        let q = ObjRef::<S>::new(Probe::new(1, &log));
        assert_eq!(q.as_ptr() == paddr, ENABLED);
        assert_eq!((log.drops(0), log.drops(1)), (1, 0));
        drop(q);
        assert_eq!(log.drops(1), 1);
    }

    #[test]
    fn atomic_reuses_dead_memory() {
        reuses_dead_memory::<Atomic>();
    }

    #[test]
    fn biased_reuses_dead_memory() {
        reuses_dead_memory::<Biased>();
    }

    /// A reader on another thread holding a stale pointer: `try_incref` fails on the dead object in the
    /// pool, and once the memory is a new live object a successful `try_incref` counts on the new object
    /// (the reader then drops it again, as the slot protocol does after re-validating).
    fn stale_reader<S: Strategy>() {
        let _pools_on = crate::strategy::atomic::reclaim::unstressed();
        let rt = Runtime::<S>::default();
        let mut th = rt.thread();
        let _at = th.attach();
        let log = ProbeLog::new(2);
        let a = ObjRef::<S>::new(Probe::new(0, &log));
        let stale = a.as_ptr().as_ptr() as usize;
        drop(a);
        let reader = |expect_dead: bool| {
            std::thread::scope(|s| {
                s.spawn(|| {
                    let mut rth = rt.thread();
                    let _rat = rth.attach();
                    // SAFETY: the memory stays allocated: it is in the writer's pool, or a live object.
                    let obj = unsafe { &*(stale as *const crate::object::Obj<S>) };
                    let got = S::try_incref(obj.rc());
                    if expect_dead {
                        assert!(!got, "try_incref succeeded on a dead object");
                    } else if got {
                        // SAFETY: the reference just taken.
                        drop(unsafe { ObjRef::from_raw(std::ptr::NonNull::from(obj)) });
                    }
                });
            });
        };
        reader(true);
        let b = ObjRef::<S>::new(Probe::new(1, &log));
        reader(false);
        assert_eq!(b.refcount(), 1, "the reader's reference was counted and dropped on the new object");
        drop(b);
        assert_eq!((log.drops(0), log.drops(1)), (1, 1));
    }

    #[test]
    fn atomic_stale_reader_meets_dead_then_recycled_memory() {
        stale_reader::<Atomic>();
    }

    #[test]
    fn biased_stale_reader_meets_dead_then_recycled_memory() {
        stale_reader::<Biased>();
    }
}
