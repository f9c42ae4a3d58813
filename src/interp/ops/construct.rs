//! Calling a class: [`instantiate`] makes an instance of a user class (running `__init__`) or an exception,
//! and [`construct`] is the constructor of each built-in class: `int(x)`, `float(x)`, `str(x)`, `bool(x)`,
//! `list(it)`, `dict(...)`, `tuple(it)`, `range(...)`, `type(x)`, `object()`, `super(cls, obj)`.
//!
//! A protocol, beside [`call`](mod@super::call) that dispatches here: the built-in classes are called like any
//! other callable, from the eval loop as from a built-in function.

use super::{as_float, as_int, as_str, call, lookup_class};
use crate::interp::args::arg_count;
use crate::interp::error::PyResult;
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::interp::vm::class_name;
use crate::object::{
    Class, Dict, Exception, Float, Instance, ObjRef, Range, Super, TypeKind, bool_obj, dict_obj, float_obj, int_obj,
    list_obj, str_obj, tuple_obj,
};
use crate::strategy::Strategy;

/// `cls(*args)`: built-in constructors, exceptions, and user classes (`__init__`).
pub fn instantiate<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    cls: &ObjRef<S>,
    args: &[ObjRef<S>],
    kwnames: &[ObjRef<S>],
) -> PyResult<S> {
    let safe = std::mem::take(&mut ts.safe_entry);
    let c = cls.downcast::<Class<S>>().expect("caller checked the kind");
    if let Some(kind) = c.builtin {
        return construct(ts, cls, kind, args, kwnames);
    }
    let is_exc = c.is_exception;
    let is_builtin_object = cls.is(&ts.vm.types.object);
    let obj = if is_exc {
        let npos = args.len() - kwnames.len();
        ObjRef::new(Exception::new(cls.clone(), tuple_obj(args[..npos].to_vec())))
    } else {
        Instance::new_obj(cls.clone())
    };
    let init = lookup_class(ts, cls, &ts.vm.dunder("__init__"));
    match init {
        Some(init) if init.kind() == TypeKind::Function => {
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(obj.clone());
            full.extend(args.iter().cloned());
            // `__init__`'s frame holds the new object and the arguments; the class is the caller's.
            ts.safe_entry = safe;
            let r = call(ts, &init, &full, kwnames)?;
            if r.kind() != TypeKind::None {
                return Err(ts.type_error(format!("__init__() should return None, not '{}'", ts.vm.type_name(&r))));
            }
        }
        _ if !is_exc && !args.is_empty() => {
            let name = if is_builtin_object { "object".to_owned() } else { class_name(cls) };
            return Err(ts.type_error(format!("{name}() takes no arguments")));
        }
        _ => {}
    }
    Ok(obj)
}

fn parse_int<S: Strategy>(ts: &ThreadState<'_, S>, text: &str, base: u32) -> PyResult<S> {
    if base == 1 || base > 36 {
        return Err(ts.value_error("int() base must be >= 2 and <= 36, or 0"));
    }
    let invalid = || {
        ts.value_error(format!("invalid literal for int() with base {base}: {}", crate::object::format::str_repr(text)))
    };
    let t = text.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    // A prefix matching the base (or, with base 0, choosing it), as CPython accepts.
    let lower = body.get(..2).map(str::to_ascii_lowercase);
    let prefixed = match lower.as_deref() {
        Some("0x") if base == 16 || base == 0 => Some(16),
        Some("0o") if base == 8 || base == 0 => Some(8),
        Some("0b") if base == 2 || base == 0 => Some(2),
        _ => None,
    };
    let (base, body) = match prefixed {
        Some(b) => (b, body[2..].strip_prefix('_').unwrap_or(&body[2..])),
        None if base == 0 => {
            // Base 0 without a prefix is decimal, and forbids leading zeros (except in zero itself).
            if body.len() > 1 && body.starts_with('0') && body.bytes().any(|c| c != b'0' && c != b'_') {
                return Err(invalid());
            }
            (10, body)
        }
        None => (base, body),
    };
    // Underscores only between digits.
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return Err(invalid());
    }
    let digits: String = body.chars().filter(|&c| c != '_').collect();
    let signed = if neg { format!("-{digits}") } else { digits };
    match i64::from_str_radix(&signed, base) {
        Ok(v) => Ok(int_obj(v)),
        Err(e) if matches!(e.kind(), std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow) => {
            Err(ts.err(Exc::OverflowError, "integer overflow: gilfree ints are 64-bit"))
        }
        Err(_) => Err(invalid()),
    }
}

