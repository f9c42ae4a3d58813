//! `__del__`: each object's finalizer runs at most once, and it may resurrect the object (PEP 442).
//!
//! An instance whose class defines `__del__` ([`Class::finalizer`]) is not freed the first time it is found
//! dead. Whoever finds it dead gives it one owned reference, marks it finalized, and puts it in this
//! thread's *inbox*:
//!
//! - under the reference-counting strategies, [`free_obj`](super::free_obj) when its count reaches zero
//!   ([`resurrect`]: the dead count is re-initialized, as for recycled memory);
//! - the cycle collector, when the instance is garbage ([`enqueue_finalizer`]; it and everything it reaches survive
//!   this collection);
//! - the tracing collector, when the instance was not marked ([`enqueue_finalizer`], after marking from it).
//!
//! The interpreter takes the inbox into its own queue ([`Finalizers::adopt`]), which its roots report,
//! and at its next safepoint calls each `__del__` with the object rooted, then drops the reference. If
//! `__del__` stored `self` somewhere the object lives on; either way it is never finalized again, so its
//! next death frees it.
//!
//! Why not call `__del__` where the object died, as CPython does: that point may be anywhere in Rust code,
//! inside a container operation that holds a lock or a trashcan drain, where Python code could deadlock or
//! meet a half-updated container; and re-incrementing a split count in place is exactly what free-threaded
//! CPython got wrong more than once (gh-113750, resurrection racing the owner's merge; gh-127582, making
//! resurrection thread-safe). Here the dead object is revived with a fresh count by the one thread that
//! owns its death, through the same re-initialization that recycled memory uses against stale readers,
//! and Python code runs only between bytecodes.
//!
//! The inbox is open only while an interpreter thread state of the runtime lives on this thread
//! ([`Finalizers`]). A finishing Python thread opens it once more around its strategy thread's exit (under
//! `biased`, the owner's last merges) and hands what died there on to the interpreter's other threads
//! ([`Finalizers::take_all`], [`Finalizers::take_in`]), as CPython runs those finalizers in the exiting
//! thread. Objects that die while it is closed (the main thread's very end, Rust-only tests) are freed
//! without their finalizer, as CPython skips finalizers late in shutdown.

use std::any::TypeId;
use std::cell::RefCell;
use std::marker::PhantomData;
use std::ptr::NonNull;

use super::alloc::{Obj, TypeKind};
use super::class::Class;
use super::handle::ObjRef;
use super::instance::Instance;
use super::trace::Tracer;
use crate::strategy::{RefCount, Strategy};
use crate::sync::Cell;
use crate::sync::statics::Ordering;

/// Objects found dead that await their finalizer, each carrying one owned reference, and which
/// strategy's objects they are.
struct Inbox {
    owner: Option<TypeId>,
    objs: Vec<usize>,
}

thread_local! {
    static INBOX: RefCell<Inbox> = const { RefCell::new(Inbox { owner: None, objs: Vec::new() }) };
    /// The inbox is not empty (the interpreter's safepoints poll this).
    static PENDING: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread's inbox takes objects of strategy `S`: whether objects found dead here (by the
/// free path, or by a collector running on this thread) can wait for their finalizer.
pub(crate) fn collector_can_finalize<S: Strategy>() -> bool {
    INBOX.with_borrow(|i| i.owner == Some(TypeId::of::<S>()))
}

/// Whether `obj` is an instance whose class has a `__del__` that has not run for it.
#[inline]
pub(crate) fn needs_finalizer<S: Strategy>(obj: &Obj<S>) -> bool {
    obj.downcast::<Instance<S>>().is_some_and(|i| {
        !i.finalized.load(Ordering::Relaxed) && i.class.downcast::<Class<S>>().is_some_and(|c| c.finalizer)
    })
}

/// Mark `obj` finalized and put it, with the reference the caller gives up, in the inbox.
fn push<S: Strategy>(obj: NonNull<Obj<S>>) {
    // SAFETY: the caller holds a reference.
    if let Some(i) = unsafe { obj.as_ref() }.downcast::<Instance<S>>() {
        i.finalized.store(true, Ordering::Relaxed);
    }
    INBOX.with_borrow_mut(|i| i.objs.push(obj.as_ptr() as usize));
    PENDING.set(true);
}

/// Called by `free_obj` for an instance whose count just reached zero: if it awaits its finalizer and
/// this thread can run it, revive it with a fresh count of one, owned by the inbox, and return `true`
/// (the caller must not free it).
///
/// # Safety
///
/// As for `free_obj`: the object's last reference is gone and this thread owns its death.
pub(crate) unsafe fn resurrect<S: Strategy>(ptr: NonNull<Obj<S>>) -> bool {
    // SAFETY: the object is dead but intact until freed.
    let obj = unsafe { ptr.as_ref() };
    if !needs_finalizer(obj) || !collector_can_finalize::<S>() {
        return false;
    }
    // SAFETY: nobody owns a reference (the caller's contract); lock-free readers that still hold the
    // pointer see either the dead count or the fresh one, the re-initialization recycled memory relies on
    // (a reader that wins a reference to it re-checks its slot, finds it gone, and drops the reference).
    unsafe { <S::Rc as RefCount>::reinit(obj.rc() as *const S::Rc as *mut S::Rc, <S::Rc as RefCount>::new()) };
    push(ptr);
    true
}

/// Called by a collector for an unreachable instance that [`needs_finalizer`]: take a reference to it
/// for the inbox. The collector keeps it, and everything it reaches, alive through this collection.
///
/// # Safety
///
/// The world is stopped by this thread, `obj` is live and will not be freed by this collection, and
/// [`collector_can_finalize`] said yes.
pub(crate) unsafe fn enqueue_finalizer<S: Strategy>(obj: NonNull<Obj<S>>) {
    // SAFETY: live (the caller's contract); nobody else runs, so the count holds still.
    unsafe { obj.as_ref() }.rc().incref();
    push(obj);
}

/// An interpreter thread's finalizers: opens this thread's inbox for its runtime while it lives, and
/// holds the objects taken from it until their `__del__` runs.
pub struct Finalizers<S: Strategy> {
    queue: std::collections::VecDeque<ObjRef<S>>,
    /// A `__del__` is running on this thread: nested safepoints adopt but do not run.
    pub running: bool,
    /// The inbox this one replaced (a runtime attached earlier on this thread), restored on drop.
    prev: Option<Inbox>,
    /// The inbox is thread-local.
    _thread: PhantomData<*const ()>,
}

impl<S: Strategy> std::fmt::Debug for Finalizers<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Finalizers").field("queued", &self.queue.len()).finish()
    }
}

