//! `biased` header: biased reference counting (Choi, Shull, Torrellas, PACT'18; PEP 703).
//!
//! ```text
//!  byte 0           4                8                                                       16
//! +----------------+----------------+--------------------------------------------------+----+
//! | tid: u32       | local: u32     | shared: i64 = count << 2                          | FL |
//! +----------------+----------------+--------------------------------------------------+----+
//!   owner thread     owner's count     other threads' net count (may be negative)        flags
//!   0: none          (non-atomic RMW:  FL = 00 plain          01 SHARED_READ (read under a lock by
//!   MAX: immortal     load + store)         10 QUEUED (handed    a non-owner: lock-free readers may
//!   MAX-1: deferred  MAX: skip all ops         to the owner)     count it; CPython's MAYBE_WEAKREF)
//!                                           11 MERGED (no owner: `shared` holds the whole count)
//! ```
//!
//! With the vtable pointer the header is 24 bytes (CPython's free-threaded `PyObject` header is 32: it also
//! carries a per-object mutex and GC bits, which gilfree keeps in the containers and the collector).
//!
//! **The owner** (the thread whose id is in `tid`) updates `local` with a plain load and store: no atomic
//! read-modify-write, no shared cache-line traffic as long as the object stays on its thread. **Every other
//! thread** updates `shared` with an atomic read-modify-write. The true count is `local + count(shared)`.
//!
//! - When the owner's `local` reaches zero: if `shared` is zero too the object is dead and the owner frees
//!   it without any atomic write (the fast path that makes thread-private objects cheap); otherwise the owner
//!   gives the object up (`tid = 0`, flag `MERGED`) and `shared` carries the whole count from then on.
//! - When another thread would take `shared` below zero (it is zero and the decrement's reference is
//!   counted in the owner's `local`), it sets `QUEUED` instead of decrementing and queues the object to the
//!   owner ([`merge`](super::merge)). The queue holds that reference; the owner merges at its next safepoint
//!   (`count = count(shared) + local - 1`, then `MERGED`) and frees the object if that is zero.
//!
//! **Immortal** objects (PEP 683) and **deferred** ones (PEP 703) have `local == MAX`: every refcount
//! operation reads that one word and returns. Immortal ones are never freed; deferred ones are freed by
//! their runtime ([`deferred`](super::deferred)).

#[cfg(all(test, loom))]
mod loom_merge;
#[cfg(all(test, loom))]
mod loom_owners;
pub mod merge;
mod threads;

pub use self::threads::{BiasedLocal, BiasedThreads, FreesMerged};

use self::merge::current_tid;
use crate::strategy::counters::{self, Counter};
use crate::strategy::{Counting, RefCount};
use crate::sync::{AtomicI64, AtomicU32, Ordering};

/// `local` of an object whose refcount operations are all skipped (immortal or deferred).
pub const LOCAL_SKIP: u32 = u32::MAX;
/// `tid` of an object without an owner: merged, or created outside any biased thread.
pub const TID_NONE: u32 = 0;
/// `tid` of an immortal object; also what [`current_tid`] returns on a thread with no owner id, which no
/// counted object carries.
pub const TID_IMMORTAL: u32 = u32::MAX;
/// `tid` of a deferred object.
pub const TID_DEFERRED: u32 = u32::MAX - 1;
/// Owner ids are `1..TID_LIMIT`.
pub const TID_LIMIT: u32 = u32::MAX - 1;

/// The count in `shared` is shifted left by this many flag bits.
pub const SHARED_SHIFT: u32 = 2;
/// One reference in `shared`.
pub const SHARED_ONE: i64 = 1 << SHARED_SHIFT;
/// The flag bits of `shared`.
pub const FLAGS: i64 = SHARED_ONE - 1;
/// Flag: a non-owner took a reference under a container lock, so the object is live and lock-free readers
/// may count on it even when `shared` is zero otherwise (CPython's `_Py_REF_MAYBE_WEAKREF`).
pub const SHARED_READ: i64 = 0b01;
/// Flag: a thread queued the object to its owner (the queue holds one reference).
pub const QUEUED: i64 = 0b10;
/// Flag: the counts are merged; `shared` is the whole count and the object has no owner.
pub const MERGED: i64 = 0b11;

/// The count fields of a `biased` object header.
#[derive(Debug)]
#[repr(C)]
pub struct BiasedRc {
    tid: AtomicU32,
    local: AtomicU32,
    shared: AtomicI64,
}

