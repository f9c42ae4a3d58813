//! The built-in `threading` module: `Thread` (a real OS thread with its own [`ThreadState`]), `Lock`
//! (blocking acquisition detaches, so a GIL is released while waiting), `local` (attributes per thread,
//! see [`PyLocal`]) and `get_ident`.
//!
//! An exception escaping a thread's target is printed as CPython's `threading.excepthook` prints it
//! (`Exception in thread Thread-N (target):` and the traceback) and the program goes on.

use crate::interp::args::{arg_count, kwarg};
use crate::interp::builtins::{def, method};
use crate::interp::error::{PyResult, print_exception};
use crate::interp::ops::{self, as_str};
use crate::interp::thread::ThreadState;
use crate::object::Finalizers;
use crate::object::{
    Function, Obj, ObjRef, PyLocal, PyLock, PyThread, TypeKind, bool_obj, counts, int_obj, none, tuple_obj,
};
use crate::strategy::{Attached, Strategy};
use crate::sync::{Mutex, Ordering};

/// Stack size of Python threads: deep recursion (up to the recursion limit) must fit.
pub const THREAD_STACK: usize = 256 << 20;

/// The module object.
pub fn module<S: Strategy>(pin: &Attached<'_, S>) -> ObjRef<S> {
    let m = crate::interp::builtins::module::<S>("threading", pin);
    let d = &m.downcast::<crate::object::Module<S>>().expect("a module").dict;
    def(d, "Thread", new_thread, pin);
    def(d, "Lock", new_lock, pin);
    def(d, "get_ident", get_ident, pin);
    def(d, "local", new_local, pin);
    m
}

/// Register the methods of `Thread` and `Lock` objects.
pub fn install_methods<S: Strategy>(thread_cls: &Obj<S>, lock_cls: &Obj<S>, pin: &Attached<'_, S>) {
    method(thread_cls, "start", start, pin);
    method(thread_cls, "join", join, pin);
    method(thread_cls, "is_alive", is_alive, pin);
    method(lock_cls, "acquire", acquire, pin);
    method(lock_cls, "release", release, pin);
    method(lock_cls, "locked", locked, pin);
    method(lock_cls, "__enter__", acquire, pin);
    method(lock_cls, "__exit__", lock_exit, pin);
}

fn get_ident<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "get_ident", args, kw, 0, 0)?;
    Ok(int_obj(ts.ident as i64))
}

fn new_thread<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    if args.len() > kw.len() {
        return Err(ts.type_error("Thread() arguments must be passed by keyword (target=, args=) in gilfree"));
    }
    for k in kw {
        if !matches!(as_str(k), Some("target" | "args" | "name" | "daemon" | "kwargs")) {
            return Err(ts.type_error(format!(
                "Thread.__init__() got an unexpected keyword argument '{}'",
                as_str(k).unwrap_or("?")
            )));
        }
    }
    let target = kwarg(args, kw, "target").cloned().unwrap_or_else(none);
    let targs = match kwarg(args, kw, "args") {
        Some(a) => tuple_obj(ops::iterate(ts, a)?),
        None => tuple_obj(Vec::new()),
    };
    let n = ts.vm.next_thread_number();
    let name = match kwarg(args, kw, "name") {
        Some(v) => ops::str_of(ts, v)?,
        None => match target.downcast::<Function<S>>() {
            Some(f) => format!("Thread-{n} ({})", as_str(&f.name).unwrap_or("?")),
            None => format!("Thread-{n}"),
        },
    };
    Ok(ObjRef::new(PyThread { target, args: targs, name, handle: Mutex::new(None), ident: Default::default() }))
}

fn this_thread<'a, S: Strategy>(
    ts: &ThreadState<'_, S>,
    args: &'a [ObjRef<S>],
) -> Result<&'a PyThread<S>, crate::interp::PyErr<S>> {
    args.first()
        .and_then(|a| a.downcast::<PyThread<S>>())
        .ok_or_else(|| ts.type_error("descriptor requires a 'Thread' object"))
}

