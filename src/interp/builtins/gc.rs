//! The built-in `gc` module: `freeze()`.
//!
//! CPython's `gc.freeze()` moves every object the collector tracks into a permanent generation, so that
//! pre-fork servers stop touching them. gilfree gives it the meaning that matters for reference counting:
//! under `biased`, every counted object reachable from the runtime's modules, classes and functions becomes
//! deferred, so later reads of shared start-up data touch no count ([`Strategy::freeze`]); under the other
//! strategies it does nothing. A workload calls it at the end of `setup()`, and runs unchanged under
//! CPython.

use super::{arg_count, def};
use crate::interp::error::PyResult;
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::object::{ObjRef, none};
use crate::strategy::{Attached, FreezeRefused, Strategy};

/// The module object.
pub fn module<S: Strategy>(pin: &Attached<'_, S>) -> ObjRef<S> {
    let m = super::module::<S>("gc", pin);
    let d = &m.downcast::<crate::object::Module<S>>().expect("a module").dict;
    def(d, "freeze", freeze, pin);
    m
}

fn freeze<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "freeze", args, kw, 0, 0)?;
    match S::freeze(ts.pin.local(), ts.pin.global()) {
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
