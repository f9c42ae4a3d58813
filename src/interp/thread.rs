//! [`ThreadState`]: one OS thread running Python code.

use super::cache::{GlobalCache, TypeCache};
use super::frame::Frame;
use super::vm::Vm;
use crate::object::{Dict, Finalizers, Obj, ObjRef, PyLocal, RootSet, RootStack, Tracer, Typed, dict_obj};
use crate::strategy::{Attached, Strategy};
use crate::sync::Arc;

/// One thread of a [`Vm`]: the attach token, the recursion depth, and the exception being handled.
///
/// The token is the last field, so the VM reference and pooled buffers are released before it detaches.
pub struct ThreadState<'t, S: Strategy> {
    /// The interpreter.
    pub vm: Arc<Vm<S>>,
    /// Python frames currently running on this thread.
    pub depth: u32,
    /// The exception being handled (`sys.exc_info()`), for bare `raise` and `__context__`.
    pub handling: Option<ObjRef<S>>,
    /// Set by instructions that re-raise, so unwinding adds no traceback entry for them.
    pub reraising: bool,
    /// Recycled frame buffers (locals and value stacks), so calls do not allocate.
    pub(crate) pool: Vec<Frame<S>>,
    /// The type-attribute cache.
    pub(crate) type_cache: TypeCache<S>,
    /// The `LOAD_GLOBAL` cache.
    pub(crate) global_cache: GlobalCache<S>,
    /// `threading.get_ident()`.
    pub ident: u64,
    /// This thread's attribute dicts of `threading.local` objects, by their serial number.
    pub(crate) locals: std::collections::HashMap<u64, Typed<S, Dict<S>>>,
    /// The running frames, for a tracing collector (only kept under `tracing`; see [`RootStack`]).
    pub frames: RootStack<S>,
    /// Objects Rust code keeps alive across safepoints on this thread (the harness's workload functions,
    /// the main module): roots for a tracing collector.
    pub pinned: Vec<ObjRef<S>>,
    /// Set by the eval loop's call instructions (and top-level entries) right before `ops::call`, which
    /// takes it: the frame it runs is entered *safely*, its caller keeping every object it holds reachable.
    /// Every other entry into Python is unsafe (see [`RootStack`]).
    pub(crate) safe_entry: bool,
    /// Objects found dead whose `__del__` has yet to run on this thread (see [`super::finalize`]).
    pub(crate) finalizers: Finalizers<S>,
    /// The strategy's attach token: proves this thread may touch objects.
    pub pin: Attached<'t, S>,
}

impl<S: Strategy> std::fmt::Debug for ThreadState<'_, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ThreadState").field("strategy", &S::NAME).field("depth", &self.depth).finish()
    }
}

fn current_ident() -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::thread::current().id().hash(&mut h);
    // Positive and below 2**62, like the idents CPython prints.
    h.finish() >> 2
}

impl<'t, S: Strategy> ThreadState<'t, S> {
    /// State for the current OS thread, attached through `pin`.
    pub fn new(vm: Arc<Vm<S>>, pin: Attached<'t, S>) -> Self {
        Self {
            vm,
            depth: 0,
            handling: None,
            reraising: false,
            pool: Vec::new(),
            type_cache: TypeCache::default(),
            global_cache: GlobalCache::default(),
            ident: current_ident(),
            locals: std::collections::HashMap::new(),
            frames: RootStack::default(),
            pinned: Vec::new(),
            safe_entry: false,
            finalizers: Finalizers::open(),
            pin,
        }
    }

    /// Poll the strategy's safepoint (backward jumps and calls). Under a collector, this thread's roots go
    /// with it, so a collection may run here. Then run the finalizers of objects found dead meanwhile.
    #[inline(always)]
    pub fn safepoint(&mut self) {
        if S::CONSTRAINTS.reports_roots() {
            if self.pin.collector_polled() {
                self.pin.safepoint_with(&roots!(self));
            } else {
                self.pin.safepoint_quiet();
            }
        } else {
            self.pin.safepoint();
        }
        if Finalizers::<S>::pending() {
            super::finalize::run_pending(self);
        }
    }

