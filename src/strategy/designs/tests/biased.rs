//! `biased`: the count protocol (owner, shared, queue, merge), owner exit, immortal and deferred objects.
//!
//! Objects are `Probe`s, which record their own drops, so "freed exactly once" is checked per object.

use proptest::prelude::*;

use crate::object::probe::{Probe, ProbeLog};
use crate::object::{ObjRef, float_obj, int_obj, none};
use crate::strategy::designs::Biased;
use crate::strategy::parts::rc::biased::merge;
use crate::strategy::parts::rc::biased::{BiasedRc, LOCAL_SKIP, MERGED, SHARED_ONE, SHARED_READ, TID_NONE};
use crate::strategy::{RefCount, Runtime};

fn probe(log: &std::sync::Arc<ProbeLog>, id: usize) -> ObjRef<Biased> {
    ObjRef::new(Probe::new(id, log))
}

/// The owner counts in `local` without touching `shared`; its last decref frees on the fast path.
#[test]
fn owner_counts_locally_and_frees_on_the_fast_path() {
    let rt = Runtime::<Biased>::default();
    let mut th = rt.thread();
    let at = th.attach();
    let log = ProbeLog::new(1);
    let p = probe(&log, 0);
    assert_eq!(p.rc().owner(), at.local().tid());
    let q = p.clone();
    assert_eq!(p.rc().fields(), (2, 0), "two local references, nothing shared");
    drop(q);
    drop(p);
    assert_eq!(log.drops(0), 1);
}

/// Created on A, last reference dropped on B: B queues it to A, and A frees it when it merges.
#[test]
fn object_crossing_threads_is_queued_to_its_owner_and_freed_there() {
    let rt = Runtime::<Biased>::default();
    let log = ProbeLog::new(1);
    let mut owner = rt.thread();
    let mut at = owner.attach();
    let p = probe(&log, 0);
    std::thread::scope(|s| {
        s.spawn(|| {
            let mut th = rt.thread();
            let _at = th.attach();
            drop(p); // `shared` is zero: queue to the owner instead of going negative.
        });
    });
    assert_eq!(log.drops(0), 0, "only the owner may decide: it still counts the reference in `local`");
    at.safepoint(); // the owner merges: local 1 + shared 0 - the queued reference = 0
    assert_eq!(log.drops(0), 1);
}

/// A non-owner's increments go to `shared`; the owner's last local decref then merges instead of freeing,
/// and the non-owner's last decref frees.
#[test]
fn owner_merges_when_others_still_hold_references() {
    let rt = Runtime::<Biased>::default();
    let log = ProbeLog::new(1);
    let mut owner = rt.thread();
    let at = owner.attach();
    let p = probe(&log, 0);
    let (to_b, from_a) = std::sync::mpsc::channel::<ObjRef<Biased>>();
    let (to_a, from_b) = std::sync::mpsc::channel::<ObjRef<Biased>>();
    let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|s| {
        s.spawn(move || {
            let mut th = rt.thread();
            let _at = th.attach();
            let p = from_a.recv().unwrap();
            let mine = p.clone(); // a shared reference
            to_a.send(p).unwrap(); // the owner's reference goes back
            go_rx.recv().unwrap(); // the owner has dropped its reference
            drop(mine); // the last reference: shared 1 -> MERGED with zero
        });
        to_b.send(p).unwrap();
        let p = from_b.recv().unwrap();
        let rc = p.rc() as *const BiasedRc;
        drop(p); // local 1 -> 0, shared 1: merge, no free
        // SAFETY: the other thread still holds a reference, so the header is alive.
        let (owner_tid, fields) = unsafe { ((*rc).owner(), (*rc).fields()) };
        assert_eq!(owner_tid, TID_NONE, "the owner gave the object up");
        assert_eq!(fields, (0, SHARED_ONE | MERGED));
        assert_eq!(log.drops(0), 0);
        go_tx.send(()).unwrap();
    });
    drop(at);
    assert_eq!(log.drops(0), 1, "freed exactly once, by the last holder");
}

