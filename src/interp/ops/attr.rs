//! Attributes: class-chain lookup, `getattr`/`setattr`/`delattr`, method binding, and `LOAD_METHOD`.

use super::as_str;
use crate::interp::error::PyErr;
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::interp::vm::class_name;
use crate::object::{
    BoundMethod, Class, Exception, Function, Instance, Module, Obj, ObjRef, Str, Super, TypeKind, str_obj,
};
use crate::strategy::Strategy;

/// Look `name` (an interned str) up in `cls` and its bases, through the thread's type cache.
#[inline]
pub fn lookup_class<S: Strategy>(ts: &ThreadState<'_, S>, cls: &Obj<S>, name: &Obj<S>) -> Option<ObjRef<S>> {
    let version = ts.vm.class_version();
    if let Some(hit) = ts.type_cache.get(cls, name, version) {
        return hit;
    }
    let found = lookup_uncached(ts, cls, name);
    ts.type_cache.put(cls, name, version, found.clone());
    found
}

/// The class-chain walk behind [`lookup_class`].
fn lookup_uncached<S: Strategy>(ts: &ThreadState<'_, S>, cls: &Obj<S>, name: &Obj<S>) -> Option<ObjRef<S>> {
    let h = name.downcast::<Str>().map_or(0, Str::hash);
    let mut cur = Some(cls);
    while let Some(c) = cur {
        let c = c.downcast::<Class<S>>()?;
        if let Some(v) = c.dict.get_hashed(name, h, &ts.pin) {
            return Some(v);
        }
        cur = c.base.as_deref();
    }
    None
}

/// Whether a class attribute binds to instances (functions and natives become methods).
#[inline(always)]
fn binds<S: Strategy>(v: &Obj<S>) -> bool {
    matches!(v.kind(), TypeKind::Function | TypeKind::Native)
}

/// An instance-like object's own attribute dict.
fn own_dict<S: Strategy>(obj: &Obj<S>) -> Option<&crate::object::Dict<S>> {
    match obj.kind() {
        TypeKind::Instance => obj.downcast::<Instance<S>>().map(|i| &*i.dict),
        TypeKind::Exception => obj.downcast::<Exception<S>>().map(|e| &*e.dict),
        TypeKind::Module => obj.downcast::<Module<S>>().map(|m| &*m.dict),
        TypeKind::Class => obj.downcast::<Class<S>>().map(|c| &*c.dict),
        _ => None,
    }
}

fn attr_error<S: Strategy>(ts: &ThreadState<'_, S>, obj: &Obj<S>, name: &str) -> PyErr<S> {
    let msg = match obj.kind() {
        TypeKind::Class => format!("type object '{}' has no attribute '{name}'", class_name(obj)),
        TypeKind::Module => {
            let m = obj.downcast::<Module<S>>().and_then(|m| as_str(&m.name).map(str::to_owned)).unwrap_or_default();
            format!("module '{m}' has no attribute '{name}'")
        }
        _ => format!("'{}' object has no attribute '{name}'", ts.vm.type_name(obj)),
    };
    ts.err(Exc::AttributeError, msg)
}

