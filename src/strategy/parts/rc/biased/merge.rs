//! Owner ids, merge queues, and what happens when an owner goes away.
//!
//! **Owner ids.** An OS thread gets an owner id when it creates its first [`Thread`](crate::strategy::Thread)
//! of a `biased` runtime, and gives it up when its last one is dropped: an *ownership period*. Ids come
//! from a process-wide counter and are never reused, so an object can never be claimed by a later thread
//! that happens to get the same id (CPython uses the thread-state address, which is reused; its merge
//! protocol must then tolerate a "new owner" inheriting a dead thread's counts). The hot path reads the id
//! from a `const` thread-local (`current_tid`): one load relative to the thread pointer, as CPython's
//! `_Py_ThreadId()`.
//!
//! **Merge queues.** Each period has an [`Owner`] record, registered in the process-wide [`OWNERS`] map
//! (a `DashMap`, sharded `RwLock`s) under its id. A thread that must hand an object to its owner looks the
//! owner up, pushes the object into its queue under the queue's mutex and raises its `pending` flag (the
//! eval-breaker bit of CPython's `_Py_brc_queue_object`). The owner polls the flag at every safepoint and
//! at attach, and merges what it finds.
//!
//! **Owner exit.** When a period ends, the owner drains its queue until, under the map's write lock, the
//! queue is empty; only then does it leave the map. A thread that queues afterwards finds no owner and
//! merges the object itself ("inheritance"). The three interleavings:
//!
//! 1. Q looks the owner up (map read lock) and pushes before the owner's final check (map write lock): the
//!    check sees a non-empty queue, so the owner drains again.
//! 2. Q looks the owner up after it left: the owner's removal (write unlock) happens-before Q's lookup
//!    (read lock), so Q sees every plain store the owner made to `local`, and merges with them.
//! 3. Q cannot push between the owner's check and its removal: both happen under the one write lock.
//!
//! Nothing is lost (every queued reference is merged once, by the owner or by the inheritor) and nothing is
//! freed twice (only one thread can set `QUEUED` on an object, and only a merge clears it).

use std::cell::RefCell;
#[cfg(not(all(test, loom)))]
use std::sync::LazyLock;

#[cfg(not(all(test, loom)))]
use dashmap::DashMap;

use super::{BiasedRc, TID_IMMORTAL, TID_LIMIT, TID_NONE};
use crate::sync::statics::{AtomicUsize as StaticCounter, Ordering as StaticOrdering};
use crate::sync::{Arc, AtomicBool, Cell, Mutex, Ordering, thread_local};

thread_local! {
    /// The calling thread's owner id during an ownership period, else [`TID_IMMORTAL`] (which no counted
    /// object carries, so every operation takes the shared path).
    static CURRENT: Cell<u32> = const { Cell::new(TID_IMMORTAL) };
    /// The open period: its record and how many `Thread`s of this OS thread share it.
    static PERIOD: RefCell<Option<(Arc<Owner>, usize)>> = const { RefCell::new(None) };
}

/// The next owner id (ids are never reused).
static NEXT_TID: StaticCounter = StaticCounter::new(1);

/// Every open period, by owner id.
#[cfg(not(all(test, loom)))]
static OWNERS: LazyLock<DashMap<u32, Arc<Owner>>> = LazyLock::new(DashMap::new);
/// Under the loom model, a map with the same locking on loom's `RwLock` (see `loom_owners`).
#[cfg(all(test, loom))]
use super::loom_owners::OWNERS;

/// The calling thread's owner id ([`TID_IMMORTAL`] outside a period).
#[inline(always)]
pub fn current_tid() -> u32 {
    CURRENT.with(Cell::get)
}

/// An ownership period: its id and its merge queue.
#[derive(Debug)]
pub struct Owner {
    tid: u32,
    /// Counts of objects handed to this owner, each carrying one reference (addresses, for `Send`).
    queue: Mutex<Vec<usize>>,
    /// Raised after a push; the owner polls it at safepoints.
    pending: AtomicBool,
    /// Frees an object whose merged count reached zero (the design's object layer, given at [`enter`]).
    free: FreeDead,
}

/// Frees an object whose merged count just reached zero: no reference is left anywhere, and only the
/// calling thread saw that zero (merges of one object never race, see `BiasedRc::merge`).
pub type FreeDead = fn(&BiasedRc);