    /// `gc.collect()`: a full collection with this thread's roots; the objects it freed. What it found
    /// awaiting a finalizer is queued, not run (see [`super::finalize::run_pending`]).
    pub fn collect(&mut self) -> usize {
        self.finalizers.adopt();
        let freed = self.pin.collect(&roots!(self));
        self.finalizers.adopt();
        freed
    }

    /// This thread's attribute dict of the `threading.local` object `obj`, if it has one yet.
    pub(crate) fn local_dict(&self, obj: &Obj<S>) -> Option<&Dict<S>> {
        let serial = obj.downcast::<PyLocal>()?.serial;
        self.locals.get(&serial).map(|d| &**d)
    }

    /// Give this thread an attribute dict for the `threading.local` object `obj` (once).
    pub(crate) fn make_local_dict(&mut self, obj: &Obj<S>) {
        if let Some(l) = obj.downcast::<PyLocal>() {
            self.locals.entry(l.serial).or_insert_with(dict_obj::<S>);
        }
    }

    /// Run a blocking operation detached (join, acquire, sleep). A collector may run meanwhile, with this
    /// thread's roots: the caller must hold no object that they do not reach (a built-in's arguments are
    /// on its caller's value stack, which they do).
    /// Afterwards, take in the objects whose finalizers finished threads handed on ([`Vm::orphans`](super::Vm)):
    /// a `join` returns with the joined thread's leftovers queued.
    pub fn blocking<R>(&mut self, f: impl FnOnce() -> R) -> R {
        self.finalizers.adopt();
        let r = if S::CONSTRAINTS.reports_roots() {
            self.pin.blocking_with(&roots!(self), f)
        } else {
            self.pin.blocking(f)
        };
        self.finalizers.take_in(self.vm.take_orphans());
        r
    }

    /// Run `body` with the next call entered safely (see [`ThreadState::safe_entry`]): for top-level
    /// entries (the main module, a thread's target, the harness's `work`), whose Rust caller keeps every
    /// argument reachable.
    pub fn enter_safely<R>(&mut self, body: impl FnOnce(&mut Self) -> R) -> R {
        self.safe_entry = true;
        let r = body(self);
        self.safe_entry = false;
        r
    }
}

/// This thread's roots, borrowed field by field so that the attach token can be borrowed mutably beside
/// them.
macro_rules! roots {
    ($ts:expr) => {
        Roots {
            vm: &$ts.vm,
            frames: &$ts.frames,
            handling: &$ts.handling,
            type_cache: &$ts.type_cache,
            global_cache: &$ts.global_cache,
            locals: &$ts.locals,
            pinned: &$ts.pinned,
            finalizers: &$ts.finalizers,
        }
    };
}
use roots;

/// Everything one thread holds outside the heap (see [`RootSet`]).
struct Roots<'a, S: Strategy> {
    vm: &'a Vm<S>,
    frames: &'a RootStack<S>,
    handling: &'a Option<ObjRef<S>>,
    type_cache: &'a TypeCache<S>,
    global_cache: &'a GlobalCache<S>,
    locals: &'a std::collections::HashMap<u64, Typed<S, Dict<S>>>,
    pinned: &'a [ObjRef<S>],
    finalizers: &'a Finalizers<S>,
}

impl<S: Strategy> RootSet<S> for Roots<'_, S> {
    fn report(&self, tracer: &mut Tracer<S>) {
        self.vm.trace_roots(tracer);
        self.frames.report(tracer);
        if let Some(h) = self.handling {
            tracer.visit(h);
        }
        self.type_cache.trace(tracer);
        self.global_cache.trace(tracer);
        self.locals.values().for_each(|d| tracer.visit(d.as_obj()));
        self.pinned.iter().for_each(|o| tracer.visit(o));
        self.finalizers.report(tracer);
    }

    fn collectable(&self) -> bool {
        self.frames.unsafe_frames() == 0
    }
}
