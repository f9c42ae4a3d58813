//! Call instructions, `MAKE_FUNCTION` and `BUILD_CLASS`.

use super::pop;
use crate::interp::error::PyErr;
use crate::interp::frame::Frame;
use crate::interp::ops;
use crate::interp::ops::call::{bind_frame, run_new_frame};
use crate::interp::thread::ThreadState;
use crate::object::{Cell, Class, Code, Dict, Function, ObjRef, Tuple, TypeKind, Typed, dict_obj};
use crate::strategy::Strategy;

/// `CALL_METHOD n`: `[meth, self_or_null, args..] -> [result]`.
#[inline]
pub(super) fn call_method<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    n: usize,
) -> Result<(), PyErr<S>> {
    let len = frame.stack.len();
    let has_self = !frame.stack[len - n - 1].is(&ts.vm.null);
    let (start, nargs) = if has_self { (len - n - 1, n + 1) } else { (len - n, n) };
    let meth_at = len - n - 2;
    let result = if frame.stack[meth_at].kind() == TypeKind::Function {
        let func = frame.stack[meth_at]
            .clone()
            .downcast_owned::<Function<S>>()
            .map_err(|_| ts.type_error("not a function"))?;
        let fr = bind_frame(ts, func, frame.stack.drain(start..), nargs, &[]);
        frame.stack.truncate(meth_at);
        // Safe: the callee's frame holds the function and the arguments (see `RootStack`).
        run_new_frame(ts, fr?, true)
    } else {
        let meth = frame.stack[meth_at].clone();
        // Safe: the callable and the arguments stay on this frame's stack until the call returns.
        ts.safe_entry = true;
        let r = ops::call(ts, &meth, &frame.stack[start..], &[]);
        frame.stack.truncate(meth_at);
        r
    }?;
    frame.stack.push(result);
    Ok(())
}

/// `CALL n` / `CALL_KW n`: `[f, args.. (kwnames)] -> [result]`.
#[inline]
pub(super) fn call<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    n: usize,
    kwnames: Option<&ObjRef<S>>,
) -> Result<(), PyErr<S>> {
    let len = frame.stack.len();
    let f_at = len - n - 1;
    let kw: &[ObjRef<S>] = match kwnames {
        Some(k) => k.downcast::<Tuple<S>>().map_or(&[], Tuple::items),
        None => &[],
    };
    let result = if frame.stack[f_at].kind() == TypeKind::Function {
        let func =
            frame.stack[f_at].clone().downcast_owned::<Function<S>>().map_err(|_| ts.type_error("not a function"))?;
        let fr = bind_frame(ts, func, frame.stack.drain(f_at + 1..), n, kw);
        frame.stack.truncate(f_at);
        run_new_frame(ts, fr?, true)
    } else {
        let f = frame.stack[f_at].clone();
        ts.safe_entry = true;
        let r = ops::call(ts, &f, &frame.stack[f_at + 1..], kw);
        frame.stack.truncate(f_at);
        r
    }?;
    frame.stack.push(result);
    Ok(())
}

/// `CALL_EX`: `[f, args_tuple (, kwargs_dict)] -> [result]`.
pub(super) fn call_ex<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    flags: u32,
) -> Result<(), PyErr<S>> {
    let kwargs = if flags & 1 != 0 { Some(pop(&mut frame.stack)) } else { None };
    let args = pop(&mut frame.stack);
    let f = pop(&mut frame.stack);
    let mut all: Vec<ObjRef<S>> = match args.downcast::<Tuple<S>>() {
        Some(t) => t.items().to_vec(),
        None => ops::iterate(ts, &args)?,
    };
    let mut names = Vec::new();
    if let Some(kw) = kwargs {
        let d = kw.downcast::<Dict<S>>().ok_or_else(|| ts.type_error("argument after ** must be a mapping"))?;
        for (k, v) in d.items(&ts.pin) {
            names.push(k);
            all.push(v);
        }
    }
    let r = ops::call(ts, &f, &all, &names)?;
    frame.stack.push(r);
    Ok(())
}

/// `MAKE_FUNCTION flags`: `[defaults?, kwdefaults?, closure?, code] -> [function]`.
pub(super) fn make_function<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    globals_from: &Typed<S, Function<S>>,
    flags: u32,
) {
    let code = pop(&mut frame.stack);
    let closure = if flags & 8 != 0 { Some(pop(&mut frame.stack)) } else { None };
    let kwdefaults = if flags & 2 != 0 { Some(pop(&mut frame.stack)) } else { None };
    let defaults = if flags & 1 != 0 { Some(pop(&mut frame.stack)) } else { None };
    let c = code.downcast::<Code<S>>().expect("MAKE_FUNCTION takes a code object");
    let name = c.name.clone();
    let qualname = crate::object::str_obj(&c.unit.qualname);
    let top_level = c.top_level;
    let func = Function { name, qualname, code, globals: globals_from.globals.clone(), defaults, kwdefaults, closure };
    frame.stack.push(if top_level { ObjRef::new_deferred(func, ts.pin.global()) } else { ObjRef::new(func) });
}

/// `BUILD_CLASS n`: `[body_function, name, base?] -> [class]`.
pub(super) fn build_class<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    n: usize,
) -> Result<(), PyErr<S>> {
    let base = if n == 1 { Some(pop(&mut frame.stack)) } else { None };
    let name = pop(&mut frame.stack);
    let body = pop(&mut frame.stack);
    let base = match base {
        Some(b) => {
            let Some(bc) = b.downcast::<Class<S>>() else {
                return Err(ts.type_error(format!("bases must be types, not '{}'", ts.vm.type_name(&b))));
            };
            if bc.builtin.is_some() && !b.is(&ts.vm.types.object) {
                return Err(ts.err(
                    crate::interp::types::Exc::NotImplementedError,
                    format!(
                        "subclassing the built-in type '{}' is not supported by gilfree",
                        crate::interp::vm::class_name(&b)
                    ),
                ));
            }
            b
        }
        None => ts.vm.types.object.clone(),
    };
    let is_exception = base.downcast::<Class<S>>().is_some_and(|c| c.is_exception);
    let ns = dict_obj::<S>();
    let func = body.downcast_owned::<Function<S>>().map_err(|_| ts.type_error("class body is not a function"))?;
    let mut fr = bind_frame(ts, func, std::iter::empty(), 0, &[])?;
    fr.locals_dict = Some(ns.as_obj().clone());
    // Unsafe: the name and the base class were popped and are held here while the body runs.
    let cell = run_new_frame(ts, fr, false)?;
    let finalizer = base.downcast::<Class<S>>().is_some_and(|c| c.finalizer)
        || ns.get(&ts.vm.dunder("__del__"), &ts.pin).ok().flatten().is_some();
    let cls = ObjRef::new_deferred(
        Class { name, base: Some(base), dict: ns, builtin: None, is_exception, finalizer },
        ts.pin.global(),
    );
    ts.vm.class_changed();
    if let Some(c) = cell.downcast::<Cell<S>>() {
        drop(c.set(Some(cls.clone()), &ts.pin));
    }
    frame.stack.push(cls);
    Ok(())
}