fn start<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "start", args, kw, 1, 1)?;
    let t = this_thread(ts, args)?;
    let mut handle = t.handle.lock().unwrap_or_else(|p| p.into_inner());
    if handle.is_some() || t.ident.load(Ordering::Relaxed) != 0 {
        return Err(ts.err(crate::interp::Exc::RuntimeError, "threads can only be started once"));
    }
    let vm = ts.vm.clone();
    let (target, targs, name) = (t.target.clone(), t.args.clone(), t.name.clone());
    let (ident_tx, ident_rx) = std::sync::mpsc::channel::<u64>();
    vm.thread_started();
    // Under test, the new thread counts its objects into this thread's run ledger (object/counts.rs).
    let ledger = counts::inherit();
    let spawned = std::thread::Builder::new().name(name.clone()).stack_size(THREAD_STACK).spawn(move || {
        ledger.enter();
        let mut thread = vm.runtime.thread();
        let pin = thread.attach();
        let mut ts = ThreadState::new(vm.clone(), pin);
        let _ = ident_tx.send(ts.ident);
        let callargs = targs.downcast::<crate::object::Tuple<S>>().map(|t| t.items().to_vec()).unwrap_or_default();
        let result = if target.kind() == TypeKind::None {
            Ok(none())
        } else {
            // Safe: this closure holds the target and its arguments until the call returns.
            ts.enter_safely(|ts| ops::call(ts, &target, &callargs, &[]))
        };
        drop((target, targs, callargs));
        crate::interp::finalize::run_pending(&mut ts);
        if let Err(e) = result {
            let text = print_exception(&mut ts, &e.exc);
            drop(e);
            vm.write_stderr(&format!("Exception in thread {name}:\n{text}"));
        }
        // What dies as the strategy thread exits (under `biased`, its last merges) waits for its finalizer
        // in a fresh inbox, and goes on to a thread that can still run it.
        drop(ts);
        let late = Finalizers::<S>::open();
        drop(thread);
        vm.hand_on(late.take_all());
        vm.thread_finished();
    });
    match spawned {
        Ok(h) => {
            *handle = Some(h);
            drop(handle);
            let ident = ts.blocking(|| ident_rx.recv().unwrap_or(0));
            t.ident.store(ident, Ordering::Relaxed);
            Ok(none())
        }
        Err(e) => {
            ts.vm.thread_finished();
            Err(ts.err(crate::interp::Exc::RuntimeError, format!("can't start new thread: {e}")))
        }
    }
}

fn join<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "join", args, kw, 1, 2)?;
    let t = this_thread(ts, args)?;
    let h = t.handle.lock().unwrap_or_else(|p| p.into_inner()).take();
    match h {
        Some(h) => {
            let _ = ts.blocking(move || h.join());
            Ok(none())
        }
        None if t.ident.load(Ordering::Relaxed) == 0 => {
            Err(ts.err(crate::interp::Exc::RuntimeError, "cannot join thread before it is started"))
        }
        None => Ok(none()),
    }
}

fn is_alive<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "is_alive", args, kw, 1, 1)?;
    let t = this_thread(ts, args)?;
    let h = t.handle.lock().unwrap_or_else(|p| p.into_inner());
    Ok(bool_obj(h.as_ref().is_some_and(|h| !h.is_finished())))
}

fn new_lock<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "Lock", args, kw, 0, 0)?;
    Ok(ObjRef::new(PyLock::default()))
}

fn new_local<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    use crate::sync::statics::{AtomicU64, Ordering};
    /// Serial numbers of `local` objects: never reused, so a dead object's dicts cannot be mistaken for a
    /// new one's.
    static NEXT_LOCAL: AtomicU64 = AtomicU64::new(1);
    arg_count(ts, "local", args, kw, 0, 0)?;
    Ok(ObjRef::new(PyLocal { serial: NEXT_LOCAL.fetch_add(1, Ordering::Relaxed) }))
}

fn this_lock<'a, S: Strategy>(
    ts: &ThreadState<'_, S>,
    args: &'a [ObjRef<S>],
) -> Result<&'a PyLock, crate::interp::PyErr<S>> {
    args.first()
        .and_then(|a| a.downcast::<PyLock>())
        .ok_or_else(|| ts.type_error("descriptor requires a 'lock' object"))
}

fn acquire<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    let l = this_lock(ts, args)?;
    let npos = args.len() - kw.len();
    let blocking = match kwarg(args, kw, "blocking").or(args[..npos].get(1)) {
        Some(b) => ops::truthy(ts, b)?,
        None => true,
    };
    {
        let mut held = l.locked.lock().unwrap_or_else(|p| p.into_inner());
        if !*held {
            *held = true;
            return Ok(bool_obj(true));
        }
        if !blocking {
            return Ok(bool_obj(false));
        }
    }
    ts.blocking(|| {
        let mut held = l.locked.lock().unwrap_or_else(|p| p.into_inner());
        while *held {
            held = l.released.wait(held).unwrap_or_else(|p| p.into_inner());
        }
        *held = true;
    });
    Ok(bool_obj(true))
}

fn release<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "release", args, kw, 1, 1)?;
    let l = this_lock(ts, args)?;
    let mut held = l.locked.lock().unwrap_or_else(|p| p.into_inner());
    if !*held {
        return Err(ts.err(crate::interp::Exc::RuntimeError, "release unlocked lock"));
    }
    *held = false;
    drop(held);
    l.released.notify_one();
    Ok(none())
}

fn locked<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], kw: &[ObjRef<S>]) -> PyResult<S> {
    arg_count(ts, "locked", args, kw, 1, 1)?;
    let l = this_lock(ts, args)?;
    Ok(bool_obj(*l.locked.lock().unwrap_or_else(|p| p.into_inner())))
}

fn lock_exit<S: Strategy>(ts: &mut ThreadState<'_, S>, args: &[ObjRef<S>], _kw: &[ObjRef<S>]) -> PyResult<S> {
    release(ts, &args[..1], &[])?;
    Ok(bool_obj(false))
}
