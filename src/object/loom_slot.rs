//! loom model of the lock-free slot read ([`slot`](super::slot)'s `try_get`) against a writer that replaces
//! the slot and frees the old object, on the real counts: `AtomicRc` (`atomic`) and `BiasedRc` (`biased`).
//!
//! ```text
//! .ci/loom           # every model, every interleaving (see the script for the profile it builds)
//! .ci/loom loom_slot # this file's models only
//! # in short: RUSTFLAGS="--cfg loom" cargo test --release --lib --target-dir target/loom loom_
//! ```
//!
//! **The protocol** (ARCHITECTURE.md, race 1, "Load-then-incref"). A reader (1) loads the slot with Acquire, (2)
//! `try_incref`s the object it found, which fails on a count that may be dead, and (3) reloads the slot: if
//! it changed, it drops the reference and retries. A writer stores the new object with Release and then
//! drops the slot's reference to the old one, freeing it if that was the last. The old object's memory
//! stays an object header (epoch retirement, or type-stable reuse, `strategy::recycle`), so step 2 may
//! touch a dead count, or one already given to a new object; step 2 must then fail, or step 3 must catch it.
//!
//! **What is modeled.** The real `Slot` returns `ObjRef`s, whose drop runs the full free path (finalizers,
//! trashcan, thread-local pools that outlive a loom execution), so this model repeats `try_get`'s three
//! steps on a loom `AtomicPtr` over model objects (`ModelObj`: the real count and a payload) and keeps
//! their memory for the whole execution, as the epoch does. "Free" poisons the payload; the atomic model
//! then also *recycles* the memory for a new object (`reinit`, as `recycle` does), which only the
//! re-validation of step 3 tells apart from the old one.
//!
//! **What is checked** in every interleaving: the reader never reads a freed object or one the slot did
//! not hold (a poisoned or foreign payload, or loom reporting the read racing with the free's or the
//! reinit's write), and every object is freed exactly once. The biased cases also exercise the
//! store-buffer race of `BiasedRc::try_incref`'s docs: the owner frees on its fast path (no atomic write)
//! while a non-owner adds to `shared`.

use loom::cell::UnsafeCell;
use loom::thread;

use crate::strategy::RefCount;
use crate::strategy::parts::rc::biased::merge;
use crate::strategy::parts::rc::{AtomicRc, BiasedRc};
use crate::sync::{Arc, AtomicPtr, AtomicUsize, Ordering};

/// The payload of a freed object.
const POISON: u64 = 0xdead;

/// The count operations the reader and writer use, implemented by the real headers.
trait Count: Send + Sync + 'static {
    fn fresh() -> Self;
    fn try_incref(&self) -> bool;
    fn decref(&self) -> bool;
    fn reinit(&self, fresh: Self);
}

impl<R: RefCount> Count for R {
    fn fresh() -> Self {
        R::new()
    }
    fn try_incref(&self) -> bool {
        RefCount::try_incref(self)
    }
    fn decref(&self) -> bool {
        RefCount::decref(self)
    }
    fn reinit(&self, fresh: Self) {
        // SAFETY: the model reinitializes a dead count, after the rest of its object, as recycling does;
        // racing readers only read it.
        unsafe { R::reinit(std::ptr::from_ref(self).cast_mut(), fresh) }
    }
}

/// A model object: a real count, a payload (its identity, or `POISON` once freed) and its free count.
struct ModelObj<C> {
    rc: C,
    payload: UnsafeCell<u64>,
    frees: AtomicUsize,
}

// SAFETY: `payload` is a loom cell: loom runs the model's threads one at a time and checks every access to
// it, panicking on an unsynchronized pair before it happens; `rc` and `frees` are atomics.
unsafe impl<C: Sync> Sync for ModelObj<C> {}

impl<C: Count> ModelObj<C> {
    fn new(id: u64) -> Self {
        ModelObj { rc: C::fresh(), payload: UnsafeCell::new(id), frees: AtomicUsize::new(0) }
    }

    /// The payload; the caller holds a reference.
    fn read(&self) -> u64 {
        // SAFETY: a read through loom's cell; loom reports it if it races with a free or a reinit.
        let v = self.payload.with(|p| unsafe { *p });
        assert_ne!(v, POISON, "the reader holds a freed object");
        v
    }

    /// Drop one reference; `true` if it was the last (the object is then freed).
    fn drop_ref(&self) -> bool {
        let last = self.rc.decref();
        if last {
            // SAFETY: a write through loom's cell; every holder's access must happen-before it.
            self.payload.with_mut(|p| unsafe {
                assert_ne!(*p, POISON, "object freed twice");
                *p = POISON;
            });
            self.frees.fetch_add(1, Ordering::Relaxed);
        }
        last
    }

    /// Reuse the dead object's memory for a new object `id` (type-stable memory).
    fn recycle(&self, id: u64) {
        self.rc.reinit(C::fresh());
        // SAFETY: as in `drop_ref`: the object is dead and this thread owns its memory.
        self.payload.with_mut(|p| unsafe { *p = id });
    }
}

