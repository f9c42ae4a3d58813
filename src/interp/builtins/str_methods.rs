//! Methods of the built-in `str` type: case conversion, predicates, padding, stripping, `replace` and
//! `join` here; searching and splitting in `str_search`; `str.format` in `str_format`.
//!
//! Indices are in characters, as in CPython; strs are UTF-8, so ASCII text takes byte-indexed fast paths
//! and other text converts between character indices and byte offsets.

#[path = "str_search.rs"]
mod str_search;

use super::method;
use crate::interp::args::{arg_count, bind, index_arg, method_args};
use crate::interp::error::{PyErr, PyResult};
use crate::interp::ops::{self, as_str};
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::object::{List, Obj, ObjRef, Tuple, TypeKind, bool_obj, str_obj};
use crate::strategy::{Attached, Strategy};

/// Register the methods on the class.
pub fn install<S: Strategy>(cls: &Obj<S>, pin: &Attached<'_, S>) {
    method(cls, "upper", upper, pin);
    method(cls, "lower", lower, pin);
    method(cls, "casefold", lower, pin);
    method(cls, "capitalize", capitalize, pin);
    method(cls, "title", title, pin);
    method(cls, "swapcase", swapcase, pin);
    method(cls, "isdigit", isdigit, pin);
    method(cls, "isdecimal", isdecimal, pin);
    method(cls, "isnumeric", isnumeric, pin);
    method(cls, "isalpha", isalpha, pin);
    method(cls, "isalnum", isalnum, pin);
    method(cls, "isspace", isspace, pin);
    method(cls, "isupper", isupper, pin);
    method(cls, "islower", islower, pin);
    method(cls, "istitle", istitle, pin);
    method(cls, "isascii", isascii, pin);
    method(cls, "isidentifier", isidentifier, pin);
    method(cls, "strip", strip, pin);
    method(cls, "lstrip", lstrip, pin);
    method(cls, "rstrip", rstrip, pin);
    method(cls, "center", center, pin);
    method(cls, "ljust", ljust, pin);
    method(cls, "rjust", rjust, pin);
    method(cls, "zfill", zfill, pin);
    method(cls, "replace", replace, pin);
    method(cls, "join", join, pin);
    method(cls, "removeprefix", removeprefix, pin);
    method(cls, "removesuffix", removesuffix, pin);
    method(cls, "expandtabs", expandtabs, pin);
    method(cls, "format", format, pin);
    str_search::install(cls, pin);
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
pub(super) fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// A str method of no arguments mapping the text to a new text.
fn text_map<S: Strategy>(
    ts: &ThreadState<'_, S>,
    args: &[ObjRef<S>],
    kw: &[ObjRef<S>],
    name: &'static str,
    f: impl FnOnce(&str) -> String,
) -> PyResult<S> {
    let s = this(ts, args, name)?;
    method_args(ts, "str", name, &args[1..], kw, 0, 0)?;
    Ok(str_obj(&f(s)))
}

fn upper<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    text_map(ts, args, kw, "upper", |s| if s.is_ascii() { s.to_ascii_uppercase() } else { s.to_uppercase() })
}

fn lower<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    text_map(ts, args, kw, "lower", |s| if s.is_ascii() { s.to_ascii_lowercase() } else { s.to_lowercase() })
}

fn capitalize<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    text_map(ts, args, kw, "capitalize", |s| {
        let mut chars = s.chars();
        match chars.next() {
            Some(c) => c.to_uppercase().chain(chars.as_str().to_lowercase().chars()).collect(),
            None => String::new(),
        }
    })
}

fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase()
}

fn title<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    text_map(ts, args, kw, "title", |s| {
        let mut out = String::with_capacity(s.len());
        let mut prev_cased = false;
        for c in s.chars() {
            if prev_cased {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_cased = is_cased(c);
        }
        out
    })
}

fn swapcase<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    text_map(ts, args, kw, "swapcase", |s| {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if c.is_uppercase() {
                out.extend(c.to_lowercase());
            } else if c.is_lowercase() {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
        }
        out
    })
}

/// A str predicate of no arguments.
fn predicate<S: Strategy>(
    ts: &ThreadState<'_, S>,
    args: &[ObjRef<S>],
    kw: &[ObjRef<S>],
    name: &'static str,
    f: impl FnOnce(&str) -> bool,
) -> PyResult<S> {
    let s = this(ts, args, name)?;
    method_args(ts, "str", name, &args[1..], kw, 0, 0)?;
    Ok(bool_obj(f(s)))
}

/// Python's `isdigit` for one character (approximately, outside ASCII: numeric but not a fraction or a
/// Roman numeral).
fn is_digit_char(c: char) -> bool {
    c.is_ascii_digit()
        || (!c.is_ascii()
            && c.is_numeric()
            && !matches!(c as u32, 0xbc..=0xbe | 0x2150..=0x215f | 0x2160..=0x2188 | 0x3007 | 0x3021..=0x3029))
}

fn nonempty_all(s: &str, f: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(f)
}

fn isdigit<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    predicate(ts, args, kw, "isdigit", |s| nonempty_all(s, is_digit_char))
}

fn isdecimal<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    predicate(ts, args, kw, "isdecimal", |s| {
        nonempty_all(s, |c| c.is_ascii_digit() || (!c.is_ascii() && is_digit_char(c)))
    })
}

fn isnumeric<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    predicate(ts, args, kw, "isnumeric", |s| nonempty_all(s, char::is_numeric))
}

fn isalpha<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    predicate(ts, args, kw, "isalpha", |s| nonempty_all(s, char::is_alphabetic))
}

fn isalnum<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    predicate(ts, args, kw, "isalnum", |s| nonempty_all(s, char::is_alphanumeric))
}

fn isspace<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    predicate(ts, args, kw, "isspace", |s| nonempty_all(s, is_py_space))
}

fn isupper<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    predicate(ts, args, kw, "isupper", |s| s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase))
}

fn islower<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    predicate(ts, args, kw, "islower", |s| s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase))
}

fn istitle<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    predicate(ts, args, kw, "istitle", |s| {
        let (mut cased, mut prev_cased) = (false, false);
        for c in s.chars() {
            if c.is_uppercase() {
                if prev_cased {
                    return false;
                }
                prev_cased = true;
                cased = true;
            } else if c.is_lowercase() {
                if !prev_cased {
                    return false;
                }
                prev_cased = true;
                cased = true;
            } else {
                prev_cased = false;
            }
        }
        cased
    })
}

fn isascii<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    predicate(ts, args, kw, "isascii", str::is_ascii)
}

fn isidentifier<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    predicate(ts, args, kw, "isidentifier", |s| {
        let mut chars = s.chars();
        chars.next().is_some_and(|c| c == '_' || c.is_alphabetic()) && chars.all(|c| c == '_' || c.is_alphanumeric())
    })
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
