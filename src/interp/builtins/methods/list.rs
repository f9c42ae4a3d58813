//! Methods of the built-in `list` type, and `tuple.index`/`tuple.count`, which share their code.
//!
//! Methods that rewrite the list (`sort`, `reverse`, `remove`, `extend`) run any Python code (comparisons,
//! `__eq__`, key functions) on a snapshot first, then install the result with [`List::modify`], whose
//! closure runs no Python code.

use crate::interp::args::{adjust, arg_count, index_arg, method_args, no_kwargs};
use crate::interp::builtins::method;
use crate::interp::builtins::sort::{sort_options, sort_values};
use crate::interp::error::{PyErr, PyResult};
use crate::interp::ops;
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::object::{List, Obj, ObjRef, Tuple, int_obj, list_obj, none};
use crate::strategy::{Attached, Strategy};

/// Register the methods on the class.
pub fn install<S: Strategy>(cls: &Obj<S>, pin: &Attached<'_, S>) {
    method(cls, "append", append, pin);
    method(cls, "extend", extend, pin);
    method(cls, "insert", insert, pin);
    method(cls, "pop", pop, pin);
    method(cls, "remove", remove, pin);
    method(cls, "index", index, pin);
    method(cls, "count", count, pin);
    method(cls, "reverse", reverse, pin);
    method(cls, "sort", sort, pin);
    method(cls, "clear", clear, pin);
    method(cls, "copy", copy, pin);
}

/// Register `tuple.index` and `tuple.count` (the sequence methods tuples share with lists).
pub fn install_tuple<S: Strategy>(cls: &Obj<S>, pin: &Attached<'_, S>) {
    method(cls, "index", index, pin);
    method(cls, "count", count, pin);
}

/// The items of `self` for the methods lists and tuples share (a snapshot for lists), and the type name.
fn seq_items<S: Strategy>(
    ts: &ThreadState<'_, S>,
    args: &[ObjRef<S>],
    name: &str,
) -> Result<(Vec<ObjRef<S>>, &'static str), PyErr<S>> {
    if let Some(t) = args.first().and_then(|a| a.downcast::<Tuple<S>>()) {
        return Ok((t.items().to_vec(), "tuple"));
    }
    Ok((this(ts, args, name)?.to_vec(&ts.pin), "list"))
}

/// `self` of a list method.
fn this<'a, S: Strategy>(ts: &ThreadState<'_, S>, args: &'a [ObjRef<S>], name: &str) -> Result<&'a List<S>, PyErr<S>> {
    match args.first() {
        Some(a) => a.downcast::<List<S>>().ok_or_else(|| {
            ts.type_error(format!(
                "descriptor '{name}' for 'list' objects doesn't apply to a '{}' object",
                ts.vm.type_name(a)
            ))
        }),
        None => Err(ts.type_error(format!("unbound method list.{name}() needs an argument"))),
    }
}

fn append<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let l = this(ts, args, "append")?;
    arg_count(ts, "list.append", &args[1..], kw, 1, 1)?;
    l.append(args[1].clone(), &ts.pin);
    Ok(none())
}

fn extend<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let l = this(ts, args, "extend")?;
    arg_count(ts, "list.extend", &args[1..], kw, 1, 1)?;
    let items = ops::iterate(ts, &args[1])?;
    l.modify(&ts.pin, |v| v.extend(items));
    Ok(none())
}

fn insert<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let l = this(ts, args, "insert")?;
    no_kwargs(ts, "list.insert", kw)?;
    arg_count(ts, "insert", &args[1..], kw, 2, 2)?;
    let i = index_arg(ts, &args[1])?;
    let n = l.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    l.insert(at as usize, args[2].clone(), &ts.pin);
    Ok(none())
}

fn pop<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let l = this(ts, args, "pop")?;
    no_kwargs(ts, "list.pop", kw)?;
    arg_count(ts, "pop", &args[1..], kw, 0, 1)?;
    let i = match args.get(1) {
        Some(v) => Some(index_arg(ts, v)?),
        None => None,
    };
    let n = l.len() as i64;
    if n == 0 {
        return Err(ts.err(Exc::IndexError, "pop from empty list"));
    }
    let at = match i {
        None => None,
        Some(i) => {
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                return Err(ts.err(Exc::IndexError, "pop index out of range"));
            }
            Some(j as usize)
        }
    };
    l.pop(at, &ts.pin).ok_or_else(|| ts.err(Exc::IndexError, "pop index out of range"))
}

