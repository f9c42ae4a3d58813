//! `dict`: insertion-ordered hash map of owned references, with the strategy's container protocol.
//!
//! Writers take the dict's lock. Lock-free readers (`atomic`) probe the current table without it:
//!
//! 1. load the table (Acquire) and walk the probe sequence;
//! 2. for an entry with an equal hash but a different key object, take a reference to the key first
//!    (`try_incref`; failure means the key is being deleted: retry), since comparing contents reads the
//!    key's payload, which only an owner may do;
//! 3. read the value with the slot protocol, then re-check that the entry still holds the key (an entry's
//!    key only ever goes from a key to null), so the value belongs to it.
//!
//! Replaced tables are retired, never freed in place, because a reader may still be probing one.

use std::ptr::{NonNull, null_mut};

use super::alloc::{Obj, Payload, TypeKind};
use super::dict_table::{Probe, Table};
use super::error::ObjError;
use super::handle::ObjRef;
use super::hash::{hash, key_eq};
use super::slot::{self, Len};
use super::trace::{Trace, Tracer};
use crate::strategy::{Attached, ContainerLock, LockGuard, Memory, Strategy};
use crate::sync::{AtomicPtr, AtomicU64, Ordering};

/// A `dict` payload.
pub struct Dict<S: Strategy> {
    lock: S::Lock,
    len: Len,
    /// Null until the first insertion.
    table: AtomicPtr<Table<S>>,
    /// Bumped after every change (CPython's `ma_version_tag`), so the interpreter can cache lookups.
    version: AtomicU64,
}

impl<S: Strategy> std::fmt::Debug for Dict<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dict").field("len", &self.len()).finish()
    }
}

impl<S: Strategy> Default for Dict<S> {
    fn default() -> Self {
        Self::new()
    }
}

/// Locked-mode key match: the dict owns every key, so contents can be compared directly.
fn locked_match<S: Strategy>(key: &Obj<S>, h: i64) -> impl Fn(&super::dict_table::Entry<S>) -> Option<bool> {
    move |e| {
        let k = e.key.raw();
        if k.is_null() {
            return Some(false);
        }
        if std::ptr::eq(k, key) {
            return Some(true);
        }
        // SAFETY: under the lock (or GIL) a non-null key is owned by the dict, hence live.
        Some(e.hash.load(Ordering::Relaxed) == h && key_eq(unsafe { &*k }, key))
    }
}

impl<S: Strategy> Dict<S> {
    /// An empty dict.
    pub fn new() -> Self {
        Self { lock: S::Lock::INIT, len: Len::new(0), table: AtomicPtr::new(null_mut()), version: AtomicU64::new(0) }
    }

    /// The number of items (a snapshot under concurrent writers).
    #[inline]
    pub fn len(&self) -> usize {
        self.len.load(Ordering::Relaxed)
    }

    /// Whether the dict is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The table, for a lock holder.
    #[inline(always)]
    fn table(&self) -> Option<&Table<S>> {
        // SAFETY: only lock holders replace and retire tables, so the current one is live while the caller
        // holds the lock (or the GIL), and while the dict lives.
        NonNull::new(self.table.load(Ordering::Relaxed)).map(|p| unsafe { p.as_ref() })
    }

    /// `dict.get(key)`: a new reference to the value, `None` if absent, `TypeError` if unhashable.
    pub fn get(&self, key: &Obj<S>, pin: &Attached<'_, S>) -> Result<Option<ObjRef<S>>, ObjError> {
        let h = hash(key)?;
        Ok(self.get_hashed(key, h, pin))
    }

    /// `dict.get(key)` with the key's hash already known.
    #[inline]
    pub fn get_hashed(&self, key: &Obj<S>, h: i64, _pin: &Attached<'_, S>) -> Option<ObjRef<S>> {
        slot::read::<S, _>(
            &self.lock,
            // SAFETY: the caller is pinned (`_pin`), so tables and objects loaded now stay allocated.
            || unsafe { self.get_optimistic(key, h) },
            || {
                let t = self.table()?;
                match t.probe(h, locked_match(key, h)) {
                    Probe::Found { ix, .. } => t.entry(ix).value.get_locked(),
                    _ => None,
                }
            },
        )
    }

