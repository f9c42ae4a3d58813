//! Attribute instructions that need the frame: `LOAD_METHOD`, zero-argument `super()`, imports.

use super::pop;
use crate::interp::error::PyErr;
use crate::interp::frame::Frame;
use crate::interp::ops;
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::object::{Cell, ObjRef, Str, Super};
use crate::strategy::Strategy;

/// `LOAD_METHOD`: `[obj] -> [meth, obj]` or `[attr, NULL]`.
#[inline]
pub(super) fn load_method<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    name: &ObjRef<S>,
) -> Result<(), PyErr<S>> {
    let obj = pop(&mut frame.stack);
    let (meth, self_) = ops::attr::load_method(ts, &obj, name)?;
    frame.stack.push(meth);
    frame.stack.push(match self_ {
        Some(s) => s,
        None => ts.vm.null.clone(),
    });
    Ok(())
}

/// `LOAD_SUPER`: `super(__class__, <first argument>)`.
pub(super) fn load_super<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    i: u32,
) -> Result<(), PyErr<S>> {
    let class = frame.cells[i as usize].downcast::<Cell<S>>().and_then(|c| c.get(&ts.pin));
    let obj = frame.locals.first().cloned().flatten();
    match (class, obj) {
        (Some(class), Some(obj)) => {
            frame.stack.push(ObjRef::new(Super { class, obj }));
            Ok(())
        }
        (None, _) => Err(ts.err(Exc::RuntimeError, "super(): __class__ cell not found")),
        (_, None) => Err(ts.err(Exc::RuntimeError, "super(): no arguments")),
    }
}

/// `IMPORT_NAME`: built-in modules only.
pub(super) fn import_name<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    name: &ObjRef<S>,
) -> Result<(), PyErr<S>> {
    let h = name.downcast::<Str>().map_or(0, Str::hash);
    match ts.vm.modules.get_hashed(name, h, &ts.pin) {
        Some(m) => {
            frame.stack.push(m);
            Ok(())
        }
        None => {
            let n = ops::as_str(name).unwrap_or("?");
            Err(ts.err(
                Exc::NotImplementedError,
                format!("import of module '{n}' is not supported by gilfree (built-in modules: threading, time)"),
            ))
        }
    }
}

/// `IMPORT_FROM`: `[module] -> [module, module.name]`.
pub(super) fn import_from<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    name: &ObjRef<S>,
) -> Result<(), PyErr<S>> {
    let module = super::top(&frame.stack).clone();
    match ops::getattr(ts, &module, name) {
        Ok(v) => {
            frame.stack.push(v);
            Ok(())
        }
        Err(_) => {
            let n = ops::as_str(name).unwrap_or("?");
            let m = ops::getattr(ts, &module, &ts.vm.dunder("__name__"))
                .ok()
                .and_then(|m| ops::as_str(&m).map(str::to_owned))
                .unwrap_or_default();
            Err(ts.err(Exc::SyntaxError, format!("cannot import name '{n}' from '{m}'")))
        }
    }
}
