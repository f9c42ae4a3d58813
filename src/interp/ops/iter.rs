//! Iteration: `iter()`, `next()`, and collecting an iterable into a `Vec`.

use super::{as_str, call_dunder};
use crate::interp::error::{PyErr, PyResult};
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::object::{Dict, Iter, IterState, List, ObjRef, Range, Str, Tuple, TypeKind};
use crate::strategy::Strategy;

/// `iter(obj)`.
pub fn get_iter<S: Strategy>(ts: &mut ThreadState<'_, S>, obj: &ObjRef<S>) -> PyResult<S> {
    let state = match obj.kind() {
        TypeKind::Range => {
            let r = obj.downcast::<Range>().expect("kind");
            IterState::Range { cur: r.start, stop: r.stop, step: r.step }
        }
        TypeKind::List => IterState::List { list: obj.clone(), idx: 0 },
        TypeKind::Tuple => IterState::Tuple { tuple: obj.clone(), idx: 0 },
        TypeKind::Str => IterState::Str { s: obj.clone(), pos: 0 },
        TypeKind::Dict => IterState::Items { items: obj.downcast::<Dict<S>>().expect("kind").keys(&ts.pin), idx: 0 },
        TypeKind::Iter | TypeKind::Generator => return Ok(obj.clone()),
        TypeKind::Instance => {
            return match call_dunder(ts, obj, "__iter__", &[])? {
                Some(it) => Ok(it),
                None if has_getitem(ts, obj) => {
                    Err(ts.err(Exc::NotImplementedError, "iteration through __getitem__ is not supported by gilfree"))
                }
                None => Err(not_iterable(ts, obj)),
            };
        }
        _ => return Err(not_iterable(ts, obj)),
    };
    Ok(ObjRef::new(Iter::new(state)))
}

fn has_getitem<S: Strategy>(ts: &ThreadState<'_, S>, obj: &ObjRef<S>) -> bool {
    super::lookup_class(ts, ts.vm.class_of(obj), &ts.vm.dunder("__getitem__")).is_some()
}

fn not_iterable<S: Strategy>(ts: &ThreadState<'_, S>, obj: &ObjRef<S>) -> PyErr<S> {
    ts.type_error(format!("'{}' object is not iterable", ts.vm.type_name(obj)))
}

/// What one step of a built-in iterator needs done outside its lock.
enum Step<S: Strategy> {
    Value(Option<ObjRef<S>>),
    Enumerate(ObjRef<S>, i64),
    Zip(Vec<ObjRef<S>>),
}

/// `next(it)`: `Ok(None)` when exhausted (for built-in iterators and generators, and user iterators that
/// raise `StopIteration`).
#[inline]
pub fn next<S: Strategy>(ts: &mut ThreadState<'_, S>, it: &ObjRef<S>) -> Result<Option<ObjRef<S>>, PyErr<S>> {
    match it.kind() {
        TypeKind::Iter => {
            let i = it.downcast::<Iter<S>>().expect("kind");
            let pin = &ts.pin;
            let step = i.state.with(pin, |st| match st {
                IterState::Range { cur, stop, step } => {
                    if (*step > 0 && *cur < *stop) || (*step < 0 && *cur > *stop) {
                        let v = *cur;
                        *cur = cur.saturating_add(*step);
                        Step::Value(Some(crate::object::int_obj(v)))
                    } else {
                        Step::Value(None)
                    }
                }
                IterState::List { list, idx } => {
                    let v = list.downcast::<List<S>>().and_then(|l| l.get(*idx, pin));
                    *idx += 1;
                    if v.is_none() {
                        *st = IterState::Done;
                    }
                    Step::Value(v)
                }
                IterState::Tuple { tuple, idx } => {
                    let v = tuple.downcast::<Tuple<S>>().and_then(|t| t.items().get(*idx).cloned());
                    *idx += 1;
                    Step::Value(v)
                }
                IterState::Str { s, pos } => {
                    let text = s.downcast::<Str>().map_or("", Str::as_str);
                    match text[*pos..].chars().next() {
                        Some(c) => {
                            *pos += c.len_utf8();
                            let mut buf = [0u8; 4];
                            Step::Value(Some(crate::object::str_obj(c.encode_utf8(&mut buf))))
                        }
                        None => Step::Value(None),
                    }
                }
                IterState::Items { items, idx } => {
                    let v = items.get(*idx).cloned();
                    *idx += 1;
                    Step::Value(v)
                }
                IterState::Enumerate { inner, n } => {
                    let k = *n;
                    *n += 1;
                    Step::Enumerate(inner.clone(), k)
                }
                IterState::Zip { inners } => Step::Zip(inners.clone()),
                IterState::Done => Step::Value(None),
            });
            match step {
                Step::Value(v) => Ok(v),
                Step::Enumerate(inner, k) => {
                    Ok(next(ts, &inner)?.map(|v| crate::object::tuple_obj(vec![crate::object::int_obj(k), v])))
                }
                Step::Zip(inners) => {
                    if inners.is_empty() {
                        return Ok(None);
                    }
                    let mut out = Vec::with_capacity(inners.len());
                    for inner in &inners {
                        match next(ts, inner)? {
                            Some(v) => out.push(v),
                            None => return Ok(None),
                        }
                    }
                    Ok(Some(crate::object::tuple_obj(out)))
                }
            }
        }
        TypeKind::Generator => super::call::gen_resume(ts, it, None),
        TypeKind::Instance => match call_dunder(ts, it, "__next__", &[]) {
            Ok(Some(v)) => Ok(Some(v)),
            Ok(None) => Err(ts.type_error(format!("'{}' object is not an iterator", ts.vm.type_name(it)))),
            Err(e) if super::is_stop_iteration(ts, &e) => Ok(None),
            Err(e) => Err(e),
        },
        _ => Err(ts.type_error(format!("'{}' object is not an iterator", ts.vm.type_name(it)))),
    }
}

/// Collect an iterable into a `Vec` (tuples and lists directly).
pub fn iterate<S: Strategy>(ts: &mut ThreadState<'_, S>, obj: &ObjRef<S>) -> Result<Vec<ObjRef<S>>, PyErr<S>> {
    match obj.kind() {
        TypeKind::Tuple => return Ok(obj.downcast::<Tuple<S>>().expect("kind").items().to_vec()),
        TypeKind::List => return Ok(obj.downcast::<List<S>>().expect("kind").to_vec(&ts.pin)),
        TypeKind::Str => {
            return Ok(as_str(obj)
                .unwrap_or("")
                .chars()
                .map(|c| crate::object::str_obj(c.encode_utf8(&mut [0u8; 4])))
                .collect());
        }
        _ => {}
    }
    let it = get_iter(ts, obj)?;
    let mut out = Vec::new();
    while let Some(v) = next(ts, &it)? {
        out.push(v);
    }
    Ok(out)
}
