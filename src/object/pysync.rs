//! `threading.Lock`, `threading.Thread` and `threading.local` objects.

use super::alloc::{Payload, TypeKind};
use super::handle::ObjRef;
use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;
use crate::sync::{AtomicU64, Condvar, Mutex};

/// `threading.Lock`: a binary semaphore (any thread may release it, as in Python).
#[derive(Debug, Default)]
pub struct PyLock {
    /// Whether it is held.
    pub locked: Mutex<bool>,
    /// Signalled on release.
    pub released: Condvar,
}

impl<S: Strategy> Trace<S> for PyLock {
    fn trace(&self, _tracer: &mut Tracer<S>) {}
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for PyLock {
    const KIND: TypeKind = TypeKind::Lock;
    const NAME: &'static str = "lock";
    const LEAF: bool = true;
}

/// `threading.Thread`.
#[derive(Debug)]
pub struct PyThread<S: Strategy> {
    /// `target` (or `None`).
    pub target: ObjRef<S>,
    /// `args` (a tuple).
    pub args: ObjRef<S>,
    /// `name` (e.g. `Thread-1 (work)`).
    pub name: String,
    /// The OS thread, between `start` and `join`.
    pub handle: Mutex<Option<std::thread::JoinHandle<()>>>,
    /// `ident` once started (0 before).
    pub ident: AtomicU64,
}

impl<S: Strategy> Trace<S> for PyThread<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        tracer.visit(&self.target);
        tracer.visit(&self.args);
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for PyThread<S> {
    const KIND: TypeKind = TypeKind::Thread;
    const NAME: &'static str = "Thread";
}

/// `threading.local`: an object whose attributes are per thread.
///
/// The object itself holds only a serial number, unique for the life of the process; each thread keeps its
/// own attribute dict for it under that number (`ThreadState::locals`), so reading an attribute touches the
/// shared object and the calling thread's private dict, never another thread's. A thread's dicts live until
/// the thread ends, even if the `local` dies first (CPython frees them with the `local`, through weakrefs).
#[derive(Debug)]
pub struct PyLocal {
    /// The key of this object's dict in every thread's table.
    pub serial: u64,
}

impl<S: Strategy> Trace<S> for PyLocal {
    fn trace(&self, _tracer: &mut Tracer<S>) {}
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for PyLocal {
    const KIND: TypeKind = TypeKind::Local;
    const NAME: &'static str = "_thread._local";
    const LEAF: bool = true;
}
