//! The type-attribute cache: CPython's method cache (`_PyType_Lookup`'s `type_cache`), per thread.
//!
//! Looking an attribute up on a class walks the class chain, one dict probe per class; method calls and
//! dunder dispatch do it constantly. The cache remembers the result (found or not) for a (class, name) pair,
//! tagged with the VM's class version. Any change to any class dict, and any new class, bumps the version,
//! which invalidates every entry at once (CPython tags each type separately; one global tag is coarser and
//! simpler, and class dicts rarely change after start-up).
//!
//! Keys are addresses. A class address can be reused only by a new class, which bumps the version; a name
//! is cached only if it is an immortal (interned) str, whose address is never reused.

use std::cell::RefCell;

use crate::object::{Obj, ObjRef};
use crate::strategy::Strategy;

/// Entries per thread (a power of two).
const SIZE: usize = 512;

struct Entry<S: Strategy> {
    class: usize,
    name: usize,
    version: u64,
    value: Option<ObjRef<S>>,
}

/// One thread's cache.
pub(crate) struct TypeCache<S: Strategy> {
    entries: RefCell<Box<[Entry<S>]>>,
}

impl<S: Strategy> Default for TypeCache<S> {
    fn default() -> Self {
        let entries = (0..SIZE).map(|_| Entry { class: 0, name: 0, version: 0, value: None }).collect();
        Self { entries: RefCell::new(entries) }
    }
}

#[inline(always)]
fn slot(class: usize, name: usize) -> usize {
    ((class >> 4) ^ (name >> 3) ^ (name >> 12)) & (SIZE - 1)
}

impl<S: Strategy> TypeCache<S> {
    /// Report the cached values (roots for a tracing collector).
    pub(crate) fn trace(&self, tracer: &mut crate::object::Tracer<S>) {
        self.entries.borrow().iter().filter_map(|e| e.value.as_ref()).for_each(|v| tracer.visit(v));
    }

    /// Forget every entry (at shutdown, so the cached values stop keeping garbage alive).
    pub(crate) fn clear(&self) {
        let old = std::mem::replace(&mut *self.entries.borrow_mut(), Self::default().entries.into_inner());
        drop(old);
    }

    /// The cached result for (`class`, `name`) at `version`: `Some(found)` on a hit.
    #[inline(always)]
    pub(crate) fn get(&self, class: &Obj<S>, name: &Obj<S>, version: u64) -> Option<Option<ObjRef<S>>> {
        let (c, n) = (class as *const Obj<S> as usize, name as *const Obj<S> as usize);
        let entries = self.entries.borrow();
        let e = &entries[slot(c, n)];
        (e.class == c && e.name == n && e.version == version).then(|| e.value.clone())
    }

    /// Remember a lookup result (only for immortal names; see the module docs).
    #[inline]
    pub(crate) fn put(&self, class: &Obj<S>, name: &Obj<S>, version: u64, value: Option<ObjRef<S>>) {
        if !(S::CONSTRAINTS.immortal && name.is_immortal()) {
            return;
        }
        let (c, n) = (class as *const Obj<S> as usize, name as *const Obj<S> as usize);
        let old = {
            let mut entries = self.entries.borrow_mut();
            std::mem::replace(&mut entries[slot(c, n)], Entry { class: c, name: n, version, value })
        };
        drop(old);
    }
}

macro_rules! dunders {
    ($($name:literal),* $(,)?) => {
        /// The dunder names the interpreter looks up, interned once per VM so lookups skip the intern table.
        const DUNDERS: &[&str] = &[$($name),*];

        /// The index of a known dunder name.
        #[inline]
        fn dunder_index(name: &str) -> Option<usize> {
            let mut i = 0;
            $(
                if name == $name {
                    return Some(i);
                }
                i += 1;
            )*
            let _ = i;
            None
        }
    };
}

dunders!(
    "__init__",
    "__eq__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__hash__",
    "__repr__",
    "__str__",
    "__len__",
    "__bool__",
    "__iter__",
    "__next__",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__contains__",
    "__call__",
    "__enter__",
    "__exit__",
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "__truediv__",
    "__floordiv__",
    "__mod__",
    "__neg__",
    "__iadd__",
    "__isub__",
    "__imul__",
    "__format__",
    "__int__",
    "__float__",
    "__name__",
);

