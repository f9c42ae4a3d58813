//! A thread's table of tracked containers: how the cycle collector enumerates the objects it may free.
//!
//! CPython links every container into a doubly-linked list through a 16-byte `PyGC_Head` in front of the
//! object, under the GIL; the free-threaded build walks mimalloc's heaps instead. gilfree gives each
//! container one word after its header (its *link*, see `object::cycles`) holding the address of a slot in
//! its allocating thread's table, and the slot holds the object's address:
//!
//! - **Track** (allocation, on the owning thread): pop a slot from the table's free list or take the next
//!   unused one; store the object's address in it.
//! - **Untrack** (the object is freed, on any thread): the owning thread pushes the slot back on its free
//!   list; another thread stores zero into it, and the slot stays lost until the next collection compacts
//!   the table. Each slot is a word of its own, so the owner's pushes and pops never race with it.
//! - **Collect** (at stop-the-world): every table is read whole and rewritten densely.
//!
//! Slots live in 4 KiB chunks aligned to their size, whose first word names the owning table, so a thread
//! freeing an object finds out from the slot address alone whether the slot is its own.

use super::cycles::Trigger;
use crate::strategy::gc::roots::Published;
use crate::sync::statics::{AtomicBool, AtomicUsize, Ordering};
use crate::sync::{Arc, UnsafeCell};

/// Words per chunk; the first names the owning table.
const CHUNK_WORDS: usize = 512;
/// Object slots per chunk.
const CHUNK_SLOTS: usize = CHUNK_WORDS - 1;
/// A slot value with this bit set is a free-list entry: the next free slot's address, tagged.
const FREE_TAG: usize = 1;

/// One chunk of slots, aligned to its size so that `slot & !(CHUNK_BYTES - 1)` finds it.
#[repr(C, align(4096))]
struct Chunk {
    words: [AtomicUsize; CHUNK_WORDS],
}

const _: () = assert!(size_of::<Chunk>() == 4096);
const CHUNK_MASK: usize = !(size_of::<Chunk>() - 1);

impl Chunk {
    fn new(owner: *const Table) -> Box<Chunk> {
        let chunk = Box::new(Chunk { words: [const { AtomicUsize::new(0) }; CHUNK_WORDS] });
        chunk.words[0].store(owner as usize, Ordering::Relaxed);
        chunk
    }
}

/// The owner-only part of a table.
#[derive(Default)]
struct Inner {
    chunks: Vec<Box<Chunk>>,
    /// Slots handed out by bumping so far (slot `i` is word `1 + i % CHUNK_SLOTS` of chunk `i / CHUNK_SLOTS`).
    next: usize,
    /// The first free slot's address, or zero.
    free: usize,
    /// Tracked allocations minus untracks on this thread since the last flush to the trigger.
    net: isize,
}

/// One thread's table of tracked containers (see the module docs).
pub struct Table {
    inner: UnsafeCell<Inner>,
    /// The thread is gone: nobody tracks into this table any more; the next collection empties it.
    orphan: AtomicBool,
    /// The runtime's collection trigger, which [`Table::count`]s are flushed to.
    pub(super) trigger: Arc<Trigger>,
    /// Where the owning thread's roots are while it is stopped ([`roots`](crate::strategy::gc::roots)); written by the owner,
    /// read by a collector with the world stopped, ordered by the stop-the-world mutex.
    pub(in crate::strategy::gc) roots: Published,
}

// SAFETY: `inner` is touched only by the owning thread while attached, or by a collector while the world
// is stopped (every other thread of the runtime parked or detached, or the GIL held), which excludes the
// owner; slots are atomics, written by other threads only with single stores.
unsafe impl Sync for Table {}
// SAFETY: as for `Sync`: the table moves between threads only inside an `Arc`.
unsafe impl Send for Table {}

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table").field("orphan", &self.orphan.load(Ordering::Relaxed)).finish()
    }
}

impl Table {
    /// An empty table feeding `trigger`.
    pub fn new(trigger: Arc<Trigger>) -> Self {
        Table {
            inner: UnsafeCell::new(Inner::default()),
            orphan: AtomicBool::new(false),
            trigger,
            roots: Published::default(),
        }
    }

    /// Mark the table's thread as gone.
    pub fn set_orphan(&self) {
        self.orphan.store(true, Ordering::Relaxed);
    }

