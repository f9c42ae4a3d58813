//! Concurrent property test, stamped for every strategy: threads share one list, one dict and one closure
//! cell, and race loads against replacements, appends, pops and deletions.
//!
//! This is the load-then-incref race of free-threaded CPython (gh-115103): a reader loads an item while a
//! writer replaces it and drops the last reference. The oracle:
//!
//! - every object a reader gets back is a live probe (its payload readable, its drop count zero) for as
//!   long as the reader holds it, even though other threads keep replacing and freeing probes;
//! - at the end every probe ever created was dropped exactly once (probes often die on a thread other than
//!   the one that created them), and the live-object counts of all threads sum to zero.
//!
//! proptest generates the per-thread programs and shrinks them; each case runs several times to meet
//! different schedules.

use proptest::prelude::*;

/// Slots of the shared list (and keys of the shared dict) the programs aim at.
const SLOTS: usize = 4;
/// Times each generated case runs.
const REPEATS: usize = 3;
/// Times each thread runs through its program in one run, so the threads overlap for longer than the
/// thread start-up skew.
const ROUNDS: usize = 200;

/// One operation of a thread's program.
#[derive(Debug, Clone)]
enum TOp {
    Get(usize),
    Set(usize),
    Append,
    Pop,
    DictGet(usize),
    DictSet(usize),
    DictDel(usize),
    CellGet,
    CellSet,
    /// Drop the oldest reference this thread holds.
    Release,
    Safepoint,
}

fn top() -> impl Strategy<Value = TOp> {
    prop_oneof![
        4 => (0..SLOTS).prop_map(TOp::Get),
        3 => (0..SLOTS).prop_map(TOp::Set),
        1 => Just(TOp::Append),
        1 => Just(TOp::Pop),
        4 => (0..SLOTS).prop_map(TOp::DictGet),
        3 => (0..SLOTS).prop_map(TOp::DictSet),
        1 => (0..SLOTS).prop_map(TOp::DictDel),
        2 => Just(TOp::CellGet),
        1 => Just(TOp::CellSet),
        2 => Just(TOp::Release),
        1 => Just(TOp::Safepoint),
    ]
}

fn programs() -> impl Strategy<Value = Vec<Vec<TOp>>> {
    proptest::collection::vec(proptest::collection::vec(top(), 1..150), 2..=3)
}

