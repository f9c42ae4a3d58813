//! Mark (while the world is stopped) and sweep (mostly after it restarts, by each thread on its own list).
//!
//! - **Mark**: from every thread's roots ([`RootSet::report`]: running frames, interpreter state, pinned
//!   objects), follow [`Trace`](crate::object::Trace) through the heap with an explicit stack, setting the
//!   mark bit of each object reached. Shared singletons are never marked or followed: they are static and
//!   reference nothing else. A big heap is marked by the collector and the parked threads together, by
//!   work stealing ([`mark`](super::mark)).
//! - **Sweep**: an unmarked object is unreachable, and stays so: no thread can reach it to store it
//!   anywhere. So only the mark needs the world stopped. The lists of threads that will run again (the
//!   parked ones and the collector) are set aside as their *to-sweep* lists, and each thread sweeps its own
//!   right after the restart, in parallel with the others and freeing into its own allocator heap; new
//!   objects go to a fresh list meanwhile. Lists nobody will sweep soon (detached threads, exited threads'
//!   orphans) are swept by the collector before the restart. A sweep relinks survivors with their mark
//!   cleared and frees the rest as one batch (every payload dropped before any memory is freed).
//!
//! Nothing half-built can be found: an object enters its thread's list only once fully written
//! ([`track`](super::world::track) runs after the allocation is initialized), and a thread is stopped only at
//! a safepoint, between bytecodes, or detached in a blocking call.

use std::ptr::NonNull;

use super::mark::{Helpers, MarkJob, Marked, SHARE_AT, mark_found, trace_one};
use super::world::{ObjList, State};
use crate::object::{Obj, RootSet, Tracer, collector_can_finalize, enqueue_finalizer, free_unreachable};
use crate::strategy::designs::Tracing;

/// Mark everything reachable from the roots: alone, or shared with the `parked` threads waiting in
/// `helpers` once the heap proves big enough ([`mark`](super::mark)).
///
/// # Safety
///
/// The world is stopped: every thread of the runtime other than the caller is parked or detached with its
/// roots published in its record (checked collectable), `roots` are the caller's, `st` is the world lock,
/// held throughout, and no list still awaits the sweep of an earlier mark (every mark bit is clear).
/// `parked` threads, at most, are parked in `helpers` for the current stop, and none leaves before it ends.
pub(super) unsafe fn mark(
    st: &State,
    stop: u64,
    roots: &dyn RootSet<Tracing>,
    helpers: &Helpers,
    parked: usize,
) -> Marked {
    let mut tracer = Tracer::new();
    roots.report(&mut tracer);
    for r in &st.records {
        // SAFETY: listed records are alive while the lock is held, and published roots stay valid while
        // their thread is stopped (the caller's contract; they were checked collectable, and the caller's
        // own record holds nothing published).
        unsafe { r.as_ref().roots.report::<Tracing>(&mut tracer) };
    }
    let mut stack = Vec::new();
    let mut marked = Marked::default();
    mark_found(&mut tracer, &mut marked, |g| stack.push(g));
    while let Some(g) = stack.pop() {
        if parked > 0 && stack.len() >= SHARE_AT {
            stack.push(g);
            let (job, mine) = MarkJob::new(stop, parked, stack);
            helpers.post(&job);
            return job.run_collector(&mine, marked);
        }
        trace_one(g, &mut tracer);
        mark_found(&mut tracer, &mut marked, |g| stack.push(g));
    }
    marked
}

/// After the mark: registered objects with a finalizer that the mark did not reach are dead. If this
/// thread can run finalizers, each is marked, with everything it reaches, and queued for its `__del__`
/// ([`enqueue_finalizer`]), so that this sweep frees none of it (PEP 442: every finalizer runs before its
/// garbage is freed; what is still unreachable then goes at the next collection). Either way it leaves
/// the registry, so its next death frees it.
///
/// # Safety
///
/// As for [`mark`], right after it, with the world still stopped.
pub(super) unsafe fn finalize(st: &mut State, marked: &mut Marked) {
    let mut dead = Vec::new();
    let mut split = |list: &mut Vec<NonNull<Obj<Tracing>>>| {
        list.retain(|o| {
            // SAFETY: registered objects are alive until swept, and they leave the registry before.
            let live = unsafe { o.as_ref() }.rc().is_marked();
            if !live {
                dead.push(*o);
            }
            live
        });
    };
    for r in &st.records {
        // SAFETY: listed records are alive under the lock, and their owners are stopped (or are the caller).
        split(unsafe { &mut *r.as_ref().finalizers.get() });
    }
    split(&mut st.orphan_finalizers);
    if dead.is_empty() || !collector_can_finalize::<Tracing>() {
        return;
    }
    let mut tracer = Tracer::new();
    let mut stack = Vec::new();
    dead.iter().for_each(|&o| tracer.visit_raw(o.as_ptr()));
    mark_found(&mut tracer, marked, |g| stack.push(g));
    while let Some(g) = stack.pop() {
        trace_one(g, &mut tracer);
        mark_found(&mut tracer, marked, |g| stack.push(g));
    }
    for o in dead {
        // SAFETY: the world is stopped by this thread, the object is now marked (the sweep keeps it), and
        // the inbox takes `tracing` objects.
        unsafe { enqueue_finalizer(o) };
    }
}

/// Sweep `from` after a mark: survivors move to `into` with their mark cleared, the rest are freed; returns
/// how many were freed.
///
/// # Safety
///
/// Every object of `from` was listed when the last mark ran (so an unmarked one is unreachable), nobody
/// else uses `from` or `into` meanwhile, and each object is in one list only.
pub(super) unsafe fn sweep(from: &mut ObjList, into: &mut ObjList) -> usize {
    let mut dead = Vec::new();
    let mut cur = std::mem::replace(&mut from.head, std::ptr::null_mut());
    from.len = 0;
    while let Some(obj) = NonNull::new(cur) {
        // SAFETY: listed objects are alive until this sweep frees them, which happens after the walk.
        let o = unsafe { obj.as_ref() };
        cur = o.rc().next();
        if o.rc().is_marked() {
            into.push(obj);
        } else {
            dead.push(obj);
        }
    }
    // SAFETY: the mark reached none of `dead` from any root, so no thread can reach them except through
    // other unreachable objects, whose drops never touch them (no counts); each was listed once.
    unsafe { free_unreachable(&dead) };
    dead.len()
}