    /// One lock-free lookup attempt: `None` asks for a retry.
    ///
    /// # Safety
    ///
    /// The caller is pinned.
    unsafe fn get_optimistic(&self, key: &Obj<S>, h: i64) -> Option<Option<ObjRef<S>>> {
        // Acquire: pairs with the Release store that published the table, so its contents are visible.
        let t_ptr = self.table.load(Ordering::Acquire);
        let Some(t) = NonNull::new(t_ptr) else {
            return Some(None);
        };
        // SAFETY: pinned (caller's contract), so a retired table stays allocated.
        let t = unsafe { t.as_ref() };
        let mut found_key = null_mut();
        let probe = t.probe(h, |e| {
            let k = e.key.load_acquire();
            if k.is_null() {
                return Some(false);
            }
            if std::ptr::eq(k, key) {
                found_key = k;
                return Some(true);
            }
            if e.hash.load(Ordering::Relaxed) != h {
                return Some(false);
            }
            // Comparing contents reads the key's payload: own a reference first (step 2).
            // SAFETY: pinned, so the key's memory is valid even if it is being deleted.
            let owned = unsafe { e.key.try_get() }??;
            let eq = key_eq(&owned, key);
            found_key = k;
            Some(eq)
        });
        let r = match probe {
            Probe::Retry => return None,
            Probe::Vacant { .. } => None,
            Probe::Found { ix, .. } => {
                let e = t.entry(ix);
                // SAFETY: pinned.
                let v = unsafe { e.value.try_get() }?;
                // Step 3: the entry still holds our key, so `v` is its value (or it was just deleted).
                if e.key.load_acquire() != found_key {
                    return None;
                }
                v
            }
        };
        // Step 3 for the table too: a retired table's entries are never rewritten, so after a resize they
        // may point at objects since replaced and freed in the new table, whose memory may hold new objects
        // (a wrong key compared, a wrong value returned). Acquire: pairs with the Release store of a new
        // table.
        if self.table.load(Ordering::Acquire) != t_ptr {
            return None;
        }
        Some(r)
    }

    /// `key in dict`
    pub fn contains(&self, key: &Obj<S>, pin: &Attached<'_, S>) -> Result<bool, ObjError> {
        Ok(self.get(key, pin)?.is_some())
    }

    /// The change counter: equal values mean no change in between (for caches of lookups; read it before
    /// the lookup whose result is cached).
    #[inline(always)]
    pub fn version(&self) -> u64 {
        // Acquire: pairs with the Release store in `bump`, so a reader that sees a version also sees the
        // change that preceded it.
        self.version.load(Ordering::Acquire)
    }

    /// Count a change; the lock is held (so a plain load and store suffice), and the change is done.
    #[inline(always)]
    fn bump(&self) {
        // Release: pairs with the Acquire load in `version`.
        self.version.store(self.version.load(Ordering::Relaxed).wrapping_add(1), Ordering::Release);
    }

    /// `dict[key] = value`; returns the replaced value, if any.
    pub fn set(&self, key: ObjRef<S>, value: ObjRef<S>, _pin: &Attached<'_, S>) -> Result<Option<ObjRef<S>>, ObjError> {
        let h = hash(&key)?;
        let _g = LockGuard::new(&self.lock);
        let (t, pos) = match self.table().map(|t| (t, t.probe(h, locked_match(&key, h)))) {
            // The existing key object stays (as in CPython); `key` is dropped on return, after the unlock.
            Some((t, Probe::Found { ix, .. })) => {
                let old = t.entry(ix).value.replace(Some(value));
                self.bump();
                return Ok(old);
            }
            Some((t, Probe::Vacant { pos })) if t.has_room() => (t, pos),
            _ => {
                let t = self.grow();
                match t.probe(h, |_| Some(false)) {
                    Probe::Vacant { pos } => (t, pos),
                    Probe::Found { .. } | Probe::Retry => unreachable!("a probe that matches nothing ends vacant"),
                }
            }
        };
        t.push(pos, h, key.into_raw().as_ptr(), value.into_raw().as_ptr());
        self.len.store(self.len() + 1, Ordering::Relaxed);
        self.bump();
        Ok(None)
    }

