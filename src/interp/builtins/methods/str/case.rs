//! `str` case conversion (`upper`, `lower`, `casefold`, `capitalize`, `title`, `swapcase`) and predicates
//! (`isdigit`, `isdecimal`, `isnumeric`, `isalpha`, `isalnum`, `isspace`, `isupper`, `islower`, `istitle`,
//! `isascii`, `isidentifier`).

use super::{is_py_space, this};
use crate::interp::args::method_args;
use crate::interp::builtins::method;
use crate::interp::error::PyResult;
use crate::interp::thread::ThreadState;
use crate::object::{Obj, ObjRef, bool_obj, str_obj};
use crate::strategy::{Attached, Strategy};

/// Register the methods on the class.
pub(super) fn install<S: Strategy>(cls: &Obj<S>, pin: &Attached<'_, S>) {
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
