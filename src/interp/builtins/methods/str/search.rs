//! `str` searching and splitting: `find`, `rfind`, `index`, `rindex`, `count`, `startswith`, `endswith`,
//! `split`, `rsplit`, `splitlines`, `partition`, `rpartition`.

use super::{is_py_space, str_arg, this};
use crate::interp::args::{adjust, bind, index_arg, method_args, opt_index, varargs};
use crate::interp::builtins::method;
use crate::interp::error::{PyErr, PyResult};
use crate::interp::ops::{self, as_str};
use crate::interp::thread::ThreadState;
use crate::object::{Obj, ObjRef, Tuple, TypeKind, bool_obj, int_obj, list_obj, str_obj, tuple_obj};
use crate::strategy::{Attached, Strategy};

/// Register the methods on the class.
pub(super) fn install<S: Strategy>(cls: &Obj<S>, pin: &Attached<'_, S>) {
    method(cls, "find", find, pin);
    method(cls, "rfind", rfind, pin);
    method(cls, "index", index, pin);
    method(cls, "rindex", rindex, pin);
    method(cls, "count", count, pin);
    method(cls, "startswith", startswith, pin);
    method(cls, "endswith", endswith, pin);
    method(cls, "split", split, pin);
    method(cls, "rsplit", rsplit, pin);
    method(cls, "splitlines", splitlines, pin);
    method(cls, "partition", partition, pin);
    method(cls, "rpartition", rpartition, pin);
}

/// Character-index arithmetic over a text (identity for ASCII).
struct Text<'a> {
    s: &'a str,
    ascii: bool,
    nchars: usize,
}

impl<'a> Text<'a> {
    fn new(s: &'a str) -> Self {
        let ascii = s.is_ascii();
        Self { s, ascii, nchars: if ascii { s.len() } else { s.chars().count() } }
    }

    /// The byte offset of character `ci` (`len` bytes past the end).
    fn byte(&self, ci: usize) -> usize {
        if self.ascii { ci.min(self.s.len()) } else { self.s.char_indices().nth(ci).map_or(self.s.len(), |(b, _)| b) }
    }

    /// The character index of byte offset `b`.
    fn char_at(&self, b: usize) -> usize {
        if self.ascii { b } else { self.s[..b].chars().count() }
    }

    /// The window `start..end` (character indices, `ADJUST_INDICES`-clamped) as byte offsets, or `None`
    /// when `start` is past `end`.
    fn window(&self, start: Option<i64>, end: Option<i64>) -> Option<(usize, usize)> {
        let (a, b) = adjust(start, end, self.nchars);
        if a > b { None } else { Some((self.byte(a), self.byte(b))) }
    }
}

/// The arguments of a `find`-like method.
struct Search<'a> {
    /// The text searched.
    t: Text<'a>,
    /// The needle.
    sub: &'a str,
    /// The window as byte offsets; `None` when it is inverted, so nothing matches, not even `""`.
    window: Option<(usize, usize)>,
}

/// Parse the arguments of `find`-like methods: `(sub[, start[, end]])`.
fn search_args<'a, S: Strategy>(
    ts: &ThreadState<'_, S>,
    args: &'a [ObjRef<S>],
    kw: &[ObjRef<S>],
    name: &'static str,
) -> Result<Search<'a>, PyErr<S>> {
    let s = this(ts, args, name)?;
    if !kw.is_empty() {
        return Err(ts.type_error(format!("str.{name}() takes no keyword arguments")));
    }
    varargs(ts, name, args.len() - 1, 1, 3)?;
    let sub = str_arg(ts, &args[1])?;
    let (start, end) = (opt_index(ts, args.get(2))?, opt_index(ts, args.get(3))?);
    let t = Text::new(s);
    let window = t.window(start, end);
    Ok(Search { t, sub, window })
}