/// The first index in `start..end` of `items` whose item equals `x` (identity, then `==`).
fn position<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    items: &[ObjRef<S>],
    x: &ObjRef<S>,
    start: usize,
    end: usize,
) -> Result<Option<usize>, PyErr<S>> {
    for (i, v) in items.iter().enumerate().take(end).skip(start) {
        if v.is(x) || ops::eq(ts, v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn remove<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let l = this(ts, args, "remove")?;
    arg_count(ts, "list.remove", &args[1..], kw, 1, 1)?;
    let items = l.to_vec(&ts.pin);
    let Some(i) = position(ts, &items, &args[1], 0, items.len())? else {
        return Err(ts.value_error("list.remove(x): x not in list"));
    };
    let found = &items[i];
    let removed = l.modify(&ts.pin, |v| {
        // The list may have changed while `__eq__` ran: remove the item we found, wherever it is now.
        let at = if v.get(i).is_some_and(|o| o.is(found)) { Some(i) } else { v.iter().position(|o| o.is(found)) };
        at.map(|at| v.remove(at))
    });
    drop(removed);
    Ok(none())
}

/// A slice bound of `list.index` (`None` is not accepted, as in CPython).
fn bound<S: Strategy>(ts: &ThreadState<'_, S>, v: Option<&ObjRef<S>>) -> Result<Option<i64>, PyErr<S>> {
    match v {
        None => Ok(None),
        Some(v) => ops::as_int(v)
            .map(Some)
            .ok_or_else(|| ts.type_error("slice indices must be integers or have an __index__ method")),
    }
}

fn index<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let (items, ty) = seq_items(ts, args, "index")?;
    if !kw.is_empty() {
        return Err(ts.type_error(format!("{ty}.index() takes no keyword arguments")));
    }
    arg_count(ts, "index", &args[1..], kw, 1, 3)?;
    let (start, end) = (bound(ts, args.get(2))?, bound(ts, args.get(3))?);
    let (a, b) = adjust(start, end, items.len());
    match position(ts, &items, &args[1], a, b)? {
        Some(i) => Ok(int_obj(i as i64)),
        None if ty == "tuple" => Err(ts.value_error("tuple.index(x): x not in tuple")),
        None => {
            let r = ops::repr_of(ts, &args[1])?;
            Err(ts.value_error(format!("{r} is not in list")))
        }
    }
}

fn count<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let (items, ty) = seq_items(ts, args, "count")?;
    method_args(ts, ty, "count", &args[1..], kw, 1, 1)?;
    let mut n = 0;
    for v in items {
        if v.is(&args[1]) || ops::eq(ts, &v, &args[1])? {
            n += 1;
        }
    }
    Ok(int_obj(n))
}

fn reverse<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let l = this(ts, args, "reverse")?;
    arg_count(ts, "list.reverse", &args[1..], kw, 0, 0)?;
    l.modify(&ts.pin, |v| v.reverse());
    Ok(none())
}

fn clear<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let l = this(ts, args, "clear")?;
    arg_count(ts, "list.clear", &args[1..], kw, 0, 0)?;
    let old = l.modify(&ts.pin, std::mem::take);
    drop(old);
    Ok(none())
}

fn copy<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let l = this(ts, args, "copy")?;
    arg_count(ts, "list.copy", &args[1..], kw, 0, 0)?;
    Ok(list_obj(l.to_vec(&ts.pin)).into_obj())
}

fn sort<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let l = this(ts, args, "sort")?;
    if args.len() - 1 > kw.len() {
        return Err(ts.type_error("sort() takes no positional arguments"));
    }
    let (key, rev) = sort_options(ts, &args[1..], kw)?;
    let items = l.to_vec(&ts.pin);
    let sorted = sort_values(ts, items, key.as_ref(), rev)?;
    let old = l.modify(&ts.pin, |v| std::mem::replace(v, sorted));
    drop(old);
    Ok(none())
}