/// An owner that exits with objects in its queue merges them before leaving; objects it still owns are
/// inherited by whoever drops them later. Nothing is lost, nothing freed twice, nothing leaks.
#[test]
fn owner_exit_with_pending_queue_and_owned_objects() {
    let rt = Runtime::<Biased>::default();
    let log = ProbeLog::new(64);
    let (held, tid) = std::thread::scope(|s| {
        s.spawn(|| {
            let mut th = rt.thread();
            let at = th.attach();
            let tid = at.local().tid();
            let objs: Vec<ObjRef<Biased>> = (0..64).map(|i| probe(&log, i)).collect();
            // Half are dropped by another thread while this one is still alive but never reaches a safepoint:
            // they sit in its queue when it exits.
            let (give, keep): (Vec<_>, Vec<_>) = objs.into_iter().enumerate().partition(|(i, _)| i % 2 == 0);
            std::thread::scope(|s2| {
                s2.spawn(move || {
                    let mut th = rt.thread();
                    let _at = th.attach();
                    drop(give);
                });
            });
            assert!(merge::is_registered(tid));
            assert_eq!((0..64).filter(|&i| log.drops(i) > 0).count(), 0, "queued objects wait for their owner");
            drop(at);
            drop(th); // exit: drains the queue
            assert!(!merge::is_registered(tid), "the owner left the map");
            let keep: Vec<ObjRef<Biased>> = keep.into_iter().map(|(_, o)| o).collect();
            (keep, tid)
        })
        .join()
        .unwrap()
    });
    for i in (0..64).step_by(2) {
        assert_eq!(log.drops(i), 1, "queued object {i} merged at exit");
    }
    // The rest are owned by an exited thread: dropping them here queues to nobody, so this thread inherits.
    assert!(held.iter().all(|o| o.rc().owner() == tid));
    drop(held);
    for i in 0..64 {
        assert_eq!(log.drops(i), 1, "object {i}");
    }
}

/// Immortal objects take no count updates and are never freed, from any number of threads.
#[test]
fn immortal_objects_are_never_written() {
    let rt = Runtime::<Biased>::default();
    let n = none::<Biased>();
    let i = int_obj::<Biased>(7);
    let fields = (n.rc().fields(), i.rc().fields());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                let mut th = rt.thread();
                let _at = th.attach();
                for _ in 0..1000 {
                    let a = n.clone();
                    let b = i.clone();
                    assert!(a.rc().try_incref());
                    b.rc().incref();
                    assert!(!a.rc().decref());
                    assert!(!b.rc().decref());
                }
            });
        }
    });
    assert!(n.is_immortal() && i.is_immortal());
    assert_eq!((n.rc().fields(), i.rc().fields()), fields, "immortal headers never change");
}

/// Deferred objects skip every count update and are freed exactly once, when their runtime shuts down.
#[test]
fn deferred_objects_are_freed_once_at_shutdown() {
    let log = ProbeLog::new(8);
    let rt = Runtime::<Biased>::default();
    let mut held = Vec::new();
    {
        let mut th = rt.thread();
        let at = th.attach();
        for id in 0..8 {
            let d = ObjRef::<Biased>::new_deferred(Probe::new(id, &log), at.global());
            assert!(d.rc().is_deferred() && !d.is_immortal());
            for _ in 0..3 {
                drop(d.clone());
            }
            held.push(d);
        }
        assert_eq!(at.global().deferred().deferred_len(), 8);
    }
    drop(held); // no-ops: deferred
    assert!((0..8).all(|i| log.drops(i) == 0), "only the runtime frees deferred objects");
    drop(rt); // the last handle: shutdown
    assert!((0..8).all(|i| log.drops(i) == 1), "each freed exactly once at shutdown");
}

/// Lock-free reads of an object whose owner holds every reference fail (a plain zero `shared` may be a
/// freed object); a read under the container lock marks it `SHARED_READ`, after which they succeed.
#[test]
fn plain_zero_shared_fails_optimistic_reads_until_marked() {
    let rt = Runtime::<Biased>::default();
    let mut owner = rt.thread();
    let _at = owner.attach();
    let f = float_obj::<Biased>(1.5);
    std::thread::scope(|s| {
        s.spawn(|| {
            let mut th = rt.thread();
            let _at = th.attach();
            assert!(!f.rc().try_incref(), "ambiguous zero: fall back to the lock");
            f.rc().incref_locked();
            assert_eq!(f.rc().fields().1, SHARED_ONE | SHARED_READ);
            assert!(f.rc().try_incref());
            assert!(!f.rc().decref());
            assert!(!f.rc().decref());
            assert_eq!(f.rc().fields().1, SHARED_READ, "count back to zero, still marked");
            assert!(f.rc().try_incref(), "marked: lock-free reads succeed");
            assert!(!f.rc().decref());
        });
    });
}