/// `find` (`rev` = `rfind`): the character index of the match, or -1.
fn find_impl<S: Strategy>(
    ts: &ThreadState<'_, S>,
    args: &[ObjRef<S>],
    kw: &[ObjRef<S>],
    name: &'static str,
    rev: bool,
) -> Result<i64, PyErr<S>> {
    let Search { t, sub, window: w } = search_args(ts, args, kw, name)?;
    let Some((a, b)) = w else { return Ok(-1) };
    let hay = &t.s[a..b];
    let found = if rev { hay.rfind(sub) } else { hay.find(sub) };
    Ok(found.map_or(-1, |p| t.char_at(a + p) as i64))
}

fn find<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    Ok(int_obj(find_impl(ts, args, kw, "find", false)?))
}

fn rfind<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    Ok(int_obj(find_impl(ts, args, kw, "rfind", true)?))
}

fn index<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    match find_impl(ts, args, kw, "index", false)? {
        -1 => Err(ts.value_error("substring not found")),
        i => Ok(int_obj(i)),
    }
}

fn rindex<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    match find_impl(ts, args, kw, "rindex", true)? {
        -1 => Err(ts.value_error("substring not found")),
        i => Ok(int_obj(i)),
    }
}

fn count<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let Search { t, sub, window: w } = search_args(ts, args, kw, "count")?;
    let Some((a, b)) = w else { return Ok(int_obj(0)) };
    let hay = &t.s[a..b];
    let n = if sub.is_empty() { hay.chars().count() + 1 } else { hay.matches(sub).count() };
    Ok(int_obj(n as i64))
}

/// `startswith`/`endswith` (`end` = `endswith`).
fn affix<S: Strategy>(
    ts: &ThreadState<'_, S>,
    args: &[ObjRef<S>],
    kw: &[ObjRef<S>],
    name: &'static str,
    end: bool,
) -> PyResult<S> {
    let s = this(ts, args, name)?;
    if !kw.is_empty() {
        return Err(ts.type_error(format!("str.{name}() takes no keyword arguments")));
    }
    varargs(ts, name, args.len() - 1, 1, 3)?;
    let (start, stop) = (opt_index(ts, args.get(2))?, opt_index(ts, args.get(3))?);
    let t = Text::new(s);
    let window = t.window(start, stop);
    let test = |p: &str| match window {
        Some((a, b)) => {
            let hay = &t.s[a..b];
            if end { hay.ends_with(p) } else { hay.starts_with(p) }
        }
        None => false,
    };
    let arg = &args[1];
    if let Some(p) = as_str(arg) {
        return Ok(bool_obj(test(p)));
    }
    if let Some(tup) = arg.downcast::<Tuple<S>>() {
        for item in tup.items() {
            let p = as_str(item).ok_or_else(|| {
                ts.type_error(format!("tuple for {name} must only contain str, not {}", ts.vm.type_name(item)))
            })?;
            if test(p) {
                return Ok(bool_obj(true));
            }
        }
        return Ok(bool_obj(false));
    }
    Err(ts.type_error(format!("{name} first arg must be str or a tuple of str, not {}", ts.vm.type_name(arg))))
}

fn startswith<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    affix(ts, args, kw, "startswith", false)
}

fn endswith<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    affix(ts, args, kw, "endswith", true)
}

/// `split`/`rsplit` arguments: the text, the separator (`None` = runs of whitespace), the split limit.
fn split_args<'a, S: Strategy>(
    ts: &ThreadState<'_, S>,
    args: &'a [ObjRef<S>],
    kw: &[ObjRef<S>],
    name: &'static str,
) -> Result<(&'a str, Option<String>, usize), PyErr<S>> {
    let s = this(ts, args, name)?;
    let p = bind(ts, name, &args[1..], kw, &["sep", "maxsplit"])?;
    let sep = match &p[0] {
        None => None,
        Some(v) if v.kind() == TypeKind::None => None,
        Some(v) => {
            let t =
                as_str(v).ok_or_else(|| ts.type_error(format!("must be str or None, not {}", ts.vm.type_name(v))))?;
            if t.is_empty() {
                return Err(ts.value_error("empty separator"));
            }
            Some(t.to_owned())
        }
    };
    let max = match &p[1] {
        Some(v) => index_arg(ts, v)?,
        None => -1,
    };
    Ok((s, sep, if max < 0 { usize::MAX } else { max as usize }))
}