impl<S: Strategy> Finalizers<S> {
    /// Open this thread's inbox for `S`'s objects until the result is dropped. The caller is the thread
    /// state of the runtime attached on this thread.
    pub fn open() -> Self {
        let prev =
            INBOX.with_borrow_mut(|i| std::mem::replace(i, Inbox { owner: Some(TypeId::of::<S>()), objs: Vec::new() }));
        PENDING.set(false);
        Self { queue: std::collections::VecDeque::new(), running: false, prev: Some(prev), _thread: PhantomData }
    }

    /// Whether objects wait in this thread's inbox (one thread-local load: polled at safepoints).
    #[inline(always)]
    pub fn pending() -> bool {
        PENDING.get()
    }

    /// Move the inbox into this queue.
    pub fn adopt(&mut self) {
        if !PENDING.replace(false) {
            return;
        }
        let objs = INBOX.with_borrow_mut(|i| std::mem::take(&mut i.objs));
        // SAFETY: the inbox is open for `S` while `self` lives, so each entry is an `S` object pushed with
        // one owned reference, which moves to the queue.
        self.queue.extend(objs.into_iter().map(|a| unsafe { ObjRef::from_raw(NonNull::new_unchecked(a as *mut _)) }));
    }

    /// The next object whose `__del__` should run (the oldest first, as they died).
    pub fn pop(&mut self) -> Option<ObjRef<S>> {
        self.queue.pop_front()
    }

    /// Whether no object is queued (the inbox aside).
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// Queue objects found dead on a thread that has since finished (handed on through the interpreter),
    /// to run at this thread's next safepoint.
    pub fn take_in(&mut self, objs: Vec<ObjRef<S>>) {
        if !objs.is_empty() {
            self.queue.extend(objs);
            PENDING.set(true);
        }
    }

    /// Close the inbox and return everything it and the queue hold: a thread's teardown hands these on
    /// to a thread that can still run their finalizers.
    pub fn take_all(mut self) -> Vec<ObjRef<S>> {
        self.adopt();
        std::mem::take(&mut self.queue).into()
    }

    /// Report the queued objects (roots for a tracing collector).
    pub fn report(&self, tracer: &mut Tracer<S>) {
        self.queue.iter().for_each(|o| tracer.visit(o));
    }
}

impl<S: Strategy> Drop for Finalizers<S> {
    fn drop(&mut self) {
        // Close first, so that what dies below is freed without waiting for a finalizer; then give the
        // thread back the inbox of the runtime attached before.
        let inbox = INBOX.with_borrow_mut(|i| std::mem::replace(i, Inbox { owner: None, objs: Vec::new() }));
        // SAFETY: as in `adopt`: the inbox held `S` objects with one reference each.
        let left: Vec<ObjRef<S>> =
            inbox.objs.into_iter().map(|a| unsafe { ObjRef::from_raw(NonNull::new_unchecked(a as *mut _)) }).collect();
        drop(left);
        self.queue.clear();
        let prev = self.prev.take().unwrap_or(Inbox { owner: None, objs: Vec::new() });
        PENDING.set(!prev.objs.is_empty());
        INBOX.with_borrow_mut(|i| *i = prev);
    }
}

/// `TypeKind` of the objects that can have finalizers (the free path tests this first, cheaply).
pub(crate) const FINALIZABLE: TypeKind = TypeKind::Instance;