fn parse_float<S: Strategy>(ts: &ThreadState<'_, S>, text: &str) -> PyResult<S> {
    let t = text.trim().to_ascii_lowercase();
    let v = match t.as_str() {
        "inf" | "+inf" | "infinity" | "+infinity" => Some(f64::INFINITY),
        "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
        "nan" | "+nan" | "-nan" => Some(f64::NAN),
        _ if t.chars().all(|c| c.is_ascii_digit() || "+-.e_".contains(c)) => t.replace('_', "").parse::<f64>().ok(),
        _ => None,
    };
    v.map(float_obj).ok_or_else(|| {
        ts.value_error(format!("could not convert string to float: {}", crate::object::format::str_repr(text)))
    })
}

/// `cls(*args)` for a built-in class whose instances are of `kind`.
pub fn construct<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    cls: &ObjRef<S>,
    kind: TypeKind,
    args: &[ObjRef<S>],
    kw: &[ObjRef<S>],
) -> PyResult<S> {
    match kind {
        TypeKind::Int => {
            arg_count(ts, "int", args, kw, 0, 2)?;
            let Some(x) = args.first() else { return Ok(int_obj(0)) };
            if let Some(b) = args.get(1) {
                let base = as_int(b).unwrap_or(10);
                if !(base == 0 || (2..=36).contains(&base)) {
                    return Err(ts.value_error("int() base must be >= 2 and <= 36, or 0"));
                }
                let base = base as u32;
                return match as_str(x) {
                    Some(s) => parse_int(ts, s, base),
                    None => Err(ts.type_error("int() can't convert non-string with explicit base")),
                };
            }
            match x.kind() {
                TypeKind::Int => Ok(x.clone()),
                TypeKind::Bool => Ok(int_obj(as_int(x).unwrap_or(0))),
                TypeKind::Float => {
                    let f = x.downcast::<Float>().expect("kind").0;
                    if f.is_nan() {
                        Err(ts.value_error("cannot convert float NaN to integer"))
                    } else if f.is_infinite() {
                        Err(ts.err(Exc::OverflowError, "cannot convert float infinity to integer"))
                    } else if f.trunc().abs() >= 9.223_372_036_854_776e18 {
                        Err(ts.err(Exc::OverflowError, "integer overflow: gilfree ints are 64-bit"))
                    } else {
                        Ok(int_obj(f.trunc() as i64))
                    }
                }
                TypeKind::Str => parse_int(ts, as_str(x).unwrap_or(""), 10),
                TypeKind::Instance => match super::call_dunder(ts, x, "__int__", &[])? {
                    Some(v) => Ok(v),
                    None => Err(ts.type_error(format!(
                        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                        ts.vm.type_name(x)
                    ))),
                },
                _ => Err(ts.type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    ts.vm.type_name(x)
                ))),
            }
        }
        TypeKind::Float => {
            arg_count(ts, "float", args, kw, 0, 1)?;
            let Some(x) = args.first() else { return Ok(float_obj(0.0)) };
            match x.kind() {
                TypeKind::Float => Ok(x.clone()),
                TypeKind::Int | TypeKind::Bool => Ok(float_obj(as_float(x).unwrap_or(0.0))),
                TypeKind::Str => parse_float(ts, as_str(x).unwrap_or("")),
                TypeKind::Instance => match super::call_dunder(ts, x, "__float__", &[])? {
                    Some(v) => Ok(v),
                    None => Err(ts.type_error(format!(
                        "float() argument must be a string or a real number, not '{}'",
                        ts.vm.type_name(x)
                    ))),
                },
                _ => Err(ts.type_error(format!(
                    "float() argument must be a string or a real number, not '{}'",
                    ts.vm.type_name(x)
                ))),
            }
        }
        TypeKind::Str => {
            arg_count(ts, "str", args, kw, 0, 1)?;
            match args.first() {
                Some(x) => Ok(str_obj(&super::str_of(ts, x)?)),
                None => Ok(str_obj("")),
            }
        }
        TypeKind::Bool => {
            arg_count(ts, "bool", args, kw, 0, 1)?;
            match args.first() {
                Some(x) => Ok(bool_obj(super::truthy(ts, x)?)),
                None => Ok(bool_obj(false)),
            }
        }
        TypeKind::List => {
            arg_count(ts, "list", args, kw, 0, 1)?;
            match args.first() {
                Some(x) => Ok(list_obj(super::iterate(ts, x)?).into_obj()),
                None => Ok(list_obj(Vec::new()).into_obj()),
            }
        }
        TypeKind::Tuple => {
            arg_count(ts, "tuple", args, kw, 0, 1)?;
            match args.first() {
                Some(x) if x.kind() == TypeKind::Tuple => Ok(x.clone()),
                Some(x) => Ok(tuple_obj(super::iterate(ts, x)?)),
                None => Ok(tuple_obj(Vec::new())),
            }
        }
        TypeKind::Dict => {
            let npos = args.len() - kw.len();
            if npos > 1 {
                return Err(ts.type_error(format!("dict expected at most 1 argument, got {npos}")));
            }
            let d = dict_obj::<S>();
            if let Some(src) = args[..npos].first() {
                if let Some(sd) = src.downcast::<Dict<S>>() {
                    for (k, v) in sd.items(&ts.pin) {
                        drop(d.set(k, v, &ts.pin).map_err(|e| ts.obj_err(e))?);
                    }
                } else {
                    for (i, pair) in super::iterate(ts, src)?.into_iter().enumerate() {
                        let kv = super::iterate(ts, &pair)?;
                        if kv.len() != 2 {
                            return Err(ts.value_error(format!(
                                "dictionary update sequence element #{i} has length {}; 2 is required",
                                kv.len()
                            )));
                        }
                        let mut kv = kv.into_iter();
                        let (k, v) = (kv.next().expect("len 2"), kv.next().expect("len 2"));
                        drop(d.set(k, v, &ts.pin).map_err(|e| ts.obj_err(e))?);
                    }
                }
            }
            for (name, v) in kw.iter().zip(&args[npos..]) {
                drop(d.set(name.clone(), v.clone(), &ts.pin).map_err(|e| ts.obj_err(e))?);
            }
            Ok(d.into_obj())
        }
        TypeKind::Range => {
            arg_count(ts, "range", args, kw, 1, 3)?;
            let mut v = [0i64; 3];
            for (i, a) in args.iter().enumerate() {
                v[i] = as_int(a).ok_or_else(|| {
                    ts.type_error(format!("'{}' object cannot be interpreted as an integer", ts.vm.type_name(a)))
                })?;
            }
            let (start, stop, step) = match args.len() {
                1 => (0, v[0], 1),
                2 => (v[0], v[1], 1),
                _ => (v[0], v[1], v[2]),
            };
            if step == 0 {
                return Err(ts.value_error("range() arg 3 must not be zero"));
            }
            Ok(ObjRef::new(Range { start, stop, step }))
        }
        TypeKind::Class => {
            if args.len() == 1 && kw.is_empty() {
                return Ok(ts.vm.class_of(&args[0]).clone());
            }
            Err(ts.err(Exc::NotImplementedError, "type() with three arguments is not supported by gilfree"))
        }
        TypeKind::Super => {
            arg_count(ts, "super", args, kw, 2, 2)?;
            Ok(ObjRef::new(Super { class: args[0].clone(), obj: args[1].clone() }))
        }
        _ if cls.is(&ts.vm.types.object) => {
            arg_count(ts, "object", args, kw, 0, 0)?;
            Ok(Instance::new_obj(cls.clone()))
        }
        _ => Err(ts.type_error(format!("cannot create '{}' instances", class_name(cls)))),
    }
}
