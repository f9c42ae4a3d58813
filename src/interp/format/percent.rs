//! `str % args`: printf-style formatting, as CPython's `PyUnicode_Format` does it.
//!
//! Conversions `%s %r %a %d %i %u %x %X %o %e %E %f %F %g %G %c %%`, the flags `-+ 0#`, a width and a
//! precision (each a number or `*`), length modifiers `h l L` (ignored), and `%(key)s` lookups when the
//! right operand is a mapping. Floats go through [`format_float`], which matches C's `printf`.

use super::ascii_escape;
use crate::interp::error::{PyErr, PyResult};
use crate::interp::ops::{self, as_float, as_int, as_str};
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::object::format::{FormatSpec, format_float};
use crate::object::{Float, ObjRef, Tuple, TypeKind, str_obj};
use crate::strategy::Strategy;

/// Where the next argument comes from: CPython's `arglen`/`argidx` (a single non-tuple value counts as a
/// one-item sequence).
struct Args<'a, S: Strategy> {
    items: &'a [ObjRef<S>],
    next: usize,
    mapping: Option<&'a ObjRef<S>>,
}

impl<S: Strategy> Args<'_, S> {
    fn next(&mut self, ts: &ThreadState<'_, S>) -> PyResult<S> {
        let v = self
            .items
            .get(self.next)
            .cloned()
            .ok_or_else(|| ts.type_error("not enough arguments for format string"))?;
        self.next += 1;
        Ok(v)
    }
}

/// The flags of one conversion.
#[derive(Default, Clone, Copy)]
struct Flags {
    left: bool,
    plus: bool,
    blank: bool,
    alt: bool,
    zero: bool,
}

/// `fmt % args`.
pub fn percent_format<S: Strategy>(ts: &mut ThreadState<'_, S>, fmt: &ObjRef<S>, args: &ObjRef<S>) -> PyResult<S> {
    let text = as_str(fmt).unwrap_or("");
    let single = std::slice::from_ref(args);
    let items = match args.downcast::<Tuple<S>>() {
        Some(t) => t.items(),
        None => single,
    };
    let is_mapping = match args.kind() {
        TypeKind::Tuple | TypeKind::Str => false,
        TypeKind::Dict | TypeKind::List => true,
        TypeKind::Instance => {
            let cls = ts.vm.class_of(args).clone();
            ops::lookup_class(ts, &cls, &ts.vm.dunder("__getitem__")).is_some()
        }
        _ => false,
    };
    let mut a = Args { items, next: 0, mapping: is_mapping.then_some(args) };
    let out = render(ts, text, &mut a)?;
    if a.next < a.items.len() && a.mapping.is_none() {
        return Err(ts.type_error("not all arguments converted during string formatting"));
    }
    Ok(str_obj(&out))
}

fn render<S: Strategy>(ts: &mut ThreadState<'_, S>, text: &str, args: &mut Args<'_, S>) -> Result<String, PyErr<S>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.get(i) == Some(&'%') {
            out.push('%');
            i += 1;
            continue;
        }
        let mut keyed = None;
        if chars.get(i) == Some(&'(') {
            let Some(mapping) = args.mapping else {
                return Err(ts.type_error("format requires a mapping"));
            };
            let mut depth = 1;
            let start = i + 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(ts.value_error("incomplete format key"));
            }
            let key: String = chars[start..i - 1].iter().collect();
            keyed = Some(ops::getitem(ts, mapping, &str_obj(&key))?);
        }
        let mut f = Flags::default();
        while let Some(&c) = chars.get(i) {
            match c {
                '-' => f.left = true,
                '+' => f.plus = true,
                ' ' => f.blank = true,
                '#' => f.alt = true,
                '0' => f.zero = true,
                _ => break,
            }
            i += 1;
        }
        let mut width = 0usize;
        if chars.get(i) == Some(&'*') {
            i += 1;
            let w = star(ts, args)?;
            if w < 0 {
                f.left = true;
            }
            width = w.unsigned_abs() as usize;
        } else {
            while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                width = width.saturating_mul(10).saturating_add(d as usize);
                i += 1;
            }
        }
        let mut prec = None;
        if chars.get(i) == Some(&'.') {
            i += 1;
            if chars.get(i) == Some(&'*') {
                i += 1;
                prec = Some(star(ts, args)?.max(0) as usize);
            } else {
                let mut p = 0usize;
                while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                    p = p.saturating_mul(10).saturating_add(d as usize);
                    i += 1;
                }
                prec = Some(p);
            }
        }
        while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            return Err(ts.value_error("incomplete format"));
        };
        i += 1;
        let v = match keyed {
            Some(v) => v,
            None => args.next(ts)?,
        };
        let (body, numeric) = convert(ts, conv, &v, f, prec, i - 1)?;
        pad(&mut out, &body, width, f, numeric);
    }
    Ok(out)
}

/// A `*` width or precision, taken from the arguments.
fn star<S: Strategy>(ts: &ThreadState<'_, S>, args: &mut Args<'_, S>) -> Result<i64, PyErr<S>> {
    let v = args.next(ts)?;
    if v.kind() == TypeKind::Float {
        return Err(ts.type_error("* wants int"));
    }
    as_int(&v).ok_or_else(|| ts.type_error("* wants int"))
}

