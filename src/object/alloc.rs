//! Header, per-type vtables, allocation and freeing.

use std::alloc::Layout;
use std::ptr::NonNull;

use super::counts;
use super::trace::{Trace, Tracer};
use crate::strategy::{Collector, GcGlobal, Memory, ObjectMemory, RefCount, Strategy};
use crate::sync::statics::{AtomicUsize, Ordering};

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
    /// The payload's type, which tells apart the instantiations of a payload with a shared kind.
    type_id: fn() -> std::any::TypeId,
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
/// payload type follows the header. A generic payload whose parameter the interpreter chooses (a native
/// function's signature, a generator's frame) sets `SHARED_KIND`: its instantiations share the kind, and
/// [`Obj::holds`] tells them apart by their `TypeId`.
pub unsafe trait Payload<S: Strategy>: Trace<S> + Send + Sync + Sized + 'static {
    /// The type's identity.
    const KIND: TypeKind;
    /// The Python-visible type name.
    const NAME: &'static str;
    /// The payload never holds references (ints, floats, strs): freeing it skips the trashcan.
    const LEAF: bool = false;
    /// Other instantiations of this generic payload type share `KIND` (see the trait's safety section).
    const SHARED_KIND: bool = false;
    /// The type's vtable (provided).
    const VTABLE: &'static TypeVTable<S> = &TypeVTable {
        kind: Self::KIND,
        name: Self::NAME,
        leaf: Self::LEAF,
        layout: if linked::<S, Self>() {
            Layout::new::<LinkedBox<S, Self>>()
        } else {
            Layout::new::<ObjBox<S, Self>>()
        },
        drop_payload: drop_payload::<S, Self>,
        free_memory: free_memory::<S, Self>,
        trace: trace_payload::<S, Self>,
        type_id: std::any::TypeId::of::<Self>,
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

/// Header, cycle-collector link and payload in one allocation: a container under a strategy that collects
/// cycles (every non-leaf type, unless the strategy traces). The link is the address of the object's slot in its thread's table
/// ([`table`](crate::strategy::gc::trial::table)), or zero if untracked; during a collection it holds the object's index instead.
/// CPython puts its 16-byte `PyGC_Head` in front of the object; one word after the header keeps the count
/// at offset 0 for every object, which type-stable memory ([`crate::strategy::recycle`]) relies on.
#[repr(C)]
pub(crate) struct LinkedBox<S: Strategy, T> {
    header: Obj<S>,
    link: AtomicUsize,
    payload: T,
}

/// Whether objects of payload `T` carry a link under `S`.
const fn linked<S: Strategy, T: Payload<S>>() -> bool {
    !T::LEAF && <S::Collector as Collector<S>>::LINKED
}

/// The payload of the object at `ptr`, whose type is `T`.
#[inline(always)]
fn payload_ptr<S: Strategy, T: Payload<S>>(ptr: *const Obj<S>) -> *mut T {
    if linked::<S, T>() {
        // SAFETY: only the field address is computed; the object was allocated as a `LinkedBox<S, T>`.
        unsafe { &raw mut (*ptr.cast::<LinkedBox<S, T>>().cast_mut()).payload }
    } else {
        // SAFETY: as above, as an `ObjBox<S, T>`.
        unsafe { &raw mut (*ptr.cast::<ObjBox<S, T>>().cast_mut()).payload }
    }
}

/// The cycle-collector link of `obj`, if its type carries one.
#[inline]
pub(crate) fn link_of<S: Strategy>(obj: &Obj<S>) -> Option<&AtomicUsize> {
    if !obj.vtable.leaf && <S::Collector as Collector<S>>::LINKED {
        // SAFETY: a linked type's objects are `LinkedBox`es, whose link follows the header (`repr(C)`, and
        // every header's size is a multiple of the link's alignment).
        Some(unsafe { &*(obj as *const Obj<S>).cast::<u8>().add(size_of::<Obj<S>>()).cast::<AtomicUsize>() })
    } else {
        None
    }
}

/// Track a fresh object with the collector (and its link, if its type is linked).
#[inline(always)]
fn track<S: Strategy>(ptr: NonNull<Obj<S>>, size: usize) {
    // SAFETY: the object is fresh and fully built.
    <S::Collector as Collector<S>>::track(ptr, size, link_of(unsafe { ptr.as_ref() }));
}

