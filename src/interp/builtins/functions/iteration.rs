//! Built-in functions over iterables: `min`, `max`, `sum`, `sorted`, `enumerate`, `zip`, `any`, `all`,
//! `iter`, `next`, `reversed`, `map`, `filter`.
//!
//! Divergence from CPython: `map` and `filter` are eager: they consume their iterables when called and
//! return an iterator over the results, so side effects of the function happen at the call.

use crate::interp::args::{arg_count, bind, index_arg};
use crate::interp::builtins::sort::{sort_options, sort_values};
use crate::interp::error::{PyErr, PyResult};
use crate::interp::ops::{self, as_str};
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::lang::ast::CmpOp;
use crate::object::{
    Dict, Float, Int, Iter, IterState, List, ObjRef, Range, Tuple, TypeKind, bool_obj, float_obj, int_obj, intern,
    list_obj,
};
use crate::strategy::Strategy;

fn iterator<S: Strategy>(state: IterState<S>) -> ObjRef<S> {
    ObjRef::new(Iter::new(state))
}

/// `min`/`max`: `op` is `<` for min and `>` for max (a later item replaces the best only when strictly
/// better, so ties keep the first, as in CPython).
fn min_max<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    args: &[ObjRef<S>],
    kw: &[ObjRef<S>],
    name: &str,
    op: CmpOp,
) -> PyResult<S> {
    let npos = args.len() - kw.len();
    let (mut key, mut default) = (None, None);
    for (k, v) in kw.iter().zip(&args[npos..]) {
        match as_str(k) {
            Some("key") => key = Some(v.clone()).filter(|f| f.kind() != TypeKind::None),
            Some("default") => default = Some(v.clone()),
            other => {
                return Err(
                    ts.type_error(format!("'{}' is an invalid keyword argument for {name}()", other.unwrap_or("")))
                );
            }
        }
    }
    if npos == 0 {
        return Err(ts.type_error(format!("{name} expected at least 1 argument, got 0")));
    }
    if npos > 1 && default.is_some() {
        return Err(ts.type_error(format!("Cannot specify a default for {name}() with multiple positional arguments")));
    }
    let it = if npos == 1 {
        ops::get_iter(ts, &args[0])?
    } else {
        iterator(IterState::Items { items: args[..npos].to_vec(), idx: 0 })
    };
    let mut best: Option<(ObjRef<S>, ObjRef<S>)> = None;
    while let Some(item) = ops::next(ts, &it)? {
        let k = match &key {
            Some(f) => ops::call(ts, f, std::slice::from_ref(&item), &[])?,
            None => item.clone(),
        };
        let better = match &best {
            None => true,
            Some((_, bk)) => ops::compare::order(ts, op, &k, bk)?,
        };
        if better {
            best = Some((item, k));
        }
    }
    match (best, default) {
        (Some((item, _)), _) => Ok(item),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(ts.value_error(format!("{name}() arg is an empty sequence"))),
    }
}

pub(super) fn min<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    min_max(ts, args, kw, "min", CmpOp::Lt)
}

pub(super) fn max<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    min_max(ts, args, kw, "max", CmpOp::Gt)
}

pub(super) fn sum<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    if args.len() == kw.len() {
        return Err(ts.type_error("sum() takes at least 1 positional argument (0 given)"));
    }
    let p = bind(ts, "sum", args, kw, &["iterable", "start"])?;
    let start = p[1].clone().unwrap_or_else(|| int_obj(0));
    if start.kind() == TypeKind::Str {
        return Err(ts.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let it = ops::get_iter(ts, p[0].as_ref().expect("checked positional"))?;
    let mut acc = start;
    while let Some(item) = ops::next(ts, &it)? {
        acc = match (acc.kind(), item.kind()) {
            (TypeKind::Int, TypeKind::Int) => {
                let (a, b) = (acc.downcast::<Int>().expect("kind").0, item.downcast::<Int>().expect("kind").0);
                match a.checked_add(b) {
                    Some(v) => int_obj(v),
                    None => ops::binary_op(ts, crate::lang::ast::BinOp::Add, &acc, &item)?,
                }
            }
            (TypeKind::Float, TypeKind::Float | TypeKind::Int) => {
                let a = acc.downcast::<Float>().expect("kind").0;
                float_obj(a + ops::as_float(&item).unwrap_or(0.0))
            }
            _ => ops::binary_op(ts, crate::lang::ast::BinOp::Add, &acc, &item)?,
        };
    }
    Ok(acc)
}

pub(super) fn sorted<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let npos = args.len() - kw.len();
    if npos != 1 {
        return Err(ts.type_error(format!("sorted expected 1 argument, got {npos}")));
    }
    let (key, rev) = sort_options(ts, &args[1..], kw)?;
    let items = ops::iterate(ts, &args[0])?;
    let out = sort_values(ts, items, key.as_ref(), rev)?;
    Ok(list_obj(out).into_obj())
}

pub(super) fn enumerate<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let p = bind(ts, "enumerate", args, kw, &["iterable", "start"])?;
    let Some(it) = &p[0] else {
        return Err(ts.type_error("enumerate() missing required argument 'iterable'"));
    };
    let n = match &p[1] {
        Some(s) => index_arg(ts, s)?,
        None => 0,
    };
    let inner = ops::get_iter(ts, it)?;
    Ok(iterator(IterState::Enumerate { inner, n }))
}

