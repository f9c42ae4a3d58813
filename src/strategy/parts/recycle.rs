//! Type-stable object memory ([`TypeStable`]) for the designs with lock-free reads and counts (`atomic`, `biased`): a dead object's
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
//! - Recycled memory gets its new count with atomic stores ([`RefCount::reinit`]), after its vtable and
//!   payload, which no reader touches before it holds a reference.
//!
//! Sanitizer builds (without the `mimalloc` feature) do not recycle: every dead object goes through the
//! epoch and back to the allocator, so ASan sees each free.
//!

use std::alloc::Layout;
use std::cell::RefCell;
use std::thread::LocalKey;

use super::epoch as reclaim;
use super::rc::{AtomicRc, BiasedRc};
use crate::strategy::{Memory, ObjectMemory, RefCount};

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

/// A count type whose dead objects' memory may be reused type-stably: its dead state fails `try_incref`
/// from every thread that could race with the reuse, and [`RefCount::reinit`] stores atomically. Each has
/// its own thread-local pools, so memory never moves between count types.
pub trait Recyclable: RefCount {
    /// This count type's pools on the calling thread.
    fn pools() -> &'static PoolKey;
}

impl Recyclable for AtomicRc {
    fn pools() -> &'static PoolKey {
        thread_local! {
            static POOLS: RefCell<Pools> = const { RefCell::new(Pools::new()) };
        }
        &POOLS
    }
}

impl Recyclable for BiasedRc {
    fn pools() -> &'static PoolKey {
        thread_local! {
            static POOLS: RefCell<Pools> = const { RefCell::new(Pools::new()) };
        }
        &POOLS
    }
}

/// Type-stable object memory for count type `R`: dead objects' memory reused on the freeing thread, the
/// rest (arrays, tables, overflow) retired through the epoch.
#[derive(Debug)]
pub struct TypeStable<R>(std::marker::PhantomData<R>);

// SAFETY: `retire` defers to the epoch (its contract); `free_object` keeps a dead object only for an
// `alloc_object` of the same layout on the same thread, whose count type `R` fails `try_incref` on the dead
// count and gets its new count through `reinit` (`Recyclable`'s contract).
unsafe impl<R: Recyclable> Memory for TypeStable<R> {
    #[inline(always)]
    fn alloc_object(layout: Layout) -> ObjectMemory {
        take(R::pools(), layout)
    }

    #[inline(always)]
    unsafe fn free_object(ptr: *mut u8, layout: Layout, free: unsafe fn(*mut u8)) {
        // SAFETY: forwarded contract; a dead count of this type fails `try_incref` (module docs).
        unsafe { give(R::pools(), ptr, layout, free) }
    }

    #[inline]
    unsafe fn retire(ptr: *mut u8, free: unsafe fn(*mut u8)) {
        // SAFETY: forwarded contract.
        unsafe { reclaim::retire(ptr, free) }
    }
}

#[cfg(test)]
mod tests {
    //! Type-stable memory under `atomic` and `biased`: reuse, dead counts, and a stale reader meeting both.
    //! (The concurrent race test, `object::tests::races`, replaces probes with probes of the same size, so its
    //! readers meet recycled memory too.)

    use super::ENABLED;
    use crate::object::probe::{Probe, ProbeLog};
    use crate::object::{Float, ObjRef, float_obj};
    use crate::strategy::designs::{Atomic, Biased};
    use crate::strategy::{RefCount, Runtime, Strategy};

    /// A dead float's memory becomes the next float, with a fresh count and its own value; a probe's dead
    /// memory becomes the next probe, and the dead one was dropped exactly once.
    fn reuses_dead_memory<S: Strategy>() {
        let _pools_on = crate::strategy::parts::epoch::unstressed();
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
        let _pools_on = crate::strategy::parts::epoch::unstressed();
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
                    let got = obj.rc().try_incref();
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
