//! `gil`: the count word and the GIL's hand-off protocol.

use std::sync::mpsc;
use std::time::Duration;

use crate::object::float_obj;
use crate::strategy::RefCount;
use crate::strategy::designs::Gil;
use crate::strategy::parts::gil::GilThreads;
use crate::strategy::parts::rc::PlainRc;
use crate::strategy::{Runtime, Strategy, StrategyConfig};
use crate::sync::{Arc, AtomicBool, Ordering};

#[test]
fn counts_and_immortality() {
    let rc = PlainRc::new();
    rc.incref();
    assert_eq!(rc.get(), 2);
    assert!(!rc.decref());
    assert!(rc.decref(), "the last decref reports must-free");
    assert!(!rc.try_incref(), "no resurrection from zero");
    let imm = PlainRc::immortal();
    let before = imm.get();
    imm.incref();
    assert!(!imm.decref());
    assert!(!imm.decref());
    assert!(imm.try_incref());
    assert_eq!(imm.get(), before);
}

fn runtime() -> Runtime<Gil> {
    Runtime::new(&StrategyConfig { switch_interval: Duration::from_millis(1), ..StrategyConfig::default() })
}

/// A thread that never blocks must still hand the GIL to a waiter: the waiter's drop request makes the
/// holder yield at a safepoint, and forced switching makes the yield real: the holder cannot take the GIL
/// back before the waiter has had it (Beazley's convoy problem with the old GIL). So the first safepoint
/// that yields returns only after the waiter ran.
#[test]
fn a_busy_holder_yields_to_a_waiter_before_reacquiring() {
    let rt = runtime();
    let waiter_ran = Arc::new(AtomicBool::new(false));
    let (holding_tx, holding_rx) = mpsc::channel();
    std::thread::scope(|s| {
        s.spawn(|| {
            let mut th = rt.thread();
            let mut at = th.attach();
            holding_tx.send(()).unwrap();
            loop {
                let before = rt.threads().forced_drops();
                at.safepoint();
                if rt.threads().forced_drops() > before {
                    assert!(waiter_ran.load(Ordering::Relaxed), "re-acquired the GIL before the waiter got it");
                    break;
                }
            }
        });
        holding_rx.recv().unwrap();
        let mut th = rt.thread();
        let _at = th.attach();
        waiter_ran.store(true, Ordering::Relaxed);
    });
    assert!(rt.threads().switches() >= 2);
}

/// Blocking calls detach: while one thread waits (detached) for a message, another can take the GIL and
/// send it. If `blocking` kept the GIL, this would deadlock.
#[test]
fn blocking_calls_release_the_gil() {
    blocking_calls_release(&runtime());
}

/// The body of the test above, for every design whose thread protocol is a GIL ([`GilLock`]) (`gil`, `isolated`).
pub(crate) fn blocking_calls_release<S: Strategy<Threads = GilThreads>>(rt: &Runtime<S>) {
    let (tx, rx) = mpsc::channel::<u32>();
    let (ready_tx, ready_rx) = mpsc::channel();
    std::thread::scope(|s| {
        s.spawn(move || {
            let mut th = rt.thread();
            let mut at = th.attach();
            ready_tx.send(()).unwrap();
            let got = at.blocking(|| rx.recv().unwrap());
            assert_eq!(got, 42);
        });
        ready_rx.recv().unwrap();
        let mut th = rt.thread();
        let _at = th.attach();
        tx.send(42).unwrap();
    });
}

/// The GIL makes plain (non-atomic) counts safe: two threads clone and drop one shared object many times,
/// yielding at safepoints, and no update is lost.
#[test]
fn the_gil_serializes_plain_refcounts() {
    plain_refcounts_are_serialized(&runtime());
}

/// The body of the test above, for every design whose thread protocol is a GIL ([`GilLock`]) (`gil`, `isolated`).
pub(crate) fn plain_refcounts_are_serialized<S: Strategy<Threads = GilThreads>>(rt: &Runtime<S>) {
    let mut main = rt.thread();
    let shared = {
        let _at = main.attach();
        float_obj::<S>(1.0)
    };
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                let mut th = rt.thread();
                let mut at = th.attach();
                let mut held = Vec::new();
                for i in 0..20_000 {
                    held.push(shared.clone());
                    if i % 3 == 0 {
                        held.pop();
                    }
                    if i % 64 == 0 {
                        at.safepoint();
                    }
                }
                drop(held);
            });
        }
    });
    let _at = main.attach();
    assert_eq!(shared.refcount(), 1);
    assert!(rt.threads().switches() >= 2);
}
