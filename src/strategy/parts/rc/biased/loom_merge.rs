//! loom model of biased reference counting's merge protocol ([`header`](super::header) and
//! [`merge`](super::merge)), run on the real code.
//!
//! ```text
//! .ci/loom            # every model, every interleaving (see the script for the profile it builds)
//! .ci/loom loom_merge # this file's models only
//! # in short: RUSTFLAGS="--cfg loom" cargo test --release --lib --target-dir target/loom loom_
//! ```
//!
//! **The protocol.** The owner counts its references in `local` with plain stores; every other thread counts
//! in `shared` with CASes. A non-owner whose decrement finds `shared` at zero (its reference is counted in
//! the owner's `local`) sets `QUEUED` instead and pushes the object onto the owner's queue; the owner merges
//! the queue at a safepoint (`count = shared + local - 1`, then `MERGED`) and frees the object at zero. When
//! the owner's own `local` reaches zero with `shared` non-zero it gives the object up (`MERGED`), and the
//! thread whose decrement reaches zero frees it. An owner that ends its period drains its queue until it is
//! empty under the registry's write lock; a thread that queues after that inherits the merge.
//!
//! **What runs for real:** `BiasedRc` (every count operation, both merges), `merge::enter`/`leave`, the
//! owner's `Owner::process`, `merge::queue` and the owner's exit drain. Two `cfg(all(test, loom))` seams in
//! `merge.rs` make them modelable: the owner registry is [`loom_owners`](super::loom_owners) (the same
//! locking on a loom `RwLock`: loom cannot see `DashMap`'s locks, and a model thread preempted inside one
//! would hang the one OS thread loom runs on), and `free_dead` is [`free_model`] (the counts live in
//! [`ModelObj`]s, not heap `Obj`s, whose real free path recycles memory through thread-local pools that
//! outlive a loom execution). The owner id and the period are loom thread-locals (`sync::thread_local`).
//!
//! **What is checked,** in every interleaving loom explores: each object is freed exactly once (a second
//! free finds the payload poisoned; a missed one fails the final count), and never while a thread still
//! holds a reference (its read would find the poison, or loom reports the payload access racing with the
//! free's write: the Release/Acquire chain through `shared`, the queue's mutex and the registry lock must
//! order every holder's last access before the free).

use loom::cell::UnsafeCell;
use loom::sync::atomic::{AtomicBool, AtomicUsize};
use loom::thread;

use super::BiasedRc;
use super::merge;
use crate::strategy::RefCount;
use crate::sync::{Arc, Ordering};

/// The payload of a live model object.
const LIVE: u64 = 42;
/// The payload after the model's free.
const POISON: u64 = 0xdead;

/// A model object: the real count as the first field (as in `Obj`, so `free_dead` finds the object from
/// its count), a payload that free poisons, and the number of frees.
#[repr(C)]
struct ModelObj {
    rc: BiasedRc,
    payload: UnsafeCell<u64>,
    frees: AtomicUsize,
}

// SAFETY: `payload` is a loom cell: loom runs the model's threads one at a time and checks every access to
// it, panicking on an unsynchronized pair before it happens; `rc` and `frees` are atomics.
unsafe impl Sync for ModelObj {}

impl ModelObj {
    /// A live object owned by the calling thread (one reference, in `local`).
    fn new() -> Self {
        ModelObj { rc: BiasedRc::new(), payload: UnsafeCell::new(LIVE), frees: AtomicUsize::new(0) }
    }

    /// Use the object; the caller holds a reference.
    fn read(&self) {
        // SAFETY: a read through loom's cell; loom reports it if it races with `free`'s write.
        let v = self.payload.with(|p| unsafe { *p });
        assert_eq!(v, LIVE, "read an object that was freed while a reference was held");
    }

    /// Drop one reference, freeing the object if it was the last.
    fn drop_ref(&self) {
        if self.rc.decref() {
            self.free();
        }
    }

    /// The model's free: poison the payload (a second free finds it poisoned).
    fn free(&self) {
        // SAFETY: a write through loom's cell; loom reports it if any holder's access is not ordered before it.
        self.payload.with_mut(|p| unsafe {
            assert_eq!(*p, LIVE, "object freed twice");
            *p = POISON;
        });
        self.frees.fetch_add(1, Ordering::Relaxed);
    }

    fn frees(&self) -> usize {
        self.frees.load(Ordering::Relaxed)
    }
}

