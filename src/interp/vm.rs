//! [`Vm`]: one interpreter, shared by all its threads.

use std::io::Write;

use super::types::Types;
use crate::object::{Dict, Exception, Instance, Obj, ObjRef, Str, TypeKind, Typed, dict_obj, str_obj};
use crate::strategy::{Runtime, Strategy};
use crate::sync::{Arc, AtomicU64, Condvar, Mutex, Ordering};

/// Interpreter-wide knobs.
#[derive(Debug, Clone)]
pub struct VmConfig {
    /// `sys.getrecursionlimit()`: frames deeper than this raise `RecursionError`.
    pub recursion_limit: u32,
    /// Collect stdout and stderr in memory instead of writing them (tests).
    pub capture: bool,
    /// The collector's minimum trigger, in object bytes allocated since the last collection
    /// ([`StrategyConfig::gc_min_bytes`](crate::strategy::StrategyConfig)); tests make it tiny so that
    /// collections run at almost every safepoint.
    pub gc_min_bytes: usize,
    /// The cycle collector's threshold, in net container allocations since the last collection
    /// ([`StrategyConfig::gc_threshold`](crate::strategy::StrategyConfig)); tests make it tiny.
    pub gc_threshold: usize,
}

impl Default for VmConfig {
    fn default() -> Self {
        Self {
            recursion_limit: 1000,
            capture: false,
            gc_min_bytes: crate::strategy::GC_MIN_BYTES,
            gc_threshold: crate::strategy::GC_THRESHOLD,
        }
    }
}

impl VmConfig {
    /// The strategy knobs this configuration implies.
    pub fn strategy_config(&self) -> crate::strategy::StrategyConfig {
        crate::strategy::StrategyConfig {
            gc_min_bytes: self.gc_min_bytes,
            gc_threshold: self.gc_threshold,
            ..Default::default()
        }
    }
}

/// One interpreter: its runtime (the strategy's global state), built-in namespace, classes and modules.
pub struct Vm<S: Strategy> {
    /// The built-in classes.
    pub types: Types<S>,
    /// The `builtins` namespace.
    pub builtins: Typed<S, Dict<S>>,
    /// Built-in modules by name (`gc`, `threading`, `time`).
    pub modules: Typed<S, Dict<S>>,
    /// The `NotImplemented` singleton (binary dunders return it to decline).
    pub not_implemented: ObjRef<S>,
    /// The marker for "no self" left by `LOAD_METHOD` (CPython's NULL).
    pub null: ObjRef<S>,
    /// Standard output, shared by all threads (one `print` call writes atomically).
    pub stdout: Mutex<Sink>,
    /// Standard error (tracebacks).
    pub stderr: Mutex<Sink>,
    /// Knobs.
    pub config: VmConfig,
    /// Numbering of `Thread-N` names.
    pub thread_counter: AtomicU64,
    /// Started Python threads not yet finished, with a condvar to wait for them at exit.
    pub live_threads: (Mutex<usize>, Condvar),
    /// `time.perf_counter()`'s origin.
    pub start: std::time::Instant,
    /// Interned dunder names.
    pub(crate) dunders: super::cache::Dunders<S>,
    /// Bumped whenever a class is created or a class dict changes (invalidates type caches).
    pub class_version: AtomicU64,
    /// Source text by file name, for the source lines of tracebacks.
    pub sources: Mutex<Vec<(Arc<str>, Arc<str>)>>,
    /// Objects found dead during a thread's teardown, after its interpreter state was gone (under `biased`,
    /// the exiting owner's last merges), each with one reference: their `__del__` runs on the next thread
    /// that returns from a blocking call (`join` among them) or at shutdown ([`Vm::hand_on`]).
    pub(crate) orphans: Mutex<Vec<ObjRef<S>>>,
    /// The strategy runtime every thread of this VM attaches to. The last field, so the VM's own objects
    /// are released before it: a runtime frees its deferred objects when its last handle goes.
    pub runtime: Runtime<S>,
}