/// Outside any ownership period, objects are born merged: no owner, the whole count in `shared`, and
/// the last decref (from any thread) frees.
#[test]
fn objects_made_outside_a_period_are_born_merged() {
    let rc = std::thread::spawn(BiasedRc::new).join().unwrap();
    assert_eq!(rc.owner(), TID_NONE);
    assert_eq!(rc.fields(), (0, SHARED_ONE | MERGED));
    rc.incref();
    assert!(!rc.decref());
    assert!(rc.decref(), "the last reference, dropped on another thread than the creator");
    assert!(!rc.try_incref(), "merged with zero: dead");
}

/// One step of a concurrent refcount program.
#[derive(Debug, Clone, Copy)]
enum Op {
    /// Take a new reference (clone).
    Clone,
    /// Drop one held reference.
    Drop,
    /// Hand a held reference to the other thread.
    Send,
    /// Poll the safepoint (merges the queue).
    Safepoint,
}

fn op() -> impl proptest::strategy::Strategy<Value = Op> {
    prop_oneof![3 => Just(Op::Clone), 3 => Just(Op::Drop), 2 => Just(Op::Send), 1 => Just(Op::Safepoint)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: crate::testing::cases(48), ..ProptestConfig::default() })]
    /// Two threads clone, drop and pass references to objects created on the first, merging and decrementing
    /// concurrently (the owner's merges race with the other thread's shared decrements); the second thread
    /// may exit first with objects of its own queued. Every object is freed exactly once.
    #[test]
    fn concurrent_merge_and_decref_free_each_object_once(
        a in proptest::collection::vec(op(), 1..120),
        b in proptest::collection::vec(op(), 1..120),
        objects in 1usize..6,
    ) {
        let log = ProbeLog::new(objects * 2);
        let rt = Runtime::<Biased>::default();
        let (to_b, from_a) = std::sync::mpsc::channel::<ObjRef<Biased>>();
        let (to_a, from_b) = std::sync::mpsc::channel::<ObjRef<Biased>>();
        std::thread::scope(|s| {
            let run = |prog: Vec<Op>, first: usize, tx: std::sync::mpsc::Sender<ObjRef<Biased>>,
                       rx: std::sync::mpsc::Receiver<ObjRef<Biased>>| {
                let log = &log;
                let rt = &rt;
                move || {
                    let mut th = rt.thread();
                    let mut at = th.attach();
                    let mut held: Vec<ObjRef<Biased>> = (first..first + objects).map(|i| probe(log, i)).collect();
                    for (k, op) in prog.iter().enumerate() {
                        held.extend(rx.try_iter());
                        match op {
                            Op::Clone => if let Some(o) = held.get(k % held.len().max(1)) { held.push(o.clone()) },
                            Op::Drop => { if !held.is_empty() { held.swap_remove(k % held.len()); } }
                            Op::Send => { if !held.is_empty() { let _ = tx.send(held.swap_remove(k % held.len())); } }
                            Op::Safepoint => at.safepoint(),
                        }
                    }
                    drop(tx);
                    // Keep receiving until the other side is done, then drop everything.
                    held.extend(rx.iter());
                    drop(held);
                    drop(at);
                    drop(th);
                }
            };
            // Joined explicitly (pthread_join), not by the scope's end: ThreadSanitizer sees the former.
            let ha = s.spawn(run(a, 0, to_b, from_b));
            let hb = s.spawn(run(b, objects, to_a, from_a));
            ha.join().expect("thread a");
            hb.join().expect("thread b");
        });
        drop(rt);
        for i in 0..objects * 2 {
            prop_assert_eq!(log.drops(i), 1, "object {} dropped {} times", i, log.drops(i));
        }
    }
}

