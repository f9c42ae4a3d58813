//! `repr()` and `str()` of every type, as CPython prints them (floats shortest round-trip, strs with
//! CPython's quote choice, nested containers, `[...]` for self-references), with `__repr__`/`__str__`
//! for user classes.

use std::cell::RefCell;

use super::{as_str, call_dunder};
use crate::interp::Native;
use crate::interp::error::PyErr;
use crate::interp::thread::ThreadState;
use crate::interp::vm::class_name;
use crate::object::format::{float_repr, str_repr};
use crate::object::{
    Bool, BoundMethod, Class, Dict, Exception, Float, Function, Int, List, Module, Obj, ObjRef, Range, Slice, Str,
    Tuple, TypeKind,
};
use crate::strategy::Strategy;

thread_local! {
    /// Containers being printed on this thread (CPython's `Py_ReprEnter`).
    static IN_REPR: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

struct ReprGuard(usize);

impl ReprGuard {
    fn enter<S: Strategy>(obj: &Obj<S>) -> Option<ReprGuard> {
        let addr = obj as *const Obj<S> as usize;
        IN_REPR.with(|v| {
            let mut v = v.borrow_mut();
            if v.contains(&addr) {
                None
            } else {
                v.push(addr);
                Some(ReprGuard(addr))
            }
        })
    }
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        IN_REPR.with(|v| v.borrow_mut().retain(|&a| a != self.0));
    }
}

fn addr<S: Strategy>(obj: &Obj<S>) -> usize {
    obj as *const Obj<S> as usize
}

fn user_result<S: Strategy>(ts: &ThreadState<'_, S>, r: ObjRef<S>, what: &str) -> Result<String, PyErr<S>> {
    match as_str(&r) {
        Some(s) => Ok(s.to_owned()),
        None => Err(ts.type_error(format!("{what} returned non-string (type {})", ts.vm.type_name(&r)))),
    }
}

fn join_items<S: Strategy>(ts: &mut ThreadState<'_, S>, items: &[ObjRef<S>]) -> Result<String, PyErr<S>> {
    let mut out = String::new();
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr_of(ts, v)?);
    }
    Ok(out)
}

/// `repr(obj)`.
pub fn repr_of<S: Strategy>(ts: &mut ThreadState<'_, S>, obj: &ObjRef<S>) -> Result<String, PyErr<S>> {
    Ok(match obj.kind() {
        TypeKind::None => "None".to_owned(),
        TypeKind::Bool => if obj.downcast::<Bool>().is_some_and(|b| b.0) { "True" } else { "False" }.to_owned(),
        TypeKind::Int => obj.downcast::<Int>().map_or(0, |i| i.0).to_string(),
        TypeKind::Float => float_repr(obj.downcast::<Float>().map_or(0.0, |f| f.0)),
        TypeKind::Str => str_repr(as_str(obj).unwrap_or("")),
        TypeKind::List => {
            let Some(_g) = ReprGuard::enter(obj) else { return Ok("[...]".to_owned()) };
            let items = obj.downcast::<List<S>>().expect("kind").to_vec(&ts.pin);
            format!("[{}]", join_items(ts, &items)?)
        }
        TypeKind::Tuple => {
            let items = obj.downcast::<Tuple<S>>().expect("kind").items().to_vec();
            if items.len() == 1 {
                format!("({},)", repr_of(ts, &items[0])?)
            } else {
                format!("({})", join_items(ts, &items)?)
            }
        }
        TypeKind::Dict => {
            let Some(_g) = ReprGuard::enter(obj) else { return Ok("{...}".to_owned()) };
            let items = obj.downcast::<Dict<S>>().expect("kind").items(&ts.pin);
            let mut out = String::from("{");
            for (i, (k, v)) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&repr_of(ts, k)?);
                out.push_str(": ");
                out.push_str(&repr_of(ts, v)?);
            }
            out.push('}');
            out
        }
        TypeKind::Range => {
            let r = obj.downcast::<Range>().expect("kind");
            if r.step == 1 {
                format!("range({}, {})", r.start, r.stop)
            } else {
                format!("range({}, {}, {})", r.start, r.stop, r.step)
            }
        }
        TypeKind::Slice => {
            let s = obj.downcast::<Slice<S>>().expect("kind");
            let (a, b, c) = (s.start.clone(), s.stop.clone(), s.step.clone());
            format!("slice({}, {}, {})", repr_of(ts, &a)?, repr_of(ts, &b)?, repr_of(ts, &c)?)
        }
        TypeKind::Class => {
            let c = obj.downcast::<Class<S>>().expect("kind");
            if c.builtin.is_some() || c.is_exception && c.base.is_some() && is_builtin_exc(ts, obj) {
                format!("<class '{}'>", class_name(obj))
            } else {
                format!("<class '__main__.{}'>", class_name(obj))
            }
        }
        TypeKind::Function => {
            let f = obj.downcast::<Function<S>>().expect("kind");
            format!("<function {} at {:#x}>", as_str(&f.qualname).unwrap_or("?"), addr(obj))
        }
        TypeKind::Native if obj.is(&ts.vm.not_implemented) => "NotImplemented".to_owned(),
        TypeKind::Native => format!("<built-in function {}>", obj.downcast::<Native<S>>().expect("kind").name),
        TypeKind::BoundMethod => {
            let m = obj.downcast::<BoundMethod<S>>().expect("kind");
            let (recv, func) = (m.receiver.clone(), m.func.clone());
            let fname = match func.downcast::<Function<S>>() {
                Some(f) => as_str(&f.qualname).unwrap_or("?").to_owned(),
                None => func.downcast::<Native<S>>().map_or("?", |n| n.name).to_owned(),
            };
            format!("<bound method {fname} of {}>", repr_of(ts, &recv)?)
        }
        TypeKind::Module => {
            let m = obj.downcast::<Module<S>>().expect("kind");
            format!("<module '{}' (built-in)>", as_str(&m.name).unwrap_or("?"))
        }
        TypeKind::Exception => {
            if let Some(r) = user_method(ts, obj, "__repr__")? {
                return user_result(ts, r, "__repr__");
            }
            let args = exception_args(ts, obj);
            let name = ts.vm.type_name(obj);
            if args.len() == 1 {
                format!("{name}({})", repr_of(ts, &args[0])?)
            } else {
                format!("{name}({})", join_items(ts, &args)?)
            }
        }
        TypeKind::Instance => match call_dunder(ts, obj, "__repr__", &[])? {
            Some(r) => return user_result(ts, r, "__repr__"),
            None => format!("<__main__.{} object at {:#x}>", ts.vm.type_name(obj), addr(obj)),
        },
        TypeKind::Generator => format!(
            "<generator object {} at {:#x}>",
            as_str(&obj.downcast::<crate::interp::Generator<S>>().expect("kind").name).unwrap_or("?"),
            addr(obj)
        ),
        TypeKind::Thread => {
            let t = obj.downcast::<crate::object::PyThread<S>>().expect("kind");
            format!("<Thread({}, initial)>", t.name)
        }
        _ => format!("<{} object at {:#x}>", ts.vm.type_name(obj), addr(obj)),
    })
}