impl<S: Strategy> std::fmt::Debug for Vm<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vm").field("strategy", &S::NAME).finish()
    }
}

impl<S: Strategy> Vm<S> {
    /// A new interpreter on `runtime`, with built-ins installed.
    pub fn new(runtime: Runtime<S>, config: VmConfig) -> Arc<Self> {
        // A collector enumerates objects through the thread that allocated them: build the VM attached.
        let mut builder = S::CONSTRAINTS.traces().then(|| runtime.thread());
        let _pin = builder.as_mut().map(|t| t.attach());
        let types = Types::new(runtime.global());
        let vm = Vm {
            types,
            builtins: dict_obj(),
            modules: dict_obj(),
            null: str_obj("<NULL>"),
            not_implemented: ObjRef::new(crate::interp::Native::<S> {
                name: "NotImplemented",
                func: not_implemented_call,
            }),
            stdout: Mutex::new(if config.capture { Sink::Capture(Vec::new()) } else { Sink::stdout() }),
            stderr: Mutex::new(if config.capture { Sink::Capture(Vec::new()) } else { Sink::Stderr }),
            config,
            thread_counter: AtomicU64::new(0),
            live_threads: (Mutex::new(0), Condvar::new()),
            start: std::time::Instant::now(),
            sources: Mutex::new(Vec::new()),
            orphans: Mutex::new(Vec::new()),
            class_version: AtomicU64::new(1),
            dunders: super::cache::Dunders::default(),
            runtime,
        };
        Arc::new(vm)
    }

    /// Report the objects the interpreter itself holds (roots for a tracing collector).
    pub fn trace_roots(&self, tracer: &mut crate::object::Tracer<S>) {
        self.types.trace(tracer);
        tracer.visit(self.builtins.as_obj());
        tracer.visit(self.modules.as_obj());
        tracer.visit(&self.not_implemented);
        tracer.visit(&self.null);
        self.orphans.lock().unwrap_or_else(|p| p.into_inner()).iter().for_each(|o| tracer.visit(o));
    }

    /// Hand on objects whose finalizer a finished thread could not run (see [`Vm::orphans`]).
    pub(crate) fn hand_on(&self, objs: Vec<ObjRef<S>>) {
        if !objs.is_empty() {
            self.orphans.lock().unwrap_or_else(|p| p.into_inner()).extend(objs);
        }
    }