/// `free_dead` of `merge.rs` under the model (an owner's merge reached zero): free the model object and
/// return `true` (so `free_dead` does not treat the count as a heap `Obj`'s).
pub(super) fn free_model(rc: &BiasedRc) -> bool {
    // SAFETY: under `cfg(all(test, loom))` every counted `BiasedRc` is the first field of a `#[repr(C)]`
    // `ModelObj` (only this module creates them), which its test keeps allocated to the end of the execution.
    let obj = unsafe { &*std::ptr::from_ref(rc).cast::<ModelObj>() };
    obj.free();
    true
}

/// A non-owner drops a reference counted in the owner's `local` (count shared +1, −1, then queue) while
/// the owner drops its own and polls its queue at a safepoint; the owner's merge frees it.
#[test]
fn loom_queued_reference_is_merged_by_its_owner() {
    crate::testing::loom_model("queued_reference_is_merged_by_its_owner", || {
        let owner = merge::enter(no_heap);
        let obj = Arc::new(ModelObj::new());
        obj.rc.incref(); // local 2: one reference for the other thread
        let o = obj.clone();
        let other = thread::spawn(move || {
            o.read();
            o.rc.incref(); // shared: +1
            o.drop_ref(); // shared: back to zero
            o.read();
            o.drop_ref(); // shared is zero: QUEUED, pushed to the owner
        });
        obj.read();
        obj.drop_ref(); // local 1
        if owner.pending() {
            owner.process(); // a safepoint racing with the push
        }
        other.join().expect("other thread");
        drop(owner);
        merge::leave(); // end of period: drains what is left
        assert_eq!(obj.frees(), 1, "freed exactly once");
    });
}

/// Two non-owners drop references counted in `local`: one queues, the other takes `shared` negative
/// under `QUEUED`; one merge settles both.
#[test]
fn loom_two_non_owners_queue_once() {
    crate::testing::loom_model("two_non_owners_queue_once", || {
        let _owner = merge::enter(no_heap);
        let obj = Arc::new(ModelObj::new());
        obj.rc.incref();
        obj.rc.incref(); // local 3: one each for two threads
        let spawn = |o: Arc<ModelObj>| {
            thread::spawn(move || {
                o.read();
                o.drop_ref();
            })
        };
        let (a, b) = (spawn(obj.clone()), spawn(obj.clone()));
        obj.read();
        obj.drop_ref(); // local 2
        a.join().expect("thread a");
        b.join().expect("thread b");
        merge::leave();
        assert_eq!(obj.frees(), 1, "freed exactly once");
    });
}

/// The owner's `local` reaches zero while another thread holds a reference counted in `shared` (it
/// increfed, then handed one reference back): the owner gives the object up (`MERGED`), and whichever
/// decrement reaches zero frees it (or the owner frees on its fast path, if the other one dropped first).
#[test]
fn loom_owner_gives_up_an_object_another_thread_holds() {
    crate::testing::loom_model("owner_gives_up_an_object_another_thread_holds", || {
        let _owner = merge::enter(no_heap);
        let obj = Arc::new(ModelObj::new());
        obj.rc.incref(); // local 2: one reference for the other thread
        let back = Arc::new(AtomicBool::new(false));
        let (o, b) = (obj.clone(), back.clone());
        let other = thread::spawn(move || {
            o.rc.incref(); // shared +1: it holds two
            b.store(true, Ordering::Release); // hands one back (pairs with the Acquire load below)
            o.read();
            o.drop_ref();
        });
        obj.read();
        obj.drop_ref(); // local 1
        let handed_back = back.load(Ordering::Acquire);
        if handed_back {
            obj.drop_ref(); // local 0: fast-path free, or give up (MERGED)
        }
        other.join().expect("other thread");
        if !handed_back {
            obj.drop_ref();
        }
        merge::leave();
        assert_eq!(obj.frees(), 1, "freed exactly once");
    });
}

/// The owner ends its period while a non-owner queues to it: either the push lands before the owner's
/// final check (the owner drains and frees), or after it left the registry and the non-owner inherits the
/// merge and frees (interleavings 1–3 of `merge.rs`).
#[test]
fn loom_owner_exits_with_a_pending_merge() {
    crate::testing::loom_model("owner_exits_with_a_pending_merge", || {
        let _owner = merge::enter(no_heap);
        let obj = Arc::new(ModelObj::new());
        obj.rc.incref(); // local 2
        let o = obj.clone();
        let other = thread::spawn(move || {
            o.read();
            o.drop_ref(); // shared is zero: queue, or inherit if the owner is gone
        });
        obj.read();
        obj.drop_ref(); // local 1
        merge::leave();
        other.join().expect("other thread");
        assert_eq!(obj.frees(), 1, "freed exactly once");
    });
}

/// The model's owners never free heap objects: `free_model` takes every merge that reaches zero.
fn no_heap(_: &BiasedRc) {
    unreachable!("the model frees its own objects");
}
