//! The container-lock behaviour ([`ContainerLock`]) and its guards.

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
    /// The lock excludes other threads (`NoLock` does not: a GIL or not sharing must).
    const EXCLUDES: bool = true;
    /// Whether the process's contention policy ([`LockPolicy`](crate::strategy::parts::lock::policy::LockPolicy)) applies to this lock.
    const POLICIES: bool = false;
    /// Block until this thread holds the lock.
    fn lock(&self);
    /// Release the lock.
    ///
    /// # Safety
    ///
    /// The calling thread holds the lock.
    unsafe fn unlock(&self);
    /// Block until this thread holds the lock for reading. A reader-writer lock lets several readers hold
    /// it at once (never together with a writer); a mutex takes it exclusively (the default).
    #[inline(always)]
    fn lock_shared(&self) {
        self.lock();
    }
    /// Release a read hold.
    ///
    /// # Safety
    ///
    /// The calling thread holds the lock for reading (from [`ContainerLock::lock_shared`]).
    #[inline(always)]
    unsafe fn unlock_shared(&self) {
        // SAFETY: forwarded contract; the default `lock_shared` took the lock exclusively.
        unsafe { self.unlock() }
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

/// Holds a [`ContainerLock`] for reading until dropped.
#[must_use = "the lock is released when the guard is dropped"]
#[derive(Debug)]
pub struct SharedGuard<'a, L: ContainerLock>(&'a L);

impl<'a, L: ContainerLock> SharedGuard<'a, L> {
    /// Take `lock` for reading and hold it for the guard's lifetime.
    #[inline]
    pub fn new(lock: &'a L) -> Self {
        lock.lock_shared();
        SharedGuard(lock)
    }
}

impl<L: ContainerLock> Drop for SharedGuard<'_, L> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: the guard was created by `new`, which took a read hold, and is dropped once.
        unsafe { self.0.unlock_shared() }
    }
}
