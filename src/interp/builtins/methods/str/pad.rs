//! `str` stripping (`strip`, `lstrip`, `rstrip`) and padding (`center`, `ljust`, `rjust`, `zfill`).

use super::{is_py_space, this};
use crate::interp::args::{arg_count, index_arg};
use crate::interp::builtins::method;
use crate::interp::error::{PyErr, PyResult};
use crate::interp::ops::as_str;
use crate::interp::thread::ThreadState;
use crate::object::{Obj, ObjRef, TypeKind, str_obj};
use crate::strategy::{Attached, Strategy};

/// Register the methods on the class.
pub(super) fn install<S: Strategy>(cls: &Obj<S>, pin: &Attached<'_, S>) {
    method(cls, "strip", strip, pin);
    method(cls, "lstrip", lstrip, pin);
    method(cls, "rstrip", rstrip, pin);
    method(cls, "center", center, pin);
    method(cls, "ljust", ljust, pin);
    method(cls, "rjust", rjust, pin);
    method(cls, "zfill", zfill, pin);
}

/// `strip`/`lstrip`/`rstrip`: `left`/`right` say which ends.
fn strip_impl<S: Strategy>(
    ts: &ThreadState<'_, S>,
    args: &[ObjRef<S>],
    kw: &[ObjRef<S>],
    name: &'static str,
    left: bool,
    right: bool,
) -> PyResult<S> {
    let s = this(ts, args, name)?;
    arg_count(ts, name, &args[1..], kw, 0, 1)?;
    let out = match args.get(1) {
        None => strip_by(s, left, right, is_py_space),
        Some(c) if c.kind() == TypeKind::None => strip_by(s, left, right, is_py_space),
        Some(c) => {
            let chars = as_str(c).ok_or_else(|| ts.type_error(format!("{name} arg must be None or str")))?;
            strip_by(s, left, right, |ch| chars.contains(ch))
        }
    };
    if out.len() == s.len() {
        return Ok(args[0].clone());
    }
    Ok(str_obj(out))
}

fn strip_by(s: &str, left: bool, right: bool, f: impl Fn(char) -> bool) -> &str {
    let s = if left { s.trim_start_matches(&f) } else { s };
    if right { s.trim_end_matches(&f) } else { s }
}

fn strip<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    strip_impl(ts, args, kw, "strip", true, true)
}

fn lstrip<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    strip_impl(ts, args, kw, "lstrip", true, false)
}

fn rstrip<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    strip_impl(ts, args, kw, "rstrip", false, true)
}

/// `center`/`ljust`/`rjust`: the width, the fill character, and the text's length in characters.
fn pad_args<'a, S: Strategy>(
    ts: &ThreadState<'_, S>,
    args: &'a [ObjRef<S>],
    kw: &[ObjRef<S>],
    name: &'static str,
) -> Result<(&'a str, usize, usize, char), PyErr<S>> {
    let s = this(ts, args, name)?;
    arg_count(ts, name, &args[1..], kw, 1, 2)?;
    let width = index_arg(ts, &args[1])?.max(0) as usize;
    let fill = match args.get(2) {
        None => ' ',
        Some(f) => {
            let t = as_str(f).ok_or_else(|| {
                ts.type_error(format!("The fill character must be a unicode character, not {}", ts.vm.type_name(f)))
            })?;
            let mut cs = t.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => return Err(ts.type_error("The fill character must be exactly one character long")),
            }
        }
    };
    Ok((s, width, s.chars().count(), fill))
}

fn padded<S: Strategy>(args: &[ObjRef<S>], s: &str, left: usize, right: usize, fill: char) -> ObjRef<S> {
    if left == 0 && right == 0 {
        return args[0].clone();
    }
    let mut out = String::with_capacity(s.len() + (left + right) * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    str_obj(&out)
}

fn center<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let (s, width, n, fill) = pad_args(ts, args, kw, "center")?;
    let marg = width.saturating_sub(n);
    // CPython's `pad` split: the extra space goes left when both the margin and the width are odd.
    let left = marg / 2 + (marg & width & 1);
    Ok(padded(args, s, left, marg - left, fill))
}

fn ljust<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let (s, width, n, fill) = pad_args(ts, args, kw, "ljust")?;
    Ok(padded(args, s, 0, width.saturating_sub(n), fill))
}

fn rjust<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let (s, width, n, fill) = pad_args(ts, args, kw, "rjust")?;
    Ok(padded(args, s, width.saturating_sub(n), 0, fill))
}

fn zfill<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let s = this(ts, args, "zfill")?;
    arg_count(ts, "str.zfill", &args[1..], kw, 1, 1)?;
    let width = index_arg(ts, &args[1])?.max(0) as usize;
    let n = s.chars().count();
    if n >= width {
        return Ok(args[0].clone());
    }
    let zeros = "0".repeat(width - n);
    let out = match s.strip_prefix(['+', '-']) {
        Some(rest) => format!("{}{zeros}{rest}", &s[..1]),
        None => format!("{zeros}{s}"),
    };
    Ok(str_obj(&out))
}
