//! The owner registry of [`merge`](super::merge) under the loom model: the four `DashMap` calls that
//! `merge.rs` makes (`insert`, `get`, `remove_if`, `contains_key`), on one loom `RwLock` instead of
//! `DashMap`'s sharded `RwLock`s.
//!
//! Why it exists: loom runs every model thread on one OS thread and sees only its own primitives. A model
//! thread preempted while it holds a `DashMap` read guard (in `queue`, between the lookup and the push)
//! would leave the owner's `remove_if` blocked on the OS thread for ever, and loom could not see either
//! lock. So under `cfg(all(test, loom))` `merge.rs` imports this `OWNERS` instead of declaring its own.
//!
//! What it keeps: exactly the locking `merge.rs` relies on (interleavings 1–3 of its module docs). `get`
//! returns a guard that holds the read lock while the caller pushes into the owner's queue, as `DashMap`'s
//! `Ref` does, and `remove_if` runs its predicate under the write lock. A `loom::lazy_static!` is
//! created afresh in every execution, so no loom object outlives the execution that made it.

use std::collections::HashMap;
use std::ops::Deref;

use loom::sync::{RwLock, RwLockReadGuard};

use super::merge::Owner;
use crate::sync::Arc;

loom::lazy_static! {
    /// Every open period, by owner id (per loom execution).
    pub(super) static ref OWNERS: Registry = Registry::default();
}

/// Open periods by owner id, behind one loom `RwLock`.
#[derive(Debug, Default)]
pub(super) struct Registry(RwLock<HashMap<u32, Arc<Owner>>>);

/// A looked-up owner; holds the registry's read lock until dropped (like `dashmap::mapref::one::Ref`).
pub(super) struct Ref<'a> {
    map: RwLockReadGuard<'a, HashMap<u32, Arc<Owner>>>,
    tid: u32,
}

impl Deref for Ref<'_> {
    type Target = Arc<Owner>;

    fn deref(&self) -> &Arc<Owner> {
        &self.map[&self.tid]
    }
}

impl Registry {
    /// Register `owner` under `tid`.
    pub(super) fn insert(&self, tid: u32, owner: Arc<Owner>) -> Option<Arc<Owner>> {
        self.0.write().expect("registry lock poisoned").insert(tid, owner)
    }

    /// The owner registered under `tid`, with the read lock held.
    pub(super) fn get(&self, tid: &u32) -> Option<Ref<'_>> {
        let map = self.0.read().expect("registry lock poisoned");
        map.contains_key(tid).then_some(Ref { map, tid: *tid })
    }

    /// Remove `tid`'s owner if `f` (run under the write lock) says so.
    pub(super) fn remove_if(&self, tid: &u32, f: impl FnOnce(&u32, &Arc<Owner>) -> bool) -> Option<(u32, Arc<Owner>)> {
        let mut map = self.0.write().expect("registry lock poisoned");
        let keep = map.get(tid).is_none_or(|o| !f(tid, o));
        if keep { None } else { map.remove(tid).map(|o| (*tid, o)) }
    }

    /// Whether `tid` is registered.
    pub(super) fn contains_key(&self, tid: &u32) -> bool {
        self.0.read().expect("registry lock poisoned").contains_key(tid)
    }
}
