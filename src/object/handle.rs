//! Owned handles: [`ObjRef`] (any object) and [`Typed`] (an object known to hold a `T`).

use std::marker::PhantomData;
use std::ops::Deref;
use std::ptr::NonNull;

use super::alloc::{Obj, Payload, alloc_deferred, alloc_obj, free_obj};
use crate::strategy::{GcGlobal, RefCount, Strategy};

/// An owned reference: one word. `Clone` increfs, `Drop` decrefs and frees on zero.
pub struct ObjRef<S: Strategy> {
    ptr: NonNull<Obj<S>>,
    _owns: PhantomData<Obj<S>>,
}

// SAFETY: moving or sharing a reference between threads is what every strategy's count protocol is built
// for: atomic strategies count with RMWs; `gil` requires the GIL for every count update (attach protocol);
// isolated heaps never hand objects to another thread except immortal ones, which are only read.
unsafe impl<S: Strategy> Send for ObjRef<S> {}
// SAFETY: as for `Send`: `&ObjRef` only gives `&Obj`, whose operations follow the same protocol.
unsafe impl<S: Strategy> Sync for ObjRef<S> {}

impl<S: Strategy> ObjRef<S> {
    /// Allocate a new object holding `payload`.
    #[inline]
    pub fn new<T: Payload<S>>(payload: T) -> Self {
        ObjRef { ptr: alloc_obj::<S, T>(payload), _owns: PhantomData }
    }

    /// Allocate a new object with deferred reference counting (PEP 703: functions, classes, modules, code),
    /// freed by the runtime owning `global` rather than by its count, under strategies that defer
    /// ([`Strategy::rc_deferred`]); an ordinary object otherwise. The handle still behaves as an owned
    /// reference: dropping it is a no-op under deferral.
    #[inline]
    pub fn new_deferred<T: Payload<S>>(payload: T, global: &GcGlobal<S>) -> Self {
        ObjRef { ptr: alloc_deferred::<S, T>(payload, global), _owns: PhantomData }
    }

    /// A new owned reference to a borrowed object.
    #[inline]
    pub fn from_borrowed(obj: &Obj<S>) -> Self {
        obj.rc().incref();
        ObjRef { ptr: NonNull::from(obj), _owns: PhantomData }
    }

    /// Take ownership of a raw pointer that carries one reference.
    ///
    /// # Safety
    ///
    /// `ptr` points to a live object and the caller transfers one owned reference to the result.
    #[inline(always)]
    pub unsafe fn from_raw(ptr: NonNull<Obj<S>>) -> Self {
        ObjRef { ptr, _owns: PhantomData }
    }

    /// Give up the handle without decref'ing: the returned pointer carries the reference.
    #[inline(always)]
    pub fn into_raw(self) -> NonNull<Obj<S>> {
        let ptr = self.ptr;
        std::mem::forget(self);
        ptr
    }

    /// The pointer (the reference stays with `self`).
    #[inline(always)]
    pub fn as_ptr(&self) -> NonNull<Obj<S>> {
        self.ptr
    }

    /// Identity (`is`).
    #[inline(always)]
    pub fn is(&self, other: &ObjRef<S>) -> bool {
        self.ptr == other.ptr
    }

    /// Keep this reference as a typed handle if the object is a `T`.
    #[inline]
    pub fn downcast_owned<T: Payload<S>>(self) -> Result<Typed<S, T>, ObjRef<S>> {
        if self.holds::<T>() { Ok(Typed { obj: self, _ty: PhantomData }) } else { Err(self) }
    }
}

impl<S: Strategy> Deref for ObjRef<S> {
    type Target = Obj<S>;
    #[inline(always)]
    fn deref(&self) -> &Obj<S> {
        // SAFETY: an `ObjRef` owns a reference, so the object is live while `self` is.
        unsafe { self.ptr.as_ref() }
    }
}

impl<S: Strategy> Clone for ObjRef<S> {
    #[inline(always)]
    fn clone(&self) -> Self {
        self.rc().incref();
        ObjRef { ptr: self.ptr, _owns: PhantomData }
    }
}

impl<S: Strategy> Drop for ObjRef<S> {
    #[inline(always)]
    fn drop(&mut self) {
        if self.rc().decref() {
            // SAFETY: decref returned true: this was the last reference.
            unsafe { free_obj(self.ptr) }
        }
    }
}

impl<S: Strategy> std::fmt::Debug for ObjRef<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// An owned reference to an object known to hold a `T`: derefs straight to the payload.
pub struct Typed<S: Strategy, T: Payload<S>> {
    obj: ObjRef<S>,
    _ty: PhantomData<fn() -> T>,
}

impl<S: Strategy, T: Payload<S>> Typed<S, T> {
    /// Allocate a new object holding `payload`.
    #[inline]
    pub fn new(payload: T) -> Self {
        Typed { obj: ObjRef::new(payload), _ty: PhantomData }
    }

    /// The untyped handle.
    #[inline(always)]
    pub fn as_obj(&self) -> &ObjRef<S> {
        &self.obj
    }

    /// Convert to the untyped handle.
    #[inline(always)]
    pub fn into_obj(self) -> ObjRef<S> {
        self.obj
    }
}

impl<S: Strategy, T: Payload<S>> Deref for Typed<S, T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: a `Typed<S, T>` is only built from an object whose payload is a `T` (`Obj::holds`).
        unsafe { self.obj.payload_unchecked::<T>() }
    }
}

impl<S: Strategy, T: Payload<S>> Clone for Typed<S, T> {
    #[inline]
    fn clone(&self) -> Self {
        Typed { obj: self.obj.clone(), _ty: PhantomData }
    }
}

impl<S: Strategy, T: Payload<S>> From<Typed<S, T>> for ObjRef<S> {
    fn from(t: Typed<S, T>) -> Self {
        t.obj
    }
}

impl<S: Strategy, T: Payload<S>> std::fmt::Debug for Typed<S, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.obj, f)
    }
}