/// Untrack an object that is being freed.
///
/// # Safety
///
/// Its last reference is gone and it is untracked once, by an attached thread of its runtime.
#[inline(always)]
unsafe fn untrack<S: Strategy>(ptr: NonNull<Obj<S>>) {
    // SAFETY: the header is intact.
    if let Some(link) = link_of(unsafe { ptr.as_ref() }) {
        // SAFETY: the caller's contract.
        unsafe { <S::Collector as Collector<S>>::untrack(link.load(Ordering::Relaxed)) };
    }
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
        self.rc.get()
    }

    /// Whether refcount operations skip this object.
    #[inline]
    pub fn is_immortal(&self) -> bool {
        self.rc.is_immortal()
    }

    /// Identity (`is`).
    #[inline(always)]
    pub fn is(&self, other: &Obj<S>) -> bool {
        std::ptr::eq(self, other)
    }

    /// The payload, if this object is a `T`.
    #[inline(always)]
    pub fn downcast<T: Payload<S>>(&self) -> Option<&T> {
        if self.holds::<T>() {
            // SAFETY: the kind (and, for a shared kind, the type id) says this header heads an
            // `ObjBox<S, T>`, and the payload lives as long as the header borrow.
            Some(unsafe { self.payload_unchecked::<T>() })
        } else {
            None
        }
    }

    /// Whether this object's payload is a `T`: its kind, and for a kind shared by the instantiations of a
    /// generic payload (`Payload::SHARED_KIND`), its type id.
    #[inline(always)]
    pub fn holds<T: Payload<S>>(&self) -> bool {
        self.vtable.kind == T::KIND && (!T::SHARED_KIND || (self.vtable.type_id)() == std::any::TypeId::of::<T>())
    }

    /// The payload as a `T`, without checking.
    ///
    /// # Safety
    ///
    /// This object's payload is a `T` ([`Obj::holds`]).
    #[inline(always)]
    pub unsafe fn payload_unchecked<T: Payload<S>>(&self) -> &T {
        // SAFETY: the header is the first field of the `#[repr(C)]` box it was allocated in (caller's
        // contract on the type), so the payload pointer addresses its initialized payload.
        unsafe { &*payload_ptr::<S, T>(self) }
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
    let ptr = alloc_with(<S::Rc as RefCount>::new(), payload);
    track(ptr, T::VTABLE.size());
    ptr
}

/// Allocate an object with deferred reference counting, handed to `global` to free (see
/// [`Strategy::rc_deferred`]); an ordinary object under strategies without deferral.
pub(crate) fn alloc_deferred<S: Strategy, T: Payload<S>>(payload: T, global: &GcGlobal<S>) -> NonNull<Obj<S>> {
    counts::on_alloc();
    let ptr = alloc_with(<S::Rc as RefCount>::deferred(), payload);
    track(ptr, T::VTABLE.size());
    <S::Collector as Collector<S>>::defer(global, ptr);
    ptr
}

/// Allocate a shared singleton: immortal where the strategy supports it, and never counted as live.
pub(crate) fn alloc_static<S: Strategy, T: Payload<S>>(payload: T) -> NonNull<Obj<S>> {
    alloc_with(<S::Rc as RefCount>::immortal(), payload)
}

