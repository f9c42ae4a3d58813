//! The stable sort that `list.sort` and `sorted()` share: CPython's order (a stable sort by Python `<` on
//! the keys; `reverse=True` keeps equal items in their order), with fast paths for all-int, all-str and
//! all-float keys. Python code (key functions, `__lt__`) runs on a snapshot, never inside the list.

use crate::interp::args::{bind, index_arg};
use crate::interp::error::PyErr;
use crate::interp::ops;
use crate::interp::thread::ThreadState;
use crate::object::{Float, Int, ObjRef, Str, Tuple, TypeKind};
use crate::strategy::Strategy;

/// The `key=` and `reverse=` keyword arguments of `list.sort` and `sorted` (`args` holds only keywords).
pub fn sort_options<S: Strategy>(
    ts: &ThreadState<'_, S>,
    args: &[ObjRef<S>],
    kw: &[ObjRef<S>],
) -> Result<(Option<ObjRef<S>>, bool), PyErr<S>> {
    let p = bind(ts, "sort", args, kw, &["key", "reverse"])?;
    let key = p[0].clone().filter(|k| k.kind() != TypeKind::None);
    let rev = match &p[1] {
        Some(r) => index_arg(ts, r)? != 0,
        None => false,
    };
    Ok((key, rev))
}

/// Sort `items` stably by Python `<` on `key(item)` (or the items), descending if `reverse` (equal items
/// keep their order either way, as in CPython, which reverses before and after sorting).
pub fn sort_values<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    items: Vec<ObjRef<S>>,
    key: Option<&ObjRef<S>>,
    reverse: bool,
) -> Result<Vec<ObjRef<S>>, PyErr<S>> {
    let mut keys = match key {
        Some(f) => {
            let mut keys = Vec::with_capacity(items.len());
            for v in &items {
                keys.push(ops::call(ts, f, std::slice::from_ref(v), &[])?);
            }
            keys
        }
        None => items.clone(),
    };
    let mut items = items;
    if reverse {
        keys.reverse();
        items.reverse();
    }
    let order = sort_order(ts, &keys)?;
    let mut slots: Vec<Option<ObjRef<S>>> = items.into_iter().map(Some).collect();
    let mut out: Vec<ObjRef<S>> = order.into_iter().filter_map(|i| slots[i].take()).collect();
    if reverse {
        out.reverse();
    }
    Ok(out)
}

/// The stable sorting permutation of `keys`: fast paths for all-int, all-str and all-float (no NaN) keys,
/// otherwise a merge sort comparing with Python `<`.
fn sort_order<S: Strategy>(ts: &mut ThreadState<'_, S>, keys: &[ObjRef<S>]) -> Result<Vec<usize>, PyErr<S>> {
    let mut idx: Vec<usize> = (0..keys.len()).collect();
    if keys.len() < 2 {
        return Ok(idx);
    }
    let kind = keys[0].kind();
    if keys.iter().all(|k| k.kind() == kind) {
        match kind {
            TypeKind::Int => {
                let v: Vec<i64> = keys.iter().map(|k| k.downcast::<Int>().map_or(0, |i| i.0)).collect();
                idx.sort_by_key(|&i| v[i]);
                return Ok(idx);
            }
            TypeKind::Str => {
                let v: Vec<&str> = keys.iter().map(|k| k.downcast::<Str>().map_or("", Str::as_str)).collect();
                idx.sort_by_key(|&i| v[i]);
                return Ok(idx);
            }
            TypeKind::Float => {
                let v: Vec<f64> = keys.iter().map(|k| k.downcast::<Float>().map_or(0.0, |f| f.0)).collect();
                if !v.iter().any(|f| f.is_nan()) {
                    idx.sort_by(|&a, &b| v[a].partial_cmp(&v[b]).unwrap_or(std::cmp::Ordering::Equal));
                    return Ok(idx);
                }
            }
            _ => {}
        }
    }
    merge_sort(ts, keys, &mut idx)?;
    Ok(idx)
}

