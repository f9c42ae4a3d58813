//! The built-in `time` module: `perf_counter`, `time`, `sleep` (which detaches, releasing a GIL).

use crate::interp::args::arg_count;
use crate::interp::builtins::def;
use crate::interp::error::PyResult;
use crate::interp::ops::as_float;
use crate::interp::thread::ThreadState;
use crate::object::{ObjRef, float_obj, none};
use crate::strategy::{Attached, Strategy};

/// The module object.
pub fn module<S: Strategy>(pin: &Attached<'_, S>) -> ObjRef<S> {
    let m = crate::interp::builtins::module::<S>("time", pin);
    let d = &m.downcast::<crate::object::Module<S>>().expect("a module").dict;
    def(d, "perf_counter", perf_counter, pin);
    def(d, "time", time, pin);
    def(d, "sleep", sleep, pin);
    m
}

fn perf_counter<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "perf_counter", args, kw, 0, 0)?;
    Ok(float_obj(ts.vm.start.elapsed().as_secs_f64()))
}

fn time<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "time", args, kw, 0, 0)?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64());
    Ok(float_obj(now))
}

fn sleep<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "sleep", args, kw, 1, 1)?;
    let secs = as_float(&args[0]).ok_or_else(|| {
        ts.type_error(format!("'{}' object cannot be interpreted as an integer", ts.vm.type_name(&args[0])))
    })?;
    if secs < 0.0 {
        return Err(ts.value_error("sleep length must be non-negative"));
    }
    ts.blocking(|| std::thread::sleep(std::time::Duration::from_secs_f64(secs)));
    Ok(none())
}
