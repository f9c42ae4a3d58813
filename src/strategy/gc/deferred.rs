//! Deferred reference counting (PEP 703): functions, classes, modules and code objects that live as long as
//! their runtime take no refcount operations at all, and the runtime frees them when it shuts down.
//!
//! **How this differs from CPython.** CPython 3.13t+ marks these objects deferred and skips refcounting
//! only for references held by the eval stack (a tagged `_PyStackRef`); references from the heap (a list
//! holding a function, an instance holding its class) are still counted, and a bias added to the shared
//! count keeps them from reaching zero until the cycle collector decides they are unreachable. That left
//! instance creation contended on the class's count in 3.13t, which 3.14 fixed with per-thread refcounts
//! for heap types. gilfree's value stack holds ordinary owned references, so it defers *every* reference
//! to these objects: calling a shared function or method, instantiating a shared class or storing either
//! in a container touches no counter, which is what 3.14's per-thread type refcounts achieve for classes
//! and slightly more than CPython does for functions stored in containers. Either way only a collection (or
//! shutdown) frees a deferred object; that is the same in both.
//!
//! **When they are freed.** By a cycle collection that knows every thread's roots ([`trial`](super::trial)): a
//! deferred object no root and no live object reaches is garbage, as in CPython 3.13t, and is forgotten
//! here ([`Deferred::forget`]) before it is freed. A collection that cannot see some thread's roots
//! (a thread stopped at a plain safepoint, or running a frame entered from Rust code) keeps every deferred
//! object. What is left is freed when the runtime's global state is dropped: after its VM and every
//! thread of the runtime. Objects of a runtime must not outlive it (the VM keeps its runtime as its last
//! field). Nested functions and lambdas (closures) are not deferred (CPython's `CO_NESTED` rule), so
//! creating closures in a loop frees them promptly, without a collection.
//!
//! **`gc.freeze()`** ([`Deferred::freeze`]) extends deferral to data: every counted object reachable
//! from the runtime's deferred objects (through module globals, class dicts, function defaults) becomes
//! deferred, so threads that afterwards only read a table built at start-up touch no count at all. This is
//! the read-mostly remedy of issue 5, measured by the `shared_dict_read_frozen` workload; it plays the role
//! of the immortalization that PEP 683 describes for pre-fork servers (CPython's `gc.freeze()` itself only
//! hides objects from the collector). The price: a frozen object that becomes garbage is kept until the
//! next collection that knows every thread's roots (a container) or until shutdown (a string or number,
//! which the cycle collector does not track), and freezing needs the runtime to itself (no other thread
//! may count meanwhile).

use std::ptr::NonNull;

use std::collections::HashSet;

use crate::object::{Obj, free_batch};
use crate::strategy::{FreezeRefused, RefCount, Strategy};
use crate::sync::{AtomicUsize, Mutex, Ordering};

/// A runtime's deferred objects, which it will free (only designs with deferred counts have any).
#[derive(Debug)]
pub struct Deferred<S: Strategy> {
    /// Deferred objects of this runtime (addresses, for `Send`).
    deferred: Mutex<Vec<usize>>,
    /// Thread states of this runtime that exist now.
    threads: AtomicUsize,
    _design: std::marker::PhantomData<fn() -> S>,
}

impl<S: Strategy> Default for Deferred<S> {
    fn default() -> Self {
        Self { deferred: Mutex::default(), threads: AtomicUsize::new(0), _design: std::marker::PhantomData }
    }
}

impl<S: Strategy> Deferred<S> {
    /// Take over freeing `obj`, a fresh deferred object.
    pub fn defer(&self, obj: NonNull<Obj<S>>) {
        self.deferred.lock().unwrap_or_else(|p| p.into_inner()).push(obj.as_ptr() as usize);
    }

    /// A thread state of this runtime was created.
    pub(crate) fn thread_created(&self) {
        self.threads.fetch_add(1, Ordering::Relaxed);
    }

    /// A thread state of this runtime is gone; it counts nothing any more.
    pub(crate) fn thread_gone(&self) {
        // Release: that thread's count updates happen-before a `freeze` that sees it gone (its Acquire).
        self.threads.fetch_sub(1, Ordering::Release);
    }

    /// `gc.freeze()`: make every counted object reachable from this runtime's deferred objects deferred.
    /// Refused unless the caller is this runtime's only thread; then `merge_own_queue` runs first, so that
    /// nothing else counts and no object is queued. Returns how many objects became deferred.
    pub fn freeze(&self, merge_own_queue: impl FnOnce()) -> Result<usize, FreezeRefused> {
        // Acquire: pairs with `thread_gone`'s Release.
        let threads = self.threads.load(Ordering::Acquire);
        if threads > 1 {
            return Err(FreezeRefused(threads - 1));
        }
        merge_own_queue();
        let mut deferred = self.deferred.lock().unwrap_or_else(|p| p.into_inner());
        let mut seen: HashSet<usize> = deferred.iter().copied().collect();
        let mut work: Vec<usize> = deferred.clone();
        let mut frozen = 0;
        while let Some(addr) = work.pop() {
            // SAFETY: `addr` is a deferred object of this runtime or was reached from one through owned
            // references, and the only thread of the runtime (ours) is in this call: it is alive.
            let obj = unsafe { &*(addr as *const Obj<S>) };
            for child in crate::object::children(obj) {
                let c = child.as_ptr() as usize;
                // SAFETY: a child reported by a live object's payload is alive (it holds a reference).
                let child = unsafe { child.as_ref() };
                if child.is_immortal() || !seen.insert(c) {
                    continue;
                }
                if child.rc().freeze() {
                    deferred.push(c);
                    frozen += 1;
                }
                work.push(c);
            }
        }
        Ok(frozen)
    }

    /// The cycle collector frees `freed` (deferred objects of this runtime, each once): stop owning them.
    pub fn forget(&self, freed: &[usize]) {
        let freed: HashSet<usize> = freed.iter().copied().collect();
        self.deferred.lock().unwrap_or_else(|p| p.into_inner()).retain(|a| !freed.contains(a));
    }

    /// How many deferred objects this runtime holds.
    pub fn deferred_len(&self) -> usize {
        self.deferred.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

impl<S: Strategy> Drop for Deferred<S> {
    fn drop(&mut self) {
        let addrs = std::mem::take(self.deferred.get_mut().unwrap_or_else(|p| p.into_inner()));
        let objs: Vec<NonNull<Obj<S>>> = addrs.into_iter().filter_map(|a| NonNull::new(a as *mut Obj<S>)).collect();
        // SAFETY: every address was handed to `defer` once, right after its deferred allocation; the runtime
        // is gone (this is its global state's drop: no thread and no VM of it is left), so nothing reaches
        // these objects except each other's payloads, which `free_batch` drops before freeing any memory.
        unsafe { free_batch::<S>(&objs) };
    }
}