/// One conversion's text before padding, and whether it is numeric (zero padding goes after its sign).
fn convert<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    conv: char,
    v: &ObjRef<S>,
    f: Flags,
    prec: Option<usize>,
    at: usize,
) -> Result<(String, bool), PyErr<S>> {
    let truncate = |s: String| match prec {
        Some(p) => s.chars().take(p).collect(),
        None => s,
    };
    Ok(match conv {
        's' => (truncate(ops::str_of(ts, v)?), false),
        'r' => (truncate(ops::repr_of(ts, v)?), false),
        'a' => (truncate(ascii_escape(&ops::repr_of(ts, v)?)), false),
        'c' => (char_arg(ts, v)?.to_string(), false),
        'd' | 'i' | 'u' => (int_text(ts, v, conv, f, prec)?, true),
        'x' | 'X' | 'o' => (int_text(ts, v, conv, f, prec)?, true),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let x = float_arg(ts, v)?;
            let spec = FormatSpec {
                sign: if f.plus {
                    Some('+')
                } else if f.blank {
                    Some(' ')
                } else {
                    None
                },
                alternate: f.alt,
                precision: Some(prec.unwrap_or(6)),
                ty: Some(conv),
                ..FormatSpec::default()
            };
            (format_float(x, &spec).map_err(|e| ts.obj_err(e))?, true)
        }
        other => {
            return Err(
                ts.value_error(format!("unsupported format character '{other}' (0x{:x}) at index {at}", other as u32))
            );
        }
    })
}

fn char_arg<S: Strategy>(ts: &ThreadState<'_, S>, v: &ObjRef<S>) -> Result<char, PyErr<S>> {
    if let Some(s) = as_str(v) {
        let mut cs = s.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            return Ok(c);
        }
    } else if v.kind() != TypeKind::Float
        && let Some(n) = as_int(v)
    {
        return u32::try_from(n)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| ts.err(Exc::OverflowError, "%c arg not in range(0x110000)"));
    }
    Err(ts.type_error("%c requires int or char"))
}

fn float_arg<S: Strategy>(ts: &mut ThreadState<'_, S>, v: &ObjRef<S>) -> Result<f64, PyErr<S>> {
    if let Some(x) = as_float(v) {
        return Ok(x);
    }
    if v.kind() == TypeKind::Instance
        && let Some(r) = ops::call_dunder(ts, v, "__float__", &[])?
        && let Some(x) = as_float(&r)
    {
        return Ok(x);
    }
    Err(ts.type_error(format!("must be real number, not {}", ts.vm.type_name(v))))
}

/// The digits of an integer conversion (`d i u x X o`), with sign, `#` prefix and precision zeros.
fn int_text<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    v: &ObjRef<S>,
    conv: char,
    f: Flags,
    prec: Option<usize>,
) -> Result<String, PyErr<S>> {
    let decimal = matches!(conv, 'd' | 'i' | 'u');
    let (negative, digits) = if let Some(n) = as_int(v) {
        let m = n.unsigned_abs();
        let d = match conv {
            'x' => format!("{m:x}"),
            'X' => format!("{m:X}"),
            'o' => format!("{m:o}"),
            _ => m.to_string(),
        };
        (n < 0, d)
    } else if decimal && v.kind() == TypeKind::Float {
        let x = v.downcast::<Float>().expect("kind").0;
        if x.is_nan() {
            return Err(ts.value_error("cannot convert float NaN to integer"));
        }
        if x.is_infinite() {
            return Err(ts.err(Exc::OverflowError, "cannot convert float infinity to integer"));
        }
        let t = x.trunc();
        (t < 0.0, format!("{:.0}", t.abs()))
    } else {
        let dunder = if decimal { "__int__" } else { "__index__" };
        let r = if v.kind() == TypeKind::Instance { ops::call_dunder(ts, v, dunder, &[])? } else { None };
        match r.as_ref().and_then(|r| as_int(r)) {
            Some(n) => return int_text(ts, &crate::object::int_obj(n), conv, f, prec),
            None if decimal => {
                return Err(
                    ts.type_error(format!("%{conv} format: a real number is required, not {}", ts.vm.type_name(v)))
                );
            }
            None => {
                return Err(
                    ts.type_error(format!("%{conv} format: an integer is required, not {}", ts.vm.type_name(v)))
                );
            }
        }
    };
    let mut out = String::with_capacity(digits.len() + 4);
    out.push_str(if negative {
        "-"
    } else if f.plus {
        "+"
    } else if f.blank {
        " "
    } else {
        ""
    });
    if f.alt {
        out.push_str(match conv {
            'x' => "0x",
            'X' => "0X",
            'o' => "0o",
            _ => "",
        });
    }
    if let Some(p) = prec {
        out.extend(std::iter::repeat_n('0', p.saturating_sub(digits.len())));
    }
    out.push_str(&digits);
    Ok(out)
}

/// Pad `body` to `width`: left-justified with `-`, zero-filled after the sign (and `0x` prefix) with `0`
/// for numbers, otherwise right-justified with spaces.
fn pad(out: &mut String, body: &str, width: usize, f: Flags, numeric: bool) {
    let n = body.chars().count();
    if n >= width {
        out.push_str(body);
        return;
    }
    let fill = width - n;
    if f.left {
        out.push_str(body);
        out.extend(std::iter::repeat_n(' ', fill));
    } else if f.zero && numeric {
        let sign_len = usize::from(body.starts_with(['-', '+', ' ']));
        let (sign, rest) = body.split_at(sign_len);
        let prefix_len = if rest.starts_with("0x") || rest.starts_with("0X") || rest.starts_with("0o") { 2 } else { 0 };
        let (prefix, digits) = rest.split_at(prefix_len);
        out.push_str(sign);
        out.push_str(prefix);
        out.extend(std::iter::repeat_n('0', fill));
        out.push_str(digits);
    } else {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(body);
    }
}