/// Pre-interned dunder names.
pub(crate) struct Dunders<S: Strategy> {
    names: Box<[ObjRef<S>]>,
}

impl<S: Strategy> Default for Dunders<S> {
    fn default() -> Self {
        Self { names: DUNDERS.iter().map(|n| crate::object::intern::<S>(n)).collect() }
    }
}

impl<S: Strategy> Dunders<S> {
    /// The interned str for `name`.
    #[inline]
    pub(crate) fn get(&self, name: &str) -> ObjRef<S> {
        match dunder_index(name) {
            Some(i) => self.names[i].clone(),
            None => crate::object::intern::<S>(name),
        }
    }
}

struct GlobalEntry<S: Strategy> {
    /// The globals dict, held so its address cannot be reused while cached.
    globals: Option<ObjRef<S>>,
    name: usize,
    globals_version: u64,
    builtins_version: u64,
    value: Option<ObjRef<S>>,
}

/// One thread's `LOAD_GLOBAL` cache (CPython 3.11's `LOAD_GLOBAL_MODULE`/`LOAD_GLOBAL_BUILTIN`
/// specializations, keyed by dict versions): (globals dict, name) → the value, valid while neither the
/// globals nor the builtins dict changed.
pub(crate) struct GlobalCache<S: Strategy> {
    entries: RefCell<Box<[GlobalEntry<S>]>>,
}

/// Global-cache entries per thread (a power of two).
const GLOBAL_SIZE: usize = 256;

impl<S: Strategy> Default for GlobalCache<S> {
    fn default() -> Self {
        let entries = (0..GLOBAL_SIZE)
            .map(|_| GlobalEntry { globals: None, name: 0, globals_version: 0, builtins_version: 0, value: None })
            .collect();
        Self { entries: RefCell::new(entries) }
    }
}

impl<S: Strategy> GlobalCache<S> {
    /// Report the cached dicts and values (roots for a tracing collector).
    pub(crate) fn trace(&self, tracer: &mut crate::object::Tracer<S>) {
        for e in self.entries.borrow().iter() {
            e.globals.iter().chain(e.value.iter()).for_each(|v| tracer.visit(v));
        }
    }

    /// Forget every entry (at shutdown, so the cached dicts and values stop keeping garbage alive).
    pub(crate) fn clear(&self) {
        let old = std::mem::replace(&mut *self.entries.borrow_mut(), Self::default().entries.into_inner());
        drop(old);
    }

    /// The cached value of `name` in `globals` if both dicts are at the given versions.
    #[inline(always)]
    pub(crate) fn get(&self, globals: &Obj<S>, name: &Obj<S>, gv: u64, bv: u64) -> Option<ObjRef<S>> {
        let (g, n) = (globals as *const Obj<S> as usize, name as *const Obj<S> as usize);
        let entries = self.entries.borrow();
        let e = &entries[((g >> 4) ^ (n >> 3) ^ (n >> 11)) & (GLOBAL_SIZE - 1)];
        let same_dict = e.globals.as_ref().is_some_and(|d| d.as_ptr().as_ptr() as usize == g);
        if same_dict && e.name == n && e.globals_version == gv && e.builtins_version == bv {
            e.value.clone()
        } else {
            None
        }
    }

    /// Remember a found global (immortal names only, as for the type cache).
    #[inline]
    pub(crate) fn put(&self, globals: &ObjRef<S>, name: &Obj<S>, gv: u64, bv: u64, value: ObjRef<S>) {
        if !(S::CONSTRAINTS.immortal && name.is_immortal()) {
            return;
        }
        let (g, n) = (globals.as_ptr().as_ptr() as usize, name as *const Obj<S> as usize);
        let entry = GlobalEntry {
            globals: Some(globals.clone()),
            name: n,
            globals_version: gv,
            builtins_version: bv,
            value: Some(value),
        };
        let old = std::mem::replace(
            &mut self.entries.borrow_mut()[((g >> 4) ^ (n >> 3) ^ (n >> 11)) & (GLOBAL_SIZE - 1)],
            entry,
        );
        drop(old);
    }
}