    /// Whether the table's thread is gone.
    pub fn is_orphan(&self) -> bool {
        self.orphan.load(Ordering::Relaxed)
    }

    /// # Safety
    ///
    /// The caller is the owning thread, attached, or a collector with the world stopped; no other
    /// reference from `inner` is alive.
    #[expect(clippy::mut_from_ref, reason = "exclusive by the owner-or-stopped-world contract")]
    unsafe fn inner(&self) -> &mut Inner {
        // SAFETY: the caller's contract makes this the only access.
        unsafe { &mut *self.inner.get() }
    }

    /// Give `obj` a slot; returns the slot's address (the object's new link).
    ///
    /// # Safety
    ///
    /// As for [`Table::inner`]; `obj` is a live, tracked-type object's address, not in any table.
    pub unsafe fn push(&self, obj: usize) -> usize {
        // SAFETY: the caller's contract.
        let inner = unsafe { self.inner() };
        let slot = if inner.free != 0 {
            let slot = inner.free;
            // SAFETY: free-list entries are addresses of slots in this table's live chunks.
            let word = unsafe { &*(slot as *const AtomicUsize) };
            inner.free = word.load(Ordering::Relaxed) & !FREE_TAG;
            slot
        } else {
            let (c, w) = (inner.next / CHUNK_SLOTS, 1 + inner.next % CHUNK_SLOTS);
            if c == inner.chunks.len() {
                inner.chunks.push(Chunk::new(self));
            }
            inner.next += 1;
            &raw const inner.chunks[c].words[w] as usize
        };
        // SAFETY: `slot` is a slot of a live chunk of this table.
        unsafe { &*(slot as *const AtomicUsize) }.store(obj, Ordering::Relaxed);
        slot
    }

    /// Count a tracked allocation (`+1`) or an untrack (`-1`) by the owning thread, flushing the net
    /// count to the runtime's trigger in batches (CPython 3.13t flushes per-thread counts every 512).
    ///
    /// # Safety
    ///
    /// As for [`Table::inner`].
    #[inline]
    pub unsafe fn count(&self, delta: isize) {
        // SAFETY: the caller's contract.
        let inner = unsafe { self.inner() };
        inner.net += delta;
        if inner.net.abs() >= self.trigger.flush {
            self.trigger.add(std::mem::take(&mut inner.net));
        }
    }

    /// Free the slot at `slot`, whose object is being freed.
    ///
    /// # Safety
    ///
    /// `slot` is the link of a tracked object being freed, whose chunk is alive; `current` is the calling
    /// thread's current table (or null), accessed under [`Table::inner`]'s contract.
    pub unsafe fn release(slot: usize, current: *const Table) {
        // SAFETY: every slot lies in a chunk aligned to its size whose first word names its table.
        let owner = unsafe { &*((slot & CHUNK_MASK) as *const AtomicUsize) }.load(Ordering::Relaxed);
        // SAFETY: a slot is a live chunk's word.
        let word = unsafe { &*(slot as *const AtomicUsize) };
        if owner == current as usize && !current.is_null() {
            // SAFETY: the caller's contract on `current`, which owns the slot.
            let inner = unsafe { (*current).inner() };
            word.store(inner.free | FREE_TAG, Ordering::Relaxed);
            inner.free = slot;
        } else {
            word.store(0, Ordering::Relaxed);
        }
    }

    /// Every object address in the table, in slot order.
    ///
    /// # Safety
    ///
    /// The world is stopped (see [`Table::inner`]).
    pub unsafe fn live(&self, out: &mut Vec<usize>) {
        // SAFETY: the caller's contract.
        let inner = unsafe { self.inner() };
        for i in 0..inner.next {
            let v = inner.chunks[i / CHUNK_SLOTS].words[1 + i % CHUNK_SLOTS].load(Ordering::Relaxed);
            if v != 0 && v & FREE_TAG == 0 {
                out.push(v);
            }
        }
    }

    /// Forget every slot, keeping one chunk, before [`Table::push`]ing the survivors of a collection.
    ///
    /// # Safety
    ///
    /// The world is stopped, and every object of the table is pushed again or untracked (its link
    /// cleared) before anyone runs.
    pub unsafe fn reset(&self, keep: usize) {
        // SAFETY: the caller's contract.
        let inner = unsafe { self.inner() };
        inner.chunks.truncate(keep.div_ceil(CHUNK_SLOTS).max(1));
        inner.next = 0;
        inner.free = 0;
    }
}
