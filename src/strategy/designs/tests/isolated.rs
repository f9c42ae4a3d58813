//! `isolated`: the count word, the per-runtime GIL, and runtimes running side by side on separate threads
//! while sharing only the immortal statics.

use std::sync::mpsc;
use std::time::Duration;

use crate::object::counts::live_on_this_thread;
use crate::object::{bool_obj, dict_obj, float_obj, int_obj, intern, list_obj, none, str_obj};
use crate::strategy::designs::Isolated;
use crate::strategy::{RefCount, Runtime, Strategy, StrategyConfig};

#[test]
fn counts_and_immortality() {
    type Rc = <Isolated as Strategy>::Rc;
    let rc = Rc::new();
    rc.incref();
    assert_eq!(rc.get(), 2);
    assert!(!rc.decref());
    assert!(rc.decref(), "the last decref reports must-free");
    assert!(!rc.try_incref(), "no resurrection from zero");
    let imm = Rc::immortal();
    let before = imm.get();
    imm.incref();
    assert!(!imm.decref());
    assert!(imm.try_incref());
    assert!(imm.is_immortal());
    assert_eq!(imm.get(), before, "an immortal count is never written");
}

fn runtime() -> Runtime<Isolated> {
    Runtime::new(&StrategyConfig { switch_interval: Duration::from_millis(1), ..StrategyConfig::default() })
}

/// Within one runtime the GIL serializes threads, as the threads of one subinterpreter: two threads clone
/// and drop one object of their shared runtime, yielding at safepoints, and no update is lost.
#[test]
fn one_runtime_serializes_its_threads() {
    super::gil::plain_refcounts_are_serialized(&runtime());
}

/// Blocking calls detach from the runtime's GIL: otherwise this would deadlock.
#[test]
fn blocking_calls_release_the_runtimes_gil() {
    super::gil::blocking_calls_release(&runtime());
}

/// Each runtime has its own GIL: a thread holding runtime A's GIL, and never reaching a safepoint, does not
/// keep a thread of runtime B from running. With one shared GIL this would time out.
#[test]
fn runtimes_have_independent_gils() {
    let (a, b) = (runtime(), runtime());
    let (held_tx, held_rx) = mpsc::channel();
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::scope(|s| {
        let (a, b) = (&a, &b);
        s.spawn(move || {
            let mut th = a.thread();
            let _at = th.attach();
            held_tx.send(()).unwrap();
            // Hold A's GIL (attached, no safepoint) until B's thread has run.
            let got = done_rx.recv_timeout(Duration::from_secs(60));
            assert!(got.is_ok(), "runtime B could not run while runtime A's GIL was held");
        });
        s.spawn(move || {
            held_rx.recv().unwrap();
            let mut th = b.thread();
            let _at = th.attach();
            drop(float_obj::<Isolated>(2.0));
            done_tx.send(()).unwrap();
        });
    });
    assert_eq!(a.threads().switches(), 1, "A's GIL was only ever taken by its one thread");
    assert_eq!(b.threads().switches(), 1, "B's GIL was only ever taken by its one thread");
    assert_eq!(a.threads().forced_drops() + b.threads().forced_drops(), 0);
}

/// The harness's model: one runtime per OS thread, both running at once. Each allocates and frees its own
/// objects (lists, dicts, floats, fresh strs) and uses the process-wide immortal statics (`None`, bools,
/// small ints) and interned strings, interning the same texts concurrently. Data-race free by construction:
/// the only objects both threads reach are immortal, whose counts are only read, and the interning table is
/// a concurrent map (the sanitizer runs of `.ci/sanitize` check it).
#[test]
fn two_runtimes_on_two_threads_share_only_immortal_statics() {
    let watched = [none::<Isolated>(), bool_obj(true), int_obj(7), intern::<Isolated>("shared_name")];
    let counts_before: Vec<usize> = watched.iter().map(|o| o.refcount()).collect();
    let barrier = std::sync::Barrier::new(2);
    std::thread::scope(|s| {
        for t in 0..2_i64 {
            let barrier = &barrier;
            s.spawn(move || {
                let before = live_on_this_thread();
                let rt = Runtime::<Isolated>::default();
                let mut th = rt.thread();
                let mut at = th.attach();
                at.blocking(|| barrier.wait());
                for i in 0..2_000_i64 {
                    let key = intern::<Isolated>(&format!("name_{}", i % 50));
                    assert!(key.is_immortal());
                    let d = dict_obj::<Isolated>();
                    drop(d.set(key.clone(), int_obj(i % 200), &at).unwrap());
                    drop(d.set(intern("shared_name"), none(), &at).unwrap());
                    drop(d.set(str_obj(&format!("fresh {t} {i}")), bool_obj(i % 2 == 0), &at).unwrap());
                    let l = list_obj::<Isolated>(vec![float_obj(i as f64), int_obj(i), none(), key]);
                    l.append(d.into_obj(), &at);
                    l.append(int_obj(i % 7), &at);
                    assert_eq!(l.len(), 6);
                    drop(l);
                    if i % 64 == 0 {
                        at.safepoint();
                    }
                }
                drop(at);
                assert_eq!(live_on_this_thread(), before, "objects leaked or freed twice");
                assert_eq!(rt.threads().switches(), 1, "this runtime's GIL was never contended");
            });
        }
    });
    let counts_after: Vec<usize> = watched.iter().map(|o| o.refcount()).collect();
    assert_eq!(counts_before, counts_after, "an immortal count was written");
    assert!(watched.iter().all(|o| o.is_immortal()));
}
