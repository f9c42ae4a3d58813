//! The collector behaviour: what finds dead objects that counts cannot ([`Collector`]): trial deletion for
//! the reference-counting designs' cycles, mark-sweep for the design without counts. Both live in
//! [`gc`](crate::strategy::gc) and share its stop-the-world handshake and root publication.

use std::ptr::NonNull;

use super::StrategyConfig;
use crate::object::{Obj, RootSet};
use crate::strategy::Strategy;
use crate::sync::Arc;
use crate::sync::statics::AtomicUsize;

/// What a runtime's collector did so far (`gc.collect()`, the harness's `pauses`).
#[derive(Debug, Clone)]
pub struct GcStats {
    /// Collections run.
    pub collections: u64,
    /// Collections given up because some thread ran a frame entered unsafely
    /// ([`RootSet::collectable`]).
    pub abandoned: u64,
    /// Objects freed by collections.
    pub freed: u64,
    /// Collections whose mark the parked threads helped with (mark-sweep's parallel mark).
    pub shared_marks: u64,
    /// Stop-the-world pauses (collections and abandoned attempts), in microseconds from the request to
    /// the restart.
    pub pauses: hdrhistogram::Histogram<u64>,
    /// Object bytes live after the last collection.
    pub live_bytes: usize,
}

impl Default for GcStats {
    fn default() -> Self {
        Self {
            collections: 0,
            abandoned: 0,
            freed: 0,
            shared_marks: 0,
            // 1 µs to 1 hour, fixed: `saturating_record` on an auto-sizing histogram clamps to its initial
            // range instead of growing it.
            pauses: hdrhistogram::Histogram::new_with_bounds(1, 3_600_000_000, 3).expect("valid bounds"),
            live_bytes: 0,
        }
    }
}

/// [`Collector::freeze`] was refused: other threads of the runtime exist (how many).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FreezeRefused(pub usize);

/// The global state of design `S`'s collector (what deferred objects are handed to).
pub type GcGlobal<S> = <<S as Strategy>::Collector as Collector<S>>::Global;

/// A runtime's collector: tracking, finalizer registration, deferral and freezing, the safepoint poll,
/// `gc.collect()` and statistics.
///
/// # Safety
///
/// A collector frees an object only when no thread can reach it: with every other attached thread of the
/// runtime stopped at a safepoint or detached (or under the GIL that the collecting thread holds), and
/// only objects that no published root and no live object reaches, or whose counts prove them garbage.
/// `attach` does not return while a collection of the runtime runs.
pub unsafe trait Collector<S: Strategy>: 'static {
    /// Containers carry a link word after the header, which [`Collector::track`] fills in.
    const LINKED: bool;
    /// Per-runtime state.
    type Global: Send + Sync + 'static;
    /// Per-thread state.
    type Local: 'static;

    /// Build the collector of a new runtime.
    fn new_global(config: &StrategyConfig) -> Self::Global;
    /// Register a new thread of the runtime; it starts detached.
    fn new_local(global: &Arc<Self::Global>) -> Self::Local;
    /// The thread starts touching objects (before the design's own attach): wait out a stopped world.
    fn attach(global: &Self::Global, local: &mut Self::Local);
    /// The thread stopped touching objects (after the design's own detach), holding `roots` (if known)
    /// until it attaches again.
    ///
    /// # Safety
    ///
    /// `roots`, if given, stays valid, and its frames unchanged, until this thread's next `attach`.
    unsafe fn detach(global: &Self::Global, local: &mut Self::Local, roots: Option<&&dyn RootSet<S>>);
    /// Whether the collector waits for this thread (stopping the world, or wanting a collection): the next
    /// safepoint should report the thread's roots. A hint, read relaxed.
    fn polled(global: &Self::Global, local: &Self::Local) -> bool;
    /// The one safepoint poll, called when [`Collector::polled`] said yes: park for another thread's
    /// collection, or collect, where the calling thread holds `roots` (if known; without them nothing that
    /// needs roots runs).
    fn safepoint(global: &Self::Global, local: &mut Self::Local, roots: Option<&dyn RootSet<S>>);
    /// `gc.collect()`: a full collection now, with the caller's roots; returns how many objects it freed.
    fn collect(global: &Self::Global, local: &mut Self::Local, roots: &dyn RootSet<S>) -> usize;
    /// What the collector did so far.
    fn stats(global: &Self::Global) -> GcStats;
    /// Record a new object (not a shared singleton), fully built; `size` is its allocation size, `link` its
    /// link word if [`Collector::LINKED`] and its type can hold references.
    fn track(obj: NonNull<Obj<S>>, size: usize, link: Option<&AtomicUsize>);
    /// Forget an object that is being freed, whose link word held `link`.
    ///
    /// # Safety
    ///
    /// `link` was read once from an object being freed, by an attached thread of its runtime (or after the
    /// runtime is gone, when links are zero).
    unsafe fn untrack(link: usize);
    /// A new object has a finalizer (`__del__`, see `object::finalize`): a collector that finds dead
    /// objects without counts remembers it, to find it dead before it is swept. The default: nothing (the
    /// reference-counting designs find it in the free path).
    fn register_finalizer(obj: NonNull<Obj<S>>) {
        let _ = obj;
    }
    /// Take over freeing `obj`, just allocated with a deferred count (see
    /// [`RefCount::deferred`](super::RefCount::deferred)). The default does nothing: without deferral its
    /// count frees it.
    fn defer(global: &Self::Global, obj: NonNull<Obj<S>>) {
        let _ = (global, obj);
    }
    /// `gc.freeze()`: make every counted object reachable from the runtime's deferred objects deferred as
    /// well; `flush` first settles the calling thread's pending count changes (a merge queue). Returns how
    /// many objects it froze (the default: none). Refused while another thread of the runtime exists.
    fn freeze(global: &Self::Global, flush: &mut dyn FnMut()) -> Result<usize, FreezeRefused> {
        let _ = (global, flush);
        Ok(0)
    }
}