/// Special attributes that are not in any dict.
fn special<S: Strategy>(ts: &ThreadState<'_, S>, obj: &Obj<S>, name: &str) -> Option<ObjRef<S>> {
    match (obj.kind(), name) {
        (TypeKind::Class, "__name__") => obj.downcast::<Class<S>>().map(|c| c.name.clone()),
        (TypeKind::Class, "__base__") => {
            obj.downcast::<Class<S>>().map(|c| c.base.clone().unwrap_or_else(crate::object::none))
        }
        (TypeKind::Function, "__name__") => obj.downcast::<Function<S>>().map(|f| f.name.clone()),
        (TypeKind::Function, "__qualname__") => obj.downcast::<Function<S>>().map(|f| f.qualname.clone()),
        (TypeKind::Native, "__name__") => obj.downcast::<crate::interp::Native<S>>().map(|n| str_obj(n.name)),
        (TypeKind::Module, "__name__") => obj.downcast::<Module<S>>().map(|m| m.name.clone()),
        (TypeKind::Exception, "args") => obj.downcast::<Exception<S>>().and_then(|e| e.args.get(&ts.pin)),
        (_, "__class__") => Some(ts.vm.class_of(obj).clone()),
        (TypeKind::Instance | TypeKind::Exception, "__dict__") => own_dict(obj).and_then(|_| match obj.kind() {
            TypeKind::Instance => obj.downcast::<Instance<S>>().map(|i| i.dict.as_obj().clone()),
            _ => obj.downcast::<Exception<S>>().map(|e| e.dict.as_obj().clone()),
        }),
        (TypeKind::BoundMethod, "__self__") => obj.downcast::<BoundMethod<S>>().map(|m| m.receiver.clone()),
        (TypeKind::BoundMethod, "__func__") => obj.downcast::<BoundMethod<S>>().map(|m| m.func.clone()),
        (TypeKind::Thread, "name") => obj.downcast::<crate::object::PyThread<S>>().map(|t| str_obj(&t.name)),
        (TypeKind::Thread, "ident") => obj
            .downcast::<crate::object::PyThread<S>>()
            .map(|t| crate::object::int_obj(t.ident.load(crate::sync::Ordering::Relaxed) as i64)),
        _ => None,
    }
}

/// `getattr(obj, name)`; `name` is an interned str.
pub fn getattr<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    obj: &ObjRef<S>,
    name: &ObjRef<S>,
) -> Result<ObjRef<S>, PyErr<S>> {
    let kind = obj.kind();
    if kind == TypeKind::Super {
        return super_attr(ts, obj, name);
    }
    if kind == TypeKind::Local
        && let Some(v) =
            ts.local_dict(obj).and_then(|d| d.get_hashed(name, name.downcast::<Str>().map_or(0, Str::hash), &ts.pin))
    {
        return Ok(v);
    }
    if let Some(d) = own_dict(obj)
        && kind != TypeKind::Class
    {
        let h = name.downcast::<Str>().map_or(0, Str::hash);
        if let Some(v) = d.get_hashed(name, h, &ts.pin) {
            return Ok(v);
        }
    }
    let text = as_str(name).unwrap_or("");
    if (text.starts_with("__") || matches!(kind, TypeKind::Exception | TypeKind::Thread))
        && let Some(v) = special(ts, obj, text)
    {
        return Ok(v);
    }
    if kind == TypeKind::Class {
        return lookup_class(ts, obj, name).ok_or_else(|| attr_error(ts, obj, text));
    }
    if kind == TypeKind::Module {
        return Err(attr_error(ts, obj, text));
    }
    let cls = ts.vm.class_of(obj).clone();
    match lookup_class(ts, &cls, name) {
        Some(v) if binds(&v) => Ok(ObjRef::new(BoundMethod { receiver: obj.clone(), func: v })),
        Some(v) => Ok(v),
        None => Err(attr_error(ts, obj, text)),
    }
}

/// `super(cls, obj).name`: look up after `cls` in the chain, bind to `obj`.
fn super_attr<S: Strategy>(ts: &mut ThreadState<'_, S>, sup: &Obj<S>, name: &ObjRef<S>) -> Result<ObjRef<S>, PyErr<S>> {
    let sp = sup.downcast::<Super<S>>().expect("kind checked");
    let start = sp.class.downcast::<Class<S>>().and_then(|c| c.base.clone());
    let found = start.as_ref().and_then(|b| lookup_class(ts, b, name));
    match found {
        Some(v) if binds(&v) => Ok(ObjRef::new(BoundMethod { receiver: sp.obj.clone(), func: v })),
        Some(v) => Ok(v),
        None => {
            Err(ts
                .err(Exc::AttributeError, format!("'super' object has no attribute '{}'", as_str(name).unwrap_or(""))))
        }
    }
}

