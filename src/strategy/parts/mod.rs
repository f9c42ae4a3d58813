//! Mechanisms: the building blocks designs are made of. Nothing here knows objects or designs: each part
//! implements one behaviour trait of the [`seam`](super::seam) (or is a building block of one), and a
//! design ([`designs`](super::designs)) picks one part per behaviour.
//!
//! | part | behaviour | what it is |
//! |---|---|---|
//! | [`rc::PlainRc`] | counting | a non-atomic count with an immortal bit (CPython ≤ 3.12, PEP 683) |
//! | [`rc::AtomicRc`] | counting | a count updated with an atomic RMW on every operation |
//! | [`rc::BiasedRc`] | counting | biased reference counting with merge queues (PEP 703) |
//! | [`lock::NoLock`], [`lock::ParkingLock`], [`lock::ParkingRwLock`] | container locking | none; a one-byte mutex with a contention [`lock::policy`]; a reader-writer lock |
//! | [`Immediate`] | memory | free at once |
//! | [`EpochRetire`] | memory | retire through crossbeam-epoch ([`epoch`]) |
//! | [`recycle::TypeStable`] | memory | reuse dead objects' memory for the same layout, epoch for the rest |
//! | [`Free`] | thread protocol | nothing to do |
//! | [`gil::GilThreads`] | thread protocol | take, yield and drop a GIL ([`gil::GilLock`]) |
//! | [`epoch::EpochThreads`] | thread protocol | pin while attached, repin at safepoints |
//! | [`rc::BiasedThreads`] | thread protocol | as `EpochThreads`, and merge the biased-count queue |
//! | [`heap`] | (allocation) | mimalloc or the system allocator |

pub mod epoch;
pub mod gil;
pub mod heap;
pub mod lock;
pub mod rc;
pub mod recycle;

use super::{Memory, StrategyConfig, Threads};
use crate::sync::Arc;

/// Memory freed at once: no reader can hold an uncounted pointer (a GIL serializes everything, or
/// readers take the container lock and count before unlocking).
#[derive(Debug)]
pub struct Immediate;

// SAFETY: `free` is called once, at once; designs choose this only without lock-free reads (the `Memory`
// contract allows immediate frees there).
unsafe impl Memory for Immediate {
    const AT_ONCE: bool = true;

    #[inline]
    unsafe fn retire(ptr: *mut u8, free: unsafe fn(*mut u8)) {
        // SAFETY: the caller guarantees `free(ptr)` is sound once; nobody can be reading `ptr`.
        unsafe { free(ptr) }
    }
}

/// Memory retired through crossbeam-epoch: freed once every thread attached at retirement has passed a
/// safepoint. Objects are not recycled (mark-sweep frees them itself; only arrays and tables come here).
#[derive(Debug)]
pub struct EpochRetire;

// SAFETY: `retire` defers `free` to the epoch, which the design's thread protocol pins while attached.
unsafe impl Memory for EpochRetire {
    #[inline]
    unsafe fn retire(ptr: *mut u8, free: unsafe fn(*mut u8)) {
        // SAFETY: forwarded contract: `ptr` is unlinked and `free(ptr)` is sound once, from any thread.
        unsafe { epoch::retire(ptr, free) }
    }
}

/// No thread protocol: attach, detach and safepoints have nothing to do (`locks`: every container access
/// takes the container's lock, and memory is freed at once).
#[derive(Debug)]
pub struct Free;

// SAFETY: there is no state, so attach/detach are trivially idempotent; designs choose this only where
// neither a GIL nor an epoch is needed.
unsafe impl Threads for Free {
    type Global = ();
    type Local = ();

    fn new_global(_config: &StrategyConfig) {}

    fn new_local(_global: &Arc<()>) {}

    fn attach(_local: &mut ()) {}

    fn detach(_local: &mut ()) {}

    #[inline(always)]
    fn safepoint(_local: &mut ()) {}
}
