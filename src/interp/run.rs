//! Running a program: compile, load the code into objects, run the module on a big-stack thread, print an
//! uncaught exception as CPython does, wait for the program's threads, and report the exit status.

use std::sync::Arc;

use super::builtins;
use super::error::PyErr;
use super::error::print_exception;
use super::frame::Frame;
use super::ops::call::run_new_frame;
use super::thread::ThreadState;
use super::vm::{Vm, VmConfig};
use crate::lang::bytecode::{CodeUnit, ConstValue};
use crate::lang::{CompileError, ErrorKind};
use crate::object::scalar::{Float, Int};
use crate::object::tuple::Tuple;
use crate::object::{
    Code, Dict, Function, ObjRef, SMALL_INT_MAX, SMALL_INT_MIN, Typed, bool_obj, counts, dict_obj, int_obj, intern,
    none, str_obj,
};
use crate::strategy::{GcGlobal, Runtime, Strategy};

/// Stack size of the thread that runs the main module.
const MAIN_STACK: usize = 512 << 20;

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOutcome {
    /// The process exit status: 0, or 1 after an uncaught exception or a compile error.
    pub exit_code: i32,
}

/// Turn a compiled unit into a `code` object (constants become objects; nested units recursively).
///
/// Code objects and the constants that are not already immortal (floats, big ints, tuples) are allocated
/// deferred on `global`'s runtime: under `biased` they take no refcount operations (PEP 703 defers code
/// objects, and CPython's free-threaded build makes code constants immortal), and the runtime frees them at
/// shutdown. Under the other strategies they are ordinary objects.
pub fn load_code<S: Strategy>(unit: &Arc<CodeUnit>, global: &GcGlobal<S>) -> ObjRef<S> {
    fn konst<S: Strategy>(c: &ConstValue, global: &GcGlobal<S>) -> ObjRef<S> {
        match c {
            ConstValue::None => none(),
            ConstValue::Bool(b) => bool_obj(*b),
            ConstValue::Int(i) if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(i) => int_obj(*i),
            ConstValue::Int(i) => ObjRef::new_deferred(Int(*i), global),
            ConstValue::Float(f) => ObjRef::new_deferred(Float(*f), global),
            ConstValue::Str(s) => intern::<S>(s),
            ConstValue::Ellipsis => intern::<S>("Ellipsis"),
            ConstValue::Tuple(items) => {
                ObjRef::new_deferred(Tuple::new(items.iter().map(|c| konst::<S>(c, global)).collect()), global)
            }
            ConstValue::Code(u) => load_code::<S>(u, global),
        }
    }
    // CPython's rule (3.13 `PyFunction_New`): functions of nested code are not deferred, since closures are
    // often created in loops and should be freed promptly; neither are comprehensions and lambdas here.
    let top_level = !unit.qualname.contains("<locals>") && !unit.name.starts_with('<');
    ObjRef::new_deferred(
        Code {
            unit: unit.clone(),
            name: intern::<S>(&unit.name),
            consts: unit.consts.iter().map(|c| konst::<S>(c, global)).collect(),
            names: unit.names.iter().map(|n| intern::<S>(n)).collect(),
            tb_name: Arc::from(unit.name.as_str()),
            top_level,
        },
        global,
    )
}

/// CPython's report of a compile error: `  File "f", line N`, the line, a caret, `SyntaxError: msg`.
pub fn format_compile_error(err: &CompileError, src: &str, filename: &str) -> String {
    let mut out = format!("  File \"{filename}\", line {}\n", err.line);
    if err.kind != ErrorKind::NotImplemented
        && let Some(line) = src.lines().nth(err.line.saturating_sub(1) as usize)
    {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        out.push_str(&format!("    {}\n", trimmed.trim_end()));
        let col = (err.col as usize).saturating_sub(1).saturating_sub(indent);
        out.push_str(&format!("    {}^\n", " ".repeat(col)));
    }
    out.push_str(&format!("{}: {}\n", err.py_name(), err.msg));
    out
}

/// Run `src` (named `filename` in tracebacks) under strategy `S`; stdout and stderr are the process's.
pub fn run_source<S: Strategy>(src: &str, filename: &str) -> RunOutcome {
    run_with::<S>(src, filename, VmConfig::default()).0
}

/// Run `src` with its output captured: (outcome, stdout bytes, stderr text).
pub fn run_captured<S: Strategy>(src: &str, filename: &str) -> (RunOutcome, Vec<u8>, String) {
    let (outcome, out, err) = run_with::<S>(src, filename, VmConfig { capture: true, ..VmConfig::default() });
    (outcome, out, String::from_utf8_lossy(&err).into_owned())
}

