//! `locks`: readers take the container lock, and dead objects are freed at once.

use super::Locks;
use crate::object::probe::{Probe, ProbeLog};
use crate::object::{ObjRef, list_obj};
use crate::strategy::{Runtime, Strategy};

/// Freed at the last decref, not later: there is no epoch to wait for.
#[test]
fn dead_objects_are_freed_at_once() {
    let rt = Runtime::<Locks>::default();
    let mut th = rt.thread();
    let _at = th.attach();
    let log = ProbeLog::new(1);
    let p = ObjRef::<Locks>::new(Probe::new(0, &log));
    let q = p.clone();
    drop(p);
    assert_eq!(log.drops(0), 0);
    drop(q);
    assert_eq!(log.drops(0), 1, "freed by the last decref itself");
}

/// A read waits while another thread holds the container's lock (a lock-free reader would not).
#[test]
fn reads_wait_for_the_container_lock() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let rt = Runtime::<Locks>::default();
    let mut th = rt.thread();
    let at = th.attach();
    let list = list_obj::<Locks>(vec![crate::object::int_obj(1)]);
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
            std::thread::sleep(std::time::Duration::from_millis(50));
            assert!(!read_done.load(Ordering::SeqCst), "the read went ahead while the writer held the lock");
        });
    });
    assert!(read_done.load(Ordering::SeqCst));
    assert_eq!(Locks::NAME, "locks");
}
