//! Every policy is a mutex: mutual exclusion, no lost wake-ups, and the state byte back at zero after use.

use super::*;
use std::sync::atomic::{AtomicBool, AtomicUsize};
use std::sync::{Arc, Barrier};

/// `threads` threads each take the lock `rounds` times and do a non-atomic read-modify-write of a counter
/// inside it, checking that nobody else is inside; the count must come out exact.
fn hammer(policy: LockPolicy, threads: usize, rounds: usize) {
    struct Shared {
        lock: PolicyMutex,
        inside: AtomicBool,
        count: AtomicUsize,
    }
    let shared =
        Arc::new(Shared { lock: PolicyMutex::new(), inside: AtomicBool::new(false), count: AtomicUsize::new(0) });
    let start = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let (shared, start) = (shared.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                for i in 0..rounds {
                    shared.lock.lock_with(policy);
                    assert!(!shared.inside.swap(true, Ordering::Relaxed), "{policy}: two threads inside");
                    // A split load and store: lost updates if exclusion failed.
                    let c = shared.count.load(Ordering::Relaxed);
                    if i % 64 == 0 {
                        std::thread::yield_now();
                    }
                    shared.count.store(c + 1, Ordering::Relaxed);
                    shared.inside.store(false, Ordering::Relaxed);
                    // SAFETY: this thread took the lock above.
                    unsafe { shared.lock.unlock_with(policy) };
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(shared.count.load(Ordering::Relaxed), threads * rounds, "{policy}");
    assert_eq!(shared.lock.state.load(Ordering::Relaxed), 0, "{policy}: state left behind");
}

#[test]
fn every_policy_excludes_and_counts_exactly() {
    for policy in LockPolicy::ALL {
        hammer(policy, 4, 5_000);
    }
}

#[test]
fn a_restrict_waiter_is_admitted_within_slices_when_the_holder_keeps_relocking() {
    // The holder re-takes the lock in a tight loop; the waiter must still get it (WANTED + handoff)
    // rather than starve, and the holder must see it gone.
    let lock = Arc::new(PolicyMutex::new());
    let got = Arc::new(AtomicBool::new(false));
    lock.lock_with(LockPolicy::Restrict);
    let waiter = {
        let (lock, got) = (lock.clone(), got.clone());
        std::thread::spawn(move || {
            lock.lock_with(LockPolicy::Restrict);
            got.store(true, Ordering::Relaxed);
            // SAFETY: taken just above.
            unsafe { lock.unlock_with(LockPolicy::Restrict) };
        })
    };
    while !got.load(Ordering::Relaxed) {
        // SAFETY: this thread holds the lock (taken before the loop or at the end of the last round).
        unsafe { lock.unlock_with(LockPolicy::Restrict) };
        lock.lock_with(LockPolicy::Restrict);
    }
    // SAFETY: held since the last round.
    unsafe { lock.unlock_with(LockPolicy::Restrict) };
    waiter.join().unwrap();
    assert_eq!(lock.state.load(Ordering::Relaxed), 0);
}

#[test]
fn a_restrict_waiter_takes_a_lock_released_without_a_wake_up() {
    // An unlock that wakes nobody (no WANTED yet) must not strand the waiter: it re-checks after a slice.
    let lock = Arc::new(PolicyMutex::new());
    lock.lock_with(LockPolicy::Restrict);
    let waiter = {
        let lock = lock.clone();
        std::thread::spawn(move || {
            lock.lock_with(LockPolicy::Restrict);
            // SAFETY: taken just above.
            unsafe { lock.unlock_with(LockPolicy::Restrict) };
        })
    };
    // Give the waiter time to park (if it has not, it simply takes the lock later).
    std::thread::sleep(SLICE / 4);
    // SAFETY: taken above, by this thread.
    unsafe { lock.unlock_with(LockPolicy::Restrict) };
    waiter.join().unwrap();
    assert!(!lock.is_locked());
}

#[test]
fn policies_parse_by_name_and_the_process_policy_is_fixed_once() {
    for p in LockPolicy::ALL {
        assert_eq!(LockPolicy::parse(p.name()), Ok(p));
    }
    assert!(LockPolicy::parse("fifo").unwrap_err().contains("adaptive, spin, fair, restrict"));
    // Whatever this test process fixed first, a different policy is refused and the same one accepted.
    let now = lock_policy();
    assert_eq!(set_lock_policy(now), Ok(()));
    let other = LockPolicy::ALL.into_iter().find(|p| *p != now).unwrap();
    assert_eq!(set_lock_policy(other), Err(now));
}
