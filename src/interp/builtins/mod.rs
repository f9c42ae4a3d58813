//! Built-ins: the `builtins` namespace, the methods of built-in types, and the `threading` and `time`
//! modules. Each native has the [`NativeFn`](super::NativeFn) signature; `install` puts them in place.

mod construct;
mod dict_methods;
mod funcs;
mod gc;
mod list_methods;
mod more_funcs;
mod str_methods;
mod threading;
mod time;

use super::thread::ThreadState;
use super::types::Exc;
use super::{Native, NativeFn};
use crate::object::{Class, Dict, Module, Obj, ObjRef, intern};
use crate::strategy::{Attached, Strategy};

/// Put `f` into `dict` under `name`.
pub fn def<S: Strategy>(dict: &Dict<S>, name: &'static str, f: NativeFn<S>, pin: &Attached<'_, S>) {
    // Built-ins live as long as the VM: deferred where the strategy defers (no refcount traffic when every
    // thread calls `len`).
    let native = ObjRef::new_deferred(Native { name, func: f }, pin.global());
    drop(dict.set(intern::<S>(name), native, pin));
}

/// Add a method to a built-in class.
pub fn method<S: Strategy>(cls: &Obj<S>, name: &'static str, f: NativeFn<S>, pin: &Attached<'_, S>) {
    let c = cls.downcast::<Class<S>>().expect("a built-in class");
    def(&c.dict, name, f, pin);
}

/// A built-in module with the natives `fns`.
pub fn module<S: Strategy>(name: &str, pin: &Attached<'_, S>) -> ObjRef<S> {
    let m = Module { name: intern::<S>(name), dict: crate::object::dict_obj() };
    drop(m.dict.set(intern::<S>("__name__"), intern::<S>(name), pin));
    ObjRef::new_deferred(m, pin.global())
}

/// Fill the VM's built-in namespace, the built-in classes' methods, and the modules.
pub fn install<S: Strategy>(ts: &mut ThreadState<'_, S>) {
    let vm = ts.vm.clone();
    let pin = &ts.pin;
    let b = &vm.builtins;
    let t = &vm.types;
    let classes: [(&str, &ObjRef<S>); 11] = [
        ("object", &t.object),
        ("type", &t.type_),
        ("int", &t.int),
        ("float", &t.float),
        ("str", &t.str_),
        ("bool", &t.bool_),
        ("list", &t.list),
        ("dict", &t.dict),
        ("tuple", &t.tuple),
        ("range", &t.range),
        ("super", &t.super_),
    ];
    for (name, cls) in classes {
        drop(b.set(intern::<S>(name), cls.clone(), pin));
    }
    for &e in Exc::ALL {
        drop(b.set(intern::<S>(e.name()), t.exc(e).clone(), pin));
    }
    drop(b.set(intern::<S>("NotImplemented"), vm.not_implemented.clone(), pin));
    drop(b.set(ts.vm.dunder("__name__"), ts.vm.dunder("__main__"), pin));
    funcs::install(b, pin);
    str_methods::install(&t.str_, pin);
    list_methods::install(&t.list, pin);
    dict_methods::install(&t.dict, pin);
    construct::install_methods(t, pin);
    threading::install_methods(&t.thread, &t.lock, pin);
    let threading = threading::module::<S>(pin);
    drop(vm.modules.set(intern::<S>("threading"), threading, pin));
    let time = time::module::<S>(pin);
    drop(vm.modules.set(intern::<S>("time"), time, pin));
    let gc = gc::module::<S>(pin);
    drop(vm.modules.set(intern::<S>("gc"), gc, pin));
    vm.class_changed();
}
