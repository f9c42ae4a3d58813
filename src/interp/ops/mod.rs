//! Object protocols shared by instructions and built-ins: truth, identity of classes, length, hashing, and
//! (in submodules) arithmetic, comparison, repr/str, iteration, subscripts, attributes, calls and calling a
//! class (construction).
//!
//! Every function takes the [`ThreadState`] (the attach token and the VM) and returns [`PyResult`] or a
//! `Result<_, PyErr>`; user-defined dunder methods (`__eq__`, `__len__`, `__iter__`, ...) are called where
//! CPython calls them.

pub mod arith;
pub mod attr;
pub mod call;
pub mod compare;
pub mod construct;
pub mod iter;
pub mod repr;
pub mod subscript;

pub use arith::{binary_op, inplace_op, unary_op};
pub use attr::{getattr, lookup_class, setattr};
pub use call::call;
pub use compare::{compare_op, eq, lt};
pub use iter::{get_iter, iterate, next};
pub use repr::{repr_of, str_of};
pub use subscript::{delitem, getitem, setitem};

use super::error::PyErr;
use super::thread::ThreadState;
use super::types::Exc;
use crate::object::{
    Bool, Class, Dict, Float, Instance, Int, List, Obj, ObjRef, Range, Str, Tuple, TypeKind, bool_obj,
};
use crate::strategy::Strategy;

/// The int value of an int or bool object.
#[inline(always)]
pub fn as_int<S: Strategy>(obj: &Obj<S>) -> Option<i64> {
    match obj.kind() {
        TypeKind::Int => obj.downcast::<Int>().map(|i| i.0),
        TypeKind::Bool => obj.downcast::<Bool>().map(|b| i64::from(b.0)),
        _ => None,
    }
}

/// The float value of a float, int or bool object.
#[inline(always)]
pub fn as_float<S: Strategy>(obj: &Obj<S>) -> Option<f64> {
    match obj.kind() {
        TypeKind::Float => obj.downcast::<Float>().map(|f| f.0),
        _ => as_int(obj).map(|i| i as f64),
    }
}

/// The text of a str object.
#[inline(always)]
pub fn as_str<S: Strategy>(obj: &Obj<S>) -> Option<&str> {
    obj.downcast::<Str>().map(Str::as_str)
}

/// Whether class `sub` is `sup` or derives from it.
pub fn is_subclass<S: Strategy>(sub: &Obj<S>, sup: &Obj<S>) -> bool {
    let mut cur = Some(sub);
    while let Some(c) = cur {
        if c.is(sup) {
            return true;
        }
        cur = c.downcast::<Class<S>>().and_then(|c| c.base.as_deref());
    }
    false
}

/// `isinstance(obj, cls)` for one class.
pub fn isinstance<S: Strategy>(ts: &ThreadState<'_, S>, obj: &Obj<S>, cls: &Obj<S>) -> bool {
    is_subclass(ts.vm.class_of(obj), cls)
}

/// `bool(obj)`: `__bool__`, then `__len__`, for user objects.
pub fn truthy<S: Strategy>(ts: &mut ThreadState<'_, S>, obj: &ObjRef<S>) -> Result<bool, PyErr<S>> {
    Ok(match obj.kind() {
        TypeKind::Bool => obj.downcast::<Bool>().is_some_and(|b| b.0),
        TypeKind::None => false,
        TypeKind::Int => obj.downcast::<Int>().is_some_and(|i| i.0 != 0),
        TypeKind::Float => obj.downcast::<Float>().is_some_and(|f| f.0 != 0.0),
        TypeKind::Str => as_str(obj).is_some_and(|s| !s.is_empty()),
        TypeKind::List => obj.downcast::<List<S>>().is_some_and(|l| !l.is_empty()),
        TypeKind::Dict => obj.downcast::<Dict<S>>().is_some_and(|d| !d.is_empty()),
        TypeKind::Tuple => obj.downcast::<Tuple<S>>().is_some_and(|t| !t.is_empty()),
        TypeKind::Range => obj.downcast::<Range>().is_some_and(|r| !r.is_empty()),
        TypeKind::Instance => {
            if let Some(r) = call_dunder(ts, obj, "__bool__", &[])? {
                return match r.downcast::<Bool>() {
                    Some(b) => Ok(b.0),
                    None => {
                        Err(ts.type_error(format!("__bool__ should return bool, returned {}", ts.vm.type_name(&r))))
                    }
                };
            }
            if let Some(r) = call_dunder(ts, obj, "__len__", &[])? {
                return Ok(as_int(&r).unwrap_or(0) != 0);
            }
            true
        }
        _ => true,
    })
}