    /// `del dict[key]`: the removed value, or `None` if absent.
    pub fn remove(&self, key: &Obj<S>, _pin: &Attached<'_, S>) -> Result<Option<ObjRef<S>>, ObjError> {
        let h = hash(key)?;
        let (old_key, old_value) = {
            let _g = LockGuard::new(&self.lock);
            let Some(t) = self.table() else {
                return Ok(None);
            };
            let Probe::Found { pos, ix } = t.probe(h, locked_match(key, h)) else {
                return Ok(None);
            };
            t.mark_deleted(pos);
            let e = t.entry(ix);
            self.len.store(self.len() - 1, Ordering::Relaxed);
            let out = (e.key.replace(None), e.value.replace(None));
            self.bump();
            out
        };
        drop(old_key); // Released outside the lock.
        Ok(old_value)
    }

    /// Remove every item.
    pub fn clear(&self, _pin: &Attached<'_, S>) {
        let old = {
            let _g = LockGuard::new(&self.lock);
            self.len.store(0, Ordering::Relaxed);
            // Release: pairs with readers' Acquire table loads (they see an empty dict).
            let old = self.table.swap(null_mut(), Ordering::Release);
            self.bump();
            old
        };
        if !old.is_null() {
            // SAFETY: `old` is unlinked; release its references (it is ours alone to release) and retire it.
            unsafe {
                for e in (*old).used_entries() {
                    drop(e.key.replace(None));
                    drop(e.value.replace(None));
                }
                <S::Memory as Memory>::retire(old.cast(), Table::<S>::free);
            }
        }
    }

    /// A snapshot of the items in insertion order.
    pub fn items(&self, _pin: &Attached<'_, S>) -> Vec<(ObjRef<S>, ObjRef<S>)> {
        let _g = LockGuard::new(&self.lock);
        let Some(t) = self.table() else {
            return Vec::new();
        };
        t.used_entries().iter().filter_map(|e| Some((e.key.get_locked()?, e.value.get_locked()?))).collect()
    }

    /// A snapshot of the keys in insertion order.
    pub fn keys(&self, pin: &Attached<'_, S>) -> Vec<ObjRef<S>> {
        self.items(pin).into_iter().map(|(k, _)| k).collect()
    }

    /// Replace the table with a new one holding the live entries (compacted) and room to grow. Lock held.
    fn grow(&self) -> &Table<S> {
        let new = Table::<S>::with_room_for(self.len() + 1);
        if let Some(old) = self.table() {
            for e in old.used_entries() {
                let (k, v) = (e.key.raw(), e.value.raw());
                if k.is_null() {
                    continue;
                }
                let h = e.hash.load(Ordering::Relaxed);
                // Keys are distinct, so the first free slot of each probe is where it goes.
                if let Probe::Vacant { pos } = new.probe(h, |_| Some(false)) {
                    new.push(pos, h, k, v);
                }
            }
        }
        let new = Box::into_raw(new);
        // Release: readers that load the new table with Acquire see its entries.
        let old = self.table.swap(new, Ordering::Release);
        if !old.is_null() {
            // SAFETY: the old table is unlinked, its references moved to the new one, retired once here.
            unsafe { <S::Memory as Memory>::retire(old.cast(), Table::<S>::free) };
        }
        // SAFETY: just published; live while the lock is held.
        unsafe { &*new }
    }
}

impl<S: Strategy> Drop for Dict<S> {
    fn drop(&mut self) {
        let p = self.table.load(Ordering::Relaxed);
        if !p.is_null() {
            // SAFETY: the dict is being dropped, so nobody else reaches its table; release the references
            // and free it now.
            unsafe {
                for e in (*p).used_entries() {
                    drop(e.key.replace(None));
                    drop(e.value.replace(None));
                }
                Table::<S>::free(p.cast());
            }
        }
    }
}

impl<S: Strategy> Trace<S> for Dict<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        // Under the lock, so no writer can retire the table while we walk it.
        let _g = LockGuard::new(&self.lock);
        if let Some(t) = self.table() {
            for e in t.used_entries() {
                tracer.visit_raw(e.key.raw());
                tracer.visit_raw(e.value.raw());
            }
        }
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Dict<S> {
    const KIND: TypeKind = TypeKind::Dict;
    const NAME: &'static str = "dict";
}
