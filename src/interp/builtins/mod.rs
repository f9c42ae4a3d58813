//! Built-ins: what a program finds without defining it. The interpreter's top layer but for the entry points
//! (`run.rs`). Split by meaning:
//!
//! - `functions/`: the functions of the `builtins` namespace (`len`, `print`, `isinstance`, ...);
//! - `methods/`: the methods of the built-in types (`str`, `list`, `tuple`, `dict`, `object`, exceptions);
//! - `modules/`: the built-in modules (`threading`, `time`, `gc`);
//! - `sort.rs`: the stable sort that `list.sort` and `sorted()` share.
//!
//! Each native has the [`NativeFn`] signature and checks its arguments with `interp::args`. Built-ins use the
//! protocols ([`ops`](super::ops)) and formatting ([`format`](super::format)); nothing below calls up into
//! them: [`install`] puts them in place once the VM exists, and only the entry points (`run.rs`, and the
//! bench's worker, which builds its VM the same way) call it.

mod functions;
mod methods;
mod modules;
mod sort;

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

/// An empty built-in module named `name` (its module file adds the natives with [`def`]).
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
    functions::install(b, pin);
    methods::install(t, pin);
    modules::install(ts);
    vm.class_changed();
}