impl BiasedRc {
    fn with(tid: u32, local: u32, shared: i64) -> Self {
        BiasedRc { tid: AtomicU32::new(tid), local: AtomicU32::new(local), shared: AtomicI64::new(shared) }
    }

    /// Whether refcount operations skip this object (immortal or deferred).
    #[inline(always)]
    pub fn skips(&self) -> bool {
        self.local.load(Ordering::Relaxed) == LOCAL_SKIP
    }

    /// The owner's id (`TID_NONE` once merged).
    #[inline]
    pub fn owner(&self) -> u32 {
        self.tid.load(Ordering::Relaxed)
    }

    /// `(local, shared)`, for tests and diagnostics (racy while other threads count).
    pub fn fields(&self) -> (u32, i64) {
        (self.local.load(Ordering::Relaxed), self.shared.load(Ordering::Relaxed))
    }

    /// The owner's increment (given `local`, already loaded and not `LOCAL_SKIP`): a plain load and store,
    /// no RMW, since only the owner writes `local`. `false` if the caller is not the owner or `local` is
    /// saturated; the caller then counts in `shared`.
    #[inline(always)]
    fn incref_if_owner(&self, local: u32) -> bool {
        if self.tid.load(Ordering::Relaxed) == current_tid() && local < LOCAL_SKIP - 1 {
            self.local.store(local + 1, Ordering::Relaxed);
            return true;
        }
        false
    }

    #[inline(always)]
    fn incref_shared(&self) {
        counters::bump(Counter::AtomicRmw);
        counters::bump(Counter::SharedRcOps);
        // Relaxed, as in `Arc::clone`: the caller holds a reference, so the object cannot die meanwhile.
        self.shared.fetch_add(SHARED_ONE, Ordering::Relaxed);
    }

    /// The owner dropped its last local reference and `shared` (loaded with Acquire) is not zero: merge
    /// (CPython's `_Py_MergeZeroLocalRefcount`, slow path).
    #[cold]
    #[inline(never)]
    fn merge_zero_local(&self, mut shared: i64) -> bool {
        // `QUEUED` may be set: references are fungible, so the owner can drop (through `local`) one that a
        // non-owner counted in `shared`, and reach zero while its queue still holds one. MERGED replaces
        // the flag; the queue's later merge subtracts that reference from the merged count.
        // Give the object up before publishing MERGED (CPython gh-121794): once MERGED is visible another
        // thread may free it. The Release of the CAS below orders this store before it.
        self.tid.store(TID_NONE, Ordering::Relaxed);
        counters::bump(Counter::Merges);
        loop {
            let new = (shared & !FLAGS) | MERGED;
            counters::bump(Counter::AtomicRmw);
            // AcqRel: Acquire as above; Release publishes our accesses to the thread that frees it later
            // (pairs with its Acquire fence in `decref_shared`).
            match self.shared.compare_exchange_weak(shared, new, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => return new == MERGED,
                Err(cur) => shared = cur,
            }
        }
    }

    /// A decref by a thread that does not own the object (CPython's `_Py_DecRefShared`).
    #[inline]
    fn decref_shared(&self) -> bool {
        counters::bump(Counter::SharedRcOps);
        let mut shared = self.shared.load(Ordering::Relaxed);
        loop {
            // A zero count (plain or SHARED_READ) means our reference is counted in the owner's `local`: hand
            // it to the owner's queue instead of going negative.
            let queue = shared == 0 || shared == SHARED_READ;
            let new = if queue { QUEUED } else { shared - SHARED_ONE };
            counters::bump(Counter::AtomicRmw);
            // Release: our accesses to the object happen-before whoever frees it (its Acquire).
            match self.shared.compare_exchange_weak(shared, new, Ordering::Release, Ordering::Relaxed) {
                Ok(_) if queue => return merge::queue(self),
                Ok(_) if new == MERGED => {
                    // Acquire: pairs with every earlier Release RMW of `shared` (one release sequence), so
                    // all other threads' accesses happen-before the free.
                    #[cfg(not(gilfree_tsan))]
                    crate::sync::fence(Ordering::Acquire);
                    // ThreadSanitizer does not model fences: an Acquire load of `shared` (which reads our
                    // RMW, the end of that release sequence) synchronizes the same way, as std's `Arc` does.
                    #[cfg(gilfree_tsan)]
                    self.shared.load(Ordering::Acquire);
                    return true;
                }
                Ok(_) => return false,
                Err(cur) => shared = cur,
            }
        }
    }

