//! Methods of the built-in `dict` type.
//!
//! Divergence from CPython: `keys()`, `values()` and `items()` return list snapshots, not live views, so
//! `print(d.keys())` shows `['a', 'b']` where CPython shows `dict_keys(['a', 'b'])`. Iteration, `len`,
//! `in`, `sorted`, `list(...)` and unpacking behave the same; no program of the corpus prints a view.

use crate::interp::args::{arg_count, method_args, no_kwargs};
use crate::interp::builtins::method;
use crate::interp::error::{PyErr, PyResult};
use crate::interp::ops;
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::object::{Dict, List, Obj, ObjRef, Tuple, TypeKind, dict_obj, list_obj, none, tuple_obj};
use crate::strategy::{Attached, Strategy};

/// Register the methods on the class.
pub fn install<S: Strategy>(cls: &Obj<S>, pin: &Attached<'_, S>) {
    method(cls, "get", get, pin);
    method(cls, "keys", keys, pin);
    method(cls, "values", values, pin);
    method(cls, "items", items, pin);
    method(cls, "pop", pop, pin);
    method(cls, "setdefault", setdefault, pin);
    method(cls, "update", update, pin);
    method(cls, "copy", copy, pin);
    method(cls, "clear", clear, pin);
    method(cls, "popitem", popitem, pin);
}

/// `self` of a dict method.
fn this<'a, S: Strategy>(ts: &ThreadState<'_, S>, args: &'a [ObjRef<S>], name: &str) -> Result<&'a Dict<S>, PyErr<S>> {
    match args.first() {
        Some(a) => a.downcast::<Dict<S>>().ok_or_else(|| {
            ts.type_error(format!(
                "descriptor '{name}' for 'dict' objects doesn't apply to a '{}' object",
                ts.vm.type_name(a)
            ))
        }),
        None => Err(ts.type_error(format!("unbound method dict.{name}() needs an argument"))),
    }
}

fn get<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let d = this(ts, args, "get")?;
    no_kwargs(ts, "dict.get", kw)?;
    arg_count(ts, "get", &args[1..], kw, 1, 2)?;
    match d.get(&args[1], &ts.pin).map_err(|e| ts.obj_err(e))? {
        Some(v) => Ok(v),
        None => Ok(args.get(2).cloned().unwrap_or_else(none)),
    }
}

/// `keys`/`values`/`items`: a list snapshot built from the items by `f`.
fn view<S: Strategy>(
    ts: &ThreadState<'_, S>,
    args: &[ObjRef<S>],
    kw: &[ObjRef<S>],
    name: &'static str,
    f: impl Fn((ObjRef<S>, ObjRef<S>)) -> ObjRef<S>,
) -> PyResult<S> {
    let d = this(ts, args, name)?;
    method_args(ts, "dict", name, &args[1..], kw, 0, 0)?;
    Ok(list_obj(d.items(&ts.pin).into_iter().map(f).collect()).into_obj())
}

fn keys<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    view(ts, args, kw, "keys", |(k, _)| k)
}

fn values<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    view(ts, args, kw, "values", |(_, v)| v)
}

fn items<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    view(ts, args, kw, "items", |(k, v)| tuple_obj(vec![k, v]))
}

fn pop<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let d = this(ts, args, "pop")?;
    no_kwargs(ts, "dict.pop", kw)?;
    arg_count(ts, "pop", &args[1..], kw, 1, 2)?;
    match d.remove(&args[1], &ts.pin).map_err(|e| ts.obj_err(e))? {
        Some(v) => Ok(v),
        None => match args.get(2) {
            Some(default) => Ok(default.clone()),
            None => Err(ts.new_exc(Exc::KeyError, vec![args[1].clone()])),
        },
    }
}

fn setdefault<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let d = this(ts, args, "setdefault")?;
    no_kwargs(ts, "dict.setdefault", kw)?;
    arg_count(ts, "setdefault", &args[1..], kw, 1, 2)?;
    if let Some(v) = d.get(&args[1], &ts.pin).map_err(|e| ts.obj_err(e))? {
        return Ok(v);
    }
    let default = args.get(2).cloned().unwrap_or_else(none);
    let old = d.set(args[1].clone(), default.clone(), &ts.pin).map_err(|e| ts.obj_err(e))?;
    drop(old);
    Ok(default)
}

