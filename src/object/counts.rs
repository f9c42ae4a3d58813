//! Allocation accounting for tests: a per-thread count of live objects.
//!
//! Under `cfg(test)` every allocation adds one to the allocating thread's count and every free subtracts
//! one from the freeing thread's count, so the sum over the threads of a test is the number of objects that
//! test leaked. Shared singletons are not counted. Outside tests these compile to nothing, so timed runs pay
//! nothing for them.

#[cfg(test)]
thread_local! {
    static LIVE: crate::sync::Cell<i64> = const { crate::sync::Cell::new(0) };
}

/// An object was allocated on this thread.
#[inline(always)]
pub(crate) fn on_alloc() {
    #[cfg(test)]
    LIVE.with(|c| c.set(c.get() + 1));
}

/// An object was freed on this thread.
#[inline(always)]
pub(crate) fn on_free() {
    #[cfg(test)]
    LIVE.with(|c| c.set(c.get() - 1));
}

/// Objects allocated minus objects freed on this thread so far.
#[cfg(test)]
pub(crate) fn live_on_this_thread() -> i64 {
    LIVE.with(|c| c.get())
}
