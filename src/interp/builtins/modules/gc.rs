//! The built-in `gc` module: `collect()` and `freeze()`.
//!
//! `gc.collect()` runs a full collection where the strategy has a collector (`tracing`) and returns how many
//! objects it freed, like CPython's (which counts unreachable objects found); elsewhere it returns 0. Garbage
//! with finalizers (`__del__`) survives the first pass; the call runs the finalizers and collects again. It
//! frees nothing while some frame on a thread's stack was entered from a built-in or an operator (see
//! `object::RootStack`): then it returns 0 as well.
//!
//! CPython's `gc.freeze()` moves every object the collector tracks into a permanent generation, so that
//! pre-fork servers stop touching them. gilfree gives it the meaning that matters for reference counting:
//! under `biased`, every counted object reachable from the runtime's modules, classes and functions becomes
//! deferred, so later reads of shared start-up data touch no count ([`Strategy::freeze`]); under the other
//! strategies it does nothing. A workload calls it at the end of `setup()`, and runs unchanged under
//! CPython.

use crate::interp::args::arg_count;
use crate::interp::builtins::def;
use crate::interp::error::PyResult;
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::object::{ObjRef, none};
use crate::strategy::{Attached, FreezeRefused, Strategy};

/// The module object.
pub fn module<S: Strategy>(pin: &Attached<'_, S>) -> ObjRef<S> {
    let m = crate::interp::builtins::module::<S>("gc", pin);
    let d = &m.downcast::<crate::object::Module<S>>().expect("a module").dict;
    def(d, "freeze", freeze, pin);
    def(d, "collect", collect, pin);
    def(d, "get_stats", get_stats, pin);
    m
}

fn collect<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "collect", args, kw, 0, 1)?;
    let mut freed = ts.collect();
    // Garbage awaiting finalizers survived this collection: run them, and free what is still garbage, so
    // one call finalizes and frees a cycle as CPython's does.
    if !ts.finalizers.is_empty() {
        crate::interp::finalize::run_pending(ts);
        freed += ts.collect();
    }
    Ok(crate::object::int_obj(i64::try_from(freed).unwrap_or(i64::MAX)))
}

/// `gc.get_stats()`: CPython's shape (a list of per-generation dicts with `collections`, `collected` and
/// `uncollectable`), with one generation, plus three gilfree keys: `abandoned` (collections given up because
/// a thread ran a frame entered unsafely), `shared_marks` (collections whose mark parked threads helped
/// with) and `live_bytes` (object bytes that survived the last collection: tracked containers under the
/// reference-counting strategies). All zero without a collector.
fn get_stats<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "get_stats", args, kw, 0, 0)?;
    let stats = ts.pin.gc_stats();
    let d = crate::object::dict_obj::<S>();
    let int = |v: u64| crate::object::int_obj::<S>(i64::try_from(v).unwrap_or(i64::MAX));
    for (k, v) in [
        ("collections", stats.collections),
        ("collected", stats.freed),
        ("uncollectable", 0),
        ("abandoned", stats.abandoned),
        ("shared_marks", stats.shared_marks),
        ("live_bytes", stats.live_bytes as u64),
    ] {
        drop(d.set(crate::object::intern::<S>(k), int(v), &ts.pin));
    }
    Ok(crate::object::list_obj(vec![d.as_obj().clone()]).as_obj().clone())
}

fn freeze<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "freeze", args, kw, 0, 0)?;
    match ts.pin.freeze() {
        Ok(_) => Ok(none()),
        Err(FreezeRefused(others)) => Err(ts.err(
            Exc::RuntimeError,
            format!(
                "gc.freeze() under {} needs the runtime to itself: {others} other thread{} exist{}",
                S::NAME,
                if others == 1 { "" } else { "s" },
                if others == 1 { "s" } else { "" }
            ),
        )),
    }
}