/// Set `k: v` in `d`.
fn put<S: Strategy>(ts: &ThreadState<'_, S>, d: &Dict<S>, k: ObjRef<S>, v: ObjRef<S>) -> Result<(), PyErr<S>> {
    let old = d.set(k, v, &ts.pin).map_err(|e| ts.obj_err(e))?;
    drop(old);
    Ok(())
}

/// `d.update(src)`: a dict, an object with `keys()` (the mapping protocol), or an iterable of pairs.
fn update_from<S: Strategy>(ts: &mut ThreadState<'_, S>, d: &Dict<S>, src: &ObjRef<S>) -> Result<(), PyErr<S>> {
    if let Some(sd) = src.downcast::<Dict<S>>() {
        for (k, v) in sd.items(&ts.pin) {
            put(ts, d, k, v)?;
        }
        return Ok(());
    }
    if src.kind() == TypeKind::Instance {
        let keys_name = crate::object::intern::<S>("keys");
        if let Ok(keys) = ops::getattr(ts, src, &keys_name) {
            let ks = ops::call(ts, &keys, &[], &[])?;
            for k in ops::iterate(ts, &ks)? {
                let v = ops::getitem(ts, src, &k)?;
                put(ts, d, k, v)?;
            }
            return Ok(());
        }
    }
    for (i, pair) in ops::iterate(ts, src)?.into_iter().enumerate() {
        let kv = match pair.kind() {
            TypeKind::Tuple => pair.downcast::<Tuple<S>>().expect("kind").items().to_vec(),
            TypeKind::List => pair.downcast::<List<S>>().expect("kind").to_vec(&ts.pin),
            _ => match ops::iterate(ts, &pair) {
                Ok(v) => v,
                Err(e) if ts.err_matches(&e, Exc::TypeError) => {
                    return Err(
                        ts.type_error(format!("cannot convert dictionary update sequence element #{i} to a sequence"))
                    );
                }
                Err(e) => return Err(e),
            },
        };
        if kv.len() != 2 {
            return Err(ts.value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                kv.len()
            )));
        }
        let mut kv = kv.into_iter();
        let (k, v) = (kv.next().expect("two items"), kv.next().expect("two items"));
        put(ts, d, k, v)?;
    }
    Ok(())
}

fn update<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let d = this(ts, args, "update")?;
    let npos = args.len() - kw.len();
    if npos > 2 {
        return Err(ts.type_error(format!("update expected at most 1 argument, got {}", npos - 1)));
    }
    if npos == 2 {
        update_from(ts, d, &args[1])?;
    }
    for (name, v) in kw.iter().zip(&args[npos..]) {
        put(ts, d, name.clone(), v.clone())?;
    }
    Ok(none())
}

fn copy<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let d = this(ts, args, "copy")?;
    arg_count(ts, "dict.copy", &args[1..], kw, 0, 0)?;
    let out = dict_obj::<S>();
    for (k, v) in d.items(&ts.pin) {
        put(ts, &out, k, v)?;
    }
    Ok(out.into_obj())
}

fn clear<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let d = this(ts, args, "clear")?;
    arg_count(ts, "dict.clear", &args[1..], kw, 0, 0)?;
    d.clear(&ts.pin);
    Ok(none())
}

fn popitem<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let d = this(ts, args, "popitem")?;
    arg_count(ts, "dict.popitem", &args[1..], kw, 0, 0)?;
    // The last item inserted (LIFO); retry if another thread removed it first.
    loop {
        let Some((k, _)) = d.items(&ts.pin).pop() else {
            return Err(ts.err(Exc::KeyError, "popitem(): dictionary is empty"));
        };
        if let Some(v) = d.remove(&k, &ts.pin).map_err(|e| ts.obj_err(e))? {
            return Ok(tuple_obj(vec![k, v]));
        }
    }
}
