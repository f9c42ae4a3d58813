//! Subscripts: `x[i]`, `x[a:b:c]`, assignment and deletion, for lists, tuples, strs, ranges, dicts and
//! user classes (`__getitem__`, `__setitem__`, `__delitem__`).

use super::{as_int, as_str, call_dunder};
use crate::interp::error::{PyErr, PyResult};
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::object::{Dict, List, ObjRef, Range, Slice, Tuple, TypeKind, int_obj, list_obj, str_obj, tuple_obj};
use crate::strategy::Strategy;

/// Resolve a slice against a length: `(start, stop, step)` with CPython's `PySlice_AdjustIndices`.
pub fn slice_indices<S: Strategy>(
    ts: &ThreadState<'_, S>,
    s: &Slice<S>,
    len: i64,
) -> Result<(i64, i64, i64), PyErr<S>> {
    let get = |o: &ObjRef<S>| -> Result<Option<i64>, PyErr<S>> {
        if o.kind() == TypeKind::None {
            Ok(None)
        } else {
            as_int(o)
                .map(Some)
                .ok_or_else(|| ts.type_error("slice indices must be integers or None or have an __index__ method"))
        }
    };
    let step = get(&s.step)?.unwrap_or(1);
    if step == 0 {
        return Err(ts.value_error("slice step cannot be zero"));
    }
    let (lo_default, hi_default) = if step < 0 { (len - 1, -1) } else { (0, len) };
    let adjust = |v: i64, lower: i64, upper: i64| {
        if v < 0 { (v + len).max(lower) } else { v.min(upper) }
    };
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let start = get(&s.start)?.map_or(lo_default, |v| adjust(v, lower, upper));
    let stop = get(&s.stop)?.map_or(hi_default, |v| adjust(v, lower, upper));
    Ok((start, stop, step))
}

/// The indices a resolved slice selects.
pub fn slice_positions(start: i64, stop: i64, step: i64) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    out
}

fn index<S: Strategy>(ts: &ThreadState<'_, S>, key: &ObjRef<S>, len: usize, what: &str) -> Result<usize, PyErr<S>> {
    let Some(i) = as_int(key) else {
        return Err(ts.type_error(format!("{what} indices must be integers or slices, not {}", ts.vm.type_name(key))));
    };
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(ts.err(Exc::IndexError, format!("{what} index out of range")));
    }
    Ok(j as usize)
}

/// `container[key]`.
#[inline]
pub fn getitem<S: Strategy>(ts: &mut ThreadState<'_, S>, container: &ObjRef<S>, key: &ObjRef<S>) -> PyResult<S> {
    match container.kind() {
        TypeKind::List => {
            let l = container.downcast::<List<S>>().expect("kind");
            if key.kind() == TypeKind::Int {
                let i = as_int(key).unwrap_or(0);
                let j = if i < 0 { i + l.len() as i64 } else { i };
                if j >= 0
                    && let Some(v) = l.get(j as usize, &ts.pin)
                {
                    return Ok(v);
                }
                return Err(ts.err(Exc::IndexError, "list index out of range"));
            }
            if let Some(s) = key.downcast::<Slice<S>>() {
                let items = l.to_vec(&ts.pin);
                let (a, b, c) = slice_indices(ts, s, items.len() as i64)?;
                return Ok(
                    list_obj(slice_positions(a, b, c).into_iter().map(|i| items[i].clone()).collect()).into_obj()
                );
            }
            let i = index(ts, key, l.len(), "list")?;
            l.get(i, &ts.pin).ok_or_else(|| ts.err(Exc::IndexError, "list index out of range"))
        }
        TypeKind::Tuple => {
            let t = container.downcast::<Tuple<S>>().expect("kind");
            if let Some(s) = key.downcast::<Slice<S>>() {
                let (a, b, c) = slice_indices(ts, s, t.len() as i64)?;
                return Ok(tuple_obj(slice_positions(a, b, c).into_iter().map(|i| t.items()[i].clone()).collect()));
            }
            let i = index(ts, key, t.len(), "tuple")?;
            Ok(t.items()[i].clone())
        }
        TypeKind::Str => {
            let text = as_str(container).unwrap_or("");
            if text.is_ascii() {
                if let Some(s) = key.downcast::<Slice<S>>() {
                    let (a, b, c) = slice_indices(ts, s, text.len() as i64)?;
                    let bytes = text.as_bytes();
                    let out: String = slice_positions(a, b, c).into_iter().map(|i| bytes[i] as char).collect();
                    return Ok(str_obj(&out));
                }
                let i = index(ts, key, text.len(), "string")?;
                return Ok(str_obj(&text[i..i + 1]));
            }
            let chars: Vec<char> = text.chars().collect();
            if let Some(s) = key.downcast::<Slice<S>>() {
                let (a, b, c) = slice_indices(ts, s, chars.len() as i64)?;
                let out: String = slice_positions(a, b, c).into_iter().map(|i| chars[i]).collect();
                return Ok(str_obj(&out));
            }
            let i = index(ts, key, chars.len(), "string")?;
            Ok(str_obj(chars[i].encode_utf8(&mut [0u8; 4])))
        }
        TypeKind::Dict => {
            let d = container.downcast::<Dict<S>>().expect("kind");
            match d.get(key, &ts.pin).map_err(|e| ts.obj_err(e))? {
                Some(v) => Ok(v),
                None => Err(ts.new_exc(Exc::KeyError, vec![key.clone()])),
            }
        }
        TypeKind::Range => {
            let r = *container.downcast::<Range>().expect("kind");
            if let Some(s) = key.downcast::<Slice<S>>() {
                let (a, b, c) = slice_indices(ts, s, r.len())?;
                return Ok(ObjRef::new(Range {
                    start: r.start + a * r.step,
                    stop: r.start + b * r.step,
                    step: r.step * c,
                }));
            }
            let i = index(ts, key, r.len() as usize, "range object")?;
            Ok(int_obj(r.start + i as i64 * r.step))
        }
        TypeKind::Instance => match call_dunder(ts, container, "__getitem__", std::slice::from_ref(key))? {
            Some(v) => Ok(v),
            None => Err(not_subscriptable(ts, container)),
        },
        TypeKind::Class => {
            Err(ts.type_error(format!("type '{}' is not subscriptable", crate::interp::vm::class_name(container))))
        }
        _ => Err(not_subscriptable(ts, container)),
    }
}

