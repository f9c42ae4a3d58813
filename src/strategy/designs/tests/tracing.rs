//! The collector and its stop-the-world handshake, without the interpreter: roots are given explicitly
//! ([`ExplicitRoots`]), and probes record their drops.

use crate::object::probe::{Probe, ProbeLog};
use crate::object::{ExplicitRoots, ObjRef, list_obj};
use crate::strategy::designs::Tracing;
use crate::strategy::{Runtime, StrategyConfig};
use crate::sync::Arc;

type S = Tracing;

fn probes(log: &Arc<ProbeLog>, ids: std::ops::Range<usize>) -> Vec<ObjRef<S>> {
    ids.map(|i| ObjRef::new(Probe::new(i, log))).collect()
}

fn stats(rt: &Runtime<S>) -> crate::strategy::GcStats {
    rt.gc_stats()
}

#[test]
fn a_collection_frees_exactly_what_the_roots_do_not_reach() {
    let log = ProbeLog::new(4);
    let rt = Runtime::<S>::default();
    let mut th = rt.thread();
    let mut at = th.attach();
    let p = probes(&log, 0..4);
    let kept = list_obj::<S>(vec![p[0].clone(), p[1].clone()]).into_obj();
    let nested = list_obj::<S>(vec![kept.clone()]).into_obj();
    drop(p);
    assert_eq!(at.collect(&ExplicitRoots(std::slice::from_ref(&nested))), 2, "probes 2 and 3");
    assert_eq!((0..4).map(|i| log.drops(i)).collect::<Vec<_>>(), [0, 0, 1, 1]);
    // Survivors are unmarked again: a second collection with the same roots frees nothing.
    assert_eq!(at.collect(&ExplicitRoots(std::slice::from_ref(&nested))), 0);
    drop((kept, nested));
    assert_eq!(at.collect(&ExplicitRoots(&[])), 4, "two lists and two probes");
    assert_eq!((0..4).map(|i| log.drops(i)).collect::<Vec<_>>(), [1, 1, 1, 1]);
    let s = stats(&rt);
    assert_eq!((s.collections, s.abandoned, s.freed), (3, 0, 6));
    assert_eq!(s.pauses.len(), 3);
}

#[test]
fn the_allocation_trigger_collects_at_a_safepoint_that_reports_roots() {
    let rt = Runtime::<S>::new(&StrategyConfig { gc_min_bytes: 4096, ..StrategyConfig::default() });
    let mut th = rt.thread();
    let mut at = th.attach();
    let log = ProbeLog::new(1000);
    drop(probes(&log, 0..1000));
    // A plain safepoint cannot report roots, so it never collects.
    at.safepoint();
    assert_eq!(stats(&rt).collections, 0);
    at.safepoint_with(&ExplicitRoots(&[]));
    assert_eq!(stats(&rt).collections, 1);
    assert!((0..1000).all(|i| log.drops(i) == 1));
}

#[test]
fn a_thread_stopped_without_roots_makes_the_collector_give_up() {
    let log = ProbeLog::new(2);
    let rt = Runtime::<S>::default();
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|s| {
        let (rt, log) = (&rt, &log);
        s.spawn(move || {
            let mut th = rt.thread();
            let mut at = th.attach();
            let held = probes(log, 0..1);
            // Detached without telling the collector what it holds.
            at.blocking(|| {
                ready_tx.send(()).unwrap();
                rx.recv().unwrap();
            });
            drop(held);
        });
        ready_rx.recv().unwrap();
        let mut th = rt.thread();
        let mut at = th.attach();
        drop(probes(log, 1..2));
        assert_eq!(at.collect(&ExplicitRoots(&[])), 0);
        assert_eq!(log.drops(0) + log.drops(1), 0, "nothing freed while a thread's roots are unknown");
        assert_eq!(stats(rt).abandoned, 1);
        tx.send(()).unwrap();
    });
    // The worker exited: its objects are orphans now, and unreachable.
    let mut th = rt.thread();
    let mut at = th.attach();
    assert_eq!(at.collect(&ExplicitRoots(&[])), 2);
    assert_eq!((log.drops(0), log.drops(1)), (1, 1));
}