/// A stable sort of `idx` by `keys[i]`, comparing with Python `<` only: runs of 32 by binary insertion (as
/// CPython's timsort does for short lists, so small sorts make the same comparisons), then merges.
fn merge_sort<S: Strategy>(ts: &mut ThreadState<'_, S>, keys: &[ObjRef<S>], idx: &mut [usize]) -> Result<(), PyErr<S>> {
    const RUN: usize = 32;
    let n = idx.len();
    let run = if n < 64 { n } else { RUN };
    for chunk in idx.chunks_mut(run) {
        let start = count_run(ts, keys, chunk)?;
        binary_insertion(ts, keys, chunk, start)?;
    }
    let mut width = run;
    let mut buf: Vec<usize> = Vec::with_capacity(n);
    while width < n {
        let mut lo = 0;
        while lo + width < n {
            let mid = lo + width;
            let hi = (lo + 2 * width).min(n);
            // Already in order (presorted input): nothing to merge.
            if !key_lt(ts, &keys[idx[mid]], &keys[idx[mid - 1]])? {
                lo = hi;
                continue;
            }
            buf.clear();
            let (mut i, mut j) = (lo, mid);
            while i < mid && j < hi {
                // Take from the right only when strictly smaller: stability.
                if key_lt(ts, &keys[idx[j]], &keys[idx[i]])? {
                    buf.push(idx[j]);
                    j += 1;
                } else {
                    buf.push(idx[i]);
                    i += 1;
                }
            }
            buf.extend_from_slice(&idx[i..mid]);
            buf.extend_from_slice(&idx[j..hi]);
            idx[lo..hi].copy_from_slice(&buf);
            lo = hi;
        }
        width *= 2;
    }
    Ok(())
}

/// Python `a < b` for sort keys, without allocating for the common key types: ints, floats and strs
/// compared directly, tuples item by item (the first unequal items decide, as `ops::lt` does).
fn key_lt<S: Strategy>(ts: &mut ThreadState<'_, S>, a: &ObjRef<S>, b: &ObjRef<S>) -> Result<bool, PyErr<S>> {
    match (a.kind(), b.kind()) {
        (TypeKind::Int, TypeKind::Int) => {
            Ok(a.downcast::<Int>().map_or(0, |i| i.0) < b.downcast::<Int>().map_or(0, |i| i.0))
        }
        (TypeKind::Float, TypeKind::Float) => {
            Ok(a.downcast::<Float>().map_or(0.0, |f| f.0) < b.downcast::<Float>().map_or(0.0, |f| f.0))
        }
        (TypeKind::Str, TypeKind::Str) => {
            Ok(a.downcast::<Str>().map_or("", Str::as_str) < b.downcast::<Str>().map_or("", Str::as_str))
        }
        (TypeKind::Tuple, TypeKind::Tuple) => {
            let (x, y) = (a.downcast::<Tuple<S>>().expect("kind"), b.downcast::<Tuple<S>>().expect("kind"));
            for (p, q) in x.items().iter().zip(y.items()) {
                if !(p.is(q) || key_eq(ts, p, q)?) {
                    return key_lt(ts, p, q);
                }
            }
            Ok(x.len() < y.len())
        }
        _ => ops::lt(ts, a, b),
    }
}

/// `a == b` with the direct cases of [`key_lt`].
fn key_eq<S: Strategy>(ts: &mut ThreadState<'_, S>, a: &ObjRef<S>, b: &ObjRef<S>) -> Result<bool, PyErr<S>> {
    match (a.kind(), b.kind()) {
        (TypeKind::Int, TypeKind::Int) => Ok(a.downcast::<Int>().map(|i| i.0) == b.downcast::<Int>().map(|i| i.0)),
        (TypeKind::Str, TypeKind::Str) => {
            Ok(a.downcast::<Str>().map(Str::as_str) == b.downcast::<Str>().map(Str::as_str))
        }
        _ => ops::eq(ts, a, b),
    }
}

/// CPython's `count_run`: the length of the run at the start of `idx`, reversing a strictly descending one.
fn count_run<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    keys: &[ObjRef<S>],
    idx: &mut [usize],
) -> Result<usize, PyErr<S>> {
    let n = idx.len();
    if n < 2 {
        return Ok(n);
    }
    let mut k = 2;
    if key_lt(ts, &keys[idx[1]], &keys[idx[0]])? {
        while k < n && key_lt(ts, &keys[idx[k]], &keys[idx[k - 1]])? {
            k += 1;
        }
        idx[..k].reverse();
    } else {
        while k < n && !key_lt(ts, &keys[idx[k]], &keys[idx[k - 1]])? {
            k += 1;
        }
    }
    Ok(k)
}

/// CPython's `binarysort`: insert `idx[start..]` one by one into the sorted prefix.
fn binary_insertion<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    keys: &[ObjRef<S>],
    idx: &mut [usize],
    start: usize,
) -> Result<(), PyErr<S>> {
    for s in start.max(1)..idx.len() {
        let pivot = idx[s];
        let (mut l, mut r) = (0, s);
        while l < r {
            let p = l + (r - l) / 2;
            if key_lt(ts, &keys[pivot], &keys[idx[p]])? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        idx.copy_within(l..s, l + 1);
        idx[l] = pivot;
    }
    Ok(())
}
