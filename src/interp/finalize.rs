//! Running `__del__`: the interpreter's side of [`crate::object::Finalizers`].
//!
//! Objects found dead with a finalizer wait in the thread's inbox (see `object::finalize` for who finds
//! them and why they are not finalized in place). The eval loop's safepoints, `gc.collect()`, and the ends
//! of the main module and of each thread call [`run_pending`], which calls each object's `__del__` once,
//! oldest first, then drops the object: freed then unless `__del__` stored `self` somewhere.
//!
//! Timing: under the reference-counting strategies `__del__` runs at the first call or backward jump after
//! the last reference went, so a program sees the same order as under CPython, which runs it in place (a
//! `del x` followed by a `print` prints `__del__`'s output first). Under `tracing` it runs after the
//! collection that found the object unreachable, as in PyPy; `gc.collect()` forces one.

use super::error::print_exception;
use super::ops;
use super::thread::ThreadState;
use crate::object::ObjRef;
use crate::strategy::Strategy;

/// The end of a run on `ts`, after its module globals were cleared: run what awaits a finalizer, then a
/// last collection, as CPython's `Py_FinalizeEx` runs one, so cycles that outlived the module are finalized
/// and freed. The thread's caches let go of the classes and dicts they hold first.
pub(crate) fn shut_down<S: Strategy>(ts: &mut ThreadState<'_, S>) {
    run_pending(ts);
    ts.type_cache.clear();
    ts.global_cache.clear();
    // A collection queues cyclic garbage with a finalizer instead of freeing it; the second frees it
    // (unless `__del__` resurrected it).
    ts.collect();
    run_pending(ts);
    ts.collect();
    run_pending(ts);
}

/// Run the `__del__` of every object waiting on this thread, including any that die meanwhile. Nested
/// calls (a safepoint inside a `__del__`) only take the inbox into the queue, which the outer call drains.
pub(crate) fn run_pending<S: Strategy>(ts: &mut ThreadState<'_, S>) {
    ts.finalizers.adopt();
    if ts.finalizers.running {
        return;
    }
    ts.finalizers.running = true;
    // The finalizer runs as if nothing were being handled, as CPython saves and restores the exception
    // state around it.
    let handling = ts.handling.take();
    while let Some(obj) = ts.finalizers.pop() {
        // Rooted while `__del__` runs, so the call can be entered safely (a collection may run inside).
        ts.pinned.push(obj.clone());
        run_one(ts, &obj);
        ts.pinned.pop();
        drop(obj);
        ts.finalizers.adopt();
    }
    ts.handling = handling;
    ts.finalizers.running = false;
}

/// Call `obj.__del__()`; an exception it raises is printed as CPython's `Exception ignored in: ...` and
/// goes no further.
fn run_one<S: Strategy>(ts: &mut ThreadState<'_, S>, obj: &ObjRef<S>) {
    let cls = ts.vm.class_of(obj).clone();
    let Some(del) = ops::attr::lookup_class(ts, &cls, &ts.vm.dunder("__del__")) else { return };
    // `del` is reachable from the class, which `obj` (pinned) holds; the argument is `obj` itself.
    let r = ts.enter_safely(|ts| ops::call(ts, &del, std::slice::from_ref(obj), &[]));
    if let Err(e) = r {
        let what = ops::repr::repr_of(ts, &del).unwrap_or_else(|_| "<function __del__>".to_owned());
        let text = print_exception(ts, &e.exc);
        drop(e);
        ts.vm.write_stderr(&format!("Exception ignored in: {what}\n{text}"));
    }
}
