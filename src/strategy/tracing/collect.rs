//! Mark and sweep, run by one thread while the world is stopped ([`world`](super::world)).
//!
//! - **Mark**: from every thread's roots ([`RootSet::report`]: running frames, interpreter state, pinned
//!   objects), follow [`Trace`](crate::object::Trace) through the heap with an explicit stack, setting the
//!   mark bit of each object reached. Shared singletons are never marked or followed: they are static and
//!   reference nothing else.
//! - **Sweep**: walk every thread's object list and the orphans; survivors are relinked with their mark
//!   cleared, the rest are freed as one batch (every payload dropped before any memory is freed, so a
//!   payload's drop may still read a dead neighbour's header).
//!
//! Nothing half-built can be found: an object enters its thread's list only once fully written
//! ([`track`](super::world::track) runs after the allocation is initialized), and a thread is stopped only at
//! a safepoint, between bytecodes, or detached in a blocking call.

use std::ptr::NonNull;

use super::Tracing;
use super::world::{ObjList, Roots, State};
use crate::object::{Obj, RootSet, Tracer, free_unreachable};

/// Mark from the roots, sweep every list; returns the objects freed and the object bytes that survived.
///
/// # Safety
///
/// The world is stopped: every thread of the runtime other than the caller is parked or detached with its
/// roots published in its record (checked collectable), `roots` are the caller's, and `st` is the world
/// lock, held throughout.
pub(super) unsafe fn mark_sweep(st: &mut State, roots: &dyn RootSet<Tracing>) -> (usize, usize) {
    let mut tracer = Tracer::new();
    roots.report(&mut tracer);
    for r in &st.records {
        // SAFETY: listed records are alive while the lock is held.
        if let Roots::Published(p) = unsafe { r.as_ref() }.roots.get() {
            // SAFETY: published roots stay valid while their thread is stopped (caller's contract).
            unsafe { &*p }.report(&mut tracer);
        }
    }
    let mut stack = Vec::new();
    mark_all(&mut tracer, &mut stack);
    while let Some(obj) = stack.pop() {
        // SAFETY: a marked object is reachable, hence alive; its payload is fully built (module docs).
        unsafe { obj.as_ref() }.trace(&mut tracer);
        mark_all(&mut tracer, &mut stack);
    }

    let mut dead = Vec::new();
    let mut live = 0;
    for r in &st.records {
        // SAFETY: the record's owner is stopped (or is the caller, inside this collection), so its list
        // is not being pushed to.
        live += sweep(unsafe { &mut *r.as_ref().list.get() }, &mut dead);
    }
    live += sweep(&mut st.orphans, &mut dead);
    // SAFETY: the mark reached none of `dead` from any root, so no thread can reach them except through
    // other dead objects; each was listed once, and is fully built.
    unsafe { free_unreachable(&dead) };
    (dead.len(), live)
}

/// Mark what the tracer found; push the newly marked for tracing.
fn mark_all(tracer: &mut Tracer<Tracing>, stack: &mut Vec<NonNull<Obj<Tracing>>>) {
    for &obj in tracer.found() {
        // SAFETY: a reported reference points to a live object: it is held by a root or by a marked (live)
        // object, and nothing is freed before the sweep.
        if unsafe { obj.as_ref() }.rc().mark() {
            stack.push(obj);
        }
    }
    tracer.clear();
}

/// Keep the marked objects of `list` (clearing their marks), move the rest to `dead`; returns the bytes
/// kept.
fn sweep(list: &mut ObjList, dead: &mut Vec<NonNull<Obj<Tracing>>>) -> usize {
    let mut kept = ObjList { head: std::ptr::null_mut(), len: 0 };
    let mut bytes = 0;
    let mut cur = list.head;
    while let Some(obj) = NonNull::new(cur) {
        // SAFETY: listed objects are alive until this sweep frees them, which happens after the walk.
        let o = unsafe { obj.as_ref() };
        cur = o.rc().next();
        if o.rc().is_marked() {
            o.rc().set_next(kept.head);
            kept.head = obj.as_ptr();
            kept.len += 1;
            bytes += o.vtable().size();
        } else {
            dead.push(obj);
        }
    }
    *list = kept;
    bytes
}
