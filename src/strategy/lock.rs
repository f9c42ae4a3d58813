//! Per-container locks: the lock a strategy puts in every list, dict and cell.

use super::counters::{self, Counter};
use crate::sync::{ParkingRawMutex, RawMutexApi};

/// A mutual-exclusion lock embedded in a container object.
///
/// # Safety
///
/// Between a `lock()` returning and the matching `unlock()`, no other thread's `lock()` returns, unless the
/// strategy using it guarantees by other means that only one thread touches the container (then the
/// implementation may be a no-op, as [`NoLock`] is). `unlock` followed by `lock` on another thread
/// synchronizes (release/acquire) so writes made under the lock are visible to the next holder.
pub unsafe trait ContainerLock: Send + Sync + 'static {
    /// An unlocked lock.
    const INIT: Self;
    /// Block until this thread holds the lock.
    fn lock(&self);
    /// Release the lock.
    ///
    /// # Safety
    ///
    /// The calling thread holds the lock.
    unsafe fn unlock(&self);
}

/// No lock at all: for strategies where a GIL (or not sharing) already serializes container access.
#[derive(Debug)]
pub struct NoLock;

// SAFETY: only strategies that serialize all object access by other means use `NoLock` (trait contract 5
// of `Strategy`), so mutual exclusion holds without a lock.
unsafe impl ContainerLock for NoLock {
    const INIT: Self = NoLock;
    #[inline(always)]
    fn lock(&self) {}
    #[inline(always)]
    unsafe fn unlock(&self) {}
}

/// A one-byte lock that spins briefly and then parks: parking_lot's `RawMutex`, the WebKit ParkingLot
/// design that CPython's free-threaded `PyMutex` follows. Uncontended lock and unlock are one CAS each.
pub struct ParkingLock(ParkingRawMutex);

impl std::fmt::Debug for ParkingLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_locked() { "ParkingLock(locked)" } else { "ParkingLock(unlocked)" })
    }
}

// SAFETY: `parking_lot::RawMutex` is a mutex: acquire on lock, release on unlock.
unsafe impl ContainerLock for ParkingLock {
    const INIT: Self = ParkingLock(<ParkingRawMutex as RawMutexApi>::INIT);
    #[inline]
    fn lock(&self) {
        if counters::ENABLED {
            // Counted builds only: the fast path of `lock` is the CAS `try_lock` does, so trying first
            // changes nothing but lets us see that the lock was held.
            counters::bump(Counter::LockAcquires);
            counters::bump(Counter::AtomicRmw);
            if !self.0.try_lock() {
                counters::bump(Counter::LockContended);
                self.0.lock();
            }
        } else {
            self.0.lock();
        }
    }
    #[inline]
    unsafe fn unlock(&self) {
        counters::bump(Counter::AtomicRmw);
        // SAFETY: the caller holds the lock (this function's contract).
        unsafe { self.0.unlock() }
    }
}

/// Holds a [`ContainerLock`] until dropped.
#[must_use = "the lock is released when the guard is dropped"]
#[derive(Debug)]
pub struct LockGuard<'a, L: ContainerLock>(&'a L);

impl<'a, L: ContainerLock> LockGuard<'a, L> {
    /// Take `lock` and hold it for the guard's lifetime.
    #[inline]
    pub fn new(lock: &'a L) -> Self {
        lock.lock();
        LockGuard(lock)
    }
}

impl<L: ContainerLock> Drop for LockGuard<'_, L> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: the guard was created by `new`, which took the lock, and is dropped once.
        unsafe { self.0.unlock() }
    }
}