fn is_builtin_exc<S: Strategy>(ts: &ThreadState<'_, S>, cls: &Obj<S>) -> bool {
    ts.vm.types.exc.iter().any(|e| e.as_ptr() == std::ptr::NonNull::from(cls))
}

/// An exception's `args` items.
fn exception_args<S: Strategy>(ts: &ThreadState<'_, S>, obj: &Obj<S>) -> Vec<ObjRef<S>> {
    obj.downcast::<Exception<S>>()
        .and_then(|e| e.args.get(&ts.pin))
        .and_then(|a| a.downcast::<Tuple<S>>().map(|t| t.items().to_vec()))
        .unwrap_or_default()
}

/// A user-defined (not built-in) method of `obj`'s class, called with no arguments.
fn user_method<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    obj: &ObjRef<S>,
    name: &str,
) -> Result<Option<ObjRef<S>>, PyErr<S>> {
    let cls = ts.vm.class_of(obj).clone();
    match super::lookup_class(ts, &cls, &ts.vm.dunder(name)) {
        Some(f) if f.kind() == TypeKind::Function => super::call(ts, &f, std::slice::from_ref(obj), &[]).map(Some),
        _ => Ok(None),
    }
}

/// `str(obj)`.
pub fn str_of<S: Strategy>(ts: &mut ThreadState<'_, S>, obj: &ObjRef<S>) -> Result<String, PyErr<S>> {
    match obj.kind() {
        TypeKind::Str => Ok(obj.downcast::<Str>().expect("kind").as_str().to_owned()),
        TypeKind::Instance => match call_dunder(ts, obj, "__str__", &[])? {
            Some(r) => user_result(ts, r, "__str__"),
            None => repr_of(ts, obj),
        },
        TypeKind::Exception => {
            if let Some(r) = user_method(ts, obj, "__str__")? {
                return user_result(ts, r, "__str__");
            }
            let args = exception_args(ts, obj);
            let is_key_error =
                super::is_subclass(ts.vm.class_of(obj), ts.vm.types.exc(crate::interp::types::Exc::KeyError));
            match args.len() {
                0 => Ok(String::new()),
                1 if is_key_error => repr_of(ts, &args[0]),
                1 => str_of(ts, &args[0]),
                _ => repr_of(ts, &crate::object::tuple_obj(args)),
            }
        }
        _ => repr_of(ts, obj),
    }
}
