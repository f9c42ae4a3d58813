//! Calls: functions (binding arguments into a new frame), natives, bound methods, classes (instantiation)
//! and callable instances.

use super::construct::instantiate;
use super::{as_str, lookup_class};
use crate::interp::error::{PyErr, PyResult};
use crate::interp::eval::{self, Exit};
use crate::interp::frame::Frame;
use crate::interp::thread::ThreadState;
use crate::interp::types::Exc;
use crate::interp::{GenState, Generator, Native};
use crate::object::{
    BoundMethod, Cell, Code, Dict, Function, Locked, ObjRef, Tuple, TypeKind, Typed, dict_obj, intern, none, tuple_obj,
};
use crate::strategy::Strategy;

/// Call `f(*args)` with `args` = positional arguments then keyword values named by `kwnames`.
pub fn call<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    f: &ObjRef<S>,
    args: &[ObjRef<S>],
    kwnames: &[ObjRef<S>],
) -> PyResult<S> {
    // Whether the caller keeps `f` and `args` reachable (set by the eval loop's calls; see `RootStack`).
    // Taken here, so that no path below, or a built-in's own calls, inherits it by accident.
    let safe = std::mem::take(&mut ts.safe_entry);
    match f.kind() {
        TypeKind::Function => {
            let func = f.clone().downcast_owned::<Function<S>>().map_err(|_| ts.type_error("not a function"))?;
            call_function(ts, func, args.iter().cloned(), args.len(), kwnames, safe)
        }
        TypeKind::Native => {
            let n = f.downcast::<Native<S>>().expect("kind checked");
            if S::CONSTRAINTS.reports_roots() && !safe {
                // A built-in that blocks or collects would let a collector run while our caller holds
                // unrooted objects (`with lock:` holds `__exit__` while `__enter__` blocks).
                ts.frames.enter_unsafe();
                let r = (n.func)(ts, args, kwnames);
                ts.frames.leave_unsafe();
                r
            } else {
                (n.func)(ts, args, kwnames)
            }
        }
        TypeKind::BoundMethod => {
            let m = f.downcast::<BoundMethod<S>>().expect("kind checked");
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(m.receiver.clone());
            full.extend(args.iter().cloned());
            let func = m.func.clone();
            // The callee's frame will hold the receiver and the arguments, and the bound method object is
            // the caller's: as safe as the call itself.
            ts.safe_entry = safe;
            call(ts, &func, &full, kwnames)
        }
        TypeKind::Class => {
            ts.safe_entry = safe;
            instantiate(ts, f, args, kwnames)
        }
        TypeKind::Instance => match lookup_class(ts, ts.vm.class_of(f), &ts.vm.dunder("__call__")) {
            Some(m) => {
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(f.clone());
                full.extend(args.iter().cloned());
                ts.safe_entry = safe;
                call(ts, &m, &full, kwnames)
            }
            None => Err(not_callable(ts, f)),
        },
        _ => Err(not_callable(ts, f)),
    }
}

fn not_callable<S: Strategy>(ts: &ThreadState<'_, S>, f: &ObjRef<S>) -> PyErr<S> {
    ts.type_error(format!("'{}' object is not callable", ts.vm.type_name(f)))
}

/// The qualified name for messages (`Point.__init__`).
fn qualname<S: Strategy>(func: &Function<S>) -> String {
    as_str(&func.qualname).unwrap_or("?").to_owned()
}

fn name_list(names: &[String]) -> String {
    match names.len() {
        0 => String::new(),
        1 => format!("'{}'", names[0]),
        2 => format!("'{}' and '{}'", names[0], names[1]),
        _ => {
            let head: Vec<String> = names[..names.len() - 1].iter().map(|n| format!("'{n}'")).collect();
            format!("{}, and '{}'", head.join(", "), names[names.len() - 1])
        }
    }
}

