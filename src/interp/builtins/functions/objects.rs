//! Built-in functions on any object: `len`, `isinstance`, `issubclass`, `hash`, `id`, `callable`, and the
//! attribute functions `getattr`, `setattr`, `hasattr`, `delattr`.

use crate::interp::args::arg_count;
use crate::interp::error::{PyErr, PyResult};
use crate::interp::ops::{self, as_str};
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::object::{Class, ObjRef, Tuple, TypeKind, bool_obj, int_obj, intern, none};
use crate::strategy::Strategy;

pub(super) fn len<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "len", args, kw, 1, 1)?;
    Ok(int_obj(ops::len(ts, &args[0])? as i64))
}

pub(super) fn isinstance<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    args: &[ObjRef<S>],
    kw: &[ObjRef<S>],
) -> PyResult<S> {
    arg_count(ts, "isinstance", args, kw, 2, 2)?;
    Ok(bool_obj(isinstance_of(ts, &args[0], &args[1])?))
}

fn isinstance_of<S: Strategy>(
    ts: &ThreadState<'_, S>,
    obj: &ObjRef<S>,
    cls: &ObjRef<S>,
) -> Result<bool, crate::interp::PyErr<S>> {
    match cls.kind() {
        TypeKind::Class => Ok(ops::isinstance(ts, obj, cls)),
        TypeKind::Tuple => {
            for c in cls.downcast::<Tuple<S>>().map_or(&[][..], Tuple::items) {
                if isinstance_of(ts, obj, c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(ts.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")),
    }
}

pub(super) fn issubclass<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    args: &[ObjRef<S>],
    kw: &[ObjRef<S>],
) -> PyResult<S> {
    arg_count(ts, "issubclass", args, kw, 2, 2)?;
    if args[0].downcast::<Class<S>>().is_none() {
        return Err(ts.type_error("issubclass() arg 1 must be a class"));
    }
    let classes: Vec<ObjRef<S>> = match args[1].downcast::<Tuple<S>>() {
        Some(t) => t.items().to_vec(),
        None => vec![args[1].clone()],
    };
    for c in &classes {
        if c.downcast::<Class<S>>().is_none() {
            return Err(ts.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"));
        }
        if ops::is_subclass(&args[0], c) {
            return Ok(bool_obj(true));
        }
    }
    Ok(bool_obj(false))
}

pub(super) fn hash<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "hash", args, kw, 1, 1)?;
    Ok(int_obj(ops::hash(ts, &args[0])?))
}

pub(super) fn id<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "id", args, kw, 1, 1)?;
    Ok(int_obj(args[0].as_ptr().as_ptr() as usize as i64))
}

pub(super) fn callable<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "callable", args, kw, 1, 1)?;
    let x = &args[0];
    let yes = match x.kind() {
        TypeKind::Function | TypeKind::Native | TypeKind::BoundMethod | TypeKind::Class => true,
        TypeKind::Instance => ops::lookup_class(ts, ts.vm.class_of(x), &ts.vm.dunder("__call__")).is_some(),
        _ => false,
    };
    Ok(bool_obj(yes))
}

/// The attribute name argument, interned.
fn attr_name<S: Strategy>(ts: &ThreadState<'_, S>, v: &ObjRef<S>) -> Result<ObjRef<S>, PyErr<S>> {
    match as_str(v) {
        Some(s) => Ok(intern::<S>(s)),
        None => Err(ts.type_error(format!("attribute name must be string, not '{}'", ts.vm.type_name(v)))),
    }
}

pub(super) fn getattr<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "getattr", args, kw, 2, 3)?;
    let name = attr_name(ts, &args[1])?;
    match ops::getattr(ts, &args[0], &name) {
        Err(e) if args.len() == 3 && ts.err_matches(&e, Exc::AttributeError) => Ok(args[2].clone()),
        r => r,
    }
}

pub(super) fn setattr<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "setattr", args, kw, 3, 3)?;
    let name = attr_name(ts, &args[1])?;
    ops::setattr(ts, &args[0], &name, args[2].clone())?;
    Ok(none())
}

pub(super) fn hasattr<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "hasattr", args, kw, 2, 2)?;
    let name = attr_name(ts, &args[1])?;
    match ops::getattr(ts, &args[0], &name) {
        Ok(_) => Ok(bool_obj(true)),
        Err(e) if ts.err_matches(&e, Exc::AttributeError) => Ok(bool_obj(false)),
        Err(e) => Err(e),
    }
}

pub(super) fn delattr<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "delattr", args, kw, 2, 2)?;
    let name = attr_name(ts, &args[1])?;
    ops::attr::delattr(ts, &args[0], &name)?;
    Ok(none())
}
