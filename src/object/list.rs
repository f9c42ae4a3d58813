//! `list`: a growable array of owned references, with the strategy's container protocol.
//!
//! Every operation takes the [`Attached`] token (GIL held, epoch pinned). Writers also take the list's lock
//! ([`Strategy::Lock`]; a no-op under a GIL). Readers follow [`slot::read`]: lock-free under `atomic`,
//! locked under `locks`, plain under `gil`. Growing allocates a new [`SlotArray`], copies the pointers,
//! publishes it with a Release store and retires the old array, which a racing reader may still be indexing.

use std::ptr::{NonNull, null_mut};

use super::alloc::{Payload, TypeKind};
use super::error::ObjError;
use super::handle::ObjRef;
use super::slot::{self, Len, SlotArray};
use super::trace::{Trace, Tracer};
use crate::strategy::{Attached, ContainerLock, LockGuard, Memory, Strategy};
use crate::sync::{AtomicPtr, Ordering};

/// A `list` payload.
pub struct List<S: Strategy> {
    lock: S::Lock,
    len: Len,
    /// Null until the first item arrives.
    items: AtomicPtr<SlotArray<S>>,
}

impl<S: Strategy> std::fmt::Debug for List<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("List").field("len", &self.len()).finish()
    }
}

impl<S: Strategy> Default for List<S> {
    fn default() -> Self {
        Self::new()
    }
}

/// CPython's over-allocation (`list_resize`): about 12.5% plus a little, rounded to a multiple of 4.
fn grown_capacity(needed: usize) -> usize {
    (needed + (needed >> 3) + 6) & !3
}

fn index_error() -> ObjError {
    ObjError::Index("list index out of range".to_owned())
}

impl<S: Strategy> List<S> {
    /// An empty list.
    pub fn new() -> Self {
        Self { lock: S::Lock::INIT, len: Len::new(0), items: AtomicPtr::new(null_mut()) }
    }

    /// A list owning `items`.
    pub fn from_vec(items: Vec<ObjRef<S>>) -> Self {
        let list = Self::new();
        if !items.is_empty() {
            let arr = SlotArray::<S>::alloc(items.len());
            // SAFETY: freshly allocated, not shared yet.
            let slots = unsafe { arr.as_ref() }.slots();
            let n = items.len();
            for (slot, item) in slots.iter().zip(items) {
                slot.set_raw(item.into_raw().as_ptr());
            }
            list.items.store(arr.as_ptr(), Ordering::Relaxed);
            list.len.store(n, Ordering::Relaxed);
        }
        list
    }

    /// The number of items (a snapshot under concurrent writers).
    #[inline]
    pub fn len(&self) -> usize {
        self.len.load(Ordering::Relaxed)
    }

    /// Whether the list is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The current array, for a writer holding the lock (or a reader under it).
    #[inline(always)]
    fn array(&self) -> Option<&SlotArray<S>> {
        // SAFETY: a non-null array is live while the list is and the caller holds the lock, since only lock
        // holders replace (and retire) arrays.
        NonNull::new(self.items.load(Ordering::Relaxed)).map(|p| unsafe { p.as_ref() })
    }

    /// `list[i]` for `0 <= i`, as a new reference; `None` when out of range.
    #[inline]
    pub fn get(&self, i: usize, _pin: &Attached<'_, S>) -> Option<ObjRef<S>> {
        slot::read::<S, _>(
            &self.lock,
            || {
                // Acquire: pairs with the Release length stores of `append`/`insert`/`pop`, so a slot
                // below the length we see holds what was stored before that length was published.
                if i >= self.len.load(Ordering::Acquire) {
                    return Some(None);
                }
                // Acquire: pairs with the Release store that published a grown array, whose slots were
                // filled before it.
                let arr_ptr = self.items.load(Ordering::Acquire);
                let arr = NonNull::new(arr_ptr)?;
                // SAFETY: we are pinned (`_pin`), so an array loaded now stays allocated until our next
                // safepoint even if a writer retires it.
                let arr = unsafe { arr.as_ref() };
                let slot = arr.slots().get(i)?;
                // SAFETY: pinned, as above.
                let v = unsafe { slot.try_get() }?;
                // Step 3 for the array too (CPython's `list_get_item_ref` re-checks `ob_item`): a retired
                // array's slots are never rewritten, so an unchanged slot there proves nothing once the
                // item moved to a new array and was replaced and freed; its memory may hold a new object.
                // Acquire, as the slot reload in `try_get`: pairs with the Release store of a new array.
                if self.items.load(Ordering::Acquire) != arr_ptr {
                    return None;
                }
                Some(v)
            },
            || {
                if i >= self.len() {
                    return None;
                }
                self.array()?.slots()[i].get_locked()
            },
        )
    }

