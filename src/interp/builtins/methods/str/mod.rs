//! Methods of the built-in `str` type: case conversion and predicates in [`case`], stripping and padding in
//! [`pad`], searching and splitting in [`search`]; `replace`, `join`, the affix removers, `expandtabs` and
//! `format` (a wrapper of [`format::str_format`](crate::interp::format::str_format)) here.
//!
//! Indices are in characters, as in CPython; strs are UTF-8, so ASCII text takes byte-indexed fast paths
//! and other text converts between character indices and byte offsets.

mod case;
mod pad;
mod search;

use crate::interp::args::{arg_count, bind, index_arg};
use crate::interp::builtins::method;
use crate::interp::error::{PyErr, PyResult};
use crate::interp::ops::{self, as_str};
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::object::{List, Obj, ObjRef, Tuple, TypeKind, str_obj};
use crate::strategy::{Attached, Strategy};

/// Register the methods on the class.
pub fn install<S: Strategy>(cls: &Obj<S>, pin: &Attached<'_, S>) {
    case::install(cls, pin);
    pad::install(cls, pin);
    method(cls, "replace", replace, pin);
    method(cls, "join", join, pin);
    method(cls, "removeprefix", removeprefix, pin);
    method(cls, "removesuffix", removesuffix, pin);
    method(cls, "expandtabs", expandtabs, pin);
    method(cls, "format", format, pin);
    search::install(cls, pin);
}

/// `self` of a str method, as text.
fn this<'a, S: Strategy>(ts: &ThreadState<'_, S>, args: &'a [ObjRef<S>], name: &str) -> Result<&'a str, PyErr<S>> {
    match args.first() {
        Some(a) => as_str(a).ok_or_else(|| {
            ts.type_error(format!(
                "descriptor '{name}' for 'str' objects doesn't apply to a '{}' object",
                ts.vm.type_name(a)
            ))
        }),
        None => Err(ts.type_error(format!("unbound method str.{name}() needs an argument"))),
    }
}

/// A `str` argument: `must be str, not int` otherwise.
fn str_arg<'a, S: Strategy>(ts: &ThreadState<'_, S>, v: &'a ObjRef<S>) -> Result<&'a str, PyErr<S>> {
    as_str(v).ok_or_else(|| ts.type_error(format!("must be str, not {}", ts.vm.type_name(v))))
}

/// Python's `str.isspace` for one character (Rust's `White_Space` plus the ASCII separators `\x1c`-`\x1f`).
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

fn replace<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let s = this(ts, args, "replace")?;
    arg_count(ts, "replace", &args[1..], kw, 2, 3)?;
    let arg = |i: usize| {
        as_str(&args[i]).ok_or_else(|| {
            ts.type_error(format!("replace() argument {i} must be str, not {}", ts.vm.type_name(&args[i])))
        })
    };
    let (old, new) = (arg(1)?, arg(2)?);
    let count = match args.get(3) {
        Some(c) => index_arg(ts, c)?,
        None => -1,
    };
    let out = if count < 0 { s.replace(old, new) } else { s.replacen(old, new, count as usize) };
    Ok(str_obj(&out))
}

fn join<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let sep = this(ts, args, "join")?;
    arg_count(ts, "str.join", &args[1..], kw, 1, 1)?;
    let it = &args[1];
    let items = match it.kind() {
        TypeKind::List => it.downcast::<List<S>>().expect("kind").to_vec(&ts.pin),
        TypeKind::Tuple => it.downcast::<Tuple<S>>().expect("kind").items().to_vec(),
        _ => {
            let iter = match ops::get_iter(ts, it) {
                Ok(i) => i,
                Err(e) if ts.err_matches(&e, Exc::TypeError) => return Err(ts.type_error("can only join an iterable")),
                Err(e) => return Err(e),
            };
            let mut items = Vec::new();
            while let Some(v) = ops::next(ts, &iter)? {
                items.push(v);
            }
            items
        }
    };
    let mut out = String::new();
    for (i, v) in items.iter().enumerate() {
        let Some(t) = as_str(v) else {
            return Err(
                ts.type_error(format!("sequence item {i}: expected str instance, {} found", ts.vm.type_name(v)))
            );
        };
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(t);
    }
    Ok(str_obj(&out))
}

fn removeprefix<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let s = this(ts, args, "removeprefix")?;
    arg_count(ts, "str.removeprefix", &args[1..], kw, 1, 1)?;
    let p = str_arg(ts, &args[1])?;
    Ok(s.strip_prefix(p).map_or_else(|| args[0].clone(), str_obj))
}

fn removesuffix<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let s = this(ts, args, "removesuffix")?;
    arg_count(ts, "str.removesuffix", &args[1..], kw, 1, 1)?;
    let p = str_arg(ts, &args[1])?;
    Ok(s.strip_suffix(p).map_or_else(|| args[0].clone(), str_obj))
}

fn expandtabs<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let s = this(ts, args, "expandtabs")?;
    let p = bind(ts, "expandtabs", &args[1..], kw, &["tabsize"])?;
    let size = match &p[0] {
        Some(v) => index_arg(ts, v)?,
        None => 8,
    };
    let mut out = String::with_capacity(s.len());
    let mut col = 0i64;
    for c in s.chars() {
        match c {
            '\t' => {
                if size > 0 {
                    let n = size - col % size;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(str_obj(&out))
}

/// `str.format(*args, **kwargs)`.
fn format<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let fmt = this(ts, args, "format")?;
    Ok(str_obj(&crate::interp::format::str_format(ts, fmt, &args[1..], kw)?))
}
