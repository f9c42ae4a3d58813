//! The dict's hash table: CPython's compact, insertion-ordered layout (Raymond Hettinger's design, 3.6+).
//!
//! ```text
//! indices: [ -1 | 2 | -1 | 0 | -2 | 1 | -1 | -1 ]   open addressing, CPython's perturbed probe sequence
//!                 │         │          │           -1 = EMPTY, -2 = DUMMY (deleted)
//! entries: [ (h0, k0, v0) | (h1, k1, v1) | (h2, k2, v2) | ... ]   in insertion order, append-only
//! ```
//!
//! Entries are append-only within one table: an entry's key only ever goes from a key to null (deletion),
//! never to another key. That is what lets a lock-free reader trust an entry whose key it re-checks.
//! Growing (or compacting away deleted entries) builds a new table and retires the old one.

use super::alloc::Obj;
use super::slot::Slot;
use crate::strategy::Strategy;
use crate::sync::{AtomicI32, AtomicI64, AtomicUsize, Ordering};

/// An index slot that was never used.
pub(crate) const EMPTY: i32 = -1;
/// An index slot whose entry was deleted.
pub(crate) const DUMMY: i32 = -2;
/// Smallest index array.
const MIN_SIZE: usize = 8;
const PERTURB_SHIFT: u32 = 5;

/// One key/value pair and the key's hash.
pub(crate) struct Entry<S: Strategy> {
    pub(crate) hash: AtomicI64,
    pub(crate) key: Slot<S>,
    pub(crate) value: Slot<S>,
}

/// Where a probe ended.
pub(crate) enum Probe {
    /// The key is at `pos` in the index array, entry `ix`.
    Found { pos: usize, ix: usize },
    /// The key is absent; `pos` is the first free (EMPTY or DUMMY) index slot on its probe sequence.
    Vacant { pos: usize },
    /// An optimistic reader saw a concurrent change and must start over.
    Retry,
}

/// Indices plus entries.
pub(crate) struct Table<S: Strategy> {
    mask: usize,
    /// Entries used so far, deleted ones included. Written under the dict's lock only.
    nentries: AtomicUsize,
    indices: Box<[AtomicI32]>,
    entries: Box<[Entry<S>]>,
}

impl<S: Strategy> Table<S> {
    /// A table able to hold at least `live` entries with room to grow (CPython's `GROWTH_RATE`, used×3).
    pub(crate) fn with_room_for(live: usize) -> Box<Self> {
        let want = (live * 3).max(5);
        let size = (want * 3 / 2 + 1).next_power_of_two().max(MIN_SIZE);
        let usable = size * 2 / 3;
        Box::new(Table {
            mask: size - 1,
            nentries: AtomicUsize::new(0),
            indices: (0..size).map(|_| AtomicI32::new(EMPTY)).collect(),
            entries: (0..usable)
                .map(|_| Entry { hash: AtomicI64::new(0), key: Slot::new(None), value: Slot::new(None) })
                .collect(),
        })
    }

    /// Entries used so far (deleted included).
    #[inline]
    pub(crate) fn nentries(&self) -> usize {
        self.nentries.load(Ordering::Relaxed)
    }

    /// Whether one more entry fits.
    #[inline]
    pub(crate) fn has_room(&self) -> bool {
        self.nentries() < self.entries.len()
    }

    /// The used entries, deleted ones (null key) included.
    #[inline]
    pub(crate) fn used_entries(&self) -> &[Entry<S>] {
        &self.entries[..self.nentries()]
    }

    /// Entry `ix`.
    #[inline]
    pub(crate) fn entry(&self, ix: usize) -> &Entry<S> {
        &self.entries[ix]
    }

    /// Walk `hash`'s probe sequence. `matches(entry)` says whether the entry holds the key: `Some(bool)`, or
    /// `None` to abandon the probe (optimistic readers). Index loads are Acquire: they pair with the Release
    /// store in [`Table::push`], so a visible index implies a fully written entry.
    #[inline]
    pub(crate) fn probe(&self, hash: i64, mut matches: impl FnMut(&Entry<S>) -> Option<bool>) -> Probe {
        let mut perturb = hash as u64;
        let mut pos = (hash as u64 as usize) & self.mask;
        let mut first_free = None;
        loop {
            // Acquire: pairs with the Release index store in `push` (see above).
            let ix = self.indices[pos].load(Ordering::Acquire);
            if ix == EMPTY {
                return Probe::Vacant { pos: first_free.unwrap_or(pos) };
            }
            if ix == DUMMY {
                first_free.get_or_insert(pos);
            } else {
                let Some(ix) = usize::try_from(ix).ok().filter(|&i| i < self.entries.len()) else {
                    return Probe::Retry;
                };
                match matches(&self.entries[ix]) {
                    Some(true) => return Probe::Found { pos, ix },
                    Some(false) => {}
                    None => return Probe::Retry,
                }
            }
            perturb >>= PERTURB_SHIFT;
            pos = (pos.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & self.mask;
        }
    }

    /// Append an entry and publish it at index slot `pos`. The dict's lock is held and [`Table::has_room`].
    pub(crate) fn push(&self, pos: usize, hash: i64, key: *mut Obj<S>, value: *mut Obj<S>) {
        let ix = self.nentries();
        let e = &self.entries[ix];
        e.hash.store(hash, Ordering::Relaxed);
        e.key.set_raw(key);
        e.value.set_raw(value);
        self.nentries.store(ix + 1, Ordering::Relaxed);
        // Release: a reader that loads this index (Acquire, in `probe`) sees the entry written above.
        self.indices[pos].store(ix as i32, Ordering::Release);
    }

    /// Mark index slot `pos` deleted. The dict's lock is held.
    pub(crate) fn mark_deleted(&self, pos: usize) {
        // Release: keeps the ordering uniform with `push`; a reader seeing DUMMY simply probes on.
        self.indices[pos].store(DUMMY, Ordering::Release);
    }

    /// Free a table without releasing the references in it (they moved to a new table or were released).
    ///
    /// # Safety
    ///
    /// `ptr` came from `Box::into_raw` of a `Table<S>`, is freed once, and nobody uses it afterwards.
    pub(crate) unsafe fn free(ptr: *mut u8) {
        // SAFETY: caller's contract; `Slot` has no destructor, so the references inside are not touched.
        drop(unsafe { Box::from_raw(ptr.cast::<Table<S>>()) });
    }
}
