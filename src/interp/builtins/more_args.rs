//! Argument helpers shared by the str/list/dict methods and the built-in functions of `more_funcs`, with
//! CPython's messages for each of its argument-parsing styles.

use crate::interp::error::PyErr;
use crate::interp::ops::{as_int, as_str};
use crate::interp::thread::ThreadState;
use crate::object::{ObjRef, TypeKind};
use crate::strategy::Strategy;

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

/// [`arg_count`](super::super::arg_count) for the method `owner.name`, whose messages name the type
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
    super::super::arg_count(ts, &format!("{owner}.{name}"), args, kwnames, min, max)
}

/// `ascii()` of a repr: non-ASCII characters escaped as `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
pub fn ascii_escape(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        match c as u32 {
            v if v < 0x80 => out.push(c),
            v if v < 0x100 => out.push_str(&format!("\\x{v:02x}")),
            v if v < 0x10000 => out.push_str(&format!("\\u{v:04x}")),
            v => out.push_str(&format!("\\U{v:08x}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{adjust, ascii_escape};

    #[test]
    fn adjust_clamps_like_cpython() {
        assert_eq!(adjust(None, None, 5), (0, 5));
        assert_eq!(adjust(Some(-2), None, 5), (3, 5));
        assert_eq!(adjust(Some(-9), Some(-1), 5), (0, 4));
        assert_eq!(adjust(Some(7), Some(99), 5), (7, 5));
    }

    #[test]
    fn ascii_escapes_non_ascii() {
        assert_eq!(ascii_escape("'a\u{e9}\u{263a}\u{1f600}'"), "'a\\xe9\\u263a\\U0001f600'");
    }
}
