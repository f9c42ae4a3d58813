//! Name instructions: fast locals, cells, globals and builtins, and the locals dict of module and class
//! bodies.

use crate::interp::error::PyErr;
use crate::interp::frame::Frame;
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::lang::bytecode::CodeUnit;
use crate::object::{Cell, Dict, Function, Obj, ObjRef, Str, Typed};
use crate::strategy::Strategy;

/// `UnboundLocalError` for local slot `i`.
#[cold]
pub(super) fn unbound_local<S: Strategy>(ts: &ThreadState<'_, S>, unit: &CodeUnit, i: u32) -> PyErr<S> {
    let name = unit.varnames.get(i as usize).map_or("?", String::as_str);
    ts.err(
        Exc::UnboundLocalError,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

fn cell_name(unit: &CodeUnit, i: u32) -> (&str, bool) {
    let i = i as usize;
    match unit.cellvars.get(i) {
        Some(n) => (n, false),
        None => (unit.freevars.get(i - unit.cellvars.len()).map_or("?", String::as_str), true),
    }
}

/// `LOAD_DEREF`
#[inline]
pub(super) fn load_deref<S: Strategy>(
    ts: &ThreadState<'_, S>,
    frame: &Frame<S>,
    unit: &CodeUnit,
    i: u32,
) -> Result<ObjRef<S>, PyErr<S>> {
    let cell = frame.cells[i as usize].downcast::<Cell<S>>().expect("cells hold cell objects");
    match cell.get(&ts.pin) {
        Some(v) => Ok(v),
        None => {
            let (name, free) = cell_name(unit, i);
            Err(if free {
                ts.err(
                    Exc::NameError,
                    format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                )
            } else {
                ts.err(
                    Exc::UnboundLocalError,
                    format!("cannot access local variable '{name}' where it is not associated with a value"),
                )
            })
        }
    }
}

/// `STORE_DEREF`
#[inline]
pub(super) fn store_deref<S: Strategy>(ts: &ThreadState<'_, S>, frame: &mut Frame<S>, i: u32) {
    let v = super::pop(&mut frame.stack);
    let cell = frame.cells[i as usize].downcast::<Cell<S>>().expect("cells hold cell objects");
    drop(cell.set(Some(v), &ts.pin));
}

#[inline(always)]
fn dict_get<S: Strategy>(ts: &ThreadState<'_, S>, d: &Dict<S>, name: &Obj<S>) -> Option<ObjRef<S>> {
    let h = name.downcast::<Str>().map_or(0, Str::hash);
    d.get_hashed(name, h, &ts.pin)
}

fn globals_of<S: Strategy>(func: &Function<S>) -> &Dict<S> {
    func.globals.downcast::<Dict<S>>().expect("globals are a dict")
}

#[cold]
fn name_error<S: Strategy>(ts: &ThreadState<'_, S>, name: &Obj<S>) -> PyErr<S> {
    let n = name.downcast::<Str>().map_or("?", Str::as_str);
    ts.err(Exc::NameError, format!("name '{n}' is not defined"))
}

/// `LOAD_GLOBAL`: globals, then builtins, through the thread's global cache.
#[inline]
pub(super) fn load_global<S: Strategy>(
    ts: &ThreadState<'_, S>,
    func: &Typed<S, Function<S>>,
    name: &ObjRef<S>,
) -> Result<ObjRef<S>, PyErr<S>> {
    let globals = globals_of(func);
    // Versions first, then the lookup (see `Dict::version`).
    let (gv, bv) = (globals.version(), ts.vm.builtins.version());
    if let Some(v) = ts.global_cache.get(&func.globals, name, gv, bv) {
        return Ok(v);
    }
    let found = match dict_get(ts, globals, name) {
        Some(v) => v,
        None => dict_get(ts, &ts.vm.builtins, name).ok_or_else(|| name_error(ts, name))?,
    };
    ts.global_cache.put(&func.globals, name, gv, bv, found.clone());
    Ok(found)
}

/// `STORE_GLOBAL`
pub(super) fn store_global<S: Strategy>(
    ts: &ThreadState<'_, S>,
    func: &Typed<S, Function<S>>,
    name: &ObjRef<S>,
    v: ObjRef<S>,
) -> Result<(), PyErr<S>> {
    let old = globals_of(func).set(name.clone(), v, &ts.pin).map_err(|e| ts.obj_err(e))?;
    drop(old);
    Ok(())
}

/// `DELETE_GLOBAL`
pub(super) fn delete_global<S: Strategy>(
    ts: &ThreadState<'_, S>,
    func: &Typed<S, Function<S>>,
    name: &ObjRef<S>,
) -> Result<(), PyErr<S>> {
    match globals_of(func).remove(name, &ts.pin).map_err(|e| ts.obj_err(e))? {
        Some(_) => Ok(()),
        None => Err(name_error(ts, name)),
    }
}

fn locals_dict<'a, S: Strategy>(frame: &'a Frame<S>, func: &'a Function<S>) -> &'a Dict<S> {
    match &frame.locals_dict {
        Some(d) => d.downcast::<Dict<S>>().expect("a locals dict is a dict"),
        None => globals_of(func),
    }
}

/// `LOAD_NAME`: locals dict, globals, builtins.
pub(super) fn load_name<S: Strategy>(
    ts: &ThreadState<'_, S>,
    frame: &Frame<S>,
    func: &Typed<S, Function<S>>,
    name: &ObjRef<S>,
) -> Result<ObjRef<S>, PyErr<S>> {
    if let Some(v) = dict_get(ts, locals_dict(frame, func), name) {
        return Ok(v);
    }
    load_global(ts, func, name)
}

/// `STORE_NAME`
pub(super) fn store_name<S: Strategy>(
    ts: &ThreadState<'_, S>,
    frame: &Frame<S>,
    func: &Function<S>,
    name: &ObjRef<S>,
    v: ObjRef<S>,
) -> Result<(), PyErr<S>> {
    let old = locals_dict(frame, func).set(name.clone(), v, &ts.pin).map_err(|e| ts.obj_err(e))?;
    drop(old);
    Ok(())
}

/// `DELETE_NAME`
pub(super) fn delete_name<S: Strategy>(
    ts: &ThreadState<'_, S>,
    frame: &Frame<S>,
    func: &Function<S>,
    name: &ObjRef<S>,
) -> Result<(), PyErr<S>> {
    match locals_dict(frame, func).remove(name, &ts.pin).map_err(|e| ts.obj_err(e))? {
        Some(_) => Ok(()),
        None => Err(name_error(ts, name)),
    }
}
