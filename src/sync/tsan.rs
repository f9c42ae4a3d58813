//! Mutex and condition variable for ThreadSanitizer builds (`--cfg gilfree_tsan`, set by `.ci/sanitize`).
//!
//! std's `Mutex` and `Condvar` synchronize inside the prebuilt standard library, which is not instrumented,
//! so TSan sees none of the happens-before edges they create and reports every access they protect as a
//! race. These wrappers give the same API (the `LockResult`s never carry a poisoned guard) over
//! parking_lot's `Mutex` and `Condvar`, whose atomics are compiled with the crate and so instrumented. The
//! protocols built on them are unchanged; only the primitive underneath is one TSan can see.

use std::ops::{Deref, DerefMut};
use std::sync::LockResult;
use std::time::Duration;

/// `std::sync::Mutex`'s API over `parking_lot::Mutex`.
#[derive(Debug, Default)]
pub struct Mutex<T>(parking_lot::Mutex<T>);

/// The guard of [`Mutex`].
#[derive(Debug)]
pub struct MutexGuard<'a, T>(parking_lot::MutexGuard<'a, T>);

impl<T> Mutex<T> {
    /// A new unlocked mutex.
    pub const fn new(value: T) -> Self {
        Mutex(parking_lot::const_mutex(value))
    }

    /// Lock, blocking (never poisoned).
    pub fn lock(&self) -> LockResult<MutexGuard<'_, T>> {
        Ok(MutexGuard(self.0.lock()))
    }

    /// Lock if free.
    pub fn try_lock(&self) -> std::sync::TryLockResult<MutexGuard<'_, T>> {
        self.0.try_lock().map(MutexGuard).ok_or(std::sync::TryLockError::WouldBlock)
    }

    /// The value, through a unique borrow.
    pub fn get_mut(&mut self) -> LockResult<&mut T> {
        Ok(self.0.get_mut())
    }

    /// The value, consuming the mutex.
    pub fn into_inner(self) -> LockResult<T> {
        Ok(self.0.into_inner())
    }
}

impl<T> Deref for MutexGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

/// Whether a timed wait timed out (std's type cannot be built outside std).
#[derive(Debug, Clone, Copy)]
pub struct WaitTimeoutResult(bool);

impl WaitTimeoutResult {
    /// Whether the wait ended by timing out.
    pub fn timed_out(&self) -> bool {
        self.0
    }
}

/// `std::sync::Condvar`'s API over `parking_lot::Condvar`.
#[derive(Debug, Default)]
pub struct Condvar(parking_lot::Condvar);

impl Condvar {
    /// A new condition variable.
    pub const fn new() -> Self {
        Condvar(parking_lot::Condvar::new())
    }

    /// Wait for a notification.
    pub fn wait<'a, T>(&self, mut guard: MutexGuard<'a, T>) -> LockResult<MutexGuard<'a, T>> {
        self.0.wait(&mut guard.0);
        Ok(guard)
    }

    /// Wait until `condition` is false.
    pub fn wait_while<'a, T>(
        &self,
        mut guard: MutexGuard<'a, T>,
        mut condition: impl FnMut(&mut T) -> bool,
    ) -> LockResult<MutexGuard<'a, T>> {
        while condition(&mut guard) {
            self.0.wait(&mut guard.0);
        }
        Ok(guard)
    }

    /// Wait for a notification or `dur`.
    pub fn wait_timeout<'a, T>(
        &self,
        mut guard: MutexGuard<'a, T>,
        dur: Duration,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        let r = self.0.wait_for(&mut guard.0, dur);
        Ok((guard, WaitTimeoutResult(r.timed_out())))
    }

    /// Wake one waiter.
    pub fn notify_one(&self) {
        self.0.notify_one();
    }

    /// Wake every waiter.
    pub fn notify_all(&self) {
        self.0.notify_all();
    }
}