fn alloc_with<S: Strategy, T: Payload<S>>(rc: S::Rc, payload: T) -> NonNull<Obj<S>> {
    let layout = T::VTABLE.layout;
    match <S::Memory as Memory>::alloc_object(layout) {
        ObjectMemory::Fresh(raw) => {
            let Some(ptr) = NonNull::new(raw.cast::<Obj<S>>()) else { std::alloc::handle_alloc_error(layout) };
            // SAFETY: `ptr` is a fresh allocation with the layout of `T`'s box, unseen by anyone else.
            unsafe {
                if linked::<S, T>() {
                    let link = AtomicUsize::new(0);
                    ptr.cast().write(LinkedBox { header: Obj { rc, vtable: T::VTABLE }, link, payload });
                } else {
                    ptr.cast().write(ObjBox { header: Obj { rc, vtable: T::VTABLE }, payload });
                }
            }
            ptr
        }
        ObjectMemory::Recycled(raw) => {
            let ptr = raw.cast::<Obj<S>>();
            // SAFETY: `ptr` heads a dead object of this layout (same size, same header type), which lock-free
            // readers may still reach, but they read only its count until they own a reference. So the
            // link, vtable and payload are written plainly, then the count with the strategy's atomic stores.
            unsafe {
                if linked::<S, T>() {
                    (&raw mut (*ptr.cast::<LinkedBox<S, T>>()).link).write(AtomicUsize::new(0));
                }
                payload_ptr::<S, T>(ptr).write(payload);
                (&raw mut (*ptr).vtable).write(T::VTABLE);
                <S::Rc as RefCount>::reinit(&raw mut (*ptr).rc, rc);
                NonNull::new_unchecked(ptr)
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
    // SAFETY: the object is live until destroyed; its vtable is static.
    let vtable = unsafe { ptr.as_ref() }.vtable;
    // SAFETY: forwarded contract; an object revived for its finalizer is not freed.
    if vtable.kind == super::finalize::FINALIZABLE && unsafe { super::finalize::resurrect(ptr) } {
        return;
    }
    counts::on_free();
    if vtable.leaf {
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

/// Free a batch of objects whose counts skip refcount operations: the deferred objects of a runtime that is
/// shutting down, or the garbage of a cycle collection (made immortal first). Drop every payload first,
/// then free every allocation, so a payload that refers to another object of the batch still finds its
/// header (refcount operations on it are skipped, but they read it).
///
/// # Safety
///
/// Every pointer is a distinct object whose count skips refcount operations (allocated by
/// [`alloc_deferred`] and handed to the caller by [`Strategy::defer`], or made immortal by the cycle
/// collector), listed once, and unreachable: no thread will touch it again except through payloads of this
/// same batch. Its link, if any, is its slot in a live table, or zero.
pub(crate) unsafe fn free_batch<S: Strategy>(objs: &[NonNull<Obj<S>>]) {
    for &obj in objs {
        // SAFETY: each is untracked once, here; the runtime's tables outlive its objects.
        unsafe { untrack(obj) };
    }
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
            <S::Memory as Memory>::retire(obj.as_ptr().cast(), vtable.free_memory);
        }
    }
}

/// Free objects a tracing collector found unreachable: drop every payload first, then free every
/// allocation at once (like [`free_batch`], payloads may still read the headers of other objects of
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
    // SAFETY: the object is dead (caller's contract) and this is its one destruction.
    unsafe { untrack(NonNull::new_unchecked(ptr)) };
    // SAFETY: the object is dead but its header is intact until retired below.
    let vtable = unsafe { (*ptr).vtable };
    // SAFETY: the count is zero, so no owner remains to read the payload (caller's contract), and the
    // vtable's function matches the payload type.
    unsafe { (vtable.drop_payload)(NonNull::new_unchecked(ptr)) };
    // SAFETY: the object is unreachable (count zero, payload gone, header intact) and freed once; the
    // layout and `free_memory` are its own, and `free_memory` is sound on any thread.
    unsafe { <S::Memory as Memory>::free_object(obj, vtable.layout, vtable.free_memory) };
}

unsafe fn drop_payload<S: Strategy, T: Payload<S>>(ptr: NonNull<Obj<S>>) {
    // SAFETY: `ptr` heads a box of `T` whose payload is still initialized, and no one else accesses the
    // payload any more (the caller, `free_obj`, holds the last reference).
    unsafe { std::ptr::drop_in_place(payload_ptr::<S, T>(ptr.as_ptr())) };
}

unsafe fn free_memory<S: Strategy, T: Payload<S>>(ptr: *mut u8) {
    // SAFETY: `ptr` was allocated by `alloc_with` with exactly this layout, its payload was dropped, the count
    // fields and link need no drop, and reclamation calls this once.
    unsafe { crate::strategy::parts::heap::dealloc(ptr, T::VTABLE.layout) };
}

unsafe fn trace_payload<S: Strategy, T: Payload<S>>(ptr: NonNull<Obj<S>>, tracer: &mut Tracer<S>) {
    // SAFETY: `ptr` is a live object whose vtable is this one, so it heads a box of `T`.
    let payload = unsafe { ptr.as_ref().payload_unchecked::<T>() };
    payload.trace(tracer);
}