/// `len(obj)`.
pub fn len<S: Strategy>(ts: &mut ThreadState<'_, S>, obj: &ObjRef<S>) -> Result<usize, PyErr<S>> {
    match obj.kind() {
        TypeKind::Str => Ok(as_str(obj).map_or(0, |s| s.chars().count())),
        TypeKind::List => Ok(obj.downcast::<List<S>>().map_or(0, List::len)),
        TypeKind::Dict => Ok(obj.downcast::<Dict<S>>().map_or(0, Dict::len)),
        TypeKind::Tuple => Ok(obj.downcast::<Tuple<S>>().map_or(0, Tuple::len)),
        TypeKind::Range => Ok(obj.downcast::<Range>().map_or(0, |r| r.len() as usize)),
        TypeKind::Instance => match call_dunder(ts, obj, "__len__", &[])? {
            Some(r) => match as_int(&r) {
                Some(n) if n >= 0 => Ok(n as usize),
                Some(_) => Err(ts.value_error("__len__() should return >= 0")),
                None => {
                    Err(ts.type_error(format!("'{}' object cannot be interpreted as an integer", ts.vm.type_name(&r))))
                }
            },
            None => Err(no_len(ts, obj)),
        },
        _ => Err(no_len(ts, obj)),
    }
}

fn no_len<S: Strategy>(ts: &ThreadState<'_, S>, obj: &Obj<S>) -> PyErr<S> {
    ts.type_error(format!("object of type '{}' has no len()", ts.vm.type_name(obj)))
}

/// `hash(obj)`: `__hash__` for user objects that define it; identity for those that don't (and
/// `TypeError` for those that define `__eq__` without `__hash__`).
pub fn hash<S: Strategy>(ts: &mut ThreadState<'_, S>, obj: &ObjRef<S>) -> Result<i64, PyErr<S>> {
    if obj.kind() == TypeKind::Instance {
        if let Some(r) = call_dunder(ts, obj, "__hash__", &[])? {
            let h = as_int(&r).ok_or_else(|| ts.type_error("__hash__ method should return an integer"))?;
            return Ok(if h == -1 { -2 } else { h });
        }
        let cls = ts.vm.class_of(obj).clone();
        if lookup_class(ts, &cls, &ts.vm.dunder("__eq__")).is_some() {
            return Err(ts.type_error(format!("unhashable type: '{}'", ts.vm.type_name(obj))));
        }
    }
    crate::object::hash::hash(obj).map_err(|e| ts.obj_err(e))
}

/// Call `obj.name(*args)` if `obj`'s class (a user class) defines `name`; `Ok(None)` if it does not.
pub fn call_dunder<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    obj: &ObjRef<S>,
    name: &str,
    args: &[ObjRef<S>],
) -> Result<Option<ObjRef<S>>, PyErr<S>> {
    let cls = ts.vm.class_of(obj).clone();
    let Some(f) = lookup_class(ts, &cls, &ts.vm.dunder(name)) else { return Ok(None) };
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(obj.clone());
    full.extend(args.iter().cloned());
    call(ts, &f, &full, &[]).map(Some)
}

/// Whether `obj` is an instance of a user class (dunder dispatch applies).
#[inline(always)]
pub fn is_user<S: Strategy>(obj: &Obj<S>) -> bool {
    obj.kind() == TypeKind::Instance
}

/// `True`/`False` from a Rust bool.
#[inline(always)]
pub fn py_bool<S: Strategy>(v: bool) -> ObjRef<S> {
    bool_obj(v)
}

/// `StopIteration` check.
pub fn is_stop_iteration<S: Strategy>(ts: &ThreadState<'_, S>, err: &PyErr<S>) -> bool {
    ts.err_matches(err, Exc::StopIteration)
}

/// The user instance payload, if `obj` is one.
#[inline(always)]
pub fn instance<S: Strategy>(obj: &Obj<S>) -> Option<&Instance<S>> {
    obj.downcast::<Instance<S>>()
}