/// The reader: `try_get`'s three steps, at most twice (then the real reader takes the lock, not modeled).
/// Returns the payload it read through a validated reference.
fn reader<C: Count>(slot: &AtomicPtr<ModelObj<C>>) -> Option<u64> {
    for _ in 0..2 {
        // (1) Acquire: pairs with the writer's Release store, as in `Slot::try_get`.
        let p = slot.load(Ordering::Acquire);
        // SAFETY: the slot only ever points into the test's object array, alive for the whole execution.
        let obj = unsafe { &*p };
        // (2)
        if !obj.rc.try_incref() {
            continue;
        }
        // (3) Acquire, as in `Slot::try_get`.
        if slot.load(Ordering::Acquire) != p {
            obj.drop_ref();
            continue;
        }
        let v = obj.read();
        obj.drop_ref();
        return Some(v);
    }
    None
}

/// Objects `A` (id 1, owned by the slot) and `B` (id 2): the writer stores `B` and drops `A`'s reference;
/// with `recycle`, a freed `A` becomes object 3, which the writer then drops too. With `mark`, a
/// non-owner first reads both under the (unmodeled) container lock, as `incref_locked` does.
fn slot_race<C: Count>(name: &str, recycle: bool, mark: impl Fn(&C) + Send + Sync + 'static) {
    crate::testing::loom_model(name, move || {
        let _owner = merge::enter(|_| unreachable!("the model frees no heap object through a merge")); // this thread owns the biased objects (no effect on `atomic`)
        let objs: Arc<[ModelObj<C>; 2]> = Arc::new([ModelObj::new(1), ModelObj::new(2)]);
        for o in objs.iter() {
            mark(&o.rc);
        }
        let [a, b] = [0, 1].map(|i| std::ptr::from_ref(&objs[i]).cast_mut());
        let slot = Arc::new(AtomicPtr::new(a));
        let (s, held) = (slot.clone(), objs.clone());
        let r = thread::spawn(move || {
            let got = reader(&s);
            drop(held);
            got
        });
        // The writer: publish B (Release: pairs with the reader's Acquire loads), drop the slot's A.
        slot.store(b, Ordering::Release);
        let a = &objs[0];
        let recycled = a.drop_ref() && recycle;
        if recycled {
            a.recycle(3);
            a.drop_ref();
        }
        let got = r.join().expect("reader");
        assert!(matches!(got, None | Some(1 | 2)), "the reader got object {got:?}, which the slot never held");
        assert_eq!(a.frees.load(Ordering::Relaxed), if recycled { 2 } else { 1 }, "each object freed once");
        assert_eq!(objs[1].frees.load(Ordering::Relaxed), 0, "the slot still holds B");
        merge::leave();
    });
}

/// `atomic`: `try_incref` refuses the zero count of the object the writer freed.
#[test]
fn loom_atomic_reader_vs_replace_and_free() {
    slot_race::<AtomicRc>("atomic_reader_vs_replace_and_free", false, |_| {});
}

/// `atomic`, with the freed object's memory reused at once for a new object (`recycle`): a `try_incref` may
/// succeed on the new object at the old address, and the re-check must then see the slot's new value. That
/// needs the count to carry the writer's order: a reader whose CAS reads the recycled count must also see
/// the slot store made before it (an Acquire CAS in `try_incref` reading a Release store in `reinit`).
/// With both Relaxed, loom finds the re-check reading the stale slot and the reader using the new object
/// as the old one.
#[test]
fn loom_atomic_reader_vs_replace_free_and_recycle() {
    slot_race::<AtomicRc>("atomic_reader_vs_replace_free_and_recycle", true, |_| {});
}

/// `biased`, objects never shared: the reader's `try_incref` must refuse the plain zero `shared` while
/// the owner may free on its fast path (the store-buffer race).
#[test]
fn loom_biased_reader_vs_owner_fast_path_free() {
    slot_race::<BiasedRc>("biased_reader_vs_owner_fast_path_free", false, |_| {});
}

/// `biased`, objects marked `SHARED_READ` by an earlier locked read on another thread: the reader's
/// `try_incref` succeeds, and races with the owner giving the object up (`MERGED`) on the same word.
#[test]
fn loom_biased_reader_vs_owner_merge_of_a_shared_read_object() {
    slot_race::<BiasedRc>("biased_reader_vs_owner_merge_of_a_shared_read_object", false, |rc| {
        let rc = std::ptr::from_ref(rc) as usize;
        thread::spawn(move || {
            // SAFETY: `rc` is a count in the test's object array, which outlives this joined thread.
            let rc = unsafe { &*(rc as *const BiasedRc) };
            rc.incref_locked(); // a read under the container lock: +1 and SHARED_READ
            assert!(!RefCount::decref(rc), "the slot still holds the object");
        })
        .join()
        .expect("marking thread");
    });
}