    /// Add one reference to `shared` and mark it `SHARED_READ` if it carries no flag yet. With `optimistic`,
    /// refuse (return `false`) on a plain zero or on `MERGED` with zero, which may be dead objects.
    #[inline(always)]
    fn add_shared_marked(&self, optimistic: bool) -> bool {
        counters::bump(Counter::SharedRcOps);
        let mut shared = self.shared.load(Ordering::Relaxed);
        loop {
            if optimistic && (shared == 0 || shared == MERGED) {
                return false;
            }
            counters::bump(Counter::AtomicRmw);
            // Acquire on success: pairs with the Release of `reinit` (and of the RMWs of `shared` that
            // follow it in its release sequence) when the memory was recycled since the reader's slot load,
            // so the re-check of the slot sees the slot's newer contents. The object itself was published
            // by the Release store into the slot, which the reader's Acquire slot load pairs with.
            let new = mark_read(shared + SHARED_ONE);
            match self.shared.compare_exchange_weak(shared, new, Ordering::Acquire, Ordering::Relaxed) {
                Ok(_) => return true,
                Err(cur) => shared = cur,
            }
        }
    }

    /// Merge the two counts into `shared` and give the object up, adding `extra` (−1 when the caller was
    /// handed a queued reference to drop); returns the merged count (CPython's `_Py_ExplicitMergeRefcount`).
    ///
    /// Called by the owner on its queue, or by a thread that inherits an exited owner's object; never by two
    /// threads for one object (only one thread can set `QUEUED`, and the flag stays until this merge). Once
    /// the merge is published another thread may free the object and reuse its memory
    /// ([`recycle`](crate::strategy::recycle)), so `local` and `tid` are cleared *before* the CAS (as
    /// CPython does since gh-121794) and nothing touches the header after it. Nobody else writes them
    /// meanwhile: `local` and `tid` belong to the owner, which is the caller or gone.
    pub(super) fn merge(&self, extra: i64) -> i64 {
        let local = i64::from(self.local.load(Ordering::Relaxed));
        self.local.store(0, Ordering::Relaxed);
        self.tid.store(TID_NONE, Ordering::Relaxed);
        counters::bump(Counter::Merges);
        let mut shared = self.shared.load(Ordering::Relaxed);
        loop {
            let count = (shared >> SHARED_SHIFT) + local + extra;
            debug_assert!(count >= 0, "merged count below zero");
            counters::bump(Counter::AtomicRmw);
            // AcqRel: Acquire pairs with other threads' Release decrements (a zero count lets us free);
            // Release publishes our accesses, the two stores above included, to whoever frees the object
            // after us (its Acquire fence in `decref_shared`).
            match self.shared.compare_exchange_weak(
                shared,
                (count << SHARED_SHIFT) | MERGED,
                Ordering::AcqRel,
                Ordering::Relaxed,
            ) {
                Ok(_) => return count,
                Err(cur) => shared = cur,
            }
        }
    }
}

// SAFETY: (1) `local + count(shared)` equals the number of references: the owner's plain updates are
// exclusive to it (only the thread whose period id is in `tid` writes `local`, and ids are never reused),
// other threads use RMWs, and exactly one path reports the last reference (the owner's fast path, a merge
// reaching zero, or a decrement reaching `MERGED` with zero), with Release/Acquire ordering every other
// thread's accesses before it; skipped objects never report it. (2) `try_incref` fails on `MERGED` with
// zero and on a plain zero, and otherwise adds a reference to a live object (see `try_incref`); a dead
// count keeps failing it from non-owners until `reinit`.
unsafe impl RefCount for BiasedRc {
    const COUNTING: Counting = Counting::Biased;

    /// A fresh object holding one reference, owned by the calling thread (or, on a thread with no owner
    /// id, born merged).
    #[inline(always)]
    fn new() -> Self {
        let tid = current_tid();
        if tid == TID_IMMORTAL {
            return BiasedRc::with(TID_NONE, 0, SHARED_ONE | MERGED);
        }
        BiasedRc::with(tid, 1, 0)
    }

