//! Argument checking for natives, with CPython's messages.

use crate::interp::error::PyErr;
use crate::interp::ops::as_str;
use crate::interp::thread::ThreadState;
use crate::object::ObjRef;
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
