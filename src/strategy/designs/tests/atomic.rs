//! `atomic`: the count word under contention, and epoch retirement.

use std::time::{Duration, Instant};

use crate::object::float_obj;
use crate::strategy::designs::Atomic;
use crate::strategy::parts::rc::AtomicRc;
use crate::strategy::{Memory, RefCount, Runtime, Strategy};
use crate::sync::{AtomicBool, Ordering, epoch};

#[test]
fn counts_and_immortality() {
    let rc = AtomicRc::new();
    rc.incref();
    assert_eq!(rc.get(), 2);
    assert!(!rc.decref());
    assert!(rc.try_incref());
    assert!(!rc.decref());
    assert!(rc.decref(), "the last decref reports must-free");
    assert!(!rc.try_incref(), "no resurrection from zero");
    let imm = AtomicRc::immortal();
    let before = imm.get();
    imm.incref();
    assert!(!imm.decref());
    assert!(imm.try_incref());
    assert_eq!(imm.get(), before);
}

/// Atomic counts lose no update when threads hammer one object with no lock at all.
#[test]
fn concurrent_counting_is_exact() {
    let rt = Runtime::<Atomic>::default();
    let shared = float_obj::<Atomic>(1.0);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                let mut th = rt.thread();
                let mut at = th.attach();
                for i in 0..50_000 {
                    let c = shared.clone();
                    let d = c.clone();
                    drop(c);
                    drop(d);
                    if i % 256 == 0 {
                        at.safepoint();
                    }
                }
            });
        }
    });
    assert_eq!(shared.refcount(), 1);
}

static FREED: AtomicBool = AtomicBool::new(false);

/// # Safety
///
/// `p` points to a static `AtomicBool` (`FREED`, `STRESS_FREED`).
unsafe fn mark_freed(p: *mut u8) {
    // SAFETY: `p` is a static `AtomicBool` (caller's contract).
    unsafe { &*(p as *const AtomicBool) }.store(true, Ordering::Relaxed);
}

/// Retired memory is not freed while a thread that was attached at retirement stays pinned (no safepoint),
/// and is freed once that thread detaches.
#[test]
fn retirement_waits_for_pinned_threads() {
    let rt = Runtime::<Atomic>::default();
    let mut reader = rt.thread();
    let at = reader.attach();
    // SAFETY: `mark_freed` only touches the static `FREED`, on any thread.
    unsafe { <<Atomic as Strategy>::Memory as Memory>::retire((&raw const FREED).cast_mut().cast(), mark_freed) };
    // Hand this thread's garbage bag to the global queue, so other threads' collections could free it.
    epoch::pin().flush();
    std::thread::scope(|s| {
        s.spawn(|| {
            for _ in 0..1000 {
                epoch::pin().flush();
            }
        });
    });
    assert!(!FREED.load(Ordering::Relaxed), "freed while a reader was pinned");
    drop(at);
    // Other tests' threads may hold pins for a while; wait for the epoch to advance (a timeout, not a timing
    // claim).
    let deadline = Instant::now() + Duration::from_secs(30);
    while !FREED.load(Ordering::Relaxed) && Instant::now() < deadline {
        epoch::pin().flush();
        std::thread::yield_now();
    }
    assert!(FREED.load(Ordering::Relaxed), "never freed after the reader detached");
}

static STRESS_FREED: AtomicBool = AtomicBool::new(false);

/// The tests' epoch stress knob (`reclaim::stress`): a retirement is handed to the epoch at once instead of
/// waiting for a batch, and safepoints alone (no explicit flush, no detach) free it, instead of one
/// collection attempt per 16Ki safepoints.
#[test]
fn under_epoch_stress_safepoints_alone_free_retired_memory() {
    let _stress = crate::strategy::parts::epoch::stress();
    let rt = Runtime::<Atomic>::default();
    let mut th = rt.thread();
    let mut at = th.attach();
    // SAFETY: `mark_freed` only touches the static `STRESS_FREED`, on any thread.
    unsafe {
        <<Atomic as Strategy>::Memory as Memory>::retire((&raw const STRESS_FREED).cast_mut().cast(), mark_freed)
    };
    assert_eq!(crate::strategy::parts::epoch::retired_here(), 0, "handed over at the retirement");
    // Other tests' threads may hold pins for a while; the epoch advances once they move on (a timeout, not a
    // timing claim).
    let deadline = Instant::now() + Duration::from_secs(30);
    while !STRESS_FREED.load(Ordering::Relaxed) && Instant::now() < deadline {
        at.safepoint();
        std::thread::yield_now();
    }
    assert!(STRESS_FREED.load(Ordering::Relaxed), "safepoints never freed it");
    drop(at);
}