    /// An immortal object.
    fn immortal() -> Self {
        BiasedRc::with(TID_IMMORTAL, LOCAL_SKIP, 0)
    }

    /// A deferred object.
    fn deferred() -> Self {
        BiasedRc::with(TID_DEFERRED, LOCAL_SKIP, 0)
    }

    /// Give recycled memory (a dead object: `shared` zero or `MERGED`, see
    /// [`recycle`](crate::strategy::recycle)) the counts `fresh`. Whatever mix of old and new fields a
    /// racing non-owner reads, `shared` is zero or `MERGED` until the new object is published, so its
    /// `try_incref` fails; the owner id read can only be the caller's (which is not racing with itself),
    /// `TID_NONE`, or the new one.
    ///
    /// The `shared` store is Release, paired with the Acquire of a reader's successful
    /// `add_shared_marked`: a reader that wins a reference to a later object at this address (once a
    /// third thread has marked it `SHARED_READ`, or the new owner merged it) then sees the slot store that
    /// preceded the free, so its re-check of the slot fails (as for `AtomicRc::reinit`; loom model
    /// `loom_slot`).
    #[inline(always)]
    unsafe fn reinit(this: *mut Self, fresh: BiasedRc) {
        let BiasedRc { tid, local, shared } = fresh;
        // SAFETY: `this` is a count field (the caller's contract), which racing readers only read.
        let this = unsafe { &*this };
        this.shared.store(shared.into_inner(), Ordering::Release);
        this.local.store(local.into_inner(), Ordering::Relaxed);
        this.tid.store(tid.into_inner(), Ordering::Relaxed);
    }

    /// Make a counted object deferred (`gc.freeze()`, see [`BiasedGlobal::freeze`](super::deferred::BiasedGlobal::freeze));
    /// `false` if it already skips counting, or is queued to an owner (then it stays counted). The caller
    /// is the only thread of the runtime, so no count changes meanwhile.
    fn freeze(&self) -> bool {
        let shared = self.shared.load(Ordering::Relaxed);
        if self.skips() || shared & FLAGS == QUEUED {
            return false;
        }
        self.shared.store(0, Ordering::Relaxed);
        self.local.store(LOCAL_SKIP, Ordering::Relaxed);
        self.tid.store(TID_DEFERRED, Ordering::Relaxed);
        true
    }

    /// Whether the object is immortal (never freed).
    #[inline]
    fn is_immortal(&self) -> bool {
        self.skips() && self.tid.load(Ordering::Relaxed) == TID_IMMORTAL
    }

    /// Whether the object is deferred (freed by its runtime).
    #[inline]
    fn is_deferred(&self) -> bool {
        self.skips() && self.tid.load(Ordering::Relaxed) == TID_DEFERRED
    }

    /// Add one reference.
    #[inline(always)]
    fn incref(&self) {
        let local = self.local.load(Ordering::Relaxed);
        if local == LOCAL_SKIP || self.incref_if_owner(local) {
            return;
        }
        // Another thread, or an owner whose `local` is saturated: count it in `shared`.
        self.incref_shared();
    }

    /// Remove one reference; `true` when it was the last and the caller must free the object now.
    #[inline(always)]
    fn decref(&self) -> bool {
        let local = self.local.load(Ordering::Relaxed);
        if local == LOCAL_SKIP {
            return false;
        }
        if self.tid.load(Ordering::Relaxed) == current_tid() {
            debug_assert!(local > 0, "owner decref of a zero local count");
            self.local.store(local - 1, Ordering::Relaxed);
            if local == 1 {
                // Acquire: pairs with other threads' Release decrements of `shared`, so their accesses to
                // the object happen-before we free it.
                let shared = self.shared.load(Ordering::Acquire);
                // Zero: nobody else ever counted a reference that is still out. Dead, and freed without a
                // single atomic write: the fast path that makes thread-private objects cheap.
                return shared == 0 || self.merge_zero_local(shared);
            }
            false
        } else {
            self.decref_shared()
        }
    }