fn not_subscriptable<S: Strategy>(ts: &ThreadState<'_, S>, obj: &ObjRef<S>) -> PyErr<S> {
    ts.type_error(format!("'{}' object is not subscriptable", ts.vm.type_name(obj)))
}

/// `container[key] = value`.
pub fn setitem<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    container: &ObjRef<S>,
    key: &ObjRef<S>,
    value: ObjRef<S>,
) -> Result<(), PyErr<S>> {
    match container.kind() {
        TypeKind::List => {
            let l = container.downcast::<List<S>>().expect("kind");
            if let Some(s) = key.downcast::<Slice<S>>() {
                let new = super::iterate(ts, &value)?;
                let (a, b, c) = slice_indices(ts, s, l.len() as i64)?;
                return l
                    .modify(&ts.pin, |items| {
                        if c == 1 {
                            let b = b.max(a);
                            items.splice(a as usize..b as usize, new);
                            Ok(())
                        } else {
                            let pos = slice_positions(a, b, c);
                            if pos.len() != new.len() {
                                return Err((pos.len(), new.len()));
                            }
                            for (p, v) in pos.into_iter().zip(new) {
                                items[p] = v;
                            }
                            Ok(())
                        }
                    })
                    .map_err(|(want, got)| {
                        ts.value_error(format!(
                            "attempt to assign sequence of size {got} to extended slice of size {want}"
                        ))
                    });
            }
            let i = index(ts, key, l.len(), "list")
                .map_err(|_| ts.err(Exc::IndexError, "list assignment index out of range"))?;
            l.set(i, value, &ts.pin).map_err(|_| ts.err(Exc::IndexError, "list assignment index out of range"))
        }
        TypeKind::Dict => {
            let d = container.downcast::<Dict<S>>().expect("kind");
            let old = d.set(key.clone(), value, &ts.pin).map_err(|e| ts.obj_err(e))?;
            drop(old);
            Ok(())
        }
        TypeKind::Instance => match call_dunder(ts, container, "__setitem__", &[key.clone(), value])? {
            Some(_) => Ok(()),
            None => Err(no_item_assignment(ts, container)),
        },
        _ => Err(no_item_assignment(ts, container)),
    }
}

fn no_item_assignment<S: Strategy>(ts: &ThreadState<'_, S>, obj: &ObjRef<S>) -> PyErr<S> {
    ts.type_error(format!("'{}' object does not support item assignment", ts.vm.type_name(obj)))
}

/// `del container[key]`.
pub fn delitem<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    container: &ObjRef<S>,
    key: &ObjRef<S>,
) -> Result<(), PyErr<S>> {
    match container.kind() {
        TypeKind::List => {
            let l = container.downcast::<List<S>>().expect("kind");
            if let Some(s) = key.downcast::<Slice<S>>() {
                let (a, b, c) = slice_indices(ts, s, l.len() as i64)?;
                let mut pos = slice_positions(a, b, c);
                pos.sort_unstable();
                l.modify(&ts.pin, |items| {
                    for p in pos.into_iter().rev() {
                        items.remove(p);
                    }
                });
                return Ok(());
            }
            let i = index(ts, key, l.len(), "list")
                .map_err(|_| ts.err(Exc::IndexError, "list assignment index out of range"))?;
            drop(l.pop(Some(i), &ts.pin));
            Ok(())
        }
        TypeKind::Dict => {
            let d = container.downcast::<Dict<S>>().expect("kind");
            match d.remove(key, &ts.pin).map_err(|e| ts.obj_err(e))? {
                Some(_) => Ok(()),
                None => Err(ts.new_exc(Exc::KeyError, vec![key.clone()])),
            }
        }
        TypeKind::Instance => match call_dunder(ts, container, "__delitem__", std::slice::from_ref(key))? {
            Some(_) => Ok(()),
            None => {
                Err(ts.type_error(format!("'{}' object does not support item deletion", ts.vm.type_name(container))))
            }
        },
        _ => Err(ts.type_error(format!("'{}' object does not support item deletion", ts.vm.type_name(container)))),
    }
}
