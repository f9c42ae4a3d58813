//! The counting behaviour: a reference-count header word and its operations ([`RefCount`]).

/// The reference-count fields of every object header, and the operations on them.
///
/// Implemented by the count words of [`parts::rc`](crate::strategy::parts::rc) (`PlainRc`, `AtomicRc`,
/// `BiasedRc`) and by the mark-sweep collector's header word, which counts nothing.
///
/// # Safety
///
/// The object layer frees an object when [`RefCount::decref`] says so, and lock-free readers rely on
/// [`RefCount::try_incref`]. Implementors guarantee:
///
/// 1. **Counting.** `new` starts a count of one owned reference. `incref` adds one; `decref` removes one
///    and returns `true` exactly once per object, when the last reference is gone, and never for an
///    immortal or deferred object. After `decref` has returned `true`, every other thread's earlier accesses
///    to the object happen-before the caller's subsequent accesses (so the caller may drop the payload).
/// 2. **try_incref.** `try_incref` returns `false` once the count has reached zero (the object is dying)
///    and otherwise adds one reference exactly like `incref`. A count never goes from zero back up, except
///    through [`RefCount::reinit`]. It may also fail for a live object whose state it cannot tell from a
///    dead one without racing (`BiasedRc`: an owner frees on its fast path without a shared write); callers
///    then read under the container lock with [`RefCount::incref_locked`], as the slot protocol does after a
///    few failed attempts.
/// 3. **Thread-safety** is the design's business (see [`Strategy`](super::super::Strategy)): a plain count
///    is sound only under a design that never lets two threads touch one header at once.
pub unsafe trait RefCount: Send + Sync + Sized + 'static {
    /// What kind of counting this is (a design's `CONSTRAINTS.rc` must say the same).
    const COUNTING: super::Counting;
    /// A fresh count holding one reference.
    fn new() -> Self;
    /// A count for an object that lives forever (PEP 683). A count type without immortality returns a
    /// count of one that its static owner never releases.
    fn immortal() -> Self;
    /// A count for an object with deferred reference counting (functions, classes, modules, code: PEP
    /// 703): refcount operations skip it and only its runtime's collector frees it. Count types without
    /// deferral return an ordinary fresh count.
    #[inline]
    fn deferred() -> Self {
        Self::new()
    }
    /// Add a reference.
    fn incref(&self);
    /// Remove a reference; `true` means the caller must free the object now.
    fn decref(&self) -> bool;
    /// Add a reference unless the count already reached zero.
    fn try_incref(&self) -> bool;
    /// Add a reference to an object that a container slot owns, with that container's lock held (or under
    /// a GIL). A count may record that the object is read across threads (`BiasedRc`).
    #[inline(always)]
    fn incref_locked(&self) {
        self.incref();
    }
    /// The current count, for diagnostics and tests (racy when threads count at once).
    fn get(&self) -> usize;
    /// Whether refcount operations skip this object.
    fn is_immortal(&self) -> bool;
    /// The count the cycle collector starts trial deletion from, read with the world stopped: the number
    /// of references to the object, or `None` if the count does not say (immortal objects, and
    /// `BiasedRc`'s deferred and queued ones), in which case the object is kept.
    #[inline]
    fn cycle_count(&self) -> Option<usize> {
        (!self.is_immortal()).then(|| self.get())
    }
    /// Whether no reference to this object is counted (`BiasedRc`'s deferred and frozen objects): when
    /// every thread's roots are known, the cycle collector decides whether it lives by reachability.
    #[inline]
    fn is_deferred(&self) -> bool {
        false
    }
    /// `gc.freeze()`: make a counted object deferred; `true` if it changed. The default: no deferral.
    #[inline]
    fn freeze(&self) -> bool {
        false
    }
    /// Give a count field a new value: recycled object memory (which racing lock-free readers may still
    /// `try_incref`), or a dead object that its finalizer revives. The default writes it; count types that
    /// a racing reader may read store it atomically.
    ///
    /// # Safety
    ///
    /// `this` is the count field of an object's memory, after the rest of the object is written; the
    /// object is dead (or fresh) and no thread holds a counted reference to it.
    #[inline(always)]
    unsafe fn reinit(this: *mut Self, fresh: Self) {
        // SAFETY: the caller's contract: no thread counts on `this` now.
        unsafe { this.write(fresh) }
    }
}
