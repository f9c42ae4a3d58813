//! Argument checking for natives (the [`NativeFn`](super::NativeFn) convention: positional arguments, then
//! the values of the keywords named by `kwnames`), with CPython's messages for each of its argument-parsing
//! styles: a count check ([`arg_count`], [`varargs`], [`method_args`]), binding by name ([`bind`],
//! [`kwarg`]), and integer and slice-index arguments.
//!
//! The bottom of the interpreter's layers: the constructors of built-in classes (`ops::construct`),
//! `str.format` (`format`) and the built-ins all check their arguments here.

use crate::interp::error::PyErr;
use crate::interp::ops::{as_int, as_str};
use crate::interp::thread::ThreadState;
use crate::object::{ObjRef, TypeKind};
use crate::strategy::Strategy;

/// Reject keyword arguments: `name() takes no keyword arguments`.
#[inline]
pub fn no_kwargs<S: Strategy>(ts: &ThreadState<'_, S>, name: &str, kwnames: &[ObjRef<S>]) -> Result<(), PyErr<S>> {
    if kwnames.is_empty() { Ok(()) } else { Err(ts.type_error(format!("{name}() takes no keyword arguments"))) }
}

/// Check the positional count is within `min..=max` (keywords rejected).
#[inline]
pub fn arg_count<S: Strategy>(
    ts: &ThreadState<'_, S>,
    name: &str,
    args: &[ObjRef<S>],
    kwnames: &[ObjRef<S>],
    min: usize,
    max: usize,
) -> Result<(), PyErr<S>> {
    no_kwargs(ts, name, kwnames)?;
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    Err(ts.type_error(if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({n} given)"),
            1 => format!("{name}() takes exactly one argument ({n} given)"),
            _ => format!("{name} expected {min} arguments, got {n}"),
        }
    } else if n < min {
        format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
    } else {
        format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
    }))
}

/// The keyword argument `name`, if given (positional part = `args[..args.len() - kwnames.len()]`).
pub fn kwarg<'a, S: Strategy>(args: &'a [ObjRef<S>], kwnames: &[ObjRef<S>], name: &str) -> Option<&'a ObjRef<S>> {
    let base = args.len() - kwnames.len();
    kwnames.iter().position(|k| as_str(k) == Some(name)).map(|i| &args[base + i])
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `METH_VARARGS`-style count check: `name() takes at least 1 argument (0 given)` / `at most`.
pub fn varargs<S: Strategy>(
    ts: &ThreadState<'_, S>,
    name: &str,
    n: usize,
    min: usize,
    max: usize,
) -> Result<(), PyErr<S>> {
    if n < min {
        Err(ts.type_error(format!("{name}() takes at least {min} argument{} ({n} given)", plural(min))))
    } else if n > max {
        Err(ts.type_error(format!("{name}() takes at most {max} argument{} ({n} given)", plural(max))))
    } else {
        Ok(())
    }
}

/// Bind the arguments to the parameters `names` (positional or keyword): CPython's argument clinic. Unknown
/// keywords and too many positionals raise its `TypeError`s; missing ones are `None` in the result (the
/// caller checks the required ones).
pub fn bind<S: Strategy>(
    ts: &ThreadState<'_, S>,
    fname: &str,
    args: &[ObjRef<S>],
    kwnames: &[ObjRef<S>],
    names: &[&str],
) -> Result<Vec<Option<ObjRef<S>>>, PyErr<S>> {
    let npos = args.len() - kwnames.len();
    if npos > names.len() {
        let m = names.len();
        return Err(ts.type_error(format!("{fname}() takes at most {m} argument{} ({npos} given)", plural(m))));
    }
    let mut out: Vec<Option<ObjRef<S>>> = vec![None; names.len()];
    for (slot, a) in out.iter_mut().zip(&args[..npos]) {
        *slot = Some(a.clone());
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let key = as_str(k).unwrap_or("");
        match names.iter().position(|n| *n == key) {
            Some(i) if out[i].is_some() => {
                return Err(
                    ts.type_error(format!("argument for {fname}() given by name ('{key}') and position ({})", i + 1))
                );
            }
            Some(i) => out[i] = Some(v.clone()),
            None => return Err(ts.type_error(format!("'{key}' is an invalid keyword argument for {fname}()"))),
        }
    }
    Ok(out)
}

/// An integer argument (`__index__`): `'str' object cannot be interpreted as an integer` otherwise.
pub fn index_arg<S: Strategy>(ts: &ThreadState<'_, S>, v: &ObjRef<S>) -> Result<i64, PyErr<S>> {
    as_int(v)
        .ok_or_else(|| ts.type_error(format!("'{}' object cannot be interpreted as an integer", ts.vm.type_name(v))))
}

/// An optional integer argument where `None` means absent (slice bounds of `find`, `count`, ...).
pub fn opt_index<S: Strategy>(ts: &ThreadState<'_, S>, v: Option<&ObjRef<S>>) -> Result<Option<i64>, PyErr<S>> {
    match v {
        None => Ok(None),
        Some(v) if v.kind() == TypeKind::None => Ok(None),
        Some(v) => as_int(v)
            .map(Some)
            .ok_or_else(|| ts.type_error("slice indices must be integers or None or have an __index__ method")),
    }
}

/// CPython's `ADJUST_INDICES`: clamp `start`/`end` (absent = `0`/`len`, negative = from the end) to a
/// sequence of `len` items. `start` may exceed `len`; callers check.
pub fn adjust(start: Option<i64>, end: Option<i64>, len: usize) -> (usize, usize) {
    let len = len as i64;
    let fix = |v: i64| if v < 0 { (v + len).max(0) } else { v };
    let end = end.map_or(len, fix).min(len);
    let start = start.map_or(0, fix);
    (start as usize, end as usize)
}

/// [`arg_count`] for the method `owner.name`, whose messages name the type
/// (`str.upper() takes no arguments (1 given)`); the name is only formatted on error.
pub fn method_args<S: Strategy>(
    ts: &ThreadState<'_, S>,
    owner: &str,
    name: &str,
    args: &[ObjRef<S>],
    kwnames: &[ObjRef<S>],
    min: usize,
    max: usize,
) -> Result<(), PyErr<S>> {
    if kwnames.is_empty() && (min..=max).contains(&args.len()) {
        return Ok(());
    }
    arg_count(ts, &format!("{owner}.{name}"), args, kwnames, min, max)
}

#[cfg(test)]
mod tests {
    use super::adjust;

    #[test]
    fn adjust_clamps_like_cpython() {
        assert_eq!(adjust(None, None, 5), (0, 5));
        assert_eq!(adjust(Some(-2), None, 5), (3, 5));
        assert_eq!(adjust(Some(-9), Some(-1), 5), (0, 4));
        assert_eq!(adjust(Some(7), Some(99), 5), (7, 5));
    }
}