#[test]
fn a_detached_thread_keeps_what_it_published_and_its_orphans_survive_it() {
    let log = ProbeLog::new(3);
    let rt = Runtime::<S>::default();
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<()>();
    let shared = {
        let mut th = rt.thread();
        let _at = th.attach();
        list_obj::<S>(vec![]).into_obj()
    };
    std::thread::scope(|s| {
        let (rt, log, shared) = (&rt, &log, &shared);
        s.spawn(move || {
            let mut th = rt.thread();
            let mut at = th.attach();
            let held = probes(log, 0..2);
            let list = shared.downcast::<crate::object::List<S>>().unwrap();
            list.append(held[1].clone(), &at);
            let roots = [held[0].clone()];
            at.blocking_with(&ExplicitRoots(&roots), || {
                ready_tx.send(()).unwrap();
                rx.recv().unwrap();
            });
        });
        ready_rx.recv().unwrap();
        let mut th = rt.thread();
        let mut at = th.attach();
        drop(probes(log, 2..3));
        assert_eq!(at.collect(&ExplicitRoots(std::slice::from_ref(shared))), 1, "only probe 2");
        assert_eq!((log.drops(0), log.drops(1), log.drops(2)), (0, 0, 1));
        tx.send(()).unwrap();
    });
    // Probe 1 was allocated by the exited thread and is still in `shared`.
    let mut th = rt.thread();
    let mut at = th.attach();
    assert_eq!(at.collect(&ExplicitRoots(std::slice::from_ref(&shared))), 1, "probe 0 only");
    assert_eq!((log.drops(0), log.drops(1)), (1, 0));
    drop(shared);
    assert_eq!(at.collect(&ExplicitRoots(&[])), 2);
    assert_eq!(log.drops(1), 1);
}

#[test]
fn threads_racing_to_collect_take_turns() {
    let rt = Runtime::<S>::new(&StrategyConfig { gc_min_bytes: 1024, ..StrategyConfig::default() });
    let log = ProbeLog::new(4 * 2000);
    std::thread::scope(|s| {
        for t in 0..4 {
            let (rt, log) = (&rt, &log);
            s.spawn(move || {
                let mut th = rt.thread();
                let mut at = th.attach();
                let mut keep = Vec::new();
                for i in 0..2000 {
                    let p = ObjRef::<S>::new(Probe::new(t * 2000 + i, log));
                    if i % 10 == 0 {
                        keep.push(p);
                    }
                    at.safepoint_with(&ExplicitRoots(&keep));
                }
                // Everything kept is alive; the rest may or may not have been collected yet.
                assert!(keep.iter().all(|p| log.drops(p.downcast::<Probe>().unwrap().id) == 0));
            });
        }
    });
    let mut th = rt.thread();
    let mut at = th.attach();
    at.collect(&ExplicitRoots(&[]));
    assert!((0..8000).all(|i| log.drops(i) == 1), "every probe freed exactly once");
    assert!(stats(&rt).collections > 1);
}

/// Parallel marking: the parked threads join a big mark (work stealing), and the result is still exact:
/// everything any thread's roots reach survives, everything else is freed once. Collections repeat until
/// one was shared, since a small machine may finish a mark before a parked thread wakes.
#[test]
fn parked_threads_help_mark_a_big_heap_exactly() {
    const THREADS: usize = 3;
    const LISTS: usize = 3000;
    let per_thread = 3 * LISTS;
    let log = ProbeLog::new(THREADS * per_thread);
    let rt = Runtime::<S>::default();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let ready = std::sync::Barrier::new(THREADS + 1);
    std::thread::scope(|s| {
        for t in 0..THREADS {
            let (rt, log, stop, ready) = (&rt, &log, &stop, &ready);
            s.spawn(move || {
                let mut th = rt.thread();
                let mut at = th.attach();
                let base = t * per_thread;
                // Kept: a list of LISTS two-probe lists. Garbage: LISTS loose probes.
                let kept: Vec<ObjRef<S>> =
                    (0..LISTS).map(|i| list_obj::<S>(probes(log, base + 2 * i..base + 2 * i + 2)).into_obj()).collect();
                let roots = [list_obj::<S>(kept).into_obj()];
                drop(probes(log, base + 2 * LISTS..base + per_thread));
                ready.wait();
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    at.safepoint_with(&ExplicitRoots(&roots));
                }
            });
        }
        ready.wait();
        let mut th = rt.thread();
        let mut at = th.attach();
        let mut freed = 0;
        for _ in 0..200 {
            freed += at.collect(&ExplicitRoots(&[]));
            if stats(&rt).shared_marks > 0 {
                break;
            }
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert_eq!(freed, THREADS * LISTS, "the loose probes, once");
        assert!(stats(&rt).shared_marks > 0, "some mark was shared with the parked threads");
    });
    // Each parked thread swept its own list after the restart, before it exited.
    for t in 0..THREADS {
        let base = t * per_thread;
        assert!((base..base + 2 * LISTS).all(|i| log.drops(i) == 0), "kept probes of thread {t} survive");
        assert!((base + 2 * LISTS..base + per_thread).all(|i| log.drops(i) == 1), "garbage of thread {t}");
    }
    // The workers exited: everything is garbage now.
    let mut th = rt.thread();
    let mut at = th.attach();
    at.collect(&ExplicitRoots(&[]));
    assert!((0..THREADS * per_thread).all(|i| log.drops(i) == 1), "every probe freed exactly once");
}
