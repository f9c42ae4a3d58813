//! Per-container locks: the lock a design puts in every list, dict and cell ([`ContainerLock`]
//! implementations): none, a one-byte mutex with a contention policy ([`policy`]), a reader-writer lock.

pub mod policy;

use self::policy::PolicyMutex;
use crate::strategy::ContainerLock;
use crate::strategy::counters::{self, Counter};
use crate::sync::{ParkingRawRwLock, RawRwLockApi};

/// No lock at all: for strategies where a GIL (or not sharing) already serializes container access.
#[derive(Debug)]
pub struct NoLock;

// SAFETY: only strategies that serialize all object access by other means use `NoLock` (trait contract 5
// of `Strategy`), so mutual exclusion holds without a lock.
unsafe impl ContainerLock for NoLock {
    const INIT: Self = NoLock;
    const EXCLUDES: bool = false;
    #[inline(always)]
    fn lock(&self) {}
    #[inline(always)]
    unsafe fn unlock(&self) {}
}

/// A one-byte lock that, by default, spins briefly and then parks: parking_lot's `RawMutex` algorithm, the
/// WebKit ParkingLot design that CPython's free-threaded `PyMutex` follows, with the process's contention
/// policy ([`super::mutex`]). Uncontended lock and unlock are one CAS each.
pub struct ParkingLock(PolicyMutex);

impl std::fmt::Debug for ParkingLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_locked() { "ParkingLock(locked)" } else { "ParkingLock(unlocked)" })
    }
}

// SAFETY: `PolicyMutex` is a mutex under every policy: acquire on lock, release on unlock.
unsafe impl ContainerLock for ParkingLock {
    const INIT: Self = ParkingLock(PolicyMutex::new());
    const POLICIES: bool = true;
    #[inline]
    fn lock(&self) {
        if !counted_try(|| self.0.try_lock()) {
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

/// A reader-writer lock with parking: parking_lot's `RawRwLock` (one word). Gilectomy measured an RW lock on
/// str-keyed dicts cutting CPU time by about 20%, and RustPython puts an `RwLock` in every container; the
/// `locks-rw` strategy uses it so that readers of one container do not exclude each other (they still
/// write its lock word, one RMW to take and one to release).
pub struct ParkingRwLock(ParkingRawRwLock);

impl std::fmt::Debug for ParkingRwLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_locked() { "ParkingRwLock(locked)" } else { "ParkingRwLock(unlocked)" })
    }
}

// SAFETY: `parking_lot::RawRwLock`'s exclusive mode is a mutex (acquire on lock, release on unlock), and
// its shared mode excludes the exclusive one with the same ordering.
unsafe impl ContainerLock for ParkingRwLock {
    const INIT: Self = ParkingRwLock(<ParkingRawRwLock as RawRwLockApi>::INIT);
    #[inline]
    fn lock(&self) {
        if !counted_try(|| self.0.try_lock_exclusive()) {
            self.0.lock_exclusive();
        }
    }
    #[inline]
    unsafe fn unlock(&self) {
        counters::bump(Counter::AtomicRmw);
        // SAFETY: the caller holds the lock exclusively (this function's contract).
        unsafe { self.0.unlock_exclusive() }
    }
    #[inline]
    fn lock_shared(&self) {
        if !counted_try(|| self.0.try_lock_shared()) {
            self.0.lock_shared();
        }
    }
    #[inline]
    unsafe fn unlock_shared(&self) {
        counters::bump(Counter::AtomicRmw);
        // SAFETY: the caller holds a read hold (this function's contract).
        unsafe { self.0.unlock_shared() }
    }
}

/// Counted builds only: count an acquisition and try it first (the uncontended fast path is that same
/// CAS), counting it as contended if the try fails. `true` if the try took the lock; timed builds try
/// nothing and return `false`, so the caller takes the lock the ordinary way.
#[inline(always)]
fn counted_try(try_take: impl FnOnce() -> bool) -> bool {
    if !counters::ENABLED {
        return false;
    }
    counters::bump(Counter::LockAcquires);
    counters::bump(Counter::AtomicRmw);
    let took = try_take();
    if !took {
        counters::bump(Counter::LockContended);
    }
    took
}
