//! `locks` and `locks-rw`: readers take the container lock, and dead objects are freed at once.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::object::probe::{Probe, ProbeLog};
use crate::object::{ObjRef, int_obj, list_obj};
use crate::strategy::designs::{Locks, LocksRw};
use crate::strategy::parts::lock::ParkingRwLock;
use crate::strategy::{ContainerLock, LockGuard, Runtime, SharedGuard, Strategy};

/// Freed at the last decref, not later: there is no epoch to wait for.
fn dead_objects_are_freed_at_once<S: Strategy>() {
    let rt = Runtime::<S>::default();
    let mut th = rt.thread();
    let _at = th.attach();
    let log = ProbeLog::new(1);
    let p = ObjRef::<S>::new(Probe::new(0, &log));
    let q = p.clone();
    drop(p);
    assert_eq!(log.drops(0), 0);
    drop(q);
    assert_eq!(log.drops(0), 1, "freed by the last decref itself");
}

/// A read waits while another thread holds the container's lock for writing (a lock-free reader would
/// not).
fn reads_wait_for_a_writer<S: Strategy>() {
    let rt = Runtime::<S>::default();
    let mut th = rt.thread();
    let at = th.attach();
    let list = list_obj::<S>(vec![int_obj(1)]);
    let read_done = AtomicBool::new(false);
    std::thread::scope(|s| {
        list.modify(&at, |_items| {
            // The writer holds the list's lock for this whole closure.
            s.spawn(|| {
                let mut th = rt.thread();
                let at = th.attach();
                assert!(list.get(0, &at).is_some());
                read_done.store(true, Ordering::SeqCst);
            });
            std::thread::sleep(Duration::from_millis(50));
            assert!(!read_done.load(Ordering::SeqCst), "the read went ahead while the writer held the lock");
        });
    });
    assert!(read_done.load(Ordering::SeqCst));
}

#[test]
fn locks_frees_dead_objects_at_once() {
    dead_objects_are_freed_at_once::<Locks>();
}

#[test]
fn locks_rw_frees_dead_objects_at_once() {
    dead_objects_are_freed_at_once::<LocksRw>();
}

#[test]
fn locks_reads_wait_for_a_writer() {
    reads_wait_for_a_writer::<Locks>();
}

#[test]
fn locks_rw_reads_wait_for_a_writer() {
    reads_wait_for_a_writer::<LocksRw>();
}

/// The reader-writer lock: two read holds coexist; a writer waits for both to go.
#[test]
fn rw_lock_lets_readers_share_and_excludes_writers() {
    let lock = ParkingRwLock::INIT;
    let r1 = SharedGuard::new(&lock);
    let r2 = SharedGuard::new(&lock); // would deadlock if shared holds excluded each other
    let wrote = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            let _w = LockGuard::new(&lock);
            wrote.store(true, Ordering::SeqCst);
        });
        std::thread::sleep(Duration::from_millis(50));
        assert!(!wrote.load(Ordering::SeqCst), "a writer got in beside two readers");
        drop(r1);
        drop(r2);
    });
    assert!(wrote.load(Ordering::SeqCst));
    assert_eq!((Locks::NAME, LocksRw::NAME), ("locks", "locks-rw"));
}