/// What `LOAD_METHOD` found: the callable and, for a method, the object to pass as `self`.
pub type Method<S> = (ObjRef<S>, Option<ObjRef<S>>);

/// `LOAD_METHOD`: `(method, Some(self))` when the attribute is a function on the class (no bound-method
/// object is made), else `(value, None)`.
#[inline]
pub fn load_method<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    obj: &ObjRef<S>,
    name: &ObjRef<S>,
) -> Result<Method<S>, PyErr<S>> {
    let kind = obj.kind();
    match kind {
        TypeKind::Class
        | TypeKind::Module
        | TypeKind::Super
        | TypeKind::Exception
        | TypeKind::Thread
        | TypeKind::Local => {
            return getattr(ts, obj, name).map(|v| (v, None));
        }
        TypeKind::Instance => {
            let inst = obj.downcast::<Instance<S>>().expect("kind checked");
            let h = name.downcast::<Str>().map_or(0, Str::hash);
            if let Some(v) = inst.dict.get_hashed(name, h, &ts.pin) {
                return Ok((v, None));
            }
        }
        _ => {}
    }
    let cls = ts.vm.class_of(obj);
    match lookup_class(ts, cls, name) {
        Some(v) if binds(&v) => Ok((v, Some(obj.clone()))),
        Some(v) => Ok((v, None)),
        None => {
            let text = as_str(name).unwrap_or("");
            match special(ts, obj, text) {
                Some(v) => Ok((v, None)),
                None => Err(attr_error(ts, obj, text)),
            }
        }
    }
}

/// `obj.name = value`.
pub fn setattr<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    obj: &ObjRef<S>,
    name: &ObjRef<S>,
    value: ObjRef<S>,
) -> Result<(), PyErr<S>> {
    let text = as_str(name).unwrap_or("");
    if obj.kind() == TypeKind::Class && obj.downcast::<Class<S>>().is_some_and(|c| c.builtin.is_some()) {
        return Err(ts.type_error(format!("cannot set '{text}' attribute of immutable type '{}'", class_name(obj))));
    }
    if obj.kind() == TypeKind::Exception && text == "args" {
        let e = obj.downcast::<Exception<S>>().expect("kind checked");
        let t = super::iter::iterate(ts, &value)?;
        drop(e.args.set(Some(crate::object::tuple_obj(t)), &ts.pin));
        return Ok(());
    }
    if obj.kind() == TypeKind::Local {
        ts.make_local_dict(obj);
        let d = ts.local_dict(obj).expect("made above");
        drop(d.set(name.clone(), value, &ts.pin).map_err(|e| ts.obj_err(e))?);
        return Ok(());
    }
    match own_dict(obj) {
        Some(d) => {
            let old = d.set(name.clone(), value, &ts.pin).map_err(|e| ts.obj_err(e))?;
            if obj.kind() == TypeKind::Class {
                ts.vm.class_changed();
            }
            drop(old);
            Ok(())
        }
        _ => Err(ts.err(Exc::AttributeError, format!("'{}' object has no attribute '{text}'", ts.vm.type_name(obj)))),
    }
}

/// `del obj.name`.
pub fn delattr<S: Strategy>(ts: &mut ThreadState<'_, S>, obj: &ObjRef<S>, name: &ObjRef<S>) -> Result<(), PyErr<S>> {
    let text = as_str(name).unwrap_or("");
    let local = if obj.kind() == TypeKind::Local { ts.local_dict(obj) } else { None };
    match own_dict(obj).or(local) {
        Some(d) => match d.remove(name, &ts.pin).map_err(|e| ts.obj_err(e))? {
            Some(_) => {
                if obj.kind() == TypeKind::Class {
                    ts.vm.class_changed();
                }
                Ok(())
            }
            None => Err(attr_error(ts, obj, text)),
        },
        None => Err(attr_error(ts, obj, text)),
    }
}