    /// `list[i] = v` for `0 <= i < len`.
    pub fn set(&self, i: usize, v: ObjRef<S>, _pin: &Attached<'_, S>) -> Result<(), ObjError> {
        let old = {
            let _g = LockGuard::new(&self.lock);
            if i >= self.len() {
                return Err(index_error());
            }
            self.array().ok_or_else(index_error)?.slots()[i].replace(Some(v))
        };
        drop(old); // Released outside the lock, as CPython does.
        Ok(())
    }

    /// `list.append(v)`
    pub fn append(&self, v: ObjRef<S>, _pin: &Attached<'_, S>) {
        let _g = LockGuard::new(&self.lock);
        let n = self.len();
        let arr = self.reserve_locked(n + 1);
        arr.slots()[n].set_raw(v.into_raw().as_ptr());
        // Release: readers that see the new length also see the item stored above.
        self.len.store(n + 1, Ordering::Release);
    }

    /// `list.insert(i, v)` with `i` clamped to `0..=len`.
    pub fn insert(&self, i: usize, v: ObjRef<S>, _pin: &Attached<'_, S>) {
        let _g = LockGuard::new(&self.lock);
        let n = self.len();
        let i = i.min(n);
        let arr = self.reserve_locked(n + 1);
        let slots = arr.slots();
        for j in (i..n).rev() {
            slots[j + 1].set_raw(slots[j].raw());
        }
        slots[i].set_raw(v.into_raw().as_ptr());
        // Release: as in `append`.
        self.len.store(n + 1, Ordering::Release);
    }

    /// `list.pop(i)` (the last item for `None`); `None` if out of range.
    pub fn pop(&self, i: Option<usize>, _pin: &Attached<'_, S>) -> Option<ObjRef<S>> {
        let _g = LockGuard::new(&self.lock);
        let n = self.len();
        let i = i.unwrap_or(n.checked_sub(1)?);
        if i >= n {
            return None;
        }
        let slots = self.array()?.slots();
        let out = slots[i].replace(None);
        for j in i..n - 1 {
            slots[j].set_raw(slots[j + 1].raw());
        }
        slots[n - 1].set_raw(null_mut());
        // Release: readers that see the shorter length see the cleared slot too.
        self.len.store(n - 1, Ordering::Release);
        out
    }

    /// Remove every item (`list.clear()`).
    pub fn clear(&self, _pin: &Attached<'_, S>) {
        let items: Vec<ObjRef<S>> = {
            let _g = LockGuard::new(&self.lock);
            let n = self.len();
            // Release: as in `pop`.
            self.len.store(0, Ordering::Release);
            match self.array() {
                Some(arr) => arr.slots()[..n].iter().filter_map(|s| s.replace(None)).collect(),
                None => Vec::new(),
            }
        };
        drop(items);
    }

    /// A snapshot of the items (for iteration and printing), taken consistently under the lock where the
    /// strategy has one.
    pub fn to_vec(&self, _pin: &Attached<'_, S>) -> Vec<ObjRef<S>> {
        let _g = LockGuard::new(&self.lock);
        let n = self.len();
        match self.array() {
            Some(arr) => arr.slots()[..n].iter().filter_map(|s| s.get_locked()).collect(),
            None => Vec::new(),
        }
    }

