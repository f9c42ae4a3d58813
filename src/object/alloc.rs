//! Header, per-type vtables, allocation and freeing.

use std::alloc::Layout;
use std::ptr::NonNull;

use super::counts;
use super::trace::{Trace, Tracer};
use crate::strategy::{ObjectMemory, Strategy};

/// Which built-in type an object is. The type test of the hot path is a compare on this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeKind {
    /// `NoneType`
    None,
    /// `bool`
    Bool,
    /// `int` (i64)
    Int,
    /// `float`
    Float,
    /// `str`
    Str,
    /// `tuple`
    Tuple,
    /// `list`
    List,
    /// `dict`
    Dict,
    /// `cell` (closure variable)
    Cell,
    /// `function`
    Function,
    /// `code`
    Code,
    /// `type` (a class)
    Class,
    /// An instance of a user class
    Instance,
    /// `method` (a bound method)
    BoundMethod,
    /// `module`
    Module,
    /// An exception instance
    Exception,
    /// `builtin_function_or_method`
    Native,
    /// `generator`
    Generator,
    /// A built-in iterator
    Iter,
    /// `range`
    Range,
    /// `slice`
    Slice,
    /// `super`
    Super,
    /// `threading.Lock`
    Lock,
    /// `threading.Thread`
    Thread,
    /// `threading.local`
    Local,
    /// Test instrumentation: records its own drop.
    #[cfg(test)]
    Probe,
}

/// The static description of a type: one per (strategy, payload type), reached from every header.
pub struct TypeVTable<S: Strategy> {
    /// The type's identity for type tests.
    pub kind: TypeKind,
    /// The Python-visible type name.
    pub name: &'static str,
    /// The payload holds no references, so freeing it cannot recurse.
    pub leaf: bool,
    /// The layout of the whole object (header and payload).
    layout: Layout,
    /// Drops the payload in place (releasing its children).
    drop_payload: unsafe fn(NonNull<Obj<S>>),
    /// Frees the allocation; called by the strategy's reclamation, possibly later and on another thread.
    free_memory: unsafe fn(*mut u8),
    /// Reports the payload's children.
    trace: unsafe fn(NonNull<Obj<S>>, &mut Tracer<S>),
}

impl<S: Strategy> TypeVTable<S> {
    /// The allocation size of an object of this type (header and payload).
    #[inline]
    pub fn size(&self) -> usize {
        self.layout.size()
    }
}

impl<S: Strategy> std::fmt::Debug for TypeVTable<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TypeVTable").field("kind", &self.kind).field("name", &self.name).finish()
    }
}

/// A payload type: what follows the header in an object of that type.
///
/// # Safety
///
/// `KIND` belongs to this type alone (for a given `S`): [`Obj::downcast`] trusts the kind to tell which
/// payload type follows the header.
pub unsafe trait Payload<S: Strategy>: Trace<S> + Send + Sync + Sized + 'static {
    /// The type's identity.
    const KIND: TypeKind;
    /// The Python-visible type name.
    const NAME: &'static str;
    /// The payload never holds references (ints, floats, strs): freeing it skips the trashcan.
    const LEAF: bool = false;
    /// The type's vtable (provided).
    const VTABLE: &'static TypeVTable<S> = &TypeVTable {
        kind: Self::KIND,
        name: Self::NAME,
        leaf: Self::LEAF,
        layout: Layout::new::<ObjBox<S, Self>>(),
        drop_payload: drop_payload::<S, Self>,
        free_memory: free_memory::<S, Self>,
        trace: trace_payload::<S, Self>,
    };
}

/// The object header. Objects only exist on the heap, behind [`ObjRef`](super::ObjRef) or `&Obj<S>`.
#[repr(C)]
pub struct Obj<S: Strategy> {
    rc: S::Rc,
    vtable: &'static TypeVTable<S>,
}

/// Header and payload in one allocation.
#[repr(C)]
pub(crate) struct ObjBox<S: Strategy, T> {
    header: Obj<S>,
    payload: T,
}

impl<S: Strategy> std::fmt::Debug for Obj<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} object at {:p}>", self.vtable.name, self)
    }
}

impl<S: Strategy> Obj<S> {
    /// The strategy's count fields.
    #[inline(always)]
    pub fn rc(&self) -> &S::Rc {
        &self.rc
    }