    /// Take the objects finished threads handed on.
    pub(crate) fn take_orphans(&self) -> Vec<ObjRef<S>> {
        std::mem::take(&mut *self.orphans.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// The class of `obj`, borrowed.
    #[inline]
    pub fn class_of<'a>(&'a self, obj: &'a Obj<S>) -> &'a ObjRef<S> {
        match obj.kind() {
            TypeKind::Instance => &obj.downcast::<Instance<S>>().expect("kind checked").class,
            TypeKind::Exception => &obj.downcast::<Exception<S>>().expect("kind checked").class,
            k => self.types.of_kind(k),
        }
    }

    /// The name of `obj`'s class, as error messages print it.
    pub fn type_name(&self, obj: &Obj<S>) -> String {
        class_name(self.class_of(obj))
    }

    /// Write to standard output.
    pub fn write_stdout(&self, text: &str) {
        let mut out = self.stdout.lock().unwrap_or_else(|p| p.into_inner());
        let _ = out.write_all(text.as_bytes());
    }

    /// Write to standard error (flushing standard output first, so the two interleave as CPython's do).
    pub fn write_stderr(&self, text: &str) {
        self.flush_stdout();
        let mut err = self.stderr.lock().unwrap_or_else(|p| p.into_inner());
        let _ = err.write_all(text.as_bytes());
    }

    /// What a capturing VM collected: (stdout, stderr).
    pub fn captured(&self) -> (Vec<u8>, Vec<u8>) {
        let take = |m: &Mutex<Sink>| match &mut *m.lock().unwrap_or_else(|p| p.into_inner()) {
            Sink::Capture(v) => std::mem::take(v),
            _ => Vec::new(),
        };
        (take(&self.stdout), take(&self.stderr))
    }

    /// Flush standard output.
    pub fn flush_stdout(&self) {
        let mut out = self.stdout.lock().unwrap_or_else(|p| p.into_inner());
        let _ = out.flush();
    }

    /// The interned str for a dunder name such as `__init__` (cheaper than the intern table).
    #[inline]
    pub fn dunder(&self, name: &str) -> ObjRef<S> {
        self.dunders.get(name)
    }

    /// The current class version (see `cache.rs`).
    #[inline(always)]
    pub fn class_version(&self) -> u64 {
        // Acquire: pairs with the Release bump in `class_changed`, so a thread that sees the new version
        // also sees the class dict change behind it.
        self.class_version.load(Ordering::Acquire)
    }

    /// A class was created or a class dict changed: invalidate every thread's type cache.
    pub fn class_changed(&self) {
        // Release: pairs with the Acquire load in `class_version`.
        self.class_version.fetch_add(1, Ordering::Release);
    }

    /// Remember the source of `filename` for tracebacks.
    pub fn add_source(&self, filename: Arc<str>, src: Arc<str>) {
        self.sources.lock().unwrap_or_else(|p| p.into_inner()).push((filename, src));
    }

    /// Line `line` (1-based) of `filename`, stripped, if known.
    pub fn source_line(&self, filename: &str, line: u32) -> Option<String> {
        let sources = self.sources.lock().unwrap_or_else(|p| p.into_inner());
        let (_, src) = sources.iter().find(|(f, _)| &**f == filename)?;
        let text = src.lines().nth(line.checked_sub(1)? as usize)?.trim();
        (!text.is_empty()).then(|| text.to_owned())
    }

    /// One more started thread.
    pub fn thread_started(&self) {
        *self.live_threads.0.lock().unwrap_or_else(|p| p.into_inner()) += 1;
    }

    /// A started thread finished.
    pub fn thread_finished(&self) {
        let mut n = self.live_threads.0.lock().unwrap_or_else(|p| p.into_inner());
        *n -= 1;
        self.live_threads.1.notify_all();
    }

    /// Wait until every started thread finished (CPython's `threading._shutdown`). Call detached.
    pub fn wait_threads(&self) {
        let mut n = self.live_threads.0.lock().unwrap_or_else(|p| p.into_inner());
        while *n > 0 {
            n = self.live_threads.1.wait(n).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// The next `Thread-N` number.
    pub fn next_thread_number(&self) -> u64 {
        self.thread_counter.fetch_add(1, Ordering::Relaxed) + 1
    }
}

/// Where a VM's output goes.
#[derive(Debug)]
pub enum Sink {
    /// The process's standard output, buffered.
    Stdout(std::io::BufWriter<std::io::Stdout>),
    /// The process's standard error.
    Stderr,
    /// Memory (tests).
    Capture(Vec<u8>),
}

impl Sink {
    fn stdout() -> Self {
        Sink::Stdout(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()))
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::Stderr => std::io::stderr().write(buf),
            Sink::Capture(v) => v.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::Stderr => std::io::stderr().flush(),
            Sink::Capture(_) => Ok(()),
        }
    }
}

/// A class object's `__name__`.
pub fn class_name<S: Strategy>(cls: &Obj<S>) -> String {
    cls.downcast::<crate::object::Class<S>>()
        .and_then(|c| c.name.downcast::<Str>().map(|s| s.as_str().to_owned()))
        .unwrap_or_else(|| "?".to_owned())
}

/// The function of the `NotImplemented` singleton, a native that is not callable.
fn not_implemented_call<S: Strategy>(
    ts: &mut super::ThreadState<'_, S>,
    _args: &[ObjRef<S>],
    _kw: &[ObjRef<S>],
) -> super::PyResult<S> {
    Err(ts.type_error("'NotImplementedType' object is not callable"))
}
