//! Methods of `object` and of the built-in exceptions: `object.__init__` and `BaseException.__init__`.

use crate::interp::builtins::method;
use crate::interp::error::PyResult;
use crate::interp::thread::ThreadState;
use crate::interp::types::{Exc, Types};
use crate::object::{Exception, ObjRef, tuple_obj};
use crate::strategy::{Attached, Strategy};

/// Register `object.__init__` and `BaseException.__init__`.
pub fn install<S: Strategy>(t: &Types<S>, pin: &Attached<'_, S>) {
    method(t.exc(Exc::BaseException), "__init__", base_exception_init, pin);
    method(&t.object, "__init__", object_init, pin);
}

fn object_init<S: Strategy>(_ts: &mut ThreadState<'_, S>, _args: &[ObjRef<S>], _kw: &[ObjRef<S>]) -> PyResult<S> {
    Ok(crate::object::none())
}

fn base_exception_init<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], _kw: &[ObjRef<S>]) -> PyResult<S> {
    if let Some(e) = args.first().and_then(|a| a.downcast::<Exception<S>>()) {
        drop(e.args.set(Some(tuple_obj(args[1..].to_vec())), &ts.pin));
    }
    Ok(crate::object::none())
}
