//! Core built-in functions: `print`, `len`, `repr`, `isinstance`; the rest are in `more_funcs`.

use super::def;
use crate::interp::args::{arg_count, kwarg};
use crate::interp::error::PyResult;
use crate::interp::ops::{self, as_str};
use crate::interp::thread::ThreadState;
use crate::object::{Dict, ObjRef, Tuple, TypeKind, bool_obj, int_obj, none, str_obj};
use crate::strategy::{Attached, Strategy};

/// Register the functions of this file and of `more_funcs`.
pub fn install<S: Strategy>(b: &Dict<S>, pin: &Attached<'_, S>) {
    def(b, "print", print, pin);
    def(b, "len", len, pin);
    def(b, "repr", repr, pin);
    def(b, "isinstance", isinstance, pin);
    super::more_funcs::install(b, pin);
}

/// `print(*args, sep=' ', end='\n', flush=False)`
fn print<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
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

fn len<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "len", args, kw, 1, 1)?;
    Ok(int_obj(ops::len(ts, &args[0])? as i64))
}

fn repr<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "repr", args, kw, 1, 1)?;
    Ok(str_obj(&ops::repr_of(ts, &args[0])?))
}

fn isinstance<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "isinstance", args, kw, 2, 2)?;
    Ok(bool_obj(isinstance_of(ts, &args[0], &args[1])?))
}

fn isinstance_of<S: Strategy>(
    ts: &ThreadState<'_, S>,
    obj: &ObjRef<S>,
    cls: &ObjRef<S>,
) -> Result<bool, crate::interp::PyErr<S>> {
    match cls.kind() {
        TypeKind::Class => Ok(ops::isinstance(ts, obj, cls)),
        TypeKind::Tuple => {
            for c in cls.downcast::<Tuple<S>>().map_or(&[][..], Tuple::items) {
                if isinstance_of(ts, obj, c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(ts.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")),
    }
}