/// Run `src` with `config`: (outcome, stdout bytes, stderr bytes; both empty unless `config.capture`).
pub fn run_with<S: Strategy>(src: &str, filename: &str, config: VmConfig) -> (RunOutcome, Vec<u8>, Vec<u8>) {
    let capture = config.capture;
    let unit = match crate::lang::compile_source(src, filename) {
        Ok(u) => u,
        Err(e) => {
            let text = format_compile_error(&e, src, filename);
            if !capture {
                eprint!("{text}");
            }
            return (RunOutcome { exit_code: 1 }, Vec::new(), if capture { text.into_bytes() } else { Vec::new() });
        }
    };
    let source: Arc<str> = Arc::from(src);
    // Under test, the main thread counts its objects into the caller's run ledger (see `run_counted`).
    let ledger = counts::inherit();
    let worker = std::thread::Builder::new().name("main".into()).stack_size(MAIN_STACK).spawn(move || {
        ledger.enter();
        run_unit::<S>(&unit, source, config)
    });
    match worker.map(|h| h.join()) {
        Ok(Ok((code, out, err))) => (RunOutcome { exit_code: code }, out, err),
        Ok(Err(panic)) => {
            let msg = panic_message(&*panic);
            let text = format!("gilfree: internal error (this is a bug in gilfree, please report it): {msg}\n");
            if !capture {
                eprint!("{text}");
            }
            (RunOutcome { exit_code: 70 }, Vec::new(), text.into_bytes())
        }
        Err(e) => {
            eprintln!("gilfree: cannot start the interpreter thread: {e}");
            (RunOutcome { exit_code: 70 }, Vec::new(), Vec::new())
        }
    }
}

/// [`run_with`], counting the run's objects over all of its threads: the outputs, and objects allocated
/// minus objects freed once every thread of the run has exited (0: no leak and no double free; shared
/// singletons are not counted). See [`counts::Ledger`].
#[cfg(test)]
pub(crate) fn run_counted<S: Strategy>(
    src: &str,
    filename: &str,
    config: VmConfig,
) -> ((RunOutcome, Vec<u8>, Vec<u8>), i64) {
    let ledger = counts::Ledger::open();
    let run = run_with::<S>(src, filename, config);
    (run, ledger.close())
}

/// The message a panic carried (`panic!("...")` payloads are `&str` or `String`).
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic")
}

/// Run a compiled module on the current thread; returns the exit status.
fn run_unit<S: Strategy>(unit: &Arc<CodeUnit>, source: Arc<str>, config: VmConfig) -> (i32, Vec<u8>, Vec<u8>) {
    let runtime = Runtime::<S>::new(&config.strategy_config());
    let vm = Vm::new(runtime.clone(), config);
    let mut thread = runtime.thread();
    let pin = thread.attach();
    let mut ts = ThreadState::new(vm.clone(), pin);
    builtins::install(&mut ts);
    let (globals, result) = exec_module(&mut ts, unit, source, "__main__");
    super::finalize::run_pending(&mut ts);
    let exit_code = match result {
        Ok(()) => 0,
        Err(e) => {
            let text = print_exception(&mut ts, &e.exc);
            drop(e);
            vm.write_stderr(&text);
            1
        }
    };
    ts.blocking(|| vm.wait_threads());
    // Module globals hold cycles (functions point back at them); clear them so what they own is freed,
    // with the finalizers of what dies, as CPython's shutdown clears `__main__`.
    globals.clear(&ts.pin);
    drop(globals);
    super::finalize::shut_down(&mut ts);
    vm.flush_stdout();
    drop(ts);
    let (out, err) = vm.captured();
    (exit_code, out, err)
}

/// Run a compiled module body on `ts` (whose VM has its builtins installed) as module `name`, and return its
/// globals with the outcome. The globals come back even when the body raised, so the caller can clear them
/// (functions refer back to their globals: a cycle until the collector issue lands).
pub fn exec_module<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    unit: &Arc<CodeUnit>,
    source: Arc<str>,
    name: &str,
) -> (Typed<S, Dict<S>>, Result<(), PyErr<S>>) {
    ts.vm.add_source(unit.filename.clone(), source);
    let code = load_code::<S>(unit, ts.pin.global());
    let globals = dict_obj::<S>();
    drop(globals.set(intern::<S>("__name__"), intern::<S>(name), &ts.pin));
    drop(globals.set(intern::<S>("__file__"), str_obj(&unit.filename), &ts.pin));
    let module_fn = ObjRef::new_deferred(
        Function {
            name: intern::<S>("<module>"),
            qualname: intern::<S>("<module>"),
            code,
            globals: globals.as_obj().clone(),
            defaults: None,
            kwdefaults: None,
            closure: None,
        },
        ts.pin.global(),
    )
    .downcast_owned::<Function<S>>()
    .expect("just made a function");
    let frame = Frame { func: Some(module_fn), ..Frame::default() };
    // The caller keeps the globals (pinned here for a collector) and the frame holds the function.
    ts.pinned.push(globals.as_obj().clone());
    let result = run_new_frame(ts, frame, true).map(drop);
    (globals, result)
}

/// Read and run a file.
pub fn run_file<S: Strategy>(path: &std::path::Path) -> std::io::Result<RunOutcome> {
    let src = std::fs::read_to_string(path)?;
    Ok(run_source::<S>(&src, &path.display().to_string()))
}
