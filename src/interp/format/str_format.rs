//! `str.format`: replacement fields `{}`, `{0}`, `{name}`, with `.attr` and `[key]` lookups, `!r`/`!s`/`!a`
//! conversions, format specs (which may nest one level of fields, as in `{:{width}}`), and `{{`/`}}`
//! escapes, with CPython's errors. The `str.format` method itself (checking `self`) is a built-in method.

use super::ascii_escape;
use crate::interp::args::kwarg;
use crate::interp::error::{PyErr, PyResult};
use crate::interp::ops::{self, as_str};
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::object::{ObjRef, TypeKind, int_obj, intern, str_obj};
use crate::strategy::Strategy;

/// `fmt.format(*args, **kwargs)`: `args` holds the positional arguments then the values of the keywords
/// named by `kw`.
pub fn str_format<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    fmt: &str,
    args: &[ObjRef<S>],
    kw: &[ObjRef<S>],
) -> Result<String, PyErr<S>> {
    let mut f = Formatter { args, kw, auto: None };
    f.render(ts, fmt, 2)
}

/// `KeyError(key)` for a field naming a missing keyword.
fn key_error<S: Strategy>(ts: &ThreadState<'_, S>, key: &str) -> PyErr<S> {
    ts.new_exc(Exc::KeyError, vec![str_obj(key)])
}

/// The state of one `format` call.
struct Formatter<'a, S: Strategy> {
    /// Positional then keyword argument values.
    args: &'a [ObjRef<S>],
    /// Keyword names.
    kw: &'a [ObjRef<S>],
    /// How fields are numbered: `None` until the first numbered or unnamed field decides.
    auto: Option<Numbering>,
}

/// Automatic (`{}`, with the next index) or manual (`{0}`) field numbering; a format may not mix them.
#[derive(Clone, Copy)]
enum Numbering {
    Auto(usize),
    Manual,
}

