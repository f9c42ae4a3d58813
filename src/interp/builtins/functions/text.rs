//! Built-in functions that make text: `print`, `repr`, `ascii`, `format`, `chr`, `ord`, `bin`, `hex`, `oct`.

use crate::interp::args::{arg_count, index_arg, kwarg};
use crate::interp::error::PyResult;
use crate::interp::format::ascii_escape;
use crate::interp::ops::{self, as_str};
use crate::interp::thread::ThreadState;
use crate::object::{ObjRef, TypeKind, int_obj, none, str_obj};
use crate::strategy::Strategy;

/// `print(*args, sep=' ', end='\n', flush=False)`
pub(super) fn print<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let npos = args.len() - kw.len();
    let text_kw = |name: &str| -> Result<Option<String>, crate::interp::PyErr<S>> {
        match kwarg(args, kw, name) {
            None => Ok(None),
            Some(v) if v.kind() == TypeKind::None => Ok(None),
            Some(v) => match as_str(v) {
                Some(s) => Ok(Some(s.to_owned())),
                None => Err(ts.type_error(format!("{name} must be None or a string, not {}", ts.vm.type_name(v)))),
            },
        }
    };
    let sep = text_kw("sep")?.unwrap_or_else(|| " ".to_owned());
    let end = text_kw("end")?.unwrap_or_else(|| "\n".to_owned());
    for k in kw {
        if !matches!(as_str(k), Some("sep" | "end" | "flush" | "file")) {
            return Err(
                ts.type_error(format!("'{}' is an invalid keyword argument for print()", as_str(k).unwrap_or("?")))
            );
        }
    }
    let mut out = String::new();
    for (i, a) in args[..npos].iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&ops::str_of(ts, a)?);
    }
    out.push_str(&end);
    ts.vm.write_stdout(&out);
    if let Some(f) = kwarg(args, kw, "flush")
        && ops::truthy(ts, f)?
    {
        ts.vm.flush_stdout();
    }
    Ok(none())
}

pub(super) fn repr<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "repr", args, kw, 1, 1)?;
    Ok(str_obj(&ops::repr_of(ts, &args[0])?))
}

pub(super) fn chr<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "chr", args, kw, 1, 1)?;
    let v = index_arg(ts, &args[0])?;
    let c = u32::try_from(v)
        .ok()
        .and_then(char::from_u32)
        .ok_or_else(|| ts.value_error("chr() arg not in range(0x110000)"))?;
    Ok(str_obj(c.encode_utf8(&mut [0u8; 4])))
}

pub(super) fn ord<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "ord", args, kw, 1, 1)?;
    let Some(s) = as_str(&args[0]) else {
        return Err(
            ts.type_error(format!("ord() expected string of length 1, but {} found", ts.vm.type_name(&args[0])))
        );
    };
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => Ok(int_obj(c as i64)),
        _ => {
            Err(ts.type_error(format!("ord() expected a character, but string of length {} found", s.chars().count())))
        }
    }
}

/// `bin`/`hex`/`oct`: the integer (or `__index__`) in `base` with its prefix.
fn radix<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    args: &[ObjRef<S>],
    kw: &[ObjRef<S>],
    name: &str,
    base: u32,
) -> PyResult<S> {
    arg_count(ts, name, args, kw, 1, 1)?;
    let x = &args[0];
    let v = match x.kind() {
        TypeKind::Instance => match ops::call_dunder(ts, x, "__index__", &[])? {
            Some(r) => index_arg(ts, &r)?,
            None => index_arg(ts, x)?,
        },
        _ => index_arg(ts, x)?,
    };
    let m = v.unsigned_abs();
    let (prefix, digits) = match base {
        2 => ("0b", format!("{m:b}")),
        8 => ("0o", format!("{m:o}")),
        _ => ("0x", format!("{m:x}")),
    };
    Ok(str_obj(&format!("{}{prefix}{digits}", if v < 0 { "-" } else { "" })))
}

pub(super) fn bin<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    radix(ts, args, kw, "bin", 2)
}

pub(super) fn hex<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    radix(ts, args, kw, "hex", 16)
}

pub(super) fn oct<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    radix(ts, args, kw, "oct", 8)
}

pub(super) fn format<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "format", args, kw, 1, 2)?;
    let spec = match args.get(1) {
        Some(s) => as_str(s)
            .ok_or_else(|| ts.type_error(format!("format() argument 2 must be str, not {}", ts.vm.type_name(s))))?,
        None => "",
    };
    // A user `__format__` gets the spec unparsed (`format::format` parses it first).
    if args[0].kind() == TypeKind::Instance
        && let Some(r) = ops::call_dunder(ts, &args[0], "__format__", &[str_obj(spec)])?
    {
        if r.kind() != TypeKind::Str {
            return Err(ts.type_error(format!("__format__ must return a str, not {}", ts.vm.type_name(&r))));
        }
        return Ok(r);
    }
    crate::interp::format::format(ts, &args[0], spec)
}

pub(super) fn ascii<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "ascii", args, kw, 1, 1)?;
    let r = ops::repr_of(ts, &args[0])?;
    Ok(str_obj(&ascii_escape(&r)))
}