    /// Rewrite the whole list under its lock (sort, reverse, remove, slice assignment): `f` edits a copy of
    /// the items, which then replaces the contents in a fresh array. `f` must not run Python code.
    ///
    /// Racing lock-free readers keep indexing the old array, which is retired, and whose slots are left
    /// intact (not nulled), so a reader sees either the old or the new contents, never a hole.
    pub fn modify<R>(&self, _pin: &Attached<'_, S>, f: impl FnOnce(&mut Vec<ObjRef<S>>) -> R) -> R {
        let (out, released) = {
            let _g = LockGuard::new(&self.lock);
            let n = self.len();
            let old = self.array().map(NonNull::from);
            let mut items: Vec<ObjRef<S>> = match old {
                // SAFETY: a non-null array is live while we hold the lock.
                Some(arr) => unsafe { arr.as_ref() }.slots()[..n].iter().filter_map(|s| s.get_locked()).collect(),
                None => Vec::new(),
            };
            let out = f(&mut items);
            let m = items.len();
            let new = if items.is_empty() {
                null_mut()
            } else {
                let arr = SlotArray::<S>::alloc(grown_capacity(items.len()));
                // SAFETY: freshly allocated, published below.
                let slots = unsafe { arr.as_ref() }.slots();
                for (slot, item) in slots.iter().zip(items.drain(..)) {
                    slot.set_raw(item.into_raw().as_ptr());
                }
                arr.as_ptr()
            };
            // Release: the new array's slots were filled above; readers load it with Acquire.
            self.items.store(new, Ordering::Release);
            // Release: pairs with readers' Acquire length loads (see `get`).
            self.len.store(m, Ordering::Release);
            let mut released = Vec::with_capacity(n);
            if let Some(arr) = old {
                // SAFETY: the old array is unlinked; its first `n` slots still own one reference each, which
                // we take over without clearing the slots (racing readers may still be looking at them).
                for s in unsafe { arr.as_ref() }.slots()[..n].iter() {
                    if let Some(p) = NonNull::new(s.raw()) {
                        // SAFETY: the slot's reference is handed to us, once.
                        released.push(unsafe { ObjRef::from_raw(p) });
                    }
                }
                // SAFETY: unlinked above, retired once; its references were taken over.
                unsafe { <S::Memory as Memory>::retire(arr.as_ptr().cast(), SlotArray::<S>::free) };
            }
            (out, released)
        };
        drop(released);
        out
    }

    /// Make room for `needed` items; the lock is held. Returns the (possibly new) array.
    fn reserve_locked(&self, needed: usize) -> &SlotArray<S> {
        if let Some(arr) = self.array()
            && arr.cap() >= needed
        {
            return arr;
        }
        let new = SlotArray::<S>::alloc(grown_capacity(needed));
        // SAFETY: freshly allocated; published below.
        let new_ref = unsafe { new.as_ref() };
        let n = self.len();
        if let Some(old) = self.array() {
            for (dst, src) in new_ref.slots().iter().zip(&old.slots()[..n]) {
                dst.set_raw(src.raw());
            }
        }
        // Release: the copied slots are visible to any reader that loads the new array with Acquire.
        let old = self.items.swap(new.as_ptr(), Ordering::Release);
        if !old.is_null() {
            // SAFETY: the old array is unlinked (only lock holders swap arrays), its references moved to the
            // new array, and it is retired exactly once here.
            unsafe { <S::Memory as Memory>::retire(old.cast(), SlotArray::<S>::free) };
        }
        new_ref
    }
}

impl<S: Strategy> Drop for List<S> {
    fn drop(&mut self) {
        let p = self.items.load(Ordering::Relaxed);
        if let Some(arr) = NonNull::new(p) {
            let n = self.len.load(Ordering::Relaxed);
            // SAFETY: the list is being dropped, so nobody else can reach its array any more (readers hold a
            // reference to the list while reading it): release its items and free it now.
            unsafe {
                for s in &arr.as_ref().slots()[..n] {
                    drop(s.replace(None));
                }
                SlotArray::<S>::free(p.cast());
            }
        }
    }
}

impl<S: Strategy> Trace<S> for List<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        // Under the lock, so no writer can retire the array while we walk it.
        let _g = LockGuard::new(&self.lock);
        if let Some(arr) = self.array() {
            arr.slots()[..self.len()].iter().for_each(|s| tracer.visit_raw(s.raw()));
        }
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for List<S> {
    const KIND: TypeKind = TypeKind::List;
    const NAME: &'static str = "list";
}