impl Owner {
    /// This period's owner id.
    pub fn tid(&self) -> u32 {
        self.tid
    }

    /// Whether another thread queued something since the last merge.
    #[inline(always)]
    pub fn pending(&self) -> bool {
        // Relaxed: a hint only; the queue's mutex orders the data.
        self.pending.load(Ordering::Relaxed)
    }

    /// Merge every queued object, freeing those whose count reaches zero. Runs on the owner's thread.
    #[cold]
    #[inline(never)]
    pub fn process(&self) {
        debug_assert_eq!(current_tid(), self.tid, "only the owner merges its queue");
        // Cleared before taking the queue: a push after the take raises it again (see `queue`).
        self.pending.store(false, Ordering::Relaxed);
        let objs = std::mem::take(&mut *self.queue.lock().unwrap_or_else(|p| p.into_inner()));
        if objs.is_empty() {
            return;
        }
        for addr in objs {
            // SAFETY: queued addresses are counts of live objects: the queue holds a reference to each.
            let rc = unsafe { &*(addr as *const BiasedRc) };
            if rc.merge(-1) == 0 {
                self.free_dead(rc);
            }
        }
    }

    /// Free an object whose merged count just reached zero.
    fn free_dead(&self, rc: &BiasedRc) {
        // The loom model's counts live in its own objects, not heap `Obj`s (see `loom_merge`).
        #[cfg(all(test, loom))]
        if super::loom_merge::free_model(rc) {
            return;
        }
        (self.free)(rc);
    }

    /// End the period: drain the queue until it is empty under the map's write lock, then leave the map.
    fn exit(&self) {
        loop {
            self.process();
            let empty = |_: &u32, o: &Arc<Owner>| o.queue.lock().unwrap_or_else(|p| p.into_inner()).is_empty();
            if OWNERS.remove_if(&self.tid, empty).is_some() {
                return;
            }
        }
    }
}

/// Start (or join) this OS thread's ownership period, whose merges free dead objects with `free`; returns
/// its record.
pub fn enter(free: FreeDead) -> Arc<Owner> {
    PERIOD.with(|p| {
        let mut p = p.borrow_mut();
        if let Some((owner, n)) = p.as_mut() {
            *n += 1;
            return owner.clone();
        }
        let tid = u32::try_from(NEXT_TID.fetch_add(1, StaticOrdering::Relaxed))
            .ok()
            .filter(|&t| t < TID_LIMIT)
            .unwrap_or_else(|| {
                eprintln!("gilfree: biased: owner ids exhausted (2^32 thread periods)");
                std::process::abort()
            });
        let owner = Arc::new(Owner { tid, queue: Mutex::new(Vec::new()), pending: AtomicBool::new(false), free });
        OWNERS.insert(tid, owner.clone());
        CURRENT.with(|c| c.set(tid));
        *p = Some((owner.clone(), 1));
        owner
    })
}

/// Leave this OS thread's period; the last `Thread` to leave ends it (drains the queue, gives up the id).
pub fn leave() {
    let closing = PERIOD.with(|p| {
        let mut p = p.borrow_mut();
        let (_, n) = p.as_mut().expect("leave without enter");
        *n -= 1;
        if *n == 0 { p.take().map(|(owner, _)| owner) } else { None }
    });
    if let Some(owner) = closing {
        owner.exit();
        CURRENT.with(|c| c.set(TID_IMMORTAL));
    }
}

/// Hand `rc`'s object, whose decrement found `shared == 0` and set `QUEUED`, to its owner; `true` if the
/// caller must free it (the owner had exited and the inherited merge reached zero).
#[cold]
#[inline(never)]
pub fn queue(rc: &BiasedRc) -> bool {
    let tid = rc.owner();
    debug_assert!(tid != TID_NONE && tid != TID_IMMORTAL, "queued an object without an owner");
    if let Some(owner) = OWNERS.get(&tid) {
        owner.queue.lock().unwrap_or_else(|p| p.into_inner()).push(rc as *const BiasedRc as usize);
        owner.pending.store(true, Ordering::Relaxed);
        return false;
    }
    // The owner exited (interleaving 2 of the module docs): merge here, dropping the queued reference.
    rc.merge(-1) == 0
}

/// Whether an owner id belongs to an open period (tests).
#[cfg(test)]
pub fn is_registered(tid: u32) -> bool {
    OWNERS.contains_key(&tid)
}