    /// The type's vtable.
    #[inline(always)]
    pub fn vtable(&self) -> &'static TypeVTable<S> {
        self.vtable
    }

    /// The type's identity.
    #[inline(always)]
    pub fn kind(&self) -> TypeKind {
        self.vtable.kind
    }

    /// The Python-visible type name.
    #[inline]
    pub fn type_name(&self) -> &'static str {
        self.vtable.name
    }

    /// The current reference count (diagnostics; racy under parallel strategies).
    pub fn refcount(&self) -> usize {
        S::refcount(&self.rc)
    }

    /// Whether refcount operations skip this object.
    #[inline]
    pub fn is_immortal(&self) -> bool {
        S::is_immortal(&self.rc)
    }

    /// Identity (`is`).
    #[inline(always)]
    pub fn is(&self, other: &Obj<S>) -> bool {
        std::ptr::eq(self, other)
    }

    /// The payload, if this object is a `T`.
    #[inline(always)]
    pub fn downcast<T: Payload<S>>(&self) -> Option<&T> {
        if self.vtable.kind == T::KIND {
            // SAFETY: the kind says this header heads an `ObjBox<S, T>` (every `TypeKind` belongs to one
            // payload type), and the payload lives as long as the header borrow.
            Some(unsafe { self.payload_unchecked::<T>() })
        } else {
            None
        }
    }

    /// The payload as a `T`, without checking.
    ///
    /// # Safety
    ///
    /// This object's kind is `T::KIND`.
    #[inline(always)]
    pub unsafe fn payload_unchecked<T: Payload<S>>(&self) -> &T {
        let boxed = (self as *const Obj<S>).cast::<ObjBox<S, T>>();
        // SAFETY: the header is the first field of the `#[repr(C)]` `ObjBox<S, T>` it was allocated in
        // (caller's contract on the type), so the cast pointer addresses that box.
        unsafe { &(*boxed).payload }
    }

    /// Report this object's children to `tracer`.
    pub fn trace(&self, tracer: &mut Tracer<S>) {
        // SAFETY: the vtable's trace function belongs to this object's payload type.
        unsafe { (self.vtable.trace)(NonNull::from(self), tracer) }
    }
}

/// Allocate an object with a fresh count of one.
pub(crate) fn alloc_obj<S: Strategy, T: Payload<S>>(payload: T) -> NonNull<Obj<S>> {
    counts::on_alloc();
    let ptr = alloc_with(S::rc_new(), payload);
    S::track(ptr, size_of::<ObjBox<S, T>>());
    ptr
}

/// Allocate an object with deferred reference counting, handed to `global` to free (see
/// [`Strategy::rc_deferred`]); an ordinary object under strategies without deferral.
pub(crate) fn alloc_deferred<S: Strategy, T: Payload<S>>(payload: T, global: &S::Global) -> NonNull<Obj<S>> {
    counts::on_alloc();
    let ptr = alloc_with(S::rc_deferred(), payload);
    S::track(ptr, size_of::<ObjBox<S, T>>());
    S::defer(global, ptr);
    ptr
}

/// Allocate a shared singleton: immortal where the strategy supports it, and never counted as live.
pub(crate) fn alloc_static<S: Strategy, T: Payload<S>>(payload: T) -> NonNull<Obj<S>> {
    alloc_with(S::rc_immortal(), payload)
}

fn alloc_with<S: Strategy, T: Payload<S>>(rc: S::Rc, payload: T) -> NonNull<Obj<S>> {
    let layout = Layout::new::<ObjBox<S, T>>();
    match S::alloc_object(layout) {
        ObjectMemory::Fresh(raw) => {
            let Some(ptr) = NonNull::new(raw.cast::<ObjBox<S, T>>()) else { std::alloc::handle_alloc_error(layout) };
            // SAFETY: `ptr` is a fresh allocation with the layout of `ObjBox<S, T>`, unseen by anyone else.
            unsafe { ptr.write(ObjBox { header: Obj { rc, vtable: T::VTABLE }, payload }) };
            ptr.cast()
        }
        ObjectMemory::Recycled(raw) => {
            let ptr = raw.cast::<ObjBox<S, T>>();
            // SAFETY: `ptr` heads a dead object of this layout (same size, same header type), which lock-free
            // readers may still reach, but they read only its count until they own a reference. So the
            // vtable and payload are written plainly, then the count with the strategy's atomic stores.
            unsafe {
                (&raw mut (*ptr).payload).write(payload);
                (&raw mut (*ptr).header.vtable).write(T::VTABLE);
                S::rc_reinit(&raw mut (*ptr).header.rc, rc);
                NonNull::new_unchecked(ptr).cast()
            }
        }
    }
}

/// Free an object whose count just reached zero: drop its payload now, retire its memory. Containers go
/// through the [`trashcan`](super::trashcan), so freeing deeply nested structures cannot overflow the stack.
///
/// # Safety
///
/// `S::decref` returned `true` for this object (its last reference is gone) and nobody will use it again
/// except lock-free readers running `try_incref`, which the strategy's retirement keeps safe.
#[inline(never)]
pub(crate) unsafe fn free_obj<S: Strategy>(ptr: NonNull<Obj<S>>) {
    counts::on_free();
    // SAFETY: the object is live until destroyed; its vtable is static.
    if unsafe { ptr.as_ref() }.vtable.leaf {
        // SAFETY: forwarded contract.
        unsafe { destroy::<S>(ptr.as_ptr().cast()) }
    } else {
        // SAFETY: `destroy` may run later on this thread: nobody else can reach the object meanwhile.
        unsafe { super::trashcan::free(ptr.as_ptr().cast(), destroy::<S>) }
    }
}

