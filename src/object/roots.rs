//! Roots for a tracing collector: what a thread holds outside the heap.
//!
//! A collector (strategy `tracing`; ARCHITECTURE.md, races 5 and 6) marks from the roots of every thread and
//! frees whatever it did not reach. A thread's roots are its running frames, its interpreter state and
//! whatever Rust code pinned for it; the interpreter reports them through [`RootSet`]. Frames are not
//! objects: they live on the Rust stack of the recursive eval loop, borrowed mutably while they run, so a
//! thread registers each running frame in its [`RootStack`] for the duration of the run
//! ([`with_root`]), and the collector reads them through the registered pointers while the thread is
//! stopped.
//!
//! **The rule that makes this sound** (ARCHITECTURE.md, race 6: "Rust code never holds an unrooted object across a
//! safepoint"): a collection runs only when every frame on every thread's stack was entered from a place
//! that keeps all it holds reachable (the eval loop's call instructions, whose callee and arguments stay on
//! the caller's value stack, and the top-level entries). A frame entered from anywhere else (a built-in
//! calling back into Python, an operator calling a dunder, a generator resumed by a built-in) is registered
//! as *unsafe*: that Rust caller may hold objects in locals or vectors no root reaches, so no collection
//! runs while it is on any thread's stack (the collector gives up and retries later).

use std::cell::{Cell, UnsafeCell};

use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;

/// Everything a thread holds outside the heap, reported on demand while the thread is stopped.
pub trait RootSet<S: Strategy> {
    /// Report every object this thread keeps alive.
    fn report(&self, tracer: &mut Tracer<S>);
    /// Whether a collection may run now: no frame on this thread's stack was entered from a caller that may
    /// hold unrooted objects.
    fn collectable(&self) -> bool;
}

/// One registered running frame (lifetime erased; see [`with_root`]).
struct Entry<S: Strategy> {
    frame: *const dyn Trace<S>,
    safe: bool,
}

/// A thread's running frames, innermost last.
pub struct RootStack<S: Strategy> {
    entries: UnsafeCell<Vec<Entry<S>>>,
    unsafe_frames: Cell<u32>,
}

impl<S: Strategy> Default for RootStack<S> {
    fn default() -> Self {
        Self { entries: UnsafeCell::new(Vec::new()), unsafe_frames: Cell::new(0) }
    }
}

impl<S: Strategy> std::fmt::Debug for RootStack<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RootStack").field("unsafe_frames", &self.unsafe_frames.get()).finish()
    }
}

impl<S: Strategy> RootStack<S> {
    /// How many registered frames were entered unsafely (see the module docs).
    #[inline]
    pub fn unsafe_frames(&self) -> u32 {
        self.unsafe_frames.get()
    }

    /// Count a built-in entered unsafely (see the module docs) as an unsafe frame until [`leave_unsafe`]
    /// (RootStack::leave_unsafe): it may block (detached, so a collection runs meanwhile) or collect, while
    /// its Rust caller holds objects no root reaches. Unbalanced on a panic, which only disables collection.
    pub fn enter_unsafe(&self) {
        self.unsafe_frames.set(self.unsafe_frames.get() + 1);
    }

    /// The end of [`enter_unsafe`](RootStack::enter_unsafe).
    pub fn leave_unsafe(&self) {
        self.unsafe_frames.set(self.unsafe_frames.get() - 1);
    }

    /// Report every registered frame's references.
    pub fn report(&self, tracer: &mut Tracer<S>) {
        // SAFETY: the vector is only mutated by `with_root` on the owning thread, which is stopped (at a
        // safepoint or detached) whenever a collector reports its roots; the owner itself reports only
        // between pushes and pops.
        let entries = unsafe { &*self.entries.get() };
        for e in entries {
            // SAFETY: `with_root` pops every entry before the `&mut` it was made from ends (also when the
            // body unwinds), so the frame is alive, and its owner is stopped and not mutating it.
            unsafe { (*e.frame).trace(tracer) };
        }
    }

    fn push(&self, frame: *const dyn Trace<S>, safe: bool) {
        if !safe {
            self.unsafe_frames.set(self.unsafe_frames.get() + 1);
        }
        // SAFETY: only the owning thread pushes and pops, never while it reports (see `report`).
        unsafe { (*self.entries.get()).push(Entry { frame, safe }) };
    }

    fn pop(&self) {
        // SAFETY: as in `push`.
        let e = unsafe { (*self.entries.get()).pop() };
        if let Some(Entry { safe: false, .. }) = e {
            self.unsafe_frames.set(self.unsafe_frames.get() - 1);
        }
    }
}

/// Run `body(ctx, frame)` with `frame` registered in the root stack that `stack(ctx)` returns; `safe` says
/// whether the caller keeps everything it holds reachable (module docs). Unregisters on return and on
/// unwind.
pub fn with_root<C, T: Trace<S> + 'static, S: Strategy, R>(
    ctx: &mut C,
    frame: &mut T,
    safe: bool,
    stack: fn(&C) -> &RootStack<S>,
    body: impl FnOnce(&mut C, &mut T) -> R,
) -> R {
    struct Pop<'a, S: Strategy>(&'a RootStack<S>);
    impl<S: Strategy> Drop for Pop<'_, S> {
        fn drop(&mut self) {
            self.0.pop();
        }
    }
    let ptr: *const dyn Trace<S> = &*frame;
    stack(ctx).push(ptr, safe);
    // The guard borrows the stack through a raw pointer so that `body` can take `ctx` mutably; the stack is a
    // field of `ctx`, which outlives this call.
    let s: *const RootStack<S> = stack(ctx);
    // SAFETY: `s` points into `*ctx`, borrowed for this whole call and not moved; `RootStack` is only used
    // through `&` (interior mutability), so the guard's shared borrow does not conflict with `body`'s use of
    // `ctx`.
    let _pop = Pop(unsafe { &*s });
    body(ctx, frame)
}

/// Roots listed explicitly: for Rust code that holds objects without an interpreter (tests, the object
/// layer's property tests). Always collectable: the caller promises the list is everything it holds.
pub struct ExplicitRoots<'a, S: Strategy>(pub &'a [super::ObjRef<S>]);

impl<S: Strategy> std::fmt::Debug for ExplicitRoots<'_, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("ExplicitRoots").field(&self.0.len()).finish()
    }
}

impl<S: Strategy> RootSet<S> for ExplicitRoots<'_, S> {
    fn report(&self, tracer: &mut Tracer<S>) {
        self.0.iter().for_each(|o| tracer.visit(o));
    }

    fn collectable(&self) -> bool {
        true
    }
}
