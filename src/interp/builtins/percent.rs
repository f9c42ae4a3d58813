//! `str % args`: printf-style formatting.

use crate::interp::error::PyResult;
use crate::interp::thread::ThreadState;
use crate::object::ObjRef;
use crate::strategy::Strategy;

/// `fmt % args`.
pub fn percent_format<S: Strategy>(ts: &mut ThreadState<'_, S>, _fmt: &ObjRef<S>, _args: &ObjRef<S>) -> PyResult<S> {
    Err(ts.err(crate::interp::types::Exc::NotImplementedError, "% formatting is not written yet"))
}