/// The object whose header holds the count `rc`: the count is the first field of the `#[repr(C)]` header, so
/// the two share an address. Strategies that queue objects by their count (biased RC's merge queue) use it.
#[inline]
pub(crate) fn obj_of_rc<S: Strategy>(rc: &S::Rc) -> NonNull<Obj<S>> {
    NonNull::from(rc).cast()
}

/// Free the deferred objects of a runtime that is shutting down: drop every payload first, then free every
/// allocation, so a payload that refers to another deferred object of the batch still finds its header
/// (refcount operations on it are skipped, but they read it).
///
/// # Safety
///
/// Every pointer is a distinct object allocated by [`alloc_deferred`] with a deferred count, handed to the
/// caller by [`Strategy::defer`], listed once, and unreachable: no thread will touch it again except through
/// payloads of this same batch.
pub(crate) unsafe fn free_deferred<S: Strategy>(objs: &[NonNull<Obj<S>>]) {
    for &obj in objs {
        counts::on_free();
        // SAFETY: the header is intact; the vtable is static.
        let vtable = unsafe { obj.as_ref() }.vtable;
        // SAFETY: nobody else uses the payload any more (caller's contract) and it is dropped once.
        unsafe { (vtable.drop_payload)(obj) };
    }
    for &obj in objs {
        // SAFETY: the payload is gone and no payload of the batch will read this header again; the memory
        // is retired once, and `free_memory` matches its layout.
        unsafe {
            let vtable = obj.as_ref().vtable;
            S::retire(obj.as_ptr().cast(), vtable.free_memory);
        }
    }
}

/// Free objects a tracing collector found unreachable: drop every payload first, then free every
/// allocation at once (like [`free_deferred`], payloads may still read the headers of other objects of
/// the batch, which must be intact).
///
/// # Safety
///
/// Every pointer is a distinct, fully built object, listed once, that no thread can reach any more (a full
/// mark found no path to it), except through payloads of other unreachable objects, whose drops do not read
/// it: either they are in this batch, or the strategy's reference drops read nothing (no counts).
pub(crate) unsafe fn free_unreachable<S: Strategy>(objs: &[NonNull<Obj<S>>]) {
    for &obj in objs {
        counts::on_free();
        // SAFETY: the header is intact; the vtable is static.
        let vtable = unsafe { obj.as_ref() }.vtable;
        // SAFETY: nobody else uses the payload (caller's contract) and it is dropped once.
        unsafe { (vtable.drop_payload)(obj) };
    }
    for &obj in objs {
        // SAFETY: the payload is gone and nothing will read this header again; no reader can hold the
        // pointer across the safepoint the world is stopped at, so the memory is freed directly, once, with
        // its own layout's function.
        unsafe {
            let vtable = obj.as_ref().vtable;
            (vtable.free_memory)(obj.as_ptr().cast());
        }
    }
}

/// Drop the payload of a dead object and retire its memory.
///
/// # Safety
///
/// As for [`free_obj`]; `obj` is an `Obj<S>`, and this runs once.
unsafe fn destroy<S: Strategy>(obj: *mut u8) {
    let ptr = obj.cast::<Obj<S>>();
    // SAFETY: the object is dead but its header is intact until retired below.
    let vtable = unsafe { (*ptr).vtable };
    // SAFETY: the count is zero, so no owner remains to read the payload (caller's contract), and the
    // vtable's function matches the payload type.
    unsafe { (vtable.drop_payload)(NonNull::new_unchecked(ptr)) };
    // SAFETY: the object is unreachable (count zero, payload gone, header intact) and freed once; the
    // layout and `free_memory` are its own, and `free_memory` is sound on any thread.
    unsafe { S::free_object(obj, vtable.layout, vtable.free_memory) };
}

unsafe fn drop_payload<S: Strategy, T: Payload<S>>(ptr: NonNull<Obj<S>>) {
    let boxed = ptr.as_ptr().cast::<ObjBox<S, T>>();
    // SAFETY: `ptr` heads an `ObjBox<S, T>` whose payload is still initialized, and no one else accesses the
    // payload any more (the caller, `free_obj`, holds the last reference).
    unsafe { std::ptr::drop_in_place(&raw mut (*boxed).payload) };
}

unsafe fn free_memory<S: Strategy, T: Payload<S>>(ptr: *mut u8) {
    // SAFETY: `ptr` was allocated by `alloc_with` with exactly this layout, its payload was dropped, the count
    // fields need no drop, and reclamation calls this once.
    unsafe { crate::strategy::heap::dealloc(ptr, Layout::new::<ObjBox<S, T>>()) };
}

unsafe fn trace_payload<S: Strategy, T: Payload<S>>(ptr: NonNull<Obj<S>>, tracer: &mut Tracer<S>) {
    // SAFETY: `ptr` is a live object whose vtable is this one, so it heads an `ObjBox<S, T>`.
    let payload = unsafe { ptr.as_ref().payload_unchecked::<T>() };
    payload.trace(tracer);
}