fn str_list<S: Strategy>(parts: impl Iterator<Item = impl AsRef<str>>) -> ObjRef<S> {
    list_obj(parts.map(|p| str_obj(p.as_ref())).collect()).into_obj()
}

fn split<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let (s, sep, max) = split_args(ts, args, kw, "split")?;
    if let Some(sep) = sep {
        return Ok(str_list::<S>(s.splitn(max.saturating_add(1), sep.as_str())));
    }
    let mut out: Vec<&str> = Vec::new();
    let mut rest = s.trim_start_matches(is_py_space);
    while !rest.is_empty() {
        if out.len() == max {
            out.push(rest);
            break;
        }
        let end = rest.find(is_py_space).unwrap_or(rest.len());
        out.push(&rest[..end]);
        rest = rest[end..].trim_start_matches(is_py_space);
    }
    Ok(str_list::<S>(out.into_iter()))
}

fn rsplit<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let (s, sep, max) = split_args(ts, args, kw, "rsplit")?;
    let mut out: Vec<&str> = match sep {
        Some(sep) => s.rsplitn(max.saturating_add(1), sep.as_str()).collect(),
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_end_matches(is_py_space);
            while !rest.is_empty() {
                if out.len() == max {
                    out.push(rest);
                    break;
                }
                let start =
                    rest.rfind(is_py_space).map_or(0, |p| p + rest[p..].chars().next().map_or(1, char::len_utf8));
                out.push(&rest[start..]);
                rest = rest[..start].trim_end_matches(is_py_space);
            }
            out
        }
    };
    out.reverse();
    Ok(str_list::<S>(out.into_iter()))
}

fn splitlines<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let s = this(ts, args, "splitlines")?;
    let p = bind(ts, "splitlines", &args[1..], kw, &["keepends"])?;
    let keep = match &p[0] {
        Some(v) => ops::truthy(ts, v)?,
        None => false,
    };
    let is_break = |c: char| {
        matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
    };
    let mut out: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !is_break(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' && iter.peek().is_some_and(|&(_, n)| n == '\n') {
            iter.next();
            end += 1;
        }
        out.push(if keep { &s[start..end] } else { &s[start..i] });
        start = end;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    Ok(str_list::<S>(out.into_iter()))
}

/// `partition`/`rpartition` (`rev`).
fn partition_impl<S: Strategy>(
    ts: &ThreadState<'_, S>,
    args: &[ObjRef<S>],
    kw: &[ObjRef<S>],
    name: &'static str,
    rev: bool,
) -> PyResult<S> {
    let s = this(ts, args, name)?;
    method_args(ts, "str", name, &args[1..], kw, 1, 1)?;
    let sep = str_arg(ts, &args[1])?;
    if sep.is_empty() {
        return Err(ts.value_error("empty separator"));
    }
    let found = if rev { s.rfind(sep) } else { s.find(sep) };
    let parts = match found {
        Some(p) => vec![str_obj(&s[..p]), args[1].clone(), str_obj(&s[p + sep.len()..])],
        None if rev => vec![str_obj(""), str_obj(""), args[0].clone()],
        None => vec![args[0].clone(), str_obj(""), str_obj("")],
    };
    Ok(tuple_obj(parts))
}

fn partition<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    partition_impl(ts, args, kw, "partition", false)
}

fn rpartition<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    partition_impl(ts, args, kw, "rpartition", true)
}

#[cfg(test)]
mod tests {
    use super::Text;

    #[test]
    fn text_windows() {
        let t = Text::new("héllo");
        assert_eq!(t.nchars, 5);
        assert_eq!(t.byte(2), 3);
        assert_eq!(t.char_at(3), 2);
        assert_eq!(t.window(Some(1), Some(-1)), Some((1, 5)));
        assert_eq!(t.window(Some(9), None), None);
        assert_eq!(t.window(Some(5), None), Some((6, 6)));
    }
}