impl<S: Strategy> Formatter<'_, S> {
    fn positional(&self) -> &[ObjRef<S>] {
        &self.args[..self.args.len() - self.kw.len()]
    }

    /// Render `fmt`; `depth` limits nested fields in specs (CPython: "Max string recursion exceeded").
    fn render(&mut self, ts: &mut ThreadState<'_, S>, fmt: &str, depth: u32) -> Result<String, PyErr<S>> {
        if depth == 0 {
            return Err(ts.value_error("Max string recursion exceeded"));
        }
        let mut out = String::with_capacity(fmt.len());
        let mut chars = fmt.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '{' => {
                    if chars.peek().is_some_and(|&(_, n)| n == '{') {
                        chars.next();
                        out.push('{');
                        continue;
                    }
                    // Find the matching '}', counting nested braces in the spec.
                    let mut level = 1;
                    let mut end = None;
                    for (j, d) in chars.by_ref() {
                        match d {
                            '{' => level += 1,
                            '}' => {
                                level -= 1;
                                if level == 0 {
                                    end = Some(j);
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                    let Some(end) = end else {
                        let msg = if i + 1 == fmt.len() {
                            "Single '{' encountered in format string"
                        } else {
                            "expected '}' before end of string"
                        };
                        return Err(ts.value_error(msg));
                    };
                    let field = &fmt[i + 1..end];
                    let text = self.field(ts, field, depth)?;
                    out.push_str(&text);
                }
                '}' => {
                    if chars.peek().is_some_and(|&(_, n)| n == '}') {
                        chars.next();
                        out.push('}');
                        continue;
                    }
                    return Err(ts.value_error("Single '}' encountered in format string"));
                }
                _ => out.push(c),
            }
        }
        Ok(out)
    }

    /// One replacement field (the text between the braces).
    fn field(&mut self, ts: &mut ThreadState<'_, S>, field: &str, depth: u32) -> Result<String, PyErr<S>> {
        // The name ends at the first '!' or ':' outside brackets.
        let mut name_end = field.len();
        let mut in_bracket = false;
        for (j, c) in field.char_indices() {
            match c {
                '[' => in_bracket = true,
                ']' => in_bracket = false,
                '!' | ':' if !in_bracket => {
                    name_end = j;
                    break;
                }
                _ => {}
            }
        }
        let name = &field[..name_end];
        let mut rest = &field[name_end..];
        let mut conversion = None;
        if let Some(r) = rest.strip_prefix('!') {
            let mut cs = r.chars();
            let Some(c) = cs.next() else {
                return Err(ts.value_error("end of string while looking for conversion specifier"));
            };
            conversion = Some(c);
            rest = cs.as_str();
            if !rest.is_empty() && !rest.starts_with(':') {
                return Err(ts.value_error("expected ':' after conversion specifier"));
            }
        }
        let spec = rest.strip_prefix(':').unwrap_or("");
        let value = self.lookup(ts, name)?;
        let value = match conversion {
            None => value,
            Some('r') => str_obj(&ops::repr_of(ts, &value)?),
            Some('s') => str_obj(&ops::str_of(ts, &value)?),
            Some('a') => str_obj(&ascii_escape(&ops::repr_of(ts, &value)?)),
            Some(c) => return Err(ts.value_error(format!("Unknown conversion specifier {c}"))),
        };
        let spec = if spec.contains('{') { self.render(ts, spec, depth - 1)? } else { spec.to_owned() };
        // A user `__format__` gets the spec unparsed ([`format`](super::format) parses it first).
        if value.kind() == TypeKind::Instance
            && let Some(r) = ops::call_dunder(ts, &value, "__format__", &[str_obj(&spec)])?
        {
            return match as_str(&r) {
                Some(s) => Ok(s.to_owned()),
                None => Err(ts.type_error(format!("__format__ must return a str, not {}", ts.vm.type_name(&r)))),
            };
        }
        let r = super::format(ts, &value, &spec)?;
        Ok(as_str(&r).unwrap_or("").to_owned())
    }

    /// Resolve a field name: the argument, then each `.attr` and `[key]`.
    fn lookup(&mut self, ts: &mut ThreadState<'_, S>, name: &str) -> PyResult<S> {
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let (arg, mut rest) = name.split_at(first_end);
        let mut value = if arg.is_empty() {
            let n = match self.auto {
                None => 0,
                Some(Numbering::Auto(n)) => n,
                Some(Numbering::Manual) => {
                    return Err(
                        ts.value_error("cannot switch from manual field specification to automatic field numbering")
                    );
                }
            };
            self.auto = Some(Numbering::Auto(n + 1));
            self.index(ts, n)?
        } else if let Ok(n) = arg.parse::<usize>() {
            if matches!(self.auto, Some(Numbering::Auto(_))) {
                return Err(
                    ts.value_error("cannot switch from automatic field numbering to manual field specification")
                );
            }
            self.auto = Some(Numbering::Manual);
            self.index(ts, n)?
        } else {
            match kwarg(self.args, self.kw, arg) {
                Some(v) => v.clone(),
                None => return Err(key_error(ts, arg)),
            }
        };
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                if end == 0 {
                    return Err(ts.value_error("Empty attribute in format string"));
                }
                value = ops::getattr(ts, &value, &intern::<S>(&r[..end]))?;
                rest = &r[end..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let Some(end) = r.find(']') else {
                    return Err(ts.value_error("Missing ']' in format string"));
                };
                let key_text = &r[..end];
                let key = match key_text.parse::<i64>() {
                    Ok(n) if !key_text.starts_with(['-', '+']) => int_obj(n),
                    _ => str_obj(key_text),
                };
                value = ops::getitem(ts, &value, &key)?;
                rest = &r[end + 1..];
                if !rest.is_empty() && !rest.starts_with(['.', '[']) {
                    return Err(ts.value_error("Only '.' or '[' may follow ']' in format field specifier"));
                }
            } else {
                return Err(ts.value_error("Only '.' or '[' may follow ']' in format field specifier"));
            }
        }
        Ok(value)
    }

    fn index(&self, ts: &ThreadState<'_, S>, n: usize) -> PyResult<S> {
        self.positional().get(n).cloned().ok_or_else(|| {
            ts.err(Exc::IndexError, format!("Replacement index {n} out of range for positional args tuple"))
        })
    }
}
