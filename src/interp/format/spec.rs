//! `format(value, spec)`: the format-spec mini-language for ints, floats and strs (f-strings and
//! `str.format`), and `__format__` of user classes.

use crate::interp::error::PyResult;
use crate::interp::ops::{self, as_str};
use crate::interp::thread::ThreadState;
use crate::object::format::{FormatSpec, format_float, format_int, format_str};
use crate::object::{Float, Int, ObjRef, TypeKind, str_obj};
use crate::strategy::Strategy;

/// `format(v, spec)` as a str object.
pub fn format<S: Strategy>(ts: &mut ThreadState<'_, S>, v: &ObjRef<S>, spec: &str) -> PyResult<S> {
    if spec.is_empty() {
        return match v.kind() {
            TypeKind::Str => Ok(v.clone()),
            _ => Ok(str_obj(&ops::str_of(ts, v)?)),
        };
    }
    if v.kind() == TypeKind::Instance {
        if let Some(r) = ops::call_dunder(ts, v, "__format__", &[str_obj(spec)])? {
            return Ok(r);
        }
        return Err(ts.type_error(format!("unsupported format string passed to {}.__format__", ts.vm.type_name(v))));
    }
    if !matches!(v.kind(), TypeKind::Int | TypeKind::Bool | TypeKind::Float | TypeKind::Str) {
        return Err(ts.type_error(format!("unsupported format string passed to {}.__format__", ts.vm.type_name(v))));
    }
    let parsed = FormatSpec::parse(spec).map_err(|e| ts.obj_err(e))?;
    let text = match v.kind() {
        TypeKind::Int => format_int(v.downcast::<Int>().expect("kind").0, &parsed),
        TypeKind::Bool => format_int(ops::as_int(v).unwrap_or(0), &parsed),
        TypeKind::Float => format_float(v.downcast::<Float>().expect("kind").0, &parsed),
        _ => format_str(as_str(v).unwrap_or(""), &parsed),
    }
    .map_err(|e| ts.obj_err(e))?;
    Ok(str_obj(&text))
}