macro_rules! race_tests {
    ($name:ident, $S:ty) => {
        mod $name {
            use super::*;
            use crate::object::counts::live_on_this_thread;
            use crate::object::probe::{Probe, ProbeLog};
            use crate::object::*;
            use crate::strategy::{Runtime, Strategy};
            use crate::sync::{AtomicUsize, Ordering};

            type S = $S;

            /// Checks that `o` is a live probe and returns it.
            fn check_live(o: ObjRef<S>, log: &ProbeLog) -> ObjRef<S> {
                let p = o.downcast::<Probe>().expect("a reader got something that is not a probe");
                assert_eq!(log.drops(p.id), 0, "probe {} was freed while a reader held it", p.id);
                o
            }

            fn run(progs: &[Vec<TOp>]) {
                let total: usize = 2 * SLOTS + 1 + ROUNDS * progs.iter().map(Vec::len).sum::<usize>();
                let log = ProbeLog::new(total);
                let next_id = AtomicUsize::new(0);
                let new_probe = || ObjRef::<S>::new(Probe::new(next_id.fetch_add(1, Ordering::Relaxed), &log));
                let rt = Runtime::<S>::default();
                let mut main = rt.thread();
                let main_before = live_on_this_thread();
                let (list, dict, cell) = {
                    let at = main.attach();
                    let list = list_obj::<S>((0..SLOTS).map(|_| new_probe()).collect());
                    let dict = dict_obj::<S>();
                    for k in 0..SLOTS {
                        dict.set(int_obj::<S>(k as i64), new_probe(), &at).unwrap();
                    }
                    let cell = Typed::<S, Cell<S>>::new(Cell::new(Some(new_probe())));
                    (list, dict, cell)
                };
                let barrier = std::sync::Barrier::new(progs.len());
                // The main thread waits detached with the shared containers as its roots, so that the workers'
                // collections can run (under a collector).
                let main_roots = [list.as_obj().clone(), dict.as_obj().clone(), cell.as_obj().clone()];
                let mut main_at = main.attach();
                let leaked: i64 = main_at.blocking_with(&ExplicitRoots(&main_roots), || {
                    std::thread::scope(|s| {
                        let handles: Vec<_> = progs
                            .iter()
                            .map(|prog| {
                                let (rt, list, dict, cell, log, barrier, new_probe) =
                                    (&rt, &list, &dict, &cell, &log, &barrier, &new_probe);
                                s.spawn(move || {
                                    let before = live_on_this_thread();
                                    let mut th = rt.thread();
                                    let mut at = th.attach();
                                    at.blocking(|| barrier.wait());
                                    let mut held: std::collections::VecDeque<ObjRef<S>> = Default::default();
                                    for op in prog.iter().cycle().take(prog.len() * ROUNDS) {
                                        match *op {
                                            TOp::Get(i) => held.extend(list.get(i, &at).map(|o| check_live(o, log))),
                                            TOp::Set(i) => {
                                                let _ = list.set(i, new_probe(), &at);
                                            }
                                            TOp::Append => list.append(new_probe(), &at),
                                            TOp::Pop => held.extend(list.pop(None, &at).map(|o| check_live(o, log))),
                                            TOp::DictGet(k) => {
                                                let got = dict.get(&int_obj::<S>(k as i64), &at).unwrap();
                                                held.extend(got.map(|o| check_live(o, log)));
                                            }
                                            TOp::DictSet(k) => {
                                                drop(dict.set(int_obj::<S>(k as i64), new_probe(), &at).unwrap());
                                            }
                                            TOp::DictDel(k) => drop(dict.remove(&int_obj::<S>(k as i64), &at).unwrap()),
                                            TOp::CellGet => held.extend(cell.get(&at).map(|o| check_live(o, log))),
                                            TOp::CellSet => drop(cell.set(Some(new_probe()), &at)),
                                            TOp::Release => drop(held.pop_front()),
                                            TOp::Safepoint => {
                                                // A collection (tracing, or cycles under counting), racing the
                                                // other threads: they stop at their own safepoints (or collect
                                                // there), with what they hold as roots.
                                                let mut roots: Vec<ObjRef<S>> = held.iter().cloned().collect();
                                                roots.extend(
                                                    [list.as_obj(), dict.as_obj(), cell.as_obj()].map(Clone::clone),
                                                );
                                                at.collect(&ExplicitRoots(&roots));
                                            }
                                        }
                                        // Everything still held must still be alive.
                                        if let Some(o) = held.back() {
                                            let p = o.downcast::<Probe>().unwrap();
                                            assert_eq!(log.drops(p.id), 0);
                                        }
                                        if held.len() > 8 {
                                            held.pop_front();
                                        }
                                    }
                                    drop(held);
                                    drop(at);
                                    // The thread's strategy state goes too: under `biased` its exit merges the
                                    // objects other threads queued to it, and those frees count here.
                                    drop(th);
                                    live_on_this_thread() - before
                                })
                            })
                            .collect();
                        handles.into_iter().map(|h| h.join().unwrap()).sum()
                    })
                });
                drop(main_at);
                drop(main_roots);
                {
                    let mut at = main.attach();
                    drop(list);
                    drop(dict);
                    drop(cell);
                    at.collect(&ExplicitRoots(&[]));
                }
                let created = next_id.load(Ordering::Relaxed);
                for id in 0..created {
                    assert_eq!(log.drops(id), 1, "probe {id} dropped {} times", log.drops(id));
                }
                assert_eq!(leaked + live_on_this_thread() - main_before, 0, "objects leaked or freed twice");
            }

            proptest! {
                #![proptest_config(ProptestConfig { cases: crate::testing::cases(64), ..ProptestConfig::default() })]
                /// gh-115103 (load-then-incref racing a replacement) and objects dying on a thread other than
                /// the one that created them (gh-119999's setting).
                #[test]
                fn racing_readers_never_see_freed_objects(progs in programs()) {
                    // The threads share objects of one runtime: sound when the strategy shares objects
                    // between threads, or serializes the threads of a runtime with its GIL (`isolated`:
                    // the threads of one subinterpreter).
                    assert!(S::CONSTRAINTS.shares_objects || S::CONSTRAINTS.has_gil());
                    for repeat in 0..REPEATS {
                        // The middle run frees through the epoch at every safepoint, recycling nothing.
                        let _stress = (repeat == 1).then(crate::strategy::parts::epoch::stress);
                        run(&progs);
                    }
                }
            }
        }
    };
}

crate::for_each_strategy!(race_tests);