/// `gc.freeze()`: objects reachable from a deferred root become deferred (reads from another thread then
/// touch no count), are freed exactly once at shutdown, and are not freed when dropped before; refused
/// while another thread of the runtime exists.
#[test]
fn freeze_defers_reachable_objects_and_frees_them_once_at_shutdown() {
    use crate::object::{List, list_obj};
    let log = ProbeLog::new(5);
    let rt = Runtime::<Biased>::default();
    {
        let mut th = rt.thread();
        let mut at = th.attach();
        let probes: Vec<ObjRef<Biased>> = (0..4).map(|i| probe(&log, i)).collect();
        let inner = list_obj::<Biased>(probes).into_obj();
        let root = ObjRef::<Biased>::new_deferred(List::from_vec(vec![inner.clone()]), at.global());
        let outside = probe(&log, 4); // not reachable from any deferred object: stays counted
        // Refused while a second thread state of the runtime exists (whether or not it runs).
        let (made_tx, made_rx) = std::sync::mpsc::channel::<()>();
        let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
        std::thread::scope(|s| {
            let rt = &rt;
            s.spawn(move || {
                let th2 = rt.thread();
                made_tx.send(()).unwrap();
                done_rx.recv().unwrap();
                drop(th2);
            });
            made_rx.recv().unwrap();
            assert_eq!(at.freeze(), Err(crate::strategy::FreezeRefused(1)));
            assert!(!inner.rc().is_deferred(), "nothing changed");
            done_tx.send(()).unwrap();
        });
        assert_eq!(at.freeze(), Ok(5), "the inner list and its four probes");
        assert!(inner.rc().is_deferred() && !outside.rc().is_deferred());
        let item = inner.downcast::<List<Biased>>().unwrap().get(2, &at).unwrap();
        assert!(item.rc().is_deferred());
        std::thread::scope(|s| {
            s.spawn(|| {
                let mut th = rt.thread();
                let at2 = th.attach();
                let again = inner.downcast::<List<Biased>>().unwrap().get(1, &at2).unwrap();
                assert_eq!(again.rc().fields().1, 0, "a frozen object's shared count is never written");
            });
        });
        drop((item, inner, root, outside));
        assert_eq!(log.drops(4), 1, "the unfrozen probe is freed by its count");
        assert!((0..4).all(|i| log.drops(i) == 0), "frozen objects wait for shutdown");
    }
    drop(rt);
    assert!((0..5).all(|i| log.drops(i) == 1), "each freed exactly once");
}

/// Refcount overflow (CPython gh-125174: a count that overflows into the immortal value and later comes back
/// down frees the object twice; the free-threaded build makes an object immortal when its 32-bit
/// `ob_ref_local` would wrap, and so leaks it). `biased`'s owner count is 32 bits too. At the ceiling
/// (`LOCAL_SKIP - 1`) the owner's increments spill into `shared` instead: `local` never reaches the
/// `LOCAL_SKIP` sentinel (which would make the object skip counting) nor wraps to zero (a free while
/// referenced), and the object stays mortal.
///
/// The owner starts four billion phantom references deep (a test hook), hands references to three other
/// threads, and all four count at the ceiling at once; the non-owners' last drops may take `shared` to zero
/// and queue the object, so the owner's merge runs with a saturated `local` too. Then: no reference lost or
/// made up (the count is exactly the owner's real one plus the phantoms), nothing freed early, and once
/// the phantoms and the last real reference go the object is freed exactly once.
#[test]
fn a_saturated_owner_count_spills_into_shared_and_the_object_is_freed_once() {
    const PHANTOMS: u32 = LOCAL_SKIP - 4;
    for round in 0..crate::testing::cases(8) {
        let rt = Runtime::<Biased>::default();
        let log = ProbeLog::new(1);
        let mut owner = rt.thread();
        let mut at = owner.attach();
        let p = probe(&log, 0);
        p.rc().add_phantoms(PHANTOMS);
        let given: Vec<ObjRef<Biased>> = (0..4).map(|_| p.clone()).collect();
        assert_eq!(p.rc().fields(), (LOCAL_SKIP - 1, 2 * SHARED_ONE), "two increments fill `local`, two spill");
        std::thread::scope(|s| {
            let (rt, mut given) = (&rt, given.into_iter());
            for _ in 0..3 {
                let mine = given.next().expect("four references");
                s.spawn(move || {
                    let mut th = rt.thread();
                    let _at = th.attach();
                    for _ in 0..2_000 {
                        drop(mine.clone());
                    }
                    drop(mine);
                });
            }
            drop(given); // the fourth: an owner decref at the ceiling
            for i in 0..2_000 {
                let c = p.clone(); // at the ceiling: into `shared`
                drop(c); // out of `local`: next time it fits there again
                if i % 64 == 0 {
                    at.safepoint(); // merge whatever a non-owner queued
                }
            }
        });
        at.safepoint();
        assert_eq!(log.drops(0), 0, "round {round}: freed while referenced");
        assert_ne!(p.rc().fields().0, LOCAL_SKIP, "round {round}: `local` reached the skip sentinel");
        assert_eq!(p.rc().get(), 1 + PHANTOMS as usize, "round {round}: references lost or made up");
        p.rc().drop_phantoms(u64::from(PHANTOMS));
        assert_eq!(p.rc().get(), 1);
        drop(p);
        at.safepoint();
        drop(at);
        drop(owner);
        assert_eq!(log.drops(0), 1, "round {round}: freed exactly once");
    }
}
