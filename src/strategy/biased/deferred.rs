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
//! **When they are freed.** Until the cycle collector lands (issue 7) there is no collection, so a deferred
//! object lives until its runtime's global state is dropped: after its VM and every thread of the
//! runtime. Objects of a runtime must not outlive it (the VM keeps its runtime as its last field). A
//! program that creates classes in a loop therefore keeps them until exit, as one that creates them
//! under CPython 3.13t keeps them until the next collection. Nested functions and lambdas (closures) are
//! not deferred (CPython's `CO_NESTED` rule), so creating closures in a loop frees them promptly.

use std::ptr::NonNull;

use super::Biased;
use crate::object::{Obj, free_deferred};
use crate::sync::Mutex;

/// A `biased` runtime's global state: the deferred objects it will free.
#[derive(Debug, Default)]
pub struct BiasedGlobal {
    /// Deferred objects of this runtime (addresses, for `Send`).
    deferred: Mutex<Vec<usize>>,
}

impl BiasedGlobal {
    /// Take over freeing `obj`, a fresh deferred object.
    pub fn defer(&self, obj: NonNull<Obj<Biased>>) {
        self.deferred.lock().unwrap_or_else(|p| p.into_inner()).push(obj.as_ptr() as usize);
    }

    /// How many deferred objects this runtime holds.
    pub fn deferred_len(&self) -> usize {
        self.deferred.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

impl Drop for BiasedGlobal {
    fn drop(&mut self) {
        let addrs = std::mem::take(self.deferred.get_mut().unwrap_or_else(|p| p.into_inner()));
        let objs: Vec<NonNull<Obj<Biased>>> =
            addrs.into_iter().filter_map(|a| NonNull::new(a as *mut Obj<Biased>)).collect();
        // SAFETY: every address was handed to `defer` once, right after its deferred allocation; the runtime
        // is gone (this is its global state's drop: no thread and no VM of it is left), so nothing reaches
        // these objects except each other's payloads, which `free_deferred` drops before freeing any memory.
        unsafe { free_deferred::<Biased>(&objs) };
    }
}