pub(super) fn zip<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let npos = args.len() - kw.len();
    for k in kw {
        if as_str(k) != Some("strict") {
            return Err(
                ts.type_error(format!("'{}' is an invalid keyword argument for zip()", as_str(k).unwrap_or("")))
            );
        }
    }
    let mut inners = Vec::with_capacity(npos);
    for a in &args[..npos] {
        inners.push(ops::get_iter(ts, a)?);
    }
    Ok(iterator(IterState::Zip { inners }))
}

/// `any`/`all`: stop at the first item whose truth is `stop_on`.
fn any_all<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    args: &[ObjRef<S>],
    kw: &[ObjRef<S>],
    name: &str,
    stop_on: bool,
) -> PyResult<S> {
    arg_count(ts, name, args, kw, 1, 1)?;
    let it = ops::get_iter(ts, &args[0])?;
    while let Some(item) = ops::next(ts, &it)? {
        if ops::truthy(ts, &item)? == stop_on {
            return Ok(bool_obj(stop_on));
        }
    }
    Ok(bool_obj(!stop_on))
}

pub(super) fn any<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    any_all(ts, args, kw, "any", true)
}

pub(super) fn all<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    any_all(ts, args, kw, "all", false)
}

pub(super) fn iter<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "iter", args, kw, 1, 2)?;
    if args.len() == 2 {
        return Err(ts.err(Exc::NotImplementedError, "iter(callable, sentinel) is not supported by gilfree"));
    }
    ops::get_iter(ts, &args[0])
}

pub(super) fn next<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "next", args, kw, 1, 2)?;
    match ops::next(ts, &args[0])? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(ts.new_exc(Exc::StopIteration, vec![])),
        },
    }
}

/// The items of `obj` in reverse, for `reversed`.
fn reversed_items<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    obj: &ObjRef<S>,
) -> Result<Option<Vec<ObjRef<S>>>, PyErr<S>> {
    Ok(Some(match obj.kind() {
        TypeKind::List => obj.downcast::<List<S>>().expect("kind").to_vec(&ts.pin),
        TypeKind::Tuple => obj.downcast::<Tuple<S>>().expect("kind").items().to_vec(),
        TypeKind::Str | TypeKind::Range => ops::iterate(ts, obj)?,
        TypeKind::Dict => obj.downcast::<Dict<S>>().expect("kind").keys(&ts.pin),
        TypeKind::Instance => {
            let cls = ts.vm.class_of(obj).clone();
            let has = |ts: &ThreadState<'_, S>, n: &str| ops::lookup_class(ts, &cls, &intern::<S>(n)).is_some();
            if !(has(ts, "__len__") && has(ts, "__getitem__")) {
                return Ok(None);
            }
            let n = ops::len(ts, obj)?;
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                out.push(ops::getitem(ts, obj, &int_obj(i as i64))?);
            }
            out
        }
        _ => return Ok(None),
    }))
}

pub(super) fn reversed<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    if !kw.is_empty() {
        return Err(ts.type_error("reversed() takes no keyword arguments"));
    }
    if args.len() != 1 {
        return Err(ts.type_error(format!("reversed expected 1 argument, got {}", args.len())));
    }
    let obj = &args[0];
    if let Some(r) = obj.downcast::<Range>() {
        let n = r.len();
        if n > 0 {
            let last = r.start as i128 + (n as i128 - 1) * r.step as i128;
            let stop = r.start as i128 - r.step as i128;
            if let (Ok(cur), Ok(stop), Some(step)) = (i64::try_from(last), i64::try_from(stop), r.step.checked_neg()) {
                return Ok(iterator(IterState::Range { cur, stop, step }));
            }
        }
    }
    if obj.kind() == TypeKind::Instance
        && let Some(r) = ops::call_dunder(ts, obj, "__reversed__", &[])?
    {
        return Ok(r);
    }
    match reversed_items(ts, obj)? {
        Some(mut items) => {
            items.reverse();
            Ok(iterator(IterState::Items { items, idx: 0 }))
        }
        None => Err(ts.type_error(format!("'{}' object is not reversible", ts.vm.type_name(obj)))),
    }
}

pub(super) fn map<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    if !kw.is_empty() {
        return Err(ts.type_error("map() takes no keyword arguments"));
    }
    if args.len() < 2 {
        return Err(ts.type_error("map() must have at least two arguments."));
    }
    let mut iters = Vec::with_capacity(args.len() - 1);
    for a in &args[1..] {
        iters.push(ops::get_iter(ts, a)?);
    }
    let mut out = Vec::new();
    'outer: loop {
        let mut vals = Vec::with_capacity(iters.len());
        for it in &iters {
            match ops::next(ts, it)? {
                Some(v) => vals.push(v),
                None => break 'outer,
            }
        }
        out.push(ops::call(ts, &args[0], &vals, &[])?);
    }
    Ok(iterator(IterState::Items { items: out, idx: 0 }))
}

pub(super) fn filter<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "filter", args, kw, 2, 2)?;
    let f = &args[0];
    let it = ops::get_iter(ts, &args[1])?;
    let mut out = Vec::new();
    while let Some(v) = ops::next(ts, &it)? {
        let keep = if f.kind() == TypeKind::None {
            ops::truthy(ts, &v)?
        } else {
            let r = ops::call(ts, f, std::slice::from_ref(&v), &[])?;
            ops::truthy(ts, &r)?
        };
        if keep {
            out.push(v);
        }
    }
    Ok(iterator(IterState::Items { items: out, idx: 0 }))
}
