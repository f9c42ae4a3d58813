//! [`ThreadState`]: one OS thread running Python code.

use super::cache::{GlobalCache, TypeCache};
use super::frame::Frame;
use super::vm::Vm;
use crate::object::{Dict, Obj, ObjRef, PyLocal, Typed, dict_obj};
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
            pin,
        }
    }

    /// Poll the strategy's safepoint (backward jumps and calls).
    #[inline(always)]
    pub fn safepoint(&mut self) {
        self.pin.safepoint();
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

    /// Run a blocking operation detached (join, acquire, sleep).
    pub fn blocking<R>(&mut self, f: impl FnOnce() -> R) -> R {
        self.pin.blocking(f)
    }
}