    /// Add one reference unless the object may be dead (CPython's `_Py_TryIncrefFast` +
    /// `_Py_TryIncRefShared`): the owner and skipped objects always succeed; another thread succeeds unless
    /// `shared` is exactly zero or exactly `MERGED`.
    ///
    /// `MERGED` with a zero count is dead. A plain zero is ambiguous: the owner may hold every reference in
    /// `local`, or may have freed the object on its fast path, which writes nothing shared. Adding to it would
    /// race with that fast path in the store-buffer pattern (the owner unlinks the slot and then reads
    /// `shared`; the reader writes `shared` and then re-reads the slot; without a SeqCst fence on both
    /// sides each may miss the other's write, and the reader would keep a freed object). So the reader
    /// fails and falls back to the container lock, where the slot's own reference keeps the object alive and
    /// [`BiasedRc::incref_locked`] marks it `SHARED_READ`: later lock-free reads of it succeed, and its owner
    /// can no longer free it on the fast path (a non-zero `shared` sends the owner through a CAS on the same
    /// word, which orders it against the readers' CASes).
    #[inline(always)]
    fn try_incref(&self) -> bool {
        let local = self.local.load(Ordering::Relaxed);
        // The owner: between its slot load and this call it ran no code that could free the object.
        local == LOCAL_SKIP || self.incref_if_owner(local) || self.add_shared_marked(true)
    }

    /// Add one reference to an object the caller knows is alive because it holds the lock of a container
    /// whose slot owns a reference to it (CPython's `_Py_NewRefWithLock`): like `incref`, and a non-owner
    /// also marks the object `SHARED_READ` (in the same RMW), so lock-free readers can count on it next time.
    #[inline]
    fn incref_locked(&self) {
        let local = self.local.load(Ordering::Relaxed);
        if local == LOCAL_SKIP || self.incref_if_owner(local) {
            return;
        }
        self.add_shared_marked(false);
    }

    /// The true count for the cycle collector (the world is stopped, so `local` holds still): `None` for
    /// objects that skip counting, and for queued ones (the queue holds a reference that a merge will
    /// release; the object must outlive that merge).
    fn cycle_count(&self) -> Option<usize> {
        let (local, shared) = self.fields();
        if local == LOCAL_SKIP || shared & FLAGS == QUEUED {
            return None;
        }
        Some(self.get())
    }

    /// The total count (racy while other threads count; deferred and immortal objects report `LOCAL_SKIP`).
    fn get(&self) -> usize {
        let (local, shared) = self.fields();
        if local == LOCAL_SKIP {
            return LOCAL_SKIP as usize;
        }
        usize::try_from(i64::from(local) + (shared >> SHARED_SHIFT)).unwrap_or(0)
    }
}

/// Test hooks: phantom references, so a test can put the owner's 32-bit count next to its ceiling without
/// making four billion references (`tests::a_saturated_owner_count_spills…`).
#[cfg(test)]
impl BiasedRc {
    /// Count `n` more references held by the owner in `local`, as `n` owner increments would. The caller
    /// must be the owner, and `local` must stay at or below the ceiling (`LOCAL_SKIP - 1`).
    pub(crate) fn add_phantoms(&self, n: u32) {
        assert_eq!(self.owner(), current_tid(), "only the owner writes `local`");
        let local = self.local.load(Ordering::Relaxed);
        let new = local.checked_add(n).filter(|&l| l < LOCAL_SKIP).expect("phantoms past the ceiling");
        self.local.store(new, Ordering::Relaxed);
    }

    /// Drop `n` phantom references again, with no other thread counting meanwhile: from `local` (down to
    /// one, while the caller still owns the object) and the rest from `shared`, where a saturated owner's
    /// increments and a merge put them. Never the last reference: the caller still holds one.
    pub(crate) fn drop_phantoms(&self, n: u64) {
        let mut n = i64::try_from(n).expect("phantoms fit an i64");
        if self.owner() == current_tid() {
            let local = i64::from(self.local.load(Ordering::Relaxed));
            let here = n.min(local - 1);
            self.local.store(u32::try_from(local - here).expect("a u32 count"), Ordering::Relaxed);
            n -= here;
        }
        let shared = self.shared.load(Ordering::Relaxed);
        assert!((shared >> SHARED_SHIFT) >= n, "phantoms beyond the count");
        self.shared.store(shared - (n << SHARED_SHIFT), Ordering::Relaxed);
    }
}

/// `shared` with `SHARED_READ` set if it carries no flag yet.
#[inline(always)]
fn mark_read(shared: i64) -> i64 {
    if shared & FLAGS == 0 { shared | SHARED_READ } else { shared }
}

impl Default for BiasedRc {
    fn default() -> Self {
        Self::new()
    }
}