/// A frame for `func`, its locals bound from the arguments (moved in from `args`, `nargs` of them, the last
/// `kwnames.len()` by keyword).
pub fn bind_frame<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    func: Typed<S, Function<S>>,
    args: impl Iterator<Item = ObjRef<S>>,
    nargs: usize,
    kwnames: &[ObjRef<S>],
) -> Result<Frame<S>, PyErr<S>> {
    let mut frame = ts.pool.pop().unwrap_or_default();
    let code = func.code.downcast::<Code<S>>().expect("a function's code is a code object");
    let unit = &code.unit;
    let argc = unit.argcount as usize;
    let nlocals = unit.varnames.len();
    let npos = nargs - kwnames.len();
    let simple = kwnames.is_empty()
        && npos == argc
        && !unit.flags.varargs
        && !unit.flags.varkeywords
        && unit.kwonlyargcount == 0;
    frame.locals.reserve(nlocals);
    if simple {
        frame.locals.extend(args.map(Some));
        frame.locals.resize(nlocals, None);
    } else {
        frame.locals.resize(nlocals, None);
        let kwonly = unit.kwonlyargcount as usize;
        let mut extra = Vec::new();
        let mut args = args;
        for i in 0..npos {
            let a = args.next().expect("nargs counts the arguments");
            if i < argc {
                frame.locals[i] = Some(a);
            } else {
                extra.push(a);
            }
        }
        let mut slot = argc + kwonly;
        if unit.flags.varargs {
            frame.locals[slot] = Some(tuple_obj(extra));
            slot += 1;
        } else if !extra.is_empty() {
            let ndef = func.defaults.as_ref().and_then(|d| d.downcast::<Tuple<S>>().map(Tuple::len)).unwrap_or(0);
            let given = npos;
            let takes = if ndef > 0 { format!("from {} to {}", argc - ndef, argc) } else { argc.to_string() };
            frame.clear();
            ts.pool.push(frame);
            return Err(ts.type_error(format!(
                "{}() takes {} positional argument{} but {} {} given",
                qualname(&func),
                takes,
                if argc == 1 && ndef == 0 { "" } else { "s" },
                given,
                if given == 1 { "was" } else { "were" }
            )));
        }
        let kwdict = if unit.flags.varkeywords {
            let d = dict_obj::<S>();
            frame.locals[slot] = Some(d.as_obj().clone());
            Some(d)
        } else {
            None
        };
        for name in kwnames {
            let val = args.next().expect("nargs counts the keyword arguments");
            let text = as_str(name).unwrap_or("");
            match unit.varnames[..argc + kwonly].iter().position(|v| v == text) {
                Some(i) if frame.locals[i].is_some() => {
                    let q = qualname(&func);
                    frame.clear();
                    ts.pool.push(frame);
                    return Err(ts.type_error(format!("{q}() got multiple values for argument '{text}'")));
                }
                Some(i) => frame.locals[i] = Some(val),
                None => match &kwdict {
                    Some(d) => drop(d.set(name.clone(), val, &ts.pin)),
                    None => {
                        let q = qualname(&func);
                        frame.clear();
                        ts.pool.push(frame);
                        return Err(ts.type_error(format!("{q}() got an unexpected keyword argument '{text}'")));
                    }
                },
            }
        }
        // Defaults for missing positional parameters.
        let defaults: Vec<ObjRef<S>> = func
            .defaults
            .as_ref()
            .and_then(|d| d.downcast::<Tuple<S>>().map(|t| t.items().to_vec()))
            .unwrap_or_default();
        let first_default = argc - defaults.len().min(argc);
        let mut missing = Vec::new();
        for i in 0..argc {
            if frame.locals[i].is_none() {
                if i >= first_default {
                    frame.locals[i] = Some(defaults[i - first_default].clone());
                } else {
                    missing.push(unit.varnames[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            let q = qualname(&func);
            frame.clear();
            ts.pool.push(frame);
            return Err(ts.type_error(format!(
                "{q}() missing {} required positional argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
        let mut missing_kw = Vec::new();
        for i in argc..argc + kwonly {
            if frame.locals[i].is_none() {
                let name = &unit.varnames[i];
                let dflt = func
                    .kwdefaults
                    .as_ref()
                    .and_then(|d| d.downcast::<Dict<S>>())
                    .and_then(|d| d.get(&intern::<S>(name), &ts.pin).ok().flatten());
                match dflt {
                    Some(v) => frame.locals[i] = Some(v),
                    None => missing_kw.push(name.clone()),
                }
            }
        }
        if !missing_kw.is_empty() {
            let q = qualname(&func);
            frame.clear();
            ts.pool.push(frame);
            return Err(ts.type_error(format!(
                "{q}() missing {} required keyword-only argument{}: {}",
                missing_kw.len(),
                if missing_kw.len() == 1 { "" } else { "s" },
                name_list(&missing_kw)
            )));
        }
    }
    // Cells: fresh ones for cellvars, the closure's for freevars.
    for _ in 0..unit.cellvars.len() {
        frame.cells.push(ObjRef::new(Cell::new(None)));
    }
    if let Some(closure) = &func.closure
        && let Some(t) = closure.downcast::<Tuple<S>>()
    {
        frame.cells.extend(t.items().iter().cloned());
    }
    frame.func = Some(func);
    Ok(frame)
}

/// Run a bound frame to completion (or, for a generator function, wrap it in a generator); `safe` says
/// whether the caller keeps every object it holds reachable (see `RootStack`).
pub fn run_new_frame<S: Strategy>(ts: &mut ThreadState<'_, S>, mut frame: Frame<S>, safe: bool) -> PyResult<S> {
    let code = frame.code();
    if code.unit.flags.generator {
        let name = frame.function().name.clone();
        let stacksize = code.unit.stacksize as usize;
        let gen_frame = Frame {
            func: frame.func.take(),
            locals: std::mem::take(&mut frame.locals),
            cells: std::mem::take(&mut frame.cells),
            stack: Vec::with_capacity(stacksize),
            pc: 0,
            locals_dict: None,
        };
        ts.pool.push(frame);
        return Ok(ObjRef::new(Generator {
            name,
            state: Locked::new(GenState { frame: Some(Box::new(gen_frame)), running: false }),
        }));
    }
    if ts.depth >= ts.vm.config.recursion_limit {
        frame.clear();
        ts.pool.push(frame);
        return Err(ts.err(Exc::RecursionError, "maximum recursion depth exceeded"));
    }
    ts.depth += 1;
    let r = eval::run_frame(ts, &mut frame, safe);
    ts.depth -= 1;
    frame.clear();
    ts.pool.push(frame);
    match r {
        Ok(Exit::Return(v)) => Ok(v),
        Ok(Exit::Yield(_)) => Err(ts.err(Exc::RuntimeError, "yield outside a generator")),
        Err(e) => Err(e),
    }
}

/// Call a Python function with arguments moved in.
#[inline]
pub fn call_function<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    func: Typed<S, Function<S>>,
    args: impl Iterator<Item = ObjRef<S>>,
    nargs: usize,
    kwnames: &[ObjRef<S>],
    safe: bool,
) -> PyResult<S> {
    let frame = bind_frame(ts, func, args, nargs, kwnames)?;
    run_new_frame(ts, frame, safe)
}

/// Resume a generator: `Ok(Some(v))` for a yielded value, `Ok(None)` when it returned.
pub fn gen_resume<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    genobj: &ObjRef<S>,
    sent: Option<ObjRef<S>>,
) -> Result<Option<ObjRef<S>>, PyErr<S>> {
    let g = genobj.downcast::<Generator<S>>().expect("caller checked the kind");
    let taken = g.state.with(&ts.pin, |st| {
        if st.running {
            Err(())
        } else {
            let f = st.frame.take();
            st.running = f.is_some();
            Ok(f)
        }
    });
    let mut frame = match taken {
        Err(()) => return Err(ts.value_error("generator already executing")),
        Ok(None) => return Ok(None),
        Ok(Some(f)) => f,
    };
    if frame.pc > 0 {
        frame.stack.push(sent.unwrap_or_else(none));
    }
    if ts.depth >= ts.vm.config.recursion_limit {
        g.state.with(&ts.pin, |st| {
            st.running = false;
        });
        return Err(ts.err(Exc::RecursionError, "maximum recursion depth exceeded"));
    }
    ts.depth += 1;
    // Unsafe: whoever resumes a generator (`FOR_ITER`, `next()`, `list()`) may hold unrooted objects.
    let r = eval::run_frame(ts, &mut frame, false);
    ts.depth -= 1;
    match r {
        Ok(Exit::Yield(v)) => {
            g.state.with(&ts.pin, |st| {
                st.frame = Some(frame);
                st.running = false;
            });
            Ok(Some(v))
        }
        Ok(Exit::Return(_)) => {
            g.state.with(&ts.pin, |st| st.running = false);
            drop(frame);
            Ok(None)
        }
        Err(e) => {
            g.state.with(&ts.pin, |st| st.running = false);
            drop(frame);
            Err(e)
        }
    }
}
